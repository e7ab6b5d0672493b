import { describe, expect, it } from "vitest";
import { createCloud, SchedulerLoopLimitError, type Cloud } from "./index";

describe("self-feeding loops at one virtual instant", () => {
  it("SQS → Lambda → the same queue, recursion allowed: the loop limit stops advance() and real timers still fire", async () => {
    await using cloud = createCloud({ loopLimit: 1000 });
    const loop = await startSelfFeedingLoop(cloud);
    await expect(cloud.advance(1000)).rejects.toBeInstanceOf(SchedulerLoopLimitError);
    expect(loop.calls).toBeGreaterThan(0);
    expect(loop.calls).toBeLessThan(2000);
  });

  it("SQS → Lambda → the same queue, undriven: the host's timers still fire and the chain parks at the loop limit", async () => {
    await using cloud = createCloud({ loopLimit: 1000 });
    const loop = await startSelfFeedingLoop(cloud);
    // Before the fix this real timer never fired: the loop starved the event loop.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(loop.calls).toBeGreaterThan(0);
    expect(loop.calls).toBeLessThanOrEqual(1001);
  });
});

/** SQS → Lambda → the same queue with recursion allowed, started by one message; `calls` counts the invocations. */
async function startSelfFeedingLoop(cloud: Cloud): Promise<{ readonly calls: number }> {
  const { url, arn } = await queueOf(cloud, "self");
  const loop = { calls: 0 };
  await cloud.lambda.createFunction({
    FunctionName: "loop",
    handler: async () => {
      loop.calls++;
      await cloud.sqs.sendMessage({ QueueUrl: url, MessageBody: "again" });
    },
  });
  await allowRecursion(cloud);
  await cloud.lambda.createEventSourceMapping({ FunctionName: "loop", EventSourceArn: arn, BatchSize: 1 });
  await cloud.sqs.sendMessage({ QueueUrl: url, MessageBody: "start" });
  return loop;
}

async function allowRecursion(cloud: Cloud): Promise<void> {
  await cloud.lambda.putFunctionRecursionConfig({ FunctionName: "loop", RecursiveLoop: "Allow" });
}

async function queueOf(cloud: Cloud, name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: name });
  const { Attributes } = await cloud.sqs.getQueueAttributes({ QueueUrl: QueueUrl!, AttributeNames: ["QueueArn"] });
  return { url: QueueUrl!, arn: Attributes!["QueueArn"]! };
}

describe("Lambda recursive loop detection (Lambda Developer Guide: \"Use Lambda recursive loop detection to prevent infinite loops\")", () => {
  it("SQS → Lambda → the same queue stops at the 16th invocation; the message goes to the queue's DLQ by its redrive policy", async () => {
    await using cloud = createCloud();
    const dlq = await queueOf(cloud, "self-dlq");
    const self = await queueOf(cloud, "self");
    await cloud.sqs.setQueueAttributes({ QueueUrl: self.url, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }) } });
    let calls = 0;
    await cloud.lambda.createFunction({
      FunctionName: "loop",
      handler: async () => {
        calls++;
        await cloud.sqs.sendMessage({ QueueUrl: self.url, MessageBody: "again" });
      },
    });
    await cloud.lambda.createEventSourceMapping({ FunctionName: "loop", EventSourceArn: self.arn, BatchSize: 1 });
    await cloud.sqs.sendMessage({ QueueUrl: self.url, MessageBody: "start" });
    await cloud.advance(120_000);
    expect(calls).toBe(15);
    const metrics = await cloud.lambda.getFunctionMetrics({ FunctionName: "loop" });
    expect(metrics.RecursiveInvocationsDropped).toBeGreaterThanOrEqual(1);
    expect(cloud.trace.events.find((event) => event.type === "lambda.invocation.recursion-stopped")).toMatchObject({ functionName: "loop", source: "sqs", invocations: 16 });
    const moved = await cloud.sqs.receiveMessage({ QueueUrl: dlq.url, MaxNumberOfMessages: 10 });
    expect(moved.Messages?.map((message) => message.Body)).toEqual(["again"]);
    // Nothing of the chain is visible on the message itself.
    expect(Object.getOwnPropertySymbols(moved.Messages![0]!)).toEqual([]);
  });

  it("an async self-invoking function ends at 15 invocations; the stopped event goes to its DLQ", async () => {
    await using cloud = createCloud();
    const dlq = await queueOf(cloud, "fn-dlq");
    let calls = 0;
    await cloud.lambda.createFunction({
      FunctionName: "self",
      DeadLetterConfig: { TargetArn: dlq.arn },
      handler: async (event: { n: number }) => {
        calls++;
        await cloud.lambda.invoke({ FunctionName: "self", InvocationType: "Event", Payload: JSON.stringify({ n: event.n + 1 }) });
      },
    });
    await cloud.lambda.invoke({ FunctionName: "self", InvocationType: "Event", Payload: JSON.stringify({ n: 1 }) });
    await cloud.runUntilIdle();
    expect(calls).toBe(15);
    const dead = await cloud.sqs.receiveMessage({ QueueUrl: dlq.url, MessageAttributeNames: ["All"] });
    expect(dead.Messages?.map((message) => JSON.parse(message.Body!) as unknown)).toEqual([{ n: 16 }]);
    expect(dead.Messages?.[0]?.MessageAttributes?.["ErrorCode"]?.StringValue).toBe("400");
  });

  it("SNS → Lambda → publish to the same topic ends at 15 invocations; RecursiveLoop Allow lets it run on", async () => {
    for (const mode of ["Terminate", "Allow"] as const) {
      await using cloud = createCloud({ loopLimit: 2_000 });
      const { TopicArn } = await cloud.sns.createTopic({ Name: "echo" });
      let calls = 0;
      const fn = await cloud.lambda.createFunction({
        FunctionName: "loop",
        handler: async () => {
          calls++;
          if (calls < 40) await cloud.sns.publish({ TopicArn: TopicArn!, Message: "again" });
        },
      });
      await cloud.lambda.putFunctionRecursionConfig({ FunctionName: "loop", RecursiveLoop: mode });
      await cloud.sns.subscribe({ TopicArn: TopicArn!, Protocol: "lambda", Endpoint: fn.FunctionArn! });
      await cloud.sns.publish({ TopicArn: TopicArn!, Message: "start" });
      await cloud.runUntilIdle();
      expect(calls).toBe(mode === "Terminate" ? 15 : 40);
      expect((await cloud.lambda.getFunctionMetrics({ FunctionName: "loop" })).RecursiveInvocationsDropped).toBe(mode === "Terminate" ? 1 : 0);
    }
  });

  it("a synchronous chain gets RecursiveInvocationException at the 16th invocation; a fresh chain starts again", async () => {
    await using cloud = createCloud();
    let calls = 0;
    const errors: string[] = [];
    await cloud.lambda.createFunction({
      FunctionName: "self",
      handler: async () => {
        calls++;
        try {
          await cloud.lambda.invoke({ FunctionName: "self" });
        } catch (error) {
          errors.push((error as Error).name);
        }
      },
    });
    await cloud.lambda.invoke({ FunctionName: "self" });
    expect(calls).toBe(15);
    expect(errors).toEqual(["RecursiveInvocationException"]);
    await cloud.lambda.invoke({ FunctionName: "self" });
    expect(calls).toBe(30);
  });
});
