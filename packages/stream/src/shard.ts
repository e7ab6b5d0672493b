import type { ArmedTask } from "@simcloud/clock";
import type { ChildShard, Shard } from "./types";

/** A record as a shard keeps it: immutable once appended. */
export interface StoredRecord {
  readonly seq: bigint;
  readonly sequenceNumber: string;
  readonly data: Uint8Array;
  readonly partitionKey: string;
  readonly arrival: number;
  /** Data plus partition key bytes: what throughput and GetRecords sizes count. */
  readonly size: number;
}

const SEQ_PREFIX = 49n * 10n ** 54n;
const MS_UNIT = 10n ** 30n;
const SHARD_UNIT = 10n ** 20n;

/**
 * Sequence numbers are 56-digit decimals as AWS's are ("49" then digits). Arrival time dominates, then the shard's
 * index, then a per-shard counter: strictly increasing within a shard, and a child shard's numbers exceed its
 * parents' (children have higher indexes and open no earlier than their parents close).
 */
export function sequenceAt(ms: number, shardIndex: number, counter: bigint): bigint {
  return SEQ_PREFIX + BigInt(ms) * MS_UNIT + BigInt(shardIndex) * SHARD_UNIT + counter;
}

export function shardIdOf(index: number): string {
  return `shardId-${String(index).padStart(12, "0")}`;
}

/** One shard: its hash range, lineage, records and per-second throughput buckets. Plain mutable state (hot path). */
export class ShardState {
  readonly id: string;
  readonly startingSeq: bigint;
  endingSeq: bigint | undefined;
  closedAt: number | undefined;
  readonly records: StoredRecord[] = [];
  /** Index of the oldest record still within retention. */
  head = 0;
  lastSeq: bigint;
  private counter = 0n;
  private baseMs = -1;
  private base = 0n;
  /** Armed for the oldest record's expiry (the service owns it). */
  retention: ArmedTask | undefined;
  /** Resolved on every append and on close: SubscribeToShard and the Lambda poller wait on these. */
  private waiters: (() => void)[] = [];

  writeSecond = -1;
  writeBytes = 0;
  writeCount = 0;
  readSecond = -1;
  readCalls = 0;
  readDebt = 0;
  readDebtAt = 0;

  constructor(
    readonly index: number,
    readonly start: bigint,
    readonly end: bigint,
    readonly createdAt: number,
    readonly parent?: string,
    readonly adjacentParent?: string,
  ) {
    this.id = shardIdOf(index);
    this.startingSeq = sequenceAt(createdAt, index, 0n);
    this.lastSeq = this.startingSeq;
  }

  get open(): boolean {
    return this.endingSeq === undefined;
  }

  contains(hashKey: bigint): boolean {
    return hashKey >= this.start && hashKey <= this.end;
  }

  append(data: Uint8Array, partitionKey: string, now: number, size: number, atLeast?: bigint): StoredRecord {
    this.counter++;
    // The time-and-shard part of the number changes only when time moves: build it once per instant.
    if (now !== this.baseMs) {
      this.baseMs = now;
      this.base = sequenceAt(now, this.index, 0n);
    }
    let seq = this.base + this.counter;
    if (seq <= this.lastSeq) seq = this.lastSeq + 1n;
    if (atLeast !== undefined && seq <= atLeast) seq = atLeast + 1n;
    this.lastSeq = seq;
    const record: StoredRecord = { seq, sequenceNumber: seq.toString(), data, partitionKey, arrival: now, size };
    this.records.push(record);
    this.wake();
    return record;
  }

  close(now: number): void {
    this.endingSeq = this.lastSeq;
    this.closedAt = now;
    this.wake();
  }

  /** The first live record whose sequence number is at least `cursor` (binary search). */
  indexAtOrAfter(cursor: bigint): number {
    let low = this.head;
    let high = this.records.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.records[mid] as StoredRecord).seq < cursor) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The first live record that arrived at or after `time`. */
  indexAtTime(time: number): number {
    let low = this.head;
    let high = this.records.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.records[mid] as StoredRecord).arrival < time) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Drops records that arrived before `cutoff`; returns how many went. */
  expireBefore(cutoff: number): number {
    const from = this.head;
    while (this.head < this.records.length && (this.records[this.head] as StoredRecord).arrival < cutoff) this.head++;
    // Compact now and then so a long-lived shard does not keep every expired record reachable.
    if (this.head > 4096 && this.head * 2 > this.records.length) {
      this.records.splice(0, this.head);
      this.head = 0;
    }
    return this.head - from;
  }

  /** Resolves on the next append or close. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  describe(): Shard {
    return {
      ShardId: this.id,
      ...(this.parent === undefined ? {} : { ParentShardId: this.parent }),
      ...(this.adjacentParent === undefined ? {} : { AdjacentParentShardId: this.adjacentParent }),
      HashKeyRange: { StartingHashKey: this.start.toString(), EndingHashKey: this.end.toString() },
      SequenceNumberRange: {
        StartingSequenceNumber: this.startingSeq.toString(),
        ...(this.endingSeq === undefined ? {} : { EndingSequenceNumber: this.endingSeq.toString() }),
      },
    };
  }

  asChild(): ChildShard {
    return {
      ShardId: this.id,
      ParentShards: [this.parent, this.adjacentParent].filter((id): id is string => id !== undefined),
      HashKeyRange: { StartingHashKey: this.start.toString(), EndingHashKey: this.end.toString() },
    };
  }
}
