/**
 * A queue feeding a function through an event source mapping (Lambda Developer Guide: "Using Lambda with
 * Amazon SQS"; "Handling errors for an SQS event source in Lambda"): partial batch failures are retried
 * after the visibility timeout, a poison message ends in the queue's DLQ through its redrive policy.
 */
import { createCloud, type Cloud, type CloudOptions, type SqsRecord } from "simcloud";
import { afterEach, describe, expect, it, vi } from "vitest";

const START = Date.UTC(2025, 0, 1);
const arnOf = (name: string): string => `arn:aws:sqs:us-east-1:000000000000:${name}`;

/** A function that logs each invocation's virtual time (ms since START) and bodies, optionally sleeping first. */
async function recorder(cloud: Cloud, name: string, options: { sleepMs?: number; failFirst?: boolean; Timeout?: number } = {}) {
  const calls: { at: number; bodies: string[] }[] = [];
  await cloud.lambda.createFunction({
    FunctionName: name,
    Timeout: options.Timeout ?? 3,
    handler: async (event: { Records: SqsRecord[] }) => {
      calls.push({ at: cloud.clock.now() - START, bodies: event.Records.map((record) => record.body) });
      if (options.sleepMs !== undefined) await cloud.scheduler.sleep(options.sleepMs);
      if (options.failFirst === true && calls.length === 1) throw new Error("first attempt fails");
    },
  });
  return calls;
}

async function setup() {
  const cloud = createCloud();
  const dlq = await cloud.sqs.createQueue({ QueueName: "orders-dlq" });
  const dlqArn = "arn:aws:sqs:us-east-1:000000000000:orders-dlq";
  const queue = await cloud.sqs.createQueue({
    QueueName: "orders",
    Attributes: { VisibilityTimeout: "30", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }) },
  });
  const processed: string[] = [];
  const attempts = new Map<string, number>();
  await cloud.lambda.createFunction({
    FunctionName: "worker",
    Timeout: 10,
    handler: async (event: { Records: SqsRecord[] }) => {
      const batchItemFailures: { itemIdentifier: string }[] = [];
      for (const record of event.Records) {
        attempts.set(record.body, (attempts.get(record.body) ?? 0) + 1);
        const order = JSON.parse(record.body) as { id: number; poison?: boolean; flaky?: boolean };
        // A flaky order fails its first attempt only; a poison order always fails.
        if (order.poison || (order.flaky && attempts.get(record.body) === 1)) batchItemFailures.push({ itemIdentifier: record.messageId });
        else processed.push(`order-${order.id}`);
      }
      return { batchItemFailures };
    },
  });
  const mapping = await cloud.lambda.createEventSourceMapping({
    FunctionName: "worker",
    EventSourceArn: "arn:aws:sqs:us-east-1:000000000000:orders",
    BatchSize: 10,
    FunctionResponseTypes: ["ReportBatchItemFailures"],
  });
  return { cloud, queueUrl: queue.QueueUrl as string, dlqUrl: dlq.QueueUrl as string, processed, attempts, mapping };
}

describe("sqs-worker: queue → event source mapping → function", () => {
  it("processes good messages, retries a flaky one after the visibility timeout, and moves a poison one to the DLQ", async () => {
    const { cloud, queueUrl, dlqUrl, processed, attempts, mapping } = await setup();
    expect(mapping.State).toBe("Creating");
    for (const body of [{ id: 1 }, { id: 2, flaky: true }, { id: 3, poison: true }, { id: 4 }]) {
      await cloud.sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body) });
    }
    await cloud.advance(1_000);
    expect(processed.sort()).toEqual(["order-1", "order-4"]);

    // The failed items come back after the 30-second visibility timeout; the flaky one succeeds.
    await cloud.advance(31_000);
    expect(processed.sort()).toEqual(["order-1", "order-2", "order-4"]);

    // Third receive of the poison message fails again; the fourth receive moves it to the DLQ (maxReceiveCount 3).
    await cloud.advance(120_000);
    expect(attempts.get(JSON.stringify({ id: 3, poison: true }))).toBe(3);
    const dead = await cloud.sqs.receiveMessage({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10 });
    expect((dead.Messages ?? []).map((m) => m.Body)).toEqual([JSON.stringify({ id: 3, poison: true })]);
    const attributes = await cloud.sqs.getQueueAttributes({ QueueUrl: queueUrl, AttributeNames: ["All"] });
    expect(attributes.Attributes).toMatchObject({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });

    const state = await cloud.lambda.getEventSourceMapping({ UUID: mapping.UUID });
    expect(state).toMatchObject({ State: "Enabled", LastProcessingResult: expect.stringMatching(/^(OK|PROBLEM: Function call failed)$/) as unknown as string });
    await cloud.dispose();
  });

  it("delivers records in AWS's event shape", async () => {
    const cloud = createCloud();
    const queue = await cloud.sqs.createQueue({ QueueName: "shapes" });
    const events: { Records: SqsRecord[] }[] = [];
    await cloud.lambda.createFunction({ FunctionName: "f", handler: async (event: { Records: SqsRecord[] }) => void events.push(event) });
    await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: "arn:aws:sqs:us-east-1:000000000000:shapes" });
    await cloud.sqs.sendMessage({
      QueueUrl: queue.QueueUrl as string,
      MessageBody: "hello",
      MessageAttributes: { kind: { DataType: "String", StringValue: "greeting" } },
    });
    await cloud.advance(1_000);
    expect(events).toHaveLength(1);
    expect(events[0]?.Records[0]).toMatchObject({
      body: "hello",
      md5OfBody: "5d41402abc4b2a76b9719d911017c592",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:shapes",
      awsRegion: "us-east-1",
      attributes: { ApproximateReceiveCount: "1", SentTimestamp: String(Date.UTC(2025, 0, 1)) },
      messageAttributes: { kind: { stringValue: "greeting", stringListValues: [], binaryListValues: [], dataType: "String" } },
    });
    await cloud.dispose();
  });

  it("keeps FIFO group order: a failed message blocks its group until it is retried", async () => {
    const cloud = createCloud();
    const queue = await cloud.sqs.createQueue({ QueueName: "jobs.fifo", Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true", VisibilityTimeout: "20" } });
    const seen: string[] = [];
    let failedOnce = false;
    await cloud.lambda.createFunction({
      FunctionName: "fifo",
      handler: async (event: { Records: SqsRecord[] }) => {
        for (const record of event.Records) {
          if (record.body === "a2" && !failedOnce) {
            failedOnce = true;
            throw new Error("a2 failed");
          }
          seen.push(record.body);
        }
        return null;
      },
    });
    await cloud.lambda.createEventSourceMapping({ FunctionName: "fifo", EventSourceArn: "arn:aws:sqs:us-east-1:000000000000:jobs.fifo", BatchSize: 1 });
    for (const body of ["a1", "a2", "a3"]) await cloud.sqs.sendMessage({ QueueUrl: queue.QueueUrl as string, MessageBody: body, MessageGroupId: "a" });
    await cloud.advance(5_000);
    expect(seen).toEqual(["a1"]);
    await cloud.advance(20_000);
    expect(seen).toEqual(["a1", "a2", "a3"]);
    await cloud.dispose();
  });

  it("FilterCriteria: only matching messages reach the function, the others are deleted (Lambda event filtering)", async () => {
    const cloud = createCloud();
    const queue = await cloud.sqs.createQueue({ QueueName: "filtered" });
    const bodies: string[] = [];
    await cloud.lambda.createFunction({ FunctionName: "f", handler: async (event: { Records: SqsRecord[] }) => void bodies.push(...event.Records.map((r) => r.body)) });
    await cloud.lambda.createEventSourceMapping({
      FunctionName: "f",
      EventSourceArn: "arn:aws:sqs:us-east-1:000000000000:filtered",
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { type: ["order"] } }) }] },
    });
    for (const body of [JSON.stringify({ type: "order", id: 1 }), JSON.stringify({ type: "noise" }), "plain text"]) {
      await cloud.sqs.sendMessage({ QueueUrl: queue.QueueUrl as string, MessageBody: body });
    }
    await cloud.advance(1_000);
    expect(bodies).toEqual([JSON.stringify({ type: "order", id: 1 })]);
    const attributes = await cloud.sqs.getQueueAttributes({ QueueUrl: queue.QueueUrl as string, AttributeNames: ["All"] });
    expect(attributes.Attributes).toMatchObject({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });
    await cloud.dispose();
  });
});

describe("the mapping long-polls (Lambda Developer Guide: \"Using Lambda with Amazon SQS\")", () => {
  it("an idle mapping does not keep runUntilIdle running; a message is delivered at its send time", async () => {
    await using cloud = createCloud();
    const queue = await cloud.sqs.createQueue({ QueueName: "idle" });
    const calls = await recorder(cloud, "f");
    await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: arnOf("idle") });
    await cloud.runUntilIdle();
    expect(cloud.clock.now()).toBe(START);

    await cloud.advance(7_345);
    await cloud.sqs.sendMessage({ QueueUrl: queue.QueueUrl!, MessageBody: "now" });
    await cloud.runUntilIdle();
    expect(calls).toEqual([{ at: 7_345, bodies: ["now"] }]);
    expect(cloud.clock.now()).toBe(START + 7_345);
    // Still idle an hour later, and still listening.
    await cloud.advance(3_600_000);
    await cloud.sqs.sendMessage({ QueueUrl: queue.QueueUrl!, MessageBody: "later" });
    await cloud.settle();
    expect(calls.map((call) => call.at)).toEqual([7_345, 3_607_345]);
  });

  it("MaximumBatchingWindowInSeconds gathers from the first message until the window ends", async () => {
    await using cloud = createCloud();
    const queue = await cloud.sqs.createQueue({ QueueName: "window" });
    const calls = await recorder(cloud, "f");
    await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: arnOf("window"), BatchSize: 50, MaximumBatchingWindowInSeconds: 5 });
    await cloud.advance(1_000);
    await cloud.sqs.sendMessage({ QueueUrl: queue.QueueUrl!, MessageBody: "a" });
    await cloud.advance(1_500);
    await cloud.sqs.sendMessage({ QueueUrl: queue.QueueUrl!, MessageBody: "b" });
    await cloud.advance(1_700);
    await cloud.sqs.sendMessage({ QueueUrl: queue.QueueUrl!, MessageBody: "c" });
    await cloud.advance(1_700);
    expect(calls).toEqual([]);
    await cloud.advance(100);
    expect(calls).toEqual([{ at: 6_000, bodies: ["a", "b", "c"] }]);

    // A window in progress is pending work: runUntilIdle runs to its end, and no further.
    await cloud.sqs.sendMessage({ QueueUrl: queue.QueueUrl!, MessageBody: "d" });
    await cloud.runUntilIdle();
    expect(calls[1]).toEqual({ at: 11_000, bodies: ["d"] });
    expect(cloud.clock.now()).toBe(START + 11_000);
  });

  it("a full batch (BatchSize) does not wait for the window", async () => {
    await using cloud = createCloud();
    const queue = await cloud.sqs.createQueue({ QueueName: "full" });
    const calls = await recorder(cloud, "f");
    await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: arnOf("full"), BatchSize: 12, MaximumBatchingWindowInSeconds: 60 });
    await cloud.advance(2_000);
    for (let i = 0; i < 12; i++) await cloud.sqs.sendMessage({ QueueUrl: queue.QueueUrl!, MessageBody: `m${i}` });
    await cloud.settle();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.at).toBe(2_000);
    expect(calls[0]?.bodies).toHaveLength(12);
  });

  it("Enabled=false stops polling; enabling again delivers what waited; a deleted mapping delivers nothing", async () => {
    await using cloud = createCloud();
    const queue = await cloud.sqs.createQueue({ QueueName: "toggle" });
    const calls = await recorder(cloud, "f");
    const mapping = await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: arnOf("toggle") });
    await cloud.lambda.updateEventSourceMapping({ UUID: mapping.UUID, Enabled: false });
    await cloud.sqs.sendMessage({ QueueUrl: queue.QueueUrl!, MessageBody: "waits" });
    await cloud.advance(60_000);
    expect(calls).toEqual([]);
    const waiting = await cloud.sqs.getQueueAttributes({ QueueUrl: queue.QueueUrl!, AttributeNames: ["ApproximateNumberOfMessages"] });
    expect(waiting.Attributes?.ApproximateNumberOfMessages).toBe("1");

    await cloud.lambda.updateEventSourceMapping({ UUID: mapping.UUID, Enabled: true });
    await cloud.settle();
    expect(calls).toEqual([{ at: 60_000, bodies: ["waits"] }]);

    await cloud.lambda.deleteEventSourceMapping({ UUID: mapping.UUID });
    await cloud.sqs.sendMessage({ QueueUrl: queue.QueueUrl!, MessageBody: "orphan" });
    await cloud.advance(60_000);
    await cloud.runUntilIdle();
    expect(calls).toHaveLength(1);
    const left = await cloud.sqs.receiveMessage({ QueueUrl: queue.QueueUrl! });
    expect(left.Messages?.map((message) => message.Body)).toEqual(["orphan"]);
  });

  it("scales from 5 concurrent batches by 5 per second of backlog, bounded by ScalingConfig.MaximumConcurrency", async () => {
    await using cloud = createCloud();
    const queue = await cloud.sqs.createQueue({ QueueName: "backlog" });
    await recorder(cloud, "slow", { sleepMs: 10_000, Timeout: 20 });
    await recorder(cloud, "capped", { sleepMs: 10_000, Timeout: 20 });
    const capped = await cloud.sqs.createQueue({ QueueName: "capped" });
    for (let i = 0; i < 100; i++) {
      await cloud.sqs.sendMessage({ QueueUrl: queue.QueueUrl!, MessageBody: `m${i}` });
      await cloud.sqs.sendMessage({ QueueUrl: capped.QueueUrl!, MessageBody: `m${i}` });
    }
    await cloud.lambda.createEventSourceMapping({ FunctionName: "slow", EventSourceArn: arnOf("backlog"), BatchSize: 1 });
    await cloud.lambda.createEventSourceMapping({ FunctionName: "capped", EventSourceArn: arnOf("capped"), BatchSize: 1, ScalingConfig: { MaximumConcurrency: 2 } });
    const concurrency = async (name: string) => (await cloud.lambda.getFunctionMetrics({ FunctionName: name })).ConcurrentExecutions;
    await cloud.advance(500);
    expect([await concurrency("slow"), await concurrency("capped")]).toEqual([5, 2]);
    await cloud.advance(500);
    expect([await concurrency("slow"), await concurrency("capped")]).toEqual([10, 2]);
    await cloud.advance(1_000);
    expect([await concurrency("slow"), await concurrency("capped")]).toEqual([15, 2]);
    await cloud.advance(600_000);
    const [slow, cappedMetrics] = [await cloud.lambda.getFunctionMetrics({ FunctionName: "slow" }), await cloud.lambda.getFunctionMetrics({ FunctionName: "capped" })];
    expect([slow.Invocations, cappedMetrics.Invocations, cappedMetrics.MaxConcurrentExecutions]).toEqual([100, 100, 2]);
  });
});

interface Mode {
  name: string;
  options: CloudOptions;
  before?: () => void;
  /** Lets ms of virtual time pass the way the mode does. */
  pass(cloud: Cloud, ms: number): Promise<void>;
}

const modes: Mode[] = [
  { name: "virtual time", options: {}, pass: (cloud, ms) => cloud.advance(ms) },
  // Nothing awaits a mapping's work: the test awaits a sleep, and autoAdvance jumps through what lies before it.
  { name: "autoAdvance", options: { autoAdvance: true }, pass: (cloud, ms) => cloud.scheduler.waitFor(cloud.scheduler.sleep(ms)) },
  {
    name: "clock: 'system' under vi.useFakeTimers()",
    options: { clock: "system" },
    before: () => vi.useFakeTimers({ now: START }),
    pass: async (_cloud, ms) => {
      await vi.advanceTimersByTimeAsync(ms);
    },
  },
];

describe.each(modes)("mapping in $name", (mode) => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a message is delivered at its send time; a failed batch comes back after the visibility timeout", async () => {
    mode.before?.();
    await using cloud = createCloud(mode.options);
    const queue = await cloud.sqs.createQueue({ QueueName: "modes", Attributes: { VisibilityTimeout: "30" } });
    const calls = await recorder(cloud, "f", { failFirst: true });
    await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: arnOf("modes") });
    // An idle mapping's long poll is background work: it does not make autoAdvance jump.
    if (!vi.isFakeTimers()) for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(cloud.clock.now()).toBe(START);

    await mode.pass(cloud, 2_000);
    await cloud.sqs.sendMessage({ QueueUrl: queue.QueueUrl!, MessageBody: "job" });
    await mode.pass(cloud, 1);
    expect(calls).toEqual([{ at: 2_000, bodies: ["job"] }]);

    await mode.pass(cloud, 31_000);
    expect(calls).toEqual([
      { at: 2_000, bodies: ["job"] },
      { at: 32_000, bodies: ["job"] },
    ]);
    const attributes = await cloud.sqs.getQueueAttributes({ QueueUrl: queue.QueueUrl!, AttributeNames: ["All"] });
    expect(attributes.Attributes).toMatchObject({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });
  });
});
