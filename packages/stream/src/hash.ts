import { createHash } from "node:crypto";

/** The 128-bit hash key space: 0 … 2^128 − 1. */
export const MAX_HASH_KEY = (1n << 128n) - 1n;

/** Partition key → MD5 → unsigned 128-bit integer (Developer Guide: "Partition key"). */
export function hashKeyOf(partitionKey: string): bigint {
  return BigInt(`0x${createHash("md5").update(partitionKey, "utf8").digest("hex")}`);
}

/** A decimal ExplicitHashKey, or undefined when it is not a 128-bit unsigned integer. */
export function parseHashKey(text: string): bigint | undefined {
  if (!/^\d{1,39}$/.test(text)) return undefined;
  const value = BigInt(text);
  return value <= MAX_HASH_KEY ? value : undefined;
}

/** `count` even ranges covering the whole key space, the last taking the remainder (as CreateStream splits it). */
export function evenRanges(count: number, start = 0n, end = MAX_HASH_KEY): [bigint, bigint][] {
  const size = (end - start + 1n) / BigInt(count);
  const ranges: [bigint, bigint][] = [];
  for (let i = 0; i < count; i++) {
    const from = start + size * BigInt(i);
    ranges.push([from, i === count - 1 ? end : from + size - 1n]);
  }
  return ranges;
}
