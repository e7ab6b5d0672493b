/**
 * Receipt handle text: "AQEB", a 12-character base-36 nonce, then the base64url of "<incarnation>:<key>:<receipt>".
 * The nonce is a keyed digest of those three numbers under a per-queue secret drawn from the seeded `sqs.receipts`
 * stream, so a handle whose nonce was altered is recognisably not one the queue issued (AWS answers
 * ReceiptHandleIsInvalid) without the queue remembering any handle. Opaque to callers; encoded and decoded by hand
 * because this runs once per received and once per deleted message (Buffer round trips, regular expressions and
 * Number#toString(36) dominated the receive/delete path).
 */
import type { RandomStream } from "@simcloud/clock";

export const HANDLE_PREFIX = "AQEB";
export const NONCE_LENGTH = 12;

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
/** Character code → 6-bit value, -1 for characters outside the base64url alphabet. */
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64URL.length; i++) DECODE[BASE64URL.charCodeAt(i)] = i;

const scratch = new Uint8Array(128);
const ascii = new TextDecoder("latin1");
const BASE36_CODES = Array.from(BASE36, (c) => c.charCodeAt(0));
const BASE64URL_CODES = Array.from(BASE64URL, (c) => c.charCodeAt(0));
const PREFIX_CODES = Array.from(HANDLE_PREFIX, (c) => c.charCodeAt(0));

const payload = new Uint8Array(64);

/** What a queue incarnation signs its receipt handles with; the secret words come from its seeded random stream. */
export interface ReceiptKey {
  readonly incarnation: number;
  readonly secretHigh: number;
  readonly secretLow: number;
}

export function createReceiptKey(random: RandomStream, incarnation: number): ReceiptKey {
  return { incarnation, secretHigh: random.int(0x1_0000_0000), secretLow: random.int(0x1_0000_0000) };
}

/** murmur3's 32-bit finaliser: every input bit reaches every output bit. */
function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

let nonceLow = 0;

/**
 * The 48-bit nonce of (key, receipt) under `secret`: returns its upper 32 bits and leaves the lower 16 in `nonceLow`
 * (two numbers, no allocation). Not a cryptographic MAC: it tells a handle the queue issued from an altered or made-up
 * one, which is all AWS's ReceiptHandleIsInvalid promises.
 */
function nonceOf(secret: ReceiptKey, key: number, receipt: number): number {
  const keyLow = key | 0;
  const keyHigh = (key - (key >>> 0)) / 0x1_0000_0000;
  const a = fmix(secret.secretHigh ^ fmix(keyLow ^ Math.imul(receipt, 0x9e3779b1) ^ fmix(keyHigh ^ secret.incarnation)));
  nonceLow = fmix(secret.secretLow ^ a) >>> 16;
  return a >>> 0;
}

/** The nonce's twelve base-36 digits as `handleKey` reads them back: the number they spell, or -1. */
function readNonce(handle: string): number {
  let value = 0;
  for (let i = HANDLE_PREFIX.length; i < HANDLE_PREFIX.length + NONCE_LENGTH; i++) {
    const code = handle.charCodeAt(i);
    const digit = code >= 0x30 && code <= 0x39 ? code - 0x30 : code >= 0x61 && code <= 0x7a ? code - 0x61 + 10 : -1;
    if (digit < 0) return -1;
    value = value * 36 + digit;
  }
  return value;
}

/**
 * Written into a byte buffer and decoded once (a flat string, no rope). The nonce is the same text as
 * `(high * 2^16 + low).toString(36).padStart(12, "0")` for the digest's 48 bits, the payload the same as Buffer's
 * base64url of "<incarnation>:<key>:<receipt>".
 */
export function encodeHandle(secret: ReceiptKey, key: number, receipt: number): string {
  const incarnation = secret.incarnation;
  let j = 0;
  for (const code of PREFIX_CODES) scratch[j++] = code;
  // The 48-bit nonce as two 24-bit halves, divided by 36 in integer arithmetic (no floating-point modulo).
  const high = nonceOf(secret, key, receipt);
  const low = nonceLow;
  let upper = Math.floor(high / 0x100);
  let lower = (high & 0xff) * 0x1_0000 + low;
  for (let i = j + NONCE_LENGTH - 1; i >= j; i--) {
    const carry = upper % 36;
    upper = (upper - carry) / 36;
    const part = carry * 0x100_0000 + lower;
    const digit = part % 36;
    lower = (part - digit) / 36;
    scratch[i] = BASE36_CODES[digit] as number;
  }
  j += NONCE_LENGTH;
  let length = writeDecimal(incarnation, 0);
  payload[length++] = 0x3a;
  length = writeDecimal(key, length);
  payload[length++] = 0x3a;
  length = writeDecimal(receipt, length);
  // base64url without padding, three bytes at a time.
  let i = 0;
  for (; i + 2 < length; i += 3) {
    const v = ((payload[i] as number) << 16) | ((payload[i + 1] as number) << 8) | (payload[i + 2] as number);
    scratch[j++] = BASE64URL_CODES[v >> 18] as number;
    scratch[j++] = BASE64URL_CODES[(v >> 12) & 63] as number;
    scratch[j++] = BASE64URL_CODES[(v >> 6) & 63] as number;
    scratch[j++] = BASE64URL_CODES[v & 63] as number;
  }
  if (length - i === 1) {
    const v = (payload[i] as number) << 16;
    scratch[j++] = BASE64URL_CODES[v >> 18] as number;
    scratch[j++] = BASE64URL_CODES[(v >> 12) & 63] as number;
  } else if (length - i === 2) {
    const v = ((payload[i] as number) << 16) | ((payload[i + 1] as number) << 8);
    scratch[j++] = BASE64URL_CODES[v >> 18] as number;
    scratch[j++] = BASE64URL_CODES[(v >> 12) & 63] as number;
    scratch[j++] = BASE64URL_CODES[(v >> 6) & 63] as number;
  }
  return ascii.decode(scratch.subarray(0, j));
}

/** Writes the decimal digits of a non-negative integer at `at`; returns the end. */
function writeDecimal(value: number, at: number): number {
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  let rest = value;
  for (let i = at + digits - 1; i >= at; i--) {
    const digit = rest % 10;
    payload[i] = 0x30 + digit;
    rest = (rest - digit) / 10;
  }
  return at + digits;
}

let lastReceipt = 0;

/** The receive number named by the handle that the last successful `handleKey` call decoded. */
export function lastHandleReceipt(): number {
  return lastReceipt;
}

/**
 * The message key a handle of this queue incarnation names, or -1 when it is not such a handle. Decodes the
 * base64url payload and reads "<digits>:<digits>:<digits>" from it in one pass; anything else (a character outside
 * the alphabet, a byte that is not a digit or colon, a missing or extra part, another incarnation, receipt 0, a nonce
 * that is not the digest of the three numbers under this queue's secret) is -1.
 */
export function handleKey(handle: unknown, secret: ReceiptKey): number {
  const incarnation = secret.incarnation;
  if (typeof handle !== "string" || handle.length <= HANDLE_PREFIX.length + NONCE_LENGTH || !handle.startsWith(HANDLE_PREFIX)) return -1;
  let incarnationPart = 0;
  let key = 0;
  let receipt = 0;
  let part = 0;
  let digits = 0;
  let bits = 0;
  let bitCount = 0;
  for (let i = HANDLE_PREFIX.length + NONCE_LENGTH; i < handle.length; i++) {
    const code = handle.charCodeAt(i);
    const sextet = code < 128 ? (DECODE[code] as number) : -1;
    if (sextet < 0) return -1;
    bits = ((bits << 6) | sextet) & 0xffffff;
    bitCount += 6;
    if (bitCount < 8) continue;
    bitCount -= 8;
    const byte = (bits >> bitCount) & 0xff;
    if (byte === 0x3a) {
      if (digits === 0 || part === 2) return -1;
      part++;
      digits = 0;
    } else if (byte >= 0x30 && byte <= 0x39) {
      const digit = byte - 0x30;
      if (part === 0) incarnationPart = incarnationPart * 10 + digit;
      else if (part === 1) key = key * 10 + digit;
      else receipt = receipt * 10 + digit;
      digits++;
    } else return -1;
  }
  // What is left must be the zero padding of the last character.
  if (bitCount >= 6 || (bits & ((1 << bitCount) - 1)) !== 0) return -1;
  if (part !== 2 || digits === 0 || incarnationPart !== incarnation || receipt < 1) return -1;
  const high = nonceOf(secret, key, receipt);
  if (readNonce(handle) !== high * 0x1_0000 + nonceLow) return -1;
  lastReceipt = receipt;
  return key;
}
