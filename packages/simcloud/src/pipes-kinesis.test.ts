/**
 * EventBridge Pipes with a Kinesis source: batching window, retries, record age, bisection and the dead-letter queue
 * ("Amazon Kinesis stream as a source", "Amazon EventBridge Pipes error handling and troubleshooting").
 */
import { afterEach, expect, it, vi } from "vitest";
import { createCloud, type Cloud } from "./index";

const STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
const DLQ = "arn:aws:sqs:us-east-1:000000000000:dlq";

interface PipeRecord {
  data: string;
}

afterEach(() => {
  vi.useRealTimers();
});

async function setup(parameters: Record<string, unknown>, fails: (data: string) => boolean, options: { autoAdvance?: true; clock?: "system" } = {}) {
  const cloud = createCloud({ kinesis: { throughputLimits: false }, ...options });
  await cloud.kinesis.createStream({ StreamName: "s", ShardCount: 1 });
  if (options.clock === "system") await vi.advanceTimersByTimeAsync(1_000);
  else await cloud.advance(1_000);
  const dlq = (await cloud.sqs.createQueue({ QueueName: "dlq" })).QueueUrl!;
  await cloud.sqs.createQueue({ QueueName: "out" });
  const calls: { at: number; data: string[] }[] = [];
  await cloud.lambda.createFunction({
    FunctionName: "t",
    handler: async (records: PipeRecord[]) => {
      const data = records.map((record) => Buffer.from(record.data, "base64").toString("utf8"));
      calls.push({ at: cloud.scheduler.now(), data });
      if (data.some(fails)) throw new Error("bad record");
      return records;
    },
  });
  await cloud.pipes.createPipe({
    Name: "p",
    RoleArn: "arn:aws:iam::000000000000:role/pipes",
    Source: STREAM,
    SourceParameters: { KinesisStreamParameters: { StartingPosition: "TRIM_HORIZON", ...parameters } },
    // A synchronous enrichment decides whether the batch fails.
    Enrichment: "arn:aws:lambda:us-east-1:000000000000:function:t",
    Target: "arn:aws:sqs:us-east-1:000000000000:out",
  });
  const put = async (data: string): Promise<void> => {
    await cloud.kinesis.putRecord({ StreamName: "s", Data: new TextEncoder().encode(data), PartitionKey: "k" });
  };
  const deadLetters = async () =>
    ((await cloud.sqs.receiveMessage({ QueueUrl: dlq, MaxNumberOfMessages: 10 })).Messages ?? []).map(
      (message) => JSON.parse(message.Body!) as { context: { condition: string; partnerResourceArn: string }; KinesisBatchInfo: { batchSize: number; shardId: string; streamArn: string } },
    );
  return { cloud: cloud as Cloud, calls, put, deadLetters };
}

it("MaximumRetryAttempts: a batch that keeps failing is retried that many times, then goes to the DLQ and the shard moves on", async () => {
  const { cloud, calls, put, deadLetters } = await setup({ MaximumRetryAttempts: 2, DeadLetterConfig: { Arn: DLQ } }, (data) => data === "bad");
  await using _ = cloud;
  await put("bad");
  await put("good");
  await cloud.advance(5 * 60_000);
  // The failing batch held the shard: "good" came only after "bad" was discarded.
  expect(calls.map((call) => call.data)).toEqual([["bad"], ["bad"], ["bad"], ["good"]]);
  const letters = await deadLetters();
  expect(letters).toHaveLength(1);
  const [record] = (await cloud.kinesis.getRecords({ ShardIterator: (await cloud.kinesis.getShardIterator({ StreamName: "s", ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" })).ShardIterator! })).Records!;
  const arrival = record!.ApproximateArrivalTimestamp!.toISOString();
  expect(letters[0]).toEqual({
    context: { partnerResourceArn: "arn:aws:pipes:us-east-1:000000000000:pipe/p", condition: "RetryAttemptsExhausted" },
    version: "1.0",
    timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    KinesisBatchInfo: {
      shardId: "shardId-000000000000",
      startSequenceNumber: record!.SequenceNumber,
      endSequenceNumber: record!.SequenceNumber,
      approximateArrivalOfFirstRecord: arrival,
      approximateArrivalOfLastRecord: arrival,
      batchSize: 1,
      streamArn: STREAM,
    },
  });
  await put("good");
  await cloud.advance(5_000);
  expect(calls.at(-1)?.data).toEqual(["good"]);
});

it("MaximumRetryAttempts -1 (the default) retries until MaximumRecordAgeInSeconds passes: RecordAgeExceeded", async () => {
  const { cloud, calls, put, deadLetters } = await setup({ MaximumRecordAgeInSeconds: 60, DeadLetterConfig: { Arn: DLQ } }, () => true);
  await using _ = cloud;
  await put("x");
  await cloud.advance(10 * 60_000);
  const letters = await deadLetters();
  expect(letters.map((letter) => letter.context.condition)).toEqual(["RecordAgeExceeded"]);
  const last = calls.at(-1)!.at;
  expect(calls.length).toBeGreaterThan(3);
  expect(last - calls[0]!.at).toBeLessThanOrEqual(120_000);
  expect(cloud.trace.events.filter((event) => event.type === "pipes.batch.discarded")).toHaveLength(1);
});

it("AUTOMATIC_BISECT halves a failing batch until the bad record is alone; only it is discarded", async () => {
  const { cloud, calls, put, deadLetters } = await setup({ OnPartialBatchItemFailure: "AUTOMATIC_BISECT", MaximumRetryAttempts: 0, DeadLetterConfig: { Arn: DLQ } }, (data) => data === "X");
  await using _ = cloud;
  for (const data of ["a", "b", "c", "X"]) await put(data);
  await cloud.advance(5 * 60_000);
  const delivered = calls.filter((call) => !call.data.includes("X")).flatMap((call) => call.data);
  expect(delivered).toEqual(["a", "b", "c"]);
  const letters = await deadLetters();
  expect(letters.map((letter) => letter.KinesisBatchInfo.batchSize)).toEqual([1]);
});

it("MaximumBatchingWindowInSeconds gathers records until the window closes or BatchSize is reached", async () => {
  const { cloud, calls, put } = await setup({ MaximumBatchingWindowInSeconds: 10, BatchSize: 3 }, () => false);
  await using _ = cloud;
  await put("1");
  await cloud.advance(5_000);
  expect(calls).toEqual([]);
  await put("2");
  await cloud.advance(6_000);
  expect(calls.map((call) => call.data)).toEqual([["1", "2"]]);
  for (const data of ["3", "4", "5"]) await put(data);
  await cloud.advance(500);
  expect(calls.map((call) => call.data)).toEqual([["1", "2"], ["3", "4", "5"]]);
});

it("rejects out-of-range Kinesis error-handling parameters before creating anything", async () => {
  await using cloud = createCloud();
  const create = (parameters: Record<string, unknown>) =>
    cloud.pipes.createPipe({
      Name: "bad",
      RoleArn: "arn:aws:iam::000000000000:role/pipes",
      Source: STREAM,
      SourceParameters: { KinesisStreamParameters: { StartingPosition: "LATEST", ...parameters } },
      Target: DLQ,
    });
  await expect(create({ MaximumRetryAttempts: 10_001 })).rejects.toMatchObject({ name: "ValidationException" });
  await expect(create({ MaximumRecordAgeInSeconds: 59 })).rejects.toMatchObject({ name: "ValidationException" });
  await expect(create({ OnPartialBatchItemFailure: "SPLIT" })).rejects.toMatchObject({ name: "ValidationException" });
  await expect(create({ DeadLetterConfig: { Arn: "arn:aws:lambda:us-east-1:000000000000:function:f" } })).rejects.toMatchObject({ name: "ValidationException" });
  expect((await cloud.pipes.listPipes()).Pipes).toEqual([]);
});

it("an SNS topic as DeadLetterConfig gets the discarded batch, with autoAdvance", async () => {
  const { cloud, put } = await setup({ MaximumRetryAttempts: 0, DeadLetterConfig: { Arn: "arn:aws:sns:us-east-1:000000000000:dead" } }, () => true, { autoAdvance: true });
  await using _ = cloud;
  const { TopicArn } = await cloud.sns.createTopic({ Name: "dead" });
  const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "from-topic" });
  await cloud.sns.subscribe({ TopicArn: TopicArn!, Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:000000000000:from-topic", Attributes: { RawMessageDelivery: "true" } });
  await put("x");
  const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl: QueueUrl!, WaitTimeSeconds: 20 });
  expect((JSON.parse(Messages[0]!.Body!) as { context: { condition: string } }).context.condition).toBe("RetryAttemptsExhausted");
});

it("with clock: 'system', fake timers drive the retries to the dead-letter queue", async () => {
  vi.useFakeTimers({ now: Date.UTC(2025, 0, 1) });
  const { cloud, calls, put, deadLetters } = await setup({ MaximumRetryAttempts: 1, DeadLetterConfig: { Arn: DLQ } }, () => true, { clock: "system" });
  await using _ = cloud;
  await put("x");
  await vi.advanceTimersByTimeAsync(60_000);
  expect(calls).toHaveLength(2);
  expect((await deadLetters()).map((letter) => letter.context.condition)).toEqual(["RetryAttemptsExhausted"]);
});

// "Amazon EventBridge Pipes targets": a Lambda target is invoked synchronously (REQUEST_RESPONSE) unless
// LambdaFunctionParameters.InvocationType is FIRE_AND_FORGET, so its function error fails the batch.
it("a failing Lambda target fails the batch (retried, then dead-lettered); FIRE_AND_FORGET does not", async () => {
  async function run(invocationType?: "FIRE_AND_FORGET"): Promise<{ calls: number; dead: number }> {
    await using cloud = createCloud({ kinesis: { throughputLimits: false } });
    await cloud.kinesis.createStream({ StreamName: "s", ShardCount: 1 });
    await cloud.advance(1_000);
    const dlq = (await cloud.sqs.createQueue({ QueueName: "dlq" })).QueueUrl!;
    let calls = 0;
    await cloud.lambda.createFunction({
      FunctionName: "target",
      handler: async () => {
        calls++;
        throw new Error("target down");
      },
    });
    await cloud.pipes.createPipe({
      Name: "p",
      RoleArn: "arn:aws:iam::000000000000:role/pipes",
      Source: STREAM,
      SourceParameters: { KinesisStreamParameters: { StartingPosition: "TRIM_HORIZON", MaximumRetryAttempts: 1, DeadLetterConfig: { Arn: DLQ } } },
      Target: "arn:aws:lambda:us-east-1:000000000000:function:target",
      ...(invocationType === undefined ? {} : { TargetParameters: { LambdaFunctionParameters: { InvocationType: invocationType } } }),
    });
    await cloud.kinesis.putRecord({ StreamName: "s", PartitionKey: "k", Data: new TextEncoder().encode("r") });
    await cloud.advance(120_000);
    const { Attributes } = await cloud.sqs.getQueueAttributes({ QueueUrl: dlq, AttributeNames: ["ApproximateNumberOfMessages"] });
    return { calls, dead: Number(Attributes?.["ApproximateNumberOfMessages"]) };
  }
  const sync = await run();
  expect(sync.calls).toBe(2);
  expect(sync.dead).toBe(1);
  const fireAndForget = await run("FIRE_AND_FORGET");
  expect(fireAndForget.dead).toBe(0);
});
