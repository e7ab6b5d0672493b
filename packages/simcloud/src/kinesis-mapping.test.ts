/**
 * Lambda event source mappings on Kinesis, across the function and stream packages (Lambda Developer Guide:
 * "Using AWS Lambda with Amazon Kinesis", "Kinesis error handling", "Using tumbling windows").
 */
import { describe, expect, it } from "vitest";
import { createCloud, type Cloud, type KinesisEventRecord } from "./index";

const STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
const decode = (record: KinesisEventRecord): string => Buffer.from(record.kinesis.data, "base64").toString("utf8");

interface Call {
  at: number;
  data: string[];
  event: Record<string, unknown>;
}

async function setup(shards = 1): Promise<{ cloud: Cloud; calls: Call[]; put: (data: string, key?: string) => Promise<void> }> {
  const cloud = createCloud({ kinesis: { throughputLimits: false } });
  await cloud.kinesis.createStream({ StreamName: "s", ShardCount: shards });
  await cloud.advance(1_000);
  const calls: Call[] = [];
  const put = async (data: string, key = "k"): Promise<void> => {
    await cloud.kinesis.putRecord({ StreamName: "s", Data: new TextEncoder().encode(data), PartitionKey: key });
  };
  return { cloud, calls, put };
}

describe("Kinesis event source mappings", () => {
  it("ParallelizationFactor runs batches of one shard concurrently but keeps each partition key in order", async () => {
    const { cloud, put } = await setup();
    const seen = new Map<string, string[]>();
    let running = 0;
    let peak = 0;
    await cloud.lambda.createFunction({
      FunctionName: "f",
      Timeout: 10,
      handler: async (event: { Records: KinesisEventRecord[] }) => {
        running++;
        peak = Math.max(peak, running);
        await cloud.scheduler.sleep(1_000);
        for (const record of event.Records) seen.set(record.kinesis.partitionKey, [...(seen.get(record.kinesis.partitionKey) ?? []), decode(record)]);
        running--;
      },
    });
    for (let i = 0; i < 40; i++) await put(String(i), `key-${i % 8}`);
    await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: STREAM, StartingPosition: "TRIM_HORIZON", BatchSize: 2, ParallelizationFactor: 4 });
    await cloud.advance(60_000);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(4);
    for (let key = 0; key < 8; key++) {
      expect(seen.get(`key-${key}`)).toEqual([0, 1, 2, 3, 4].map((n) => String(n * 8 + key)));
    }
    await cloud.dispose();
  });

  it("MaximumRecordAgeInSeconds discards records too old to retry, to the on-failure destination", async () => {
    const { cloud, put } = await setup();
    await cloud.sqs.createQueue({ QueueName: "failed" });
    let calls = 0;
    await cloud.lambda.createFunction({
      FunctionName: "f",
      handler: async () => {
        calls++;
        throw new Error("always");
      },
    });
    await cloud.lambda.createEventSourceMapping({
      FunctionName: "f",
      EventSourceArn: STREAM,
      StartingPosition: "TRIM_HORIZON",
      MaximumRecordAgeInSeconds: 60,
      DestinationConfig: { OnFailure: { Destination: "arn:aws:sqs:us-east-1:000000000000:failed" } },
    });
    await put("old");
    await cloud.advance(120_000);
    const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl: "https://sqs.us-east-1.amazonaws.com/000000000000/failed" });
    expect(JSON.parse(Messages[0]?.Body as string)).toMatchObject({ requestContext: { condition: "RecordAgeExceeded" }, KinesisBatchInfo: { batchSize: 1 } });
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThan(70);
    await expect(
      cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: STREAM, StartingPosition: "LATEST", MaximumRecordAgeInSeconds: 30 }),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await cloud.dispose();
  });

  it("TumblingWindowInSeconds passes state between invocations of a window and ends it with a final invocation", async () => {
    const { cloud, put } = await setup();
    const events: { records: string[]; state: unknown; final: unknown; window: unknown }[] = [];
    await cloud.lambda.createFunction({
      FunctionName: "f",
      handler: async (event: { Records: KinesisEventRecord[]; state?: { total?: number }; isFinalInvokeForWindow?: boolean; window?: unknown }) => {
        events.push({ records: event.Records.map(decode), state: event.state, final: event.isFinalInvokeForWindow, window: event.window });
        const total = (event.state?.total ?? 0) + event.Records.reduce((sum, record) => sum + Number(decode(record)), 0);
        return { state: { total } };
      },
    });
    await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: STREAM, StartingPosition: "TRIM_HORIZON", TumblingWindowInSeconds: 30 });
    await put("1");
    await cloud.advance(5_000);
    await put("2");
    await cloud.advance(60_000);
    expect(events.map((event) => event.records)).toEqual([["1"], ["2"], []]);
    expect(events[1]?.state).toEqual({ total: 1 });
    expect(events[2]).toMatchObject({ final: true, state: { total: 3 } });
    expect(events[0]?.window).toEqual({ start: "2025-01-01T00:00:00.000Z", end: "2025-01-01T00:00:30.000Z" });
    const mapping = (await cloud.lambda.listEventSourceMappings({ EventSourceArn: STREAM })).EventSourceMappings[0];
    expect(mapping).toMatchObject({ TumblingWindowInSeconds: 30, StartingPosition: "TRIM_HORIZON", BatchSize: 100 });
    await cloud.dispose();
  });

  it("a batch that always fails is retried with backoff until its records leave retention; then the shard moves on", async () => {
    const { cloud, put } = await setup();
    let calls = 0;
    const seen: string[] = [];
    await cloud.lambda.createFunction({
      FunctionName: "f",
      handler: async (event: { Records: KinesisEventRecord[] }) => {
        calls++;
        if (event.Records.some((record) => decode(record) === "poison")) throw new Error("poison");
        seen.push(...event.Records.map(decode));
      },
    });
    await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: STREAM, StartingPosition: "TRIM_HORIZON" });
    await put("poison");
    await cloud.advance(60_000);
    await put("after");
    await cloud.advance(25 * 3_600_000);
    expect(seen).toEqual(["after"]);
    // One-minute backoff at most: about 1,440 attempts a day, not 86,400.
    expect(calls).toBeLessThan(1_600);
    await cloud.runUntilIdle();
    await cloud.dispose();
  });

  it("a disabled mapping keeps its checkpoint and resumes where it stopped", async () => {
    const { cloud, put } = await setup();
    const seen: string[] = [];
    await cloud.lambda.createFunction({
      FunctionName: "f",
      handler: async (event: { Records: KinesisEventRecord[] }) => {
        seen.push(...event.Records.map(decode));
      },
    });
    const { UUID } = await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: STREAM, StartingPosition: "TRIM_HORIZON" });
    await put("a");
    await cloud.advance(5_000);
    await cloud.lambda.updateEventSourceMapping({ UUID, Enabled: false });
    await put("b");
    await cloud.advance(5_000);
    expect(seen).toEqual(["a"]);
    await cloud.lambda.updateEventSourceMapping({ UUID, Enabled: true, BatchSize: 5 });
    await cloud.advance(5_000);
    expect(seen).toEqual(["a", "b"]);
    await cloud.dispose();
  });

  it("an idle mapping keeps nothing running: runUntilIdle returns", async () => {
    const { cloud, put } = await setup();
    const seen: string[] = [];
    await cloud.lambda.createFunction({ FunctionName: "f", handler: async (event: { Records: KinesisEventRecord[] }) => void seen.push(...event.Records.map(decode)) });
    await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: STREAM, StartingPosition: "LATEST" });
    await cloud.runUntilIdle();
    await put("x");
    await cloud.runUntilIdle();
    expect(seen).toEqual(["x"]);
    await cloud.dispose();
  });
});
