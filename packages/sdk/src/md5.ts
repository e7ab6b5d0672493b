/**
 * MD5 (RFC 1321) in plain JS, for the SQS client's `md5` setting: the client checks the digest of every message body
 * it sends or receives. For message-sized inputs, creating a node:crypto hash per message cost more than hashing:
 * this is several times faster there, and the SDK still checks every digest. Tested against node:crypto.
 */

const S = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21];
const K = new Int32Array(64);
for (let i = 0; i < 64; i++) K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0;
const SHIFTS = Int32Array.from(S);

/** One reusable block buffer: hashing is synchronous, so calls never interleave. */
const words = new Int32Array(16);

function compress(state: Int32Array, block: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const at = offset + i * 4;
    words[i] = (block[at] as number) | ((block[at + 1] as number) << 8) | ((block[at + 2] as number) << 16) | ((block[at + 3] as number) << 24);
  }
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  for (let i = 0; i < 64; i++) {
    let f: number;
    let g: number;
    if (i < 16) {
      f = (b & c) | (~b & d);
      g = i;
    } else if (i < 32) {
      f = (d & b) | (~d & c);
      g = (5 * i + 1) & 15;
    } else if (i < 48) {
      f = b ^ c ^ d;
      g = (3 * i + 5) & 15;
    } else {
      f = c ^ (b | ~d);
      g = (7 * i) & 15;
    }
    const sum = (a + f + (K[i] as number) + (words[g] as number)) | 0;
    const shift = SHIFTS[i] as number;
    a = d;
    d = c;
    c = b;
    b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
}

/** Scratch space reused across calls (hashing is synchronous): the running state and the one or two final blocks. */
const state = new Int32Array(4);
const tail = new Uint8Array(128);

export function md5(data: Uint8Array): Uint8Array {
  state[0] = 0x67452301;
  state[1] = 0xefcdab89 | 0;
  state[2] = 0x98badcfe | 0;
  state[3] = 0x10325476;
  const length = data.length;
  let offset = 0;
  for (; offset + 64 <= length; offset += 64) compress(state, data, offset);
  // The tail, the 0x80 marker and the bit length, in one or two final blocks.
  const rest = length - offset;
  const blocks = rest < 56 ? 64 : 128;
  tail.fill(0, 0, blocks);
  for (let i = 0; i < rest; i++) tail[i] = data[offset + i] as number;
  tail[rest] = 0x80;
  const end = blocks - 8;
  const bits = length * 8;
  for (let i = 0; i < 4; i++) tail[end + i] = (bits >>> (8 * i)) & 0xff;
  const high = Math.floor(length / 0x20000000);
  for (let i = 0; i < 4; i++) tail[end + 4 + i] = (high >>> (8 * i)) & 0xff;
  for (let at = 0; at < blocks; at += 64) compress(state, tail, at);
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = ((state[i >> 2] as number) >>> (8 * (i & 3))) & 0xff;
  return out;
}

const encoder = new TextEncoder();

/** The SDK's Checksum contract (`new md5()`, `update`, `digest`, `reset`), as the client's `md5` setting takes it. */
export class Md5 {
  private chunks: Uint8Array[] = [];

  update(data: Uint8Array | string): void {
    this.chunks.push(typeof data === "string" ? encoder.encode(data) : data);
  }

  async digest(): Promise<Uint8Array> {
    return this.digestSync();
  }

  digestSync(): Uint8Array {
    const { chunks } = this;
    if (chunks.length === 1) return md5(chunks[0] as Uint8Array);
    let size = 0;
    for (const chunk of chunks) size += chunk.length;
    const all = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    return md5(all);
  }

  reset(): void {
    this.chunks = [];
  }
}
