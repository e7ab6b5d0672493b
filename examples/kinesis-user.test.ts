/**
 * A new user's Kinesis walk-through with the real KinesisClient (red-team check of issue #15).
 */
import {
  CreateStreamCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  MergeShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  SplitShardCommand,
  waitUntilStreamExists,
} from "@aws-sdk/client-kinesis";
import { createCloud, type KinesisEventRecord } from "simcloud";
import { expect, it } from "vitest";

const enc = (s: string) => new TextEncoder().encode(s);

// The SDK's waiters sleep on real timers between polls (StreamExists: 10 s), which no simcloud clock mode can
// shorten, and a real sleep is not simulator work, so autoAdvance does not jump over the stream's CREATING period
// while a waiter sleeps. Advance past it first: the waiter then succeeds at its first poll (docs/kinesis.md).
for (const autoAdvance of [false, true]) {
  it(`waitUntilStreamExists succeeds at its first poll once the clock is past CREATING (autoAdvance: ${autoAdvance})`, async () => {
    await using cloud = createCloud({ autoAdvance });
    const kinesis = new KinesisClient(cloud.clientConfig());
    await kinesis.send(new CreateStreamCommand({ StreamName: "s", ShardCount: 2 }));
    expect((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: "s" }))).StreamDescriptionSummary?.StreamStatus).toBe("CREATING");
    await cloud.advance(1_000);
    const result = await waitUntilStreamExists({ client: kinesis, maxWaitTime: 30 }, { StreamName: "s" });
    expect(result.state).toBe("SUCCESS");
    expect((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: "s" }))).StreamDescriptionSummary?.StreamStatus).toBe("ACTIVE");
  });
}

it("puts, reads with iterators, splits and merges through the SDK as AWS documents", async () => {
  await using cloud = createCloud();
  const kinesis = new KinesisClient(cloud.clientConfig());
  await kinesis.send(new CreateStreamCommand({ StreamName: "s", ShardCount: 2 }));
  await cloud.advance(1_000);
  const desc = (await kinesis.send(new DescribeStreamCommand({ StreamName: "s" }))).StreamDescription;
  expect(desc).toMatchObject({ StreamStatus: "ACTIVE", EncryptionType: "NONE", StreamModeDetails: { StreamMode: "PROVISIONED" }, HasMoreShards: false, RetentionPeriodHours: 24 });
  const put = await kinesis.send(new PutRecordCommand({ StreamName: "s", PartitionKey: "a", Data: enc("1") }));
  expect(put.SequenceNumber).toMatch(/^49\d{54}$/);
  const batch = await kinesis.send(new PutRecordsCommand({ StreamName: "s", Records: [{ PartitionKey: "a", Data: enc("2") }, { PartitionKey: "a", Data: enc("3") }] }));
  expect(batch.FailedRecordCount).toBe(0);
  const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: "s", ShardId: put.ShardId, ShardIteratorType: "AFTER_SEQUENCE_NUMBER", StartingSequenceNumber: put.SequenceNumber }));
  const got = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
  expect(got.Records?.map((record) => new TextDecoder().decode(record.Data))).toEqual(["2", "3"]);
  expect(got.Records?.[0]?.ApproximateArrivalTimestamp).toBeInstanceOf(Date);
  expect(got.MillisBehindLatest).toBe(0);

  await kinesis.send(new SplitShardCommand({ StreamName: "s", ShardToSplit: "shardId-000000000000", NewStartingHashKey: "1000" }));
  await cloud.advance(1_000);
  await kinesis.send(new MergeShardsCommand({ StreamName: "s", ShardToMerge: "shardId-000000000002", AdjacentShardToMerge: "shardId-000000000003" }));
  await cloud.advance(1_000);
  const shards = (await kinesis.send(new ListShardsCommand({ StreamName: "s" }))).Shards ?? [];
  expect(shards.map((shard) => [shard.ShardId, shard.ParentShardId, shard.AdjacentParentShardId])).toEqual([
    ["shardId-000000000000", undefined, undefined],
    ["shardId-000000000001", undefined, undefined],
    ["shardId-000000000002", "shardId-000000000000", undefined],
    ["shardId-000000000003", "shardId-000000000000", undefined],
    ["shardId-000000000004", "shardId-000000000002", "shardId-000000000003"],
  ]);
  // The closed parent read to its end names its children and has no NextShardIterator.
  const end = await kinesis.send(new GetRecordsCommand({ ShardIterator: got.NextShardIterator }));
  expect(end.NextShardIterator).toBeUndefined();
  expect(end.ChildShards?.map((child) => child.ShardId)).toEqual(["shardId-000000000002", "shardId-000000000003"]);
});

it("a Kinesis mapping with ReportBatchItemFailures retries from the failed item; a handler that never settles times out and is retried", async () => {
  await using cloud = createCloud({ seed: 1 });
  await cloud.kinesis.createStream({ StreamName: "s", ShardCount: 1 });
  await cloud.advance(1_000);
  const batches: string[][] = [];
  let hang = true;
  await cloud.lambda.createFunction({
    FunctionName: "f",
    Timeout: 3,
    handler: async (event: { Records: KinesisEventRecord[] }) => {
      const values = event.Records.map((record) => Buffer.from(record.kinesis.data, "base64").toString());
      batches.push(values);
      if (values.includes("2") && hang) {
        hang = false;
        return new Promise(() => undefined);
      }
      const bad = event.Records.find((record) => Buffer.from(record.kinesis.data, "base64").toString() === "3");
      if (bad !== undefined && batches.length < 4) return { batchItemFailures: [{ itemIdentifier: bad.kinesis.sequenceNumber }] };
      return { batchItemFailures: [] };
    },
  });
  const mapping = await cloud.lambda.createEventSourceMapping({
    FunctionName: "f",
    EventSourceArn: "arn:aws:kinesis:us-east-1:000000000000:stream/s",
    StartingPosition: "TRIM_HORIZON",
    FunctionResponseTypes: ["ReportBatchItemFailures"],
  });
  // As recorded from AWS (LocalStack's test_lambda_integration_kinesis snapshots): stream mappings say "User action",
  // where SQS mappings say USER_INITIATED.
  expect(mapping).toMatchObject({ State: "Creating", StateTransitionReason: "User action", DestinationConfig: { OnFailure: {} }, MaximumRecordAgeInSeconds: -1, MaximumRetryAttempts: -1, ParallelizationFactor: 1, TumblingWindowInSeconds: 0 });
  await cloud.kinesis.putRecords({ StreamName: "s", Records: ["0", "1", "2", "3", "4"].map((n) => ({ PartitionKey: "k", Data: enc(n) })) });
  await cloud.advance(60_000);
  expect(batches).toEqual([
    ["0", "1", "2", "3", "4"], // never settles: the 3 s timeout fails the whole batch
    ["0", "1", "2", "3", "4"], // retried as itself; "3" reported failed
    ["3", "4"], // checkpointed before "3"
    ["3", "4"],
  ]);
});

it("a second mapping of the same stream and function is a ResourceConflictException worded for streams, not SQS", async () => {
  await using cloud = createCloud();
  await cloud.kinesis.createStream({ StreamName: "s", ShardCount: 1 });
  await cloud.advance(1_000);
  await cloud.lambda.createFunction({ FunctionName: "f", handler: async () => undefined });
  const input = { FunctionName: "f", EventSourceArn: "arn:aws:kinesis:us-east-1:000000000000:stream/s", StartingPosition: "LATEST" } as const;
  const { UUID } = await cloud.lambda.createEventSourceMapping(input);
  // Lambda's wording for non-SQS sources (LocalStack's provider, written against AWS's answers).
  await expect(cloud.lambda.createEventSourceMapping(input)).rejects.toMatchObject({
    code: "ResourceConflictException",
    message: `The event source arn (" arn:aws:kinesis:us-east-1:000000000000:stream/s ") and function (" f ") provided mapping already exists. Please update or delete the existing mapping with UUID ${UUID}`,
  });
});

it("with BisectBatchOnFunctionError and ReportBatchItemFailures, a partial failure is split at the returned sequence number and the rest retried whole", async () => {
  // Lambda Developer Guide, "Configuring partial batch response with Kinesis Data Streams and Lambda": "When a partial
  // batch success response is received and both BisectBatchOnFunctionError and ReportBatchItemFailures are turned on,
  // the batch is bisected at the returned sequence number and Lambda retries only the remaining records."
  await using cloud = createCloud({ seed: 1 });
  await cloud.kinesis.createStream({ StreamName: "s", ShardCount: 1 });
  await cloud.advance(1_000);
  const batches: string[][] = [];
  await cloud.lambda.createFunction({
    FunctionName: "f",
    handler: async (event: { Records: KinesisEventRecord[] }) => {
      const values = event.Records.map((record) => Buffer.from(record.kinesis.data, "base64").toString());
      batches.push(values);
      const bad = batches.length === 1 ? event.Records[3] : undefined;
      return { batchItemFailures: bad === undefined ? [] : [{ itemIdentifier: bad.kinesis.sequenceNumber }] };
    },
  });
  await cloud.lambda.createEventSourceMapping({
    FunctionName: "f",
    EventSourceArn: "arn:aws:kinesis:us-east-1:000000000000:stream/s",
    StartingPosition: "TRIM_HORIZON",
    FunctionResponseTypes: ["ReportBatchItemFailures"],
    BisectBatchOnFunctionError: true,
  });
  await cloud.kinesis.putRecords({ StreamName: "s", Records: ["0", "1", "2", "3", "4", "5"].map((n) => ({ PartitionKey: "k", Data: enc(n) })) });
  await cloud.advance(30_000);
  expect(batches).toEqual([
    ["0", "1", "2", "3", "4", "5"],
    ["3", "4", "5"],
  ]);
});
