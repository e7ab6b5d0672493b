import type { SimContext } from "@simcloud/core";
import { LIMITS } from "./limits";
import { childShards, readFrom, toKinesisRecord } from "./reading";
import type { ShardState, StoredRecord } from "./shard";
import type { ConsumerState, StreamState } from "./stream";
import type { SubscribeToShardEvent } from "./types";

/** A SubscribeToShard connection lasts 5 minutes (API Reference, "SubscribeToShard"). */
const SUBSCRIPTION_MS = 5 * 60_000;

/**
 * SubscribeToShard's event stream as an async iterator: an event at once, then one whenever records arrive, until
 * the shard ends, the consumer or stream goes, or 5 virtual minutes pass. A consumer awaiting the next event waits
 * through `scheduler.waitFor`, so autoAdvance can move time to the next put or to the end of the subscription.
 */
export async function* subscription(ctx: SimContext, stream: StreamState, consumer: ConsumerState, shard: ShardState, cursor: bigint): AsyncGenerator<{ SubscribeToShardEvent: SubscribeToShardEvent }> {
  let expired = false;
  const end = new Promise<void>((resolve) => {
    // Disposing the cloud ends the subscription: a consumer awaiting its next event must not hang.
    ctx.scheduler.onDispose(() => {
      expired = true;
      resolve();
    });
    ctx.scheduler.after(
      SUBSCRIPTION_MS,
      () => {
        expired = true;
        resolve();
      },
      { label: `kinesis:${stream.name} ${consumer.name} subscription`, background: true },
    );
  });
  let position: bigint | undefined = cursor;
  let first = true;
  while (position !== undefined && !expired && !stream.deleted && consumer.status === "ACTIVE") {
    const { records, next, behind } = readFrom(shard, position, LIMITS.getRecordsMaxRecords, ctx.clock.now());
    if (records.length > 0 || next === undefined || first) {
      first = false;
      const continuation = records.length > 0 ? (records[records.length - 1] as StoredRecord).sequenceNumber : (position - 1n).toString();
      yield {
        SubscribeToShardEvent: {
          Records: records.map((record) => toKinesisRecord(stream, record)),
          ContinuationSequenceNumber: continuation,
          MillisBehindLatest: behind,
          ...(next === undefined ? { ChildShards: childShards(stream, shard) } : {}),
        },
      };
      position = next;
      continue;
    }
    await ctx.scheduler.waitFor(Promise.race([shard.changed(), end]));
  }
}
