import type { TaskHandle } from "@simcloud/clock";
import type { TagSet } from "@simcloud/core";
import { evenRanges } from "./hash";
import { ShardState } from "./shard";
import type { ConsumerStatus, EncryptionType, MetricsName, StreamMode, StreamStatus } from "./types";

export interface ConsumerState {
  name: string;
  arn: string;
  status: ConsumerStatus;
  createdAt: number;
  task: TaskHandle | undefined;
}

/** What one reshard did: the shards it closed and opened, in order, for traces and listeners. */
export interface ReshardResult {
  closed: ShardState[];
  opened: ShardState[];
}

/** One data stream: its shards (all of them, closed ones included, by index), settings, tags and consumers. */
export class StreamState {
  status: StreamStatus = "CREATING";
  readonly shards: ShardState[] = [];
  readonly byId = new Map<string, ShardState>();
  /** Open shards sorted by starting hash key: the routing table. */
  open: ShardState[] = [];
  retentionHours: number;
  encryption: EncryptionType = "NONE";
  keyId: string | undefined;
  maxRecordKiB: number;
  /** Shard-level metrics enabled by EnableEnhancedMonitoring (recorded, not emitted). */
  readonly metrics = new Set<MetricsName>();
  /** Resource policies by the ARN they were put on (the stream's or a consumer's). */
  readonly policies = new Map<string, string>();
  readonly consumers = new Map<string, ConsumerState>();
  statusTask: TaskHandle | undefined;
  /** A reshard applied when the UPDATING period ends. */
  pending: (() => void) | undefined;
  deleted = false;
  /** When UpdateShardCount was last called (its ten-per-24-hours limit). */
  scalings: number[] = [];

  constructor(
    readonly name: string,
    readonly arn: string,
    public mode: StreamMode,
    readonly createdAt: number,
    shardCount: number,
    retentionHours: number,
    maxRecordKiB: number,
    readonly tags: TagSet,
  ) {
    this.retentionHours = retentionHours;
    this.maxRecordKiB = maxRecordKiB;
    for (const [start, end] of evenRanges(shardCount)) this.add(new ShardState(this.shards.length, start, end, createdAt));
    this.reindex();
  }

  get retentionMs(): number {
    return this.retentionHours * 3_600_000;
  }

  /** The open shard whose hash range holds the key (binary search over the sorted open shards). */
  route(hashKey: bigint): ShardState {
    let low = 0;
    let high = this.open.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((this.open[mid] as ShardState).start <= hashKey) low = mid;
      else high = mid - 1;
    }
    return this.open[low] as ShardState;
  }

  /** SplitShard: the parent closes, two children cover its range split at `at` (the second child starts there). */
  split(parent: ShardState, at: bigint, now: number): ReshardResult {
    parent.close(now);
    const low = this.add(new ShardState(this.shards.length, parent.start, at - 1n, now, parent.id));
    const high = this.add(new ShardState(this.shards.length, at, parent.end, now, parent.id));
    this.reindex();
    return { closed: [parent], opened: [low, high] };
  }

  /** MergeShards: both close; one child covers both ranges, its parent the shard to merge, its adjacent parent the other. */
  merge(shard: ShardState, adjacent: ShardState, now: number): ReshardResult {
    shard.close(now);
    adjacent.close(now);
    const start = shard.start < adjacent.start ? shard.start : adjacent.start;
    const end = shard.end > adjacent.end ? shard.end : adjacent.end;
    const child = this.add(new ShardState(this.shards.length, start, end, now, shard.id, adjacent.id));
    this.reindex();
    return { closed: [shard, adjacent], opened: [child] };
  }

  /**
   * UpdateShardCount with UNIFORM_SCALING, done as AWS does it: splits of the open shards at the new even
   * boundaries, then pairwise merges of the pieces, so that every shard has at most a parent and an adjacent parent
   * and reading parents before children keeps each partition key in order. Intermediate shards are closed at once.
   */
  scaleTo(target: number, now: number): ReshardResult {
    const closed: ShardState[] = [];
    const firstNew = this.shards.length;
    const targets = evenRanges(target);
    const boundaries = targets.slice(1).map(([start]) => start);
    for (const shard of [...this.open]) {
      let current = shard;
      for (const at of boundaries) {
        if (at > current.start && at <= current.end) {
          const { opened } = this.split(current, at, now);
          closed.push(current);
          current = opened[1] as ShardState;
        }
      }
    }
    for (const [start, end] of targets) {
      let pieces = this.open.filter((shard) => shard.start >= start && shard.end <= end);
      while (pieces.length > 1) {
        const [first, second] = pieces as [ShardState, ShardState];
        this.merge(first, second, now);
        closed.push(first, second);
        pieces = this.open.filter((shard) => shard.start >= start && shard.end <= end);
      }
    }
    return { closed, opened: this.open.filter((shard) => shard.index >= firstNew) };
  }

  private add(shard: ShardState): ShardState {
    this.shards.push(shard);
    this.byId.set(shard.id, shard);
    return shard;
  }

  private reindex(): void {
    this.open = this.shards.filter((shard) => shard.open).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  }
}
