/**
 * SubscribeToShard answers recorded from AWS in LocalStack's tests/aws/services/kinesis/test_kinesis.snapshot.json,
 * checked through the native API (the SDK path cannot carry the HTTP/2 event stream; docs/kinesis.md). The other
 * recorded Kinesis answers are scenario cases in conformance/vectors/parity-kinesis.json.
 */
import { describe, expect, it } from "vitest";
import type { StartingPosition, SubscribeToShardEvent } from "./types";
import { bytes, harness, textOf, type Harness } from "./test-helpers";

const ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/s";

async function subscribed(position: StartingPosition | ((h: Harness) => Promise<StartingPosition>)) {
  const h = harness();
  await h.stream("s");
  const { Consumer } = await h.kinesis.registerStreamConsumer({ StreamARN: ARN, ConsumerName: "c1" });
  await h.ctx.scheduler.advance(1_000);
  const start = typeof position === "function" ? await position(h) : position;
  const { EventStream } = await h.kinesis.subscribeToShard({ ConsumerARN: Consumer.ConsumerARN, ShardId: "shardId-000000000000", StartingPosition: start });
  return { h, events: EventStream[Symbol.asyncIterator]() };
}

async function collect(events: AsyncIterator<{ SubscribeToShardEvent: SubscribeToShardEvent }>, count: number): Promise<SubscribeToShardEvent[]> {
  const out: SubscribeToShardEvent[] = [];
  let records = 0;
  while (records < count) {
    const next = await events.next();
    if (next.done === true) break;
    const event = next.value.SubscribeToShardEvent;
    if (event.Records.length === 0) continue;
    out.push(event);
    records += event.Records.length;
  }
  return out;
}

describe("recorded AWS answers: SubscribeToShard", () => {
  it("test_subscribe_to_shard: one PutRecords of 5 arrives as one event, MillisBehindLatest 0", async () => {
    const { h, events } = await subscribed({ Type: "TRIM_HORIZON" });
    const pending = collect(events, 5);
    await h.kinesis.putRecords({ StreamName: "s", Records: [0, 1, 2, 3, 4].map((i) => ({ Data: bytes(`Hello world_${i}`), PartitionKey: "1" })) });
    const got = await pending;
    expect(got).toHaveLength(1);
    expect(got[0]?.Records.map((record) => [textOf(record.Data), record.PartitionKey])).toEqual([0, 1, 2, 3, 4].map((i) => [`Hello world_${i}`, "1"]));
    expect(got[0]).toMatchObject({ MillisBehindLatest: 0, ContinuationSequenceNumber: got[0]?.Records[4]?.SequenceNumber });
  });

  it("test_subscribe_to_shard_with_sequence_number_as_iterator: AT_SEQUENCE_NUMBER of the shard's starting number", async () => {
    const { h, events } = await subscribed(async (h) => {
      const shard = (await h.kinesis.describeStream({ StreamName: "s" })).StreamDescription.Shards[0];
      return { Type: "AT_SEQUENCE_NUMBER", SequenceNumber: shard?.SequenceNumberRange.StartingSequenceNumber };
    });
    const pending = collect(events, 5);
    for (let i = 0; i < 5; i++) await h.kinesis.putRecords({ StreamName: "s", Records: [{ Data: bytes(`Hello world_${i}`), PartitionKey: "1" }] });
    const records = (await pending).flatMap((event) => event.Records.map((record) => textOf(record.Data)));
    expect(records.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `Hello world_${i}`));
  });

  it("test_subscribe_to_shard_with_at_timestamp: records at or after the timestamp", async () => {
    const { h, events } = await subscribed(async (h) => ({ Type: "AT_TIMESTAMP", Timestamp: new Date(h.ctx.clock.now()) }));
    const pending = collect(events, 5);
    for (let i = 0; i < 5; i++) await h.kinesis.putRecord({ StreamName: "s", Data: bytes(`Hello world_${i}`), PartitionKey: "1" });
    expect((await pending).flatMap((event) => event.Records.map((record) => textOf(record.Data)))).toEqual([0, 1, 2, 3, 4].map((i) => `Hello world_${i}`));
  });

  it("test_subscribe_to_shard_timeout: a subscription that has run out yields nothing more", async () => {
    const { h, events } = await subscribed({ Type: "TRIM_HORIZON" });
    expect((await events.next()).value?.SubscribeToShardEvent.Records).toEqual([]);
    await h.ctx.scheduler.advance(5 * 60_000 + 1);
    await h.kinesis.putRecords({ StreamName: "s", Records: [{ Data: bytes("Hello world"), PartitionKey: "1" }] });
    expect((await events.next()).done).toBe(true);
  });
});
