import { errors } from "./errors";
import { LIMITS } from "./limits";
import type { ShardState, StoredRecord } from "./shard";
import type { StreamState } from "./stream";
import type { ChildShard, KinesisRecord, ShardFilter, ShardIteratorType } from "./types";
import { oneOf, required } from "./validate";

/**
 * Positions in a shard are cursors: "the next record has a sequence number at least this". An iterator, a
 * SubscribeToShard position and a poller's checkpoint are all one.
 */
export function startCursor(stream: StreamState, shard: ShardState, type: ShardIteratorType, sequence: string | undefined, timestamp: number | undefined, account: string): bigint {
  switch (type) {
    case "TRIM_HORIZON":
      return 0n;
    case "LATEST":
      return shard.open ? shard.lastSeq + 1n : (shard.endingSeq as bigint) + 1n;
    case "AT_TIMESTAMP": {
      const index = shard.indexAtTime(timestamp as number);
      return index < shard.records.length ? (shard.records[index] as StoredRecord).seq : shard.lastSeq + 1n;
    }
    default: {
      const seq = BigInt(sequence as string);
      const last = shard.open ? shard.lastSeq : (shard.endingSeq as bigint);
      if (seq < shard.startingSeq || seq > last) {
        throw errors.InvalidArgumentException(
          `StartingSequenceNumber ${sequence} used in GetShardIterator on shard ${shard.id} in stream ${stream.name} under account ${account} is invalid because it did not come from this stream.`,
        );
      }
      return type === "AT_SEQUENCE_NUMBER" ? seq : seq + 1n;
    }
  }
}

export interface ReadResult {
  records: StoredRecord[];
  /** The cursor after these records; undefined once a closed shard has been read to its end. */
  next: bigint | undefined;
  /** The age of the last record seen, 0 once the reader is caught up (GetRecords MillisBehindLatest). */
  behind: number;
  bytes: number;
}

/** Records from the cursor, within the GetRecords caps (10 MiB) and `limit` records. */
export function readFrom(shard: ShardState, cursor: bigint, limit: number, now: number): ReadResult {
  const records: StoredRecord[] = [];
  let bytes = 0;
  let index = shard.indexAtOrAfter(cursor);
  while (index < shard.records.length && records.length < limit) {
    const record = shard.records[index] as StoredRecord;
    if (records.length > 0 && bytes + record.size > LIMITS.getRecordsMaxBytes) break;
    records.push(record);
    bytes += record.size;
    index++;
  }
  const caughtUp = index >= shard.records.length;
  const next = records.length > 0 ? (records[records.length - 1] as StoredRecord).seq + 1n : cursor;
  const seen = records.length > 0 ? (records[records.length - 1] as StoredRecord) : (shard.records[index] as StoredRecord | undefined);
  const behind = caughtUp || seen === undefined ? 0 : now - seen.arrival;
  return { records, next: caughtUp && !shard.open ? undefined : next, behind, bytes };
}

export function childShards(stream: StreamState, shard: ShardState): ChildShard[] {
  return stream.shards.filter((candidate) => candidate.parent === shard.id || candidate.adjacentParent === shard.id).map((child) => child.asChild());
}

export function toKinesisRecord(stream: StreamState, record: StoredRecord): KinesisRecord {
  return {
    SequenceNumber: record.sequenceNumber,
    ApproximateArrivalTimestamp: new Date(record.arrival),
    Data: record.data,
    PartitionKey: record.partitionKey,
    ...(stream.encryption === "KMS" ? { EncryptionType: "KMS" as const } : {}),
  };
}

/** Shards still listed: open ones, and closed ones until their data is past retention. */
export function visibleShards(stream: StreamState, now: number): ShardState[] {
  const horizon = now - stream.retentionMs;
  return stream.shards.filter((shard) => shard.closedAt === undefined || shard.closedAt > horizon);
}

/** ListShards' ShardFilter (API Reference, "ShardFilter"). */
export function filterShards(stream: StreamState, filter: ShardFilter | undefined, now: number): ShardState[] {
  const shards = visibleShards(stream, now);
  if (filter === undefined) return shards;
  const type = oneOf(required(filter.Type, "shardFilter.type"), "shardFilter.type", ["AFTER_SHARD_ID", "AT_TRIM_HORIZON", "FROM_TRIM_HORIZON", "AT_LATEST", "AT_TIMESTAMP", "FROM_TIMESTAMP"]);
  const time = filter.Timestamp instanceof Date ? filter.Timestamp.getTime() : undefined;
  const horizon = Math.max(stream.createdAt, now - stream.retentionMs);
  const openAt = (shard: ShardState, at: number): boolean => shard.createdAt <= at && (shard.closedAt === undefined || shard.closedAt > at);
  switch (type) {
    case "AFTER_SHARD_ID": {
      const id = required(filter.ShardId, "shardFilter.shardId");
      return shards.filter((shard) => shard.id > id);
    }
    case "AT_LATEST":
      return shards.filter((shard) => shard.open);
    case "AT_TRIM_HORIZON":
      return shards.filter((shard) => openAt(shard, horizon));
    case "FROM_TRIM_HORIZON":
      return shards;
    case "AT_TIMESTAMP": {
      const at = Math.max(required(time, "shardFilter.timestamp"), stream.createdAt);
      return shards.filter((shard) => openAt(shard, at));
    }
    default: {
      const at = Math.max(required(time, "shardFilter.timestamp"), stream.createdAt);
      return shards.filter((shard) => shard.closedAt === undefined || shard.closedAt > at);
    }
  }
}
