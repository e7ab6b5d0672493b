import type { SimContext, StreamPort, StreamPutInput, StreamPutOutput, StreamStartPosition } from "@simcloud/core";
import { LIMITS } from "./limits";
import { readFrom, startCursor, visibleShards } from "./reading";
import type { ShardState } from "./shard";
import type { StreamState } from "./stream";

/**
 * The `stream` port a stream registers: what other services (Lambda's Kinesis poller, EventBridge targets) may do
 * with it. Reads here are the poller's own and do not take from the shard's GetRecords budget.
 */
export function streamPort(ctx: SimContext, stream: StreamState, put: (input: StreamPutInput) => StreamPutOutput): StreamPort {
  const shardFor = (shardId: string): ShardState | undefined => (stream.deleted ? undefined : stream.byId.get(shardId));
  return {
    kind: "stream",
    arn: stream.arn,
    async putRecord(input) {
      return put(input);
    },
    readable: () => !stream.deleted && (stream.status === "ACTIVE" || stream.status === "UPDATING"),
    retentionHours: () => stream.retentionHours,
    shards: () =>
      visibleShards(stream, ctx.clock.now()).map((shard) => ({
        ShardId: shard.id,
        ...(shard.parent === undefined ? {} : { ParentShardId: shard.parent }),
        ...(shard.adjacentParent === undefined ? {} : { AdjacentParentShardId: shard.adjacentParent }),
        open: shard.open,
      })),
    position(shardId, start: StreamStartPosition) {
      const shard = shardFor(shardId);
      if (shard === undefined) return undefined;
      if (start.type === "AFTER_SEQUENCE_NUMBER") return (BigInt(start.sequenceNumber) + 1n).toString();
      const timestamp = start.type === "AT_TIMESTAMP" ? start.timestamp : undefined;
      return startCursor(stream, shard, start.type, undefined, timestamp, ctx.accountId).toString();
    },
    read(shardId, cursor, limit) {
      const shard = shardFor(shardId);
      if (shard === undefined) return undefined;
      const { records, next, behind } = readFrom(shard, BigInt(cursor), Math.min(limit, LIMITS.getRecordsMaxRecords), ctx.clock.now());
      return {
        records: records.map((record) => ({ sequenceNumber: record.sequenceNumber, approximateArrivalTimestamp: record.arrival, data: record.data, partitionKey: record.partitionKey })),
        next: next?.toString(),
        millisBehindLatest: behind,
      };
    },
    changed(shardId) {
      const shard = shardFor(shardId);
      return shard === undefined ? Promise.resolve() : shard.changed();
    },
  };
}
