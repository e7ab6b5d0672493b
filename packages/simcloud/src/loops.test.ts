import { describe, expect, it } from "vitest";
import { createCloud, SchedulerLoopLimitError } from "./index";

describe("self-feeding loops at one virtual instant", () => {
  it("SQS → Lambda → the same queue, recursion allowed: the loop limit stops advance() and real timers still fire", async () => {
    await using cloud = createCloud({ loopLimit: 1000 });
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "self" });
    const { QueueArn } = (await cloud.sqs.getQueueAttributes({ QueueUrl: QueueUrl!, AttributeNames: ["QueueArn"] })).Attributes as { QueueArn: string };
    let calls = 0;
    await cloud.lambda.createFunction({
      FunctionName: "loop",
      handler: async () => {
        calls++;
        await cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: "again" });
      },
    });
    await allowRecursion(cloud);
    await cloud.lambda.createEventSourceMapping({ FunctionName: "loop", EventSourceArn: QueueArn, BatchSize: 1 });
    await cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: "start" });
    await expect(cloud.advance(1000)).rejects.toBeInstanceOf(SchedulerLoopLimitError);
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThan(2000);
  });

  it("SQS → Lambda → the same queue, undriven: the host's timers still fire and the chain parks at the loop limit", async () => {
    await using cloud = createCloud({ loopLimit: 1000 });
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "self" });
    const { QueueArn } = (await cloud.sqs.getQueueAttributes({ QueueUrl: QueueUrl!, AttributeNames: ["QueueArn"] })).Attributes as { QueueArn: string };
    let calls = 0;
    await cloud.lambda.createFunction({
      FunctionName: "loop",
      handler: async () => {
        calls++;
        await cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: "again" });
      },
    });
    await allowRecursion(cloud);
    await cloud.lambda.createEventSourceMapping({ FunctionName: "loop", EventSourceArn: QueueArn, BatchSize: 1 });
    await cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: "start" });
    // Before the fix this real timer never fired: the loop starved the event loop.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThanOrEqual(1001);
  });
});

async function allowRecursion(cloud: ReturnType<typeof createCloud>): Promise<void> {
  const put = (cloud.lambda as unknown as Record<string, unknown>)["putFunctionRecursionConfig"];
  if (typeof put === "function") await (put as (input: object) => Promise<unknown>)({ FunctionName: "loop", RecursiveLoop: "Allow" });
}
