import { customRandom, urlAlphabet } from "nanoid";
import type { Random, RandomStream } from "./random";

/** Ids drawn from the seeded source. Each method takes the name of the random stream to draw from. */
export interface IdFactory {
  /** RFC 4122 version-4 UUID text, e.g. SQS MessageId, Lambda request ids. */
  uuid(stream?: string): string;
  /** nanoid-style id of `size` characters from `alphabet` (default: nanoid's URL-safe alphabet). */
  nanoid(stream?: string, size?: number, alphabet?: string): string;
  /** Lower-case hex of `length` characters. */
  hex(length: number, stream?: string): string;
  /** Decimal digits of `length` characters (leading digit non-zero). */
  digits(length: number, stream?: string): string;
}

const HEX = "0123456789abcdef";
const HEX_CODES = Array.from(HEX, (c) => c.charCodeAt(0));
const uuidBytes = new Uint8Array(16);
const uuidText = new Uint8Array(36);
const latin1 = new TextDecoder("latin1");

/**
 * RFC 4122 version-4 UUID text from 16 random bytes (four 32-bit draws, little-endian, as `bytes(16)` gives them),
 * written into a byte buffer and decoded once: a flat 36-character string, no ropes of slices. Every SQS, SNS and
 * Lambda id goes through here, so it is a hot path.
 */
function formatUuid(source: RandomStream): string {
  for (let i = 0; i < 16; i += 4) {
    const word = source.int(0x1_0000_0000);
    uuidBytes[i] = word & 0xff;
    uuidBytes[i + 1] = (word >>> 8) & 0xff;
    uuidBytes[i + 2] = (word >>> 16) & 0xff;
    uuidBytes[i + 3] = word >>> 24;
  }
  let j = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) uuidText[j++] = 0x2d;
    const byte = uuidBytes[i] as number;
    uuidText[j++] = HEX_CODES[byte >> 4] as number;
    uuidText[j++] = HEX_CODES[byte & 15] as number;
  }
  // Version nibble 4, and the variant (8, 9, a or b) from the high nibble of byte 8.
  uuidText[14] = 0x34;
  uuidText[19] = HEX_CODES[8 + (((uuidBytes[8] as number) >> 4) & 3)] as number;
  return latin1.decode(uuidText);
}

export function createIds(random: Random): IdFactory {
  const generators = new Map<string, () => string>();
  const hex = (length: number, stream: string): string => {
    const bytes = random.stream(stream).bytes(Math.ceil(length / 2));
    let out = "";
    for (let i = 0; i < length; i++) {
      const byte = bytes[i >> 1] as number;
      out += HEX[i & 1 ? byte & 0x0f : byte >> 4];
    }
    return out;
  };
  return {
    uuid(stream = "ids") {
      return formatUuid(random.stream(stream));
    },
    nanoid(stream = "ids", size = 21, alphabet = urlAlphabet) {
      const key = `${stream}\u0000${size}\u0000${alphabet}`;
      let generate = generators.get(key);
      if (generate === undefined) {
        const source = random.stream(stream);
        generate = customRandom(alphabet, size, (bytes) => source.bytes(bytes));
        generators.set(key, generate);
      }
      return generate();
    },
    hex(length, stream = "ids") {
      return hex(length, stream);
    },
    digits(length, stream = "ids") {
      const source = random.stream(stream);
      let out = String(1 + source.int(9));
      for (let i = 1; i < length; i++) out += String(source.int(10));
      return out;
    },
  };
}
