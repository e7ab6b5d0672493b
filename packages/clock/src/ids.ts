import { customRandom, urlAlphabet } from "nanoid";
import type { Random } from "./random";

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
      const h = hex(32, stream);
      const variant = HEX[8 + (parseInt(h[16] as string, 16) & 3)];
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
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
