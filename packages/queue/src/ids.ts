/**
 * MessageIds without the string ropes: the same text `ctx.ids.uuid("sqs.ids")` gives (the same 16 bytes of the same
 * named stream, formatted the same way; `ids.test.ts` holds the two together), but written into a byte buffer and
 * decoded once, so each stored message keeps one flat 36-character string instead of a tree of slices and
 * concatenations. Sending is the hot path of every queue workload.
 */
import type { RandomStream } from "@simcloud/clock";

const HEX = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
const DASH = 0x2d;
const FOUR = 0x34;
const scratch = new Uint8Array(36);
const ascii = new TextDecoder("latin1");

const bytes = new Uint8Array(16);

/**
 * RFC 4122 version-4 UUID text from 16 bytes of `random`, exactly as `IdFactory.uuid` formats them. The bytes are
 * what `random.bytes(16)` would give (four 32-bit draws, each little-endian), drawn without allocating an array.
 */
export function uuidFrom(random: RandomStream): string {
  for (let i = 0; i < 16; i += 4) {
    const word = random.int(0x1_0000_0000);
    bytes[i] = word & 0xff;
    bytes[i + 1] = (word >>> 8) & 0xff;
    bytes[i + 2] = (word >>> 16) & 0xff;
    bytes[i + 3] = word >>> 24;
  }
  let j = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) scratch[j++] = DASH;
    const byte = bytes[i] as number;
    scratch[j++] = HEX[byte >> 4] as number;
    scratch[j++] = HEX[byte & 15] as number;
  }
  // Version nibble, and the variant from the high nibble of byte 8 (8, 9, a or b).
  scratch[14] = FOUR;
  scratch[19] = HEX[8 + (((bytes[8] as number) >> 4) & 3)] as number;
  return ascii.decode(scratch);
}
