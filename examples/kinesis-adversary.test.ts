/** Red-team checks of issue #15 from outside: subscriptions and mappings under dispose and autoAdvance, determinism. */
import { createCloud } from "simcloud";
import { expect, it } from "vitest";

const enc = (s: string) => new TextEncoder().encode(s);

async function consumerOn(cloud: ReturnType<typeof createCloud>): Promise<string> {
  await cloud.kinesis.createStream({ StreamName: "s", ShardCount: 1 });
  await cloud.advance(1_000);
  const { Consumer } = await cloud.kinesis.registerStreamConsumer({ StreamARN: "arn:aws:kinesis:us-east-1:000000000000:stream/s", ConsumerName: "c" });
  await cloud.advance(1_000);
  return Consumer.ConsumerARN;
}

it("an idle SubscribeToShard under autoAdvance ends after its 5 virtual minutes instead of hanging", async () => {
  await using cloud = createCloud({ autoAdvance: true });
  const consumerArn = await consumerOn(cloud);
  const { EventStream } = await cloud.kinesis.subscribeToShard({ ConsumerARN: consumerArn, ShardId: "shardId-000000000000", StartingPosition: { Type: "LATEST" } });
  const events = EventStream[Symbol.asyncIterator]();
  expect((await events.next()).done).toBe(false);
  const started = cloud.clock.now();
  expect((await events.next()).done).toBe(true);
  expect(cloud.clock.now() - started).toBe(5 * 60_000);
});

it("disposing the cloud settles a pending SubscribeToShard next()", async () => {
  const cloud = createCloud();
  const consumerArn = await consumerOn(cloud);
  const { EventStream } = await cloud.kinesis.subscribeToShard({ ConsumerARN: consumerArn, ShardId: "shardId-000000000000", StartingPosition: { Type: "LATEST" } });
  const events = EventStream[Symbol.asyncIterator]();
  await events.next();
  const pending = events.next().then(
    (result) => ({ settled: "resolved", done: result.done }),
    (error: Error) => ({ settled: "rejected", name: error.name }),
  );
  await cloud[Symbol.asyncDispose]();
  const outcome = await Promise.race([pending, new Promise((resolve) => setTimeout(() => resolve("hung"), 2_000))]);
  expect(outcome).not.toBe("hung");
});

it("disposing the cloud with a Kinesis mapping batch in flight (a handler that never settles) neither hangs nor throws", async () => {
  const cloud = createCloud();
  await cloud.kinesis.createStream({ StreamName: "s", ShardCount: 1 });
  await cloud.advance(1_000);
  let invoked = 0;
  await cloud.lambda.createFunction({
    FunctionName: "f",
    Timeout: 900,
    handler: () => {
      invoked++;
      return new Promise(() => undefined);
    },
  });
  await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: "arn:aws:kinesis:us-east-1:000000000000:stream/s", StartingPosition: "TRIM_HORIZON" });
  await cloud.kinesis.putRecord({ StreamName: "s", PartitionKey: "k", Data: enc("x") });
  await cloud.advance(2_000);
  expect(invoked).toBe(1);
  const disposed = cloud[Symbol.asyncDispose]().then(() => "disposed");
  expect(await Promise.race([disposed, new Promise((resolve) => setTimeout(() => resolve("hung"), 2_000))])).toBe("disposed");
});

it("the same seed gives the same Kinesis + mapping trace", async () => {
  const run = async (): Promise<string> => {
    await using cloud = createCloud({ seed: 42 });
    await cloud.kinesis.createStream({ StreamName: "s", ShardCount: 2 });
    await cloud.advance(1_000);
    await cloud.lambda.createFunction({
      FunctionName: "f",
      handler: async (event: { Records: { kinesis: { data: string } }[] }) => {
        if (event.Records.some((record) => Buffer.from(record.kinesis.data, "base64").toString() === "7")) throw new Error("seven");
      },
    });
    await cloud.lambda.createEventSourceMapping({
      FunctionName: "f",
      EventSourceArn: "arn:aws:kinesis:us-east-1:000000000000:stream/s",
      StartingPosition: "TRIM_HORIZON",
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 1,
      ParallelizationFactor: 3,
    });
    for (let i = 0; i < 20; i++) await cloud.kinesis.putRecord({ StreamName: "s", PartitionKey: `u${i % 5}`, Data: enc(String(i)) });
    await cloud.kinesis.splitShard({ StreamName: "s", ShardToSplit: "shardId-000000000001", NewStartingHashKey: (3n * 2n ** 126n).toString() });
    await cloud.advance(30_000);
    return JSON.stringify(cloud.trace.events);
  };
  const first = await run();
  expect(first.length).toBeGreaterThan(1_000);
  expect(await run()).toBe(first);
});
