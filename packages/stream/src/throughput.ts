import { LIMITS } from "./limits";
import type { ShardState } from "./shard";

/**
 * Per-shard throughput in virtual seconds (Kinesis Developer Guide, "Quotas and limits"). Writes: 1 MiB or 1,000
 * records per second, counted in the second they arrive. Reads: 5 GetRecords calls per second, and a 2 MiB per
 * second byte allowance that one large read overdraws, so a 10 MiB read holds the shard's reads for about 4 s.
 */
export function admitWrite(shard: ShardState, size: number, now: number): boolean {
  const second = Math.floor(now / 1000);
  if (shard.writeSecond !== second) {
    shard.writeSecond = second;
    shard.writeBytes = 0;
    shard.writeCount = 0;
  }
  if (shard.writeCount + 1 > LIMITS.writeRecordsPerSecond || shard.writeBytes + size > LIMITS.writeBytesPerSecond) return false;
  shard.writeCount++;
  shard.writeBytes += size;
  return true;
}

/** Takes one GetRecords call from the shard's budget; false (and no change) when the shard must refuse it. */
export function admitRead(shard: ShardState, now: number): boolean {
  const second = Math.floor(now / 1000);
  if (shard.readSecond !== second) {
    shard.readSecond = second;
    shard.readCalls = 0;
  }
  shard.readDebt = Math.max(0, shard.readDebt - ((now - shard.readDebtAt) * LIMITS.readBytesPerSecond) / 1000);
  shard.readDebtAt = now;
  if (shard.readCalls >= LIMITS.readCallsPerSecond || shard.readDebt >= LIMITS.readBytesPerSecond) return false;
  shard.readCalls++;
  return true;
}

/** Bytes a GetRecords returned, charged against the shard's read allowance. */
export function chargeRead(shard: ShardState, bytes: number): void {
  shard.readDebt += bytes;
}

/** Control-plane transactions per second per account (LIMITS.controlRates), one bucket per action. */
export class ControlRates {
  private readonly buckets = new Map<string, { second: number; count: number }>();

  /** Counts one call; false when the action already had its quota this second. */
  take(action: string, now: number): boolean {
    const max = LIMITS.controlRates[action];
    if (max === undefined) return true;
    const second = Math.floor(now / 1000);
    const bucket = this.buckets.get(action);
    if (bucket === undefined || bucket.second !== second) {
      this.buckets.set(action, { second, count: 1 });
      return true;
    }
    if (bucket.count >= max) return false;
    bucket.count++;
    return true;
  }
}
