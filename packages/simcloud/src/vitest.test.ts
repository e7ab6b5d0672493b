import { afterEach, beforeEach, describe, vi } from "vitest";
import type { Cloud } from "./cloud";
import { expect, test, UntilTimeoutError } from "./vitest";

async function failureOf(assertion: Promise<unknown>): Promise<Error> {
  try {
    await assertion;
  } catch (error) {
    return error as Error;
  }
  throw new Error("the assertion passed");
}

/** orders → (Lambda worker through a mapping, throws on "poison") → after 2 receives, orders-dlq. Plus a topic fanning out to orders. */
async function ordersScenario(cloud: Cloud): Promise<void> {
  await cloud.sqs.createQueue({ QueueName: "orders-dlq" });
  await cloud.sqs.createQueue({
    QueueName: "orders",
    Attributes: { VisibilityTimeout: "30", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: cloud.sqs.arn("orders-dlq"), maxReceiveCount: 2 }) },
  });
  await cloud.lambda.createFunction({
    FunctionName: "worker",
    handler: async (event: { Records: { body: string }[] }) => {
      if (event.Records.some((record) => record.body.includes("poison"))) throw new Error("poison order");
    },
  });
  await cloud.lambda.createEventSourceMapping({ FunctionName: "worker", EventSourceArn: cloud.sqs.arn("orders"), BatchSize: 1 });
  await cloud.sns.createTopic({ Name: "events" });
  await cloud.sns.subscribe({ TopicArn: cloud.sns.arn("events"), Protocol: "sqs", Endpoint: cloud.sqs.arn("orders"), Attributes: { RawMessageDelivery: "true" } });
}

describe("simcloud/vitest fixture", () => {
  test("each test gets a fresh cloud on the default start", async ({ cloud }) => {
    expect(cloud.trace.events).toHaveLength(0);
    expect(cloud.clock.now()).toBe(Date.UTC(2025, 0, 1));
    await cloud.sqs.createQueue({ QueueName: "only-here" });
  });

  test("…and the previous test's cloud left nothing behind", async ({ cloud }) => {
    expect((await cloud.sqs.listQueues({})).QueueUrls ?? []).toEqual([]);
  });

  describe("with options", () => {
    test.override({ cloudOptions: { accountId: "123456789012", region: "eu-west-1" } });
    test("cloudOptions reach createCloud", async ({ cloud }) => {
      expect(cloud.sqs.url("q")).toBe("https://sqs.eu-west-1.amazonaws.com/123456789012/q");
      expect(cloud.sqs.arn("q")).toBe("arn:aws:sqs:eu-west-1:123456789012:q");
      expect(cloud.lambda.arn("f")).toBe("arn:aws:lambda:eu-west-1:123456789012:function:f");
      expect(cloud.sns.arn("t")).toBe("arn:aws:sns:eu-west-1:123456789012:t");
      const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
      expect(QueueUrl).toBe(cloud.sqs.url("q"));
    });
  });
});

describe("matchers", () => {
  test("toHaveMessages counts visible, in-flight and delayed messages", async ({ cloud }) => {
    await cloud.sqs.createQueue({ QueueName: "q" });
    const queue = cloud.sqs.queue("q");
    await expect(queue).toHaveMessages(0);
    await cloud.sqs.sendMessage({ QueueUrl: queue.url, MessageBody: "a" });
    await cloud.sqs.sendMessage({ QueueUrl: queue.url, MessageBody: "b", DelaySeconds: 10 });
    await cloud.sqs.receiveMessage({ QueueUrl: queue.url });
    await expect(queue).toHaveMessages(2);
    await expect(queue).not.toHaveMessages(1);
    const failure = await failureOf(expect(queue).toHaveMessages(5));
    expect(failure.message).toContain(`expected queue "q" to hold 5 messages, it holds 2 (0 visible, 1 in flight, 1 delayed)`);
    expect(failure.message).toMatch(/Timeline[^\n]*\n\+ +0\.000s  sqs\.queue\.created/);
  });

  test("toHaveDeadLettered, toHaveBeenInvokedWith/Times, toHaveDelivered", async ({ cloud }) => {
    await ordersScenario(cloud);
    await cloud.sns.publish({ TopicArn: cloud.sns.arn("events"), Message: JSON.stringify({ id: 1, kind: "poison" }) });
    await cloud.sqs.sendMessage({ QueueUrl: cloud.sqs.url("orders"), MessageBody: "fine" });
    await cloud.until("sqs.message.moved-to-dlq");

    const orders = cloud.sqs.queue("orders");
    const worker = cloud.lambda.fn("worker");
    const events = cloud.sns.topic("events");
    await expect(orders).toHaveDeadLettered(expect.objectContaining({ kind: "poison" }));
    await expect(orders).toHaveDeadLettered();
    await expect(orders).not.toHaveDeadLettered("fine");
    await expect(cloud.sqs.queue("orders-dlq")).toHaveMessages(1);
    await expect(worker).toHaveBeenInvokedTimes(3);
    await expect(worker).toHaveBeenInvokedWith({ Records: [expect.objectContaining({ body: "fine" })] });
    await expect(events).toHaveDelivered({ id: 1, kind: "poison" }, { to: orders });
    await expect(events).not.toHaveDelivered({ id: 2 });

    const failure = await failureOf(expect(worker).toHaveBeenInvokedTimes(1));
    expect(failure.message).toContain(`expected function "worker" to have been invoked 1 times, it was invoked 3 times`);
    expect(failure.message).toContain("sqs.message.moved-to-dlq");
    expect(failure.message).toContain(`body="{\\"id\\":1,\\"kind\\":\\"poison\\"}"`);
  });

  test("a matcher given a string explains what it takes", async ({ cloud }) => {
    await expect(expect(cloud.sqs.url("q")).toHaveMessages(0)).rejects.toThrow("toHaveMessages() expects a handle from cloud.sqs.queue(name)");
  });
});

describe("cloud.until", () => {
  test("drives virtual time to the event and stops there", async ({ cloud }) => {
    await ordersScenario(cloud);
    await cloud.sqs.sendMessage({ QueueUrl: cloud.sqs.url("orders"), MessageBody: "poison" });
    const moved = await cloud.until("sqs.message.moved-to-dlq", (event) => event.queueUrl === cloud.sqs.url("orders"));
    expect(moved.deadLetterQueueUrl).toBe(cloud.sqs.url("orders-dlq"));
    // Received twice, 30 s visibility timeout each: moved on the third receive attempt, at 30 s.
    expect(cloud.clock.now() - cloud.startTime).toBe(moved.time - cloud.startTime);
    expect(moved.time - cloud.startTime).toBeGreaterThanOrEqual(30_000);
  });

  test("fails with the timeline when nothing scheduled can cause the event", async ({ cloud }) => {
    await cloud.sqs.createQueue({ QueueName: "q" });
    const error = await cloud.until("sqs.message.moved-to-dlq").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UntilTimeoutError);
    expect((error as Error).message).toContain("nothing was left scheduled");
    expect((error as Error).message).toContain("sqs.queue.created");
    expect(cloud.clock.now()).toBe(cloud.startTime);
  });

  test("fails once the virtual deadline passes", async ({ cloud }) => {
    await cloud.sqs.createQueue({ QueueName: "q" });
    await cloud.sqs.sendMessage({ QueueUrl: cloud.sqs.url("q"), MessageBody: "later", DelaySeconds: 900 });
    await expect(cloud.until("sqs.message.received", undefined, { timeoutMs: 60_000 })).rejects.toThrow(/within 60 virtual seconds \(the deadline passed\)/);
    expect(cloud.clock.now() - cloud.startTime).toBe(60_000);
  });

  describe("autoAdvance", () => {
    test.override({ cloudOptions: { autoAdvance: true } });
    test("works the same", async ({ cloud }) => {
      await ordersScenario(cloud);
      await cloud.sqs.sendMessage({ QueueUrl: cloud.sqs.url("orders"), MessageBody: "poison" });
      const moved = await cloud.until("sqs.message.moved-to-dlq");
      expect(moved.receiveCount).toBe(2);
    });
  });

  describe("system clock under fake timers", () => {
    test.override({ cloudOptions: { clock: "system" } });
    // beforeEach runs before the fixture creates the cloud: the fake timers are in place from its first instant.
    beforeEach(() => {
      vi.useFakeTimers({ now: Date.UTC(2025, 0, 1) });
    });
    afterEach(() => {
      vi.useRealTimers();
    });
    test("waits while the fake timers move time", async ({ cloud }) => {
      await ordersScenario(cloud);
      await cloud.sqs.sendMessage({ QueueUrl: cloud.sqs.url("orders"), MessageBody: "poison" });
      const moved = cloud.until("sqs.message.moved-to-dlq");
      await vi.advanceTimersByTimeAsync(61_000);
      expect((await moved).receiveCount).toBe(2);
      const late = cloud.until("sqs.message.sent", undefined, { timeoutMs: 5_000 });
      const settled = expect(late).rejects.toThrow(UntilTimeoutError);
      await vi.advanceTimersByTimeAsync(5_000);
      await settled;
    });
  });
});

describe("fake timers with a virtual cloud", () => {
  test("a matcher failure says the fake timers do not move the cloud", async ({ cloud }) => {
    await cloud.sqs.createQueue({ QueueName: "q" });
    vi.useFakeTimers();
    try {
      const failure = await failureOf(expect(cloud.sqs.queue("q")).toHaveMessages(1));
      expect(failure.message).toContain("fake timers are active (vi.useFakeTimers()) but this cloud runs on its own virtual clock");
    } finally {
      vi.useRealTimers();
    }
  });
});
