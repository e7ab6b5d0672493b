/**
 * Housekeeping is background work (ScheduleOptions.background): retention expiry, deduplication windows and
 * ReceiveRequestAttemptId windows run when time reaches them but never keep runUntilIdle going. A long poll made
 * with `{ background: true }` through the QueuePort (an internal poller) neither makes autoAdvance jump nor keeps
 * runUntilIdle going, yet still wakes as soon as a message arrives.
 */
import { yieldMacrotask } from "@simcloud/clock";
import { createSimContext, type QueuePort, type SimContext } from "@simcloud/core";
import { describe, expect, it } from "vitest";
import { createQueueService, type QueueService } from "./sqs";

const ARN = "arn:aws:sqs:us-east-1:000000000000:";

async function setup(options: { autoAdvance?: boolean } = {}): Promise<{ ctx: SimContext; sqs: QueueService }> {
  const ctx = createSimContext(options);
  return { ctx, sqs: createQueueService(ctx) };
}

async function count(sqs: QueueService, QueueUrl: string): Promise<Record<string, string> | undefined> {
  return (await sqs.getQueueAttributes({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] })).Attributes;
}

/** Lets real (native) work run for a while; a promise that is still pending after this waits on virtual time. */
async function nativeTurns(n = 30): Promise<void> {
  for (let i = 0; i < n; i++) await yieldMacrotask();
}

describe("background housekeeping", () => {
  it("runUntilIdle returns at once with a message left in a queue: retention does not make it jump 4 days", async () => {
    const { ctx, sqs } = await setup();
    const QueueUrl = (await sqs.createQueue({ QueueName: "idle" })).QueueUrl!;
    await sqs.sendMessage({ QueueUrl, MessageBody: "stay" });
    const before = ctx.clock.now();
    await ctx.scheduler.runUntilIdle();
    expect(ctx.clock.now()).toBe(before);
    expect(await count(sqs, QueueUrl)).toEqual({ ApproximateNumberOfMessages: "1", ApproximateNumberOfMessagesNotVisible: "0" });
    expect(ctx.trace.of("sqs.message.expired")).toHaveLength(0);
  });

  it("retention still expires messages when time is moved past it", async () => {
    const { ctx, sqs } = await setup();
    const QueueUrl = (await sqs.createQueue({ QueueName: "short", Attributes: { MessageRetentionPeriod: "60" } })).QueueUrl!;
    const { MessageId: first } = await sqs.sendMessage({ QueueUrl, MessageBody: "first" });
    await ctx.scheduler.advance(30_000);
    const { MessageId: second } = await sqs.sendMessage({ QueueUrl, MessageBody: "second" });
    await ctx.scheduler.advance(29_999);
    expect(await count(sqs, QueueUrl)).toEqual({ ApproximateNumberOfMessages: "2", ApproximateNumberOfMessagesNotVisible: "0" });
    await ctx.scheduler.advance(1);
    expect(ctx.trace.of("sqs.message.expired").map((e) => e.messageId)).toEqual([first]);
    await ctx.scheduler.advance(30_000);
    expect(ctx.trace.of("sqs.message.expired").map((e) => e.messageId)).toEqual([first, second]);
    expect(await count(sqs, QueueUrl)).toEqual({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });
    // The default 4 days, reached by moving time explicitly.
    const defaults = (await sqs.createQueue({ QueueName: "default-retention" })).QueueUrl!;
    await sqs.sendMessage({ QueueUrl: defaults, MessageBody: "old" });
    await ctx.scheduler.advance(345_600_000);
    expect(await count(sqs, defaults)).toEqual({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });
  });

  it("a shorter MessageRetentionPeriod re-times the stored messages", async () => {
    const { ctx, sqs } = await setup();
    const QueueUrl = (await sqs.createQueue({ QueueName: "retimed" })).QueueUrl!;
    await sqs.sendMessage({ QueueUrl, MessageBody: "x" });
    await ctx.scheduler.advance(120_000);
    await sqs.setQueueAttributes({ QueueUrl, Attributes: { MessageRetentionPeriod: "60" } });
    await ctx.scheduler.settle();
    expect(ctx.trace.of("sqs.message.expired")).toHaveLength(1);
  });

  it("a standard DLQ expires a moved message by its original enqueue time, ahead of newer messages already there", async () => {
    const { ctx, sqs } = await setup();
    const dlq = (await sqs.createQueue({ QueueName: "dlq", Attributes: { MessageRetentionPeriod: "600" } })).QueueUrl!;
    const source = (
      await sqs.createQueue({
        QueueName: "source",
        Attributes: { VisibilityTimeout: "10", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `${ARN}dlq`, maxReceiveCount: 1 }) },
      })
    ).QueueUrl!;
    const { MessageId: old } = await sqs.sendMessage({ QueueUrl: source, MessageBody: "old" }); // enqueued at 0 s
    await sqs.receiveMessage({ QueueUrl: source });
    await ctx.scheduler.advance(100_000);
    const { MessageId: newer } = await sqs.sendMessage({ QueueUrl: dlq, MessageBody: "newer" }); // enqueued at 100 s
    expect((await sqs.receiveMessage({ QueueUrl: source })).Messages).toBeUndefined(); // "old" moves to the DLQ now
    expect(ctx.trace.of("sqs.message.moved-to-dlq").map((e) => e.messageId)).toEqual([old]);
    await ctx.scheduler.advance(499_999);
    expect(ctx.trace.of("sqs.message.expired")).toHaveLength(0);
    await ctx.scheduler.advance(1); // 600 s after "old" was first enqueued
    expect(ctx.trace.of("sqs.message.expired").map((e) => e.messageId)).toEqual([old]);
    await ctx.scheduler.advance(100_000);
    expect(ctx.trace.of("sqs.message.expired").map((e) => e.messageId)).toEqual([old, newer]);
  });

  it("in-flight messages still keep runUntilIdle going until they are visible again", async () => {
    const { ctx, sqs } = await setup();
    const QueueUrl = (await sqs.createQueue({ QueueName: "inflight", Attributes: { VisibilityTimeout: "30" } })).QueueUrl!;
    await sqs.sendMessage({ QueueUrl, MessageBody: "job" });
    await sqs.receiveMessage({ QueueUrl });
    const before = ctx.clock.now();
    await ctx.scheduler.runUntilIdle();
    expect(ctx.clock.now()).toBe(before + 30_000);
    expect(await count(sqs, QueueUrl)).toEqual({ ApproximateNumberOfMessages: "1", ApproximateNumberOfMessagesNotVisible: "0" });
  });

  it("FIFO deduplication and ReceiveRequestAttemptId windows do not keep runUntilIdle going, and still end after 5 minutes", async () => {
    const { ctx, sqs } = await setup();
    const QueueUrl = (await sqs.createQueue({ QueueName: "windows.fifo", Attributes: { FifoQueue: "true" } })).QueueUrl!;
    const send = () => sqs.sendMessage({ QueueUrl, MessageBody: "once", MessageGroupId: "g", MessageDeduplicationId: "d" });
    const { MessageId } = await send();
    const received = await sqs.receiveMessage({ QueueUrl, ReceiveRequestAttemptId: "attempt" });
    await sqs.deleteMessage({ QueueUrl, ReceiptHandle: received.Messages![0]!.ReceiptHandle! });
    const before = ctx.clock.now();
    await ctx.scheduler.runUntilIdle();
    expect(ctx.clock.now()).toBe(before);
    expect((await send()).MessageId).toBe(MessageId);
    await ctx.scheduler.advance(5 * 60_000);
    expect((await send()).MessageId).not.toBe(MessageId);
    await ctx.scheduler.runUntilIdle();
    expect(ctx.clock.now()).toBe(before + 5 * 60_000);
  });
});

describe("background long polls (QueueReceiveOptions.background)", () => {
  const portOf = (ctx: SimContext, name: string): QueuePort => ctx.registry.resolve("queue", `${ARN}${name}`)!.port;

  it("do not keep runUntilIdle going, wake at once when a message arrives, and still time out when time reaches them", async () => {
    const { ctx, sqs } = await setup();
    await sqs.createQueue({ QueueName: "poller" });
    const port = portOf(ctx, "poller");
    const start = ctx.clock.now();
    let settled = false;
    const waiting = port.receive({ WaitTimeSeconds: 20 }, { principal: "lambda.amazonaws.com" }, { background: true }).then((messages) => {
      settled = true;
      return messages;
    });
    await ctx.scheduler.runUntilIdle();
    expect(ctx.clock.now()).toBe(start);
    expect(settled).toBe(false);
    await ctx.scheduler.advance(3_000);
    port.send({ MessageBody: "wake up" });
    const messages = await waiting;
    expect(messages.map((m) => m.Body)).toEqual(["wake up"]);
    expect(ctx.clock.now()).toBe(start + 3_000);

    const empty = port.receive({ WaitTimeSeconds: 20 }, undefined, { background: true });
    await ctx.scheduler.advance(20_000);
    expect(await empty).toEqual([]);
    expect(ctx.clock.now()).toBe(start + 23_000);
  });

  it("do not make autoAdvance jump, while an awaited long poll still does", async () => {
    const { ctx, sqs } = await setup({ autoAdvance: true });
    await sqs.createQueue({ QueueName: "auto" });
    const port = portOf(ctx, "auto");
    const start = ctx.clock.now();
    let settled = false;
    const background = port.receive({ WaitTimeSeconds: 20 }, undefined, { background: true }).then((messages) => {
      settled = true;
      return messages;
    });
    await nativeTurns();
    expect(settled).toBe(false);
    expect(ctx.clock.now()).toBe(start);
    // An ordinary (awaited) long poll makes time jump to its own timeout, not to the background one.
    expect(await port.receive({ WaitTimeSeconds: 5 })).toEqual([]);
    expect(ctx.clock.now()).toBe(start + 5_000);
    await nativeTurns();
    expect(settled).toBe(false);
    expect(ctx.clock.now()).toBe(start + 5_000);
    port.send({ MessageBody: "now" });
    expect((await background).map((m) => m.Body)).toEqual(["now"]);
    expect(ctx.clock.now()).toBe(start + 5_000);
  });
});
