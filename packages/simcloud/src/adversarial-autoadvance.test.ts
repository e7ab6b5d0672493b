/**
 * From outside, after "autoAdvance serves each call after the work due now" (#12's porting note), the SDK-typed Invoke
 * payloads and the `T | undefined` required members (#11's type contract): what an adversarial user tries next.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCloud } from "./index";
import { outcome } from "./fixtures/outcome";

/** Settles with the promise's outcome, or "pending" after `ms` of real time (the test itself must not hang). */
function within<T>(promise: Promise<T>, ms = 3_000): Promise<T | "pending"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([promise, new Promise<"pending">((resolve) => (timer = setTimeout(() => resolve("pending"), ms)))]).finally(() => clearTimeout(timer));
}

describe("autoAdvance: calls racing the catch-up of the work due now", () => {
  it("two calls made in one turn while work is due are served in the order they were made (FIFO queue)", async () => {
    await using cloud = createCloud({ autoAdvance: true });
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q.fifo", Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true" } });
    cloud.scheduler.after(0, () => undefined, { label: "due now" });
    const sends = ["1", "2", "3"].map((body) => cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: body, MessageGroupId: "g" }));
    await Promise.all(sends);
    const { Messages } = await cloud.sqs.receiveMessage({ QueueUrl: QueueUrl!, MaxNumberOfMessages: 10 });
    expect(Messages?.map((message) => message.Body)).toEqual(["1", "2", "3"]);
  });

  it("a call made while an earlier one waits for the catch-up is not served before it (a receive does not overtake the send)", async () => {
    await using cloud = createCloud({ autoAdvance: true });
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
    cloud.scheduler.after(0, async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
    });
    const sent = cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: "first" });
    const received = cloud.sqs.receiveMessage({ QueueUrl: QueueUrl! });
    await sent;
    expect((await received).Messages?.map((message) => message.Body)).toEqual(["first"]);
  });

  it("a handler that never settles, invoked asynchronously, does not stop a call at the same instant", async () => {
    await using cloud = createCloud({ autoAdvance: true });
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
    await cloud.lambda.createFunction({ FunctionName: "never", handler: () => new Promise(() => {}) });
    await cloud.lambda.invoke({ FunctionName: "never", InvocationType: "Event" });
    const before = cloud.clock.now();
    expect(await within(cloud.sqs.receiveMessage({ QueueUrl: QueueUrl! }))).toEqual({});
    expect(cloud.clock.now()).toBe(before);
  });

  it("due work that feeds itself forever through service calls and host turns (no task due now) does not hold a call", async () => {
    const cloud = createCloud({ autoAdvance: true, loopLimit: 200 });
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
    let sent = 0;
    cloud.scheduler.after(0, async () => {
      for (;;) {
        await cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: "again" });
        sent++;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }, { label: "feeder" });
    const result = await within(outcome(() => cloud.sqs.receiveMessage({ QueueUrl: QueueUrl! })), 10_000);
    await cloud.dispose();
    expect(result).toBe("ok");
    expect(sent).toBeGreaterThan(0);
  });

  for (const autoAdvance of [false, true]) {
    it(`code that loops on service calls alone (\`for (;;) await sqs.sendMessage(…)\`) still lets the host run: timers fire, dispose ends the loop (autoAdvance: ${autoAdvance})`, async () => {
      const cloud = createCloud({ autoAdvance });
      const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
      let sent = 0;
      const loop = (async () => {
        for (;;) {
          await cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: "again" });
          sent++;
        }
      })();
      // Were the loop to starve the host, this real timer (and a test runner's timeout) would never fire.
      await new Promise<void>((resolve) => setTimeout(resolve, 5));
      expect(sent).toBeGreaterThan(0);
      await cloud.dispose();
      expect(await within(outcome(() => loop))).toBe("disposed");
    });
  }

  it("dispose() while a call waits for the catch-up rejects that call with CloudDisposedError; nothing runs after", async () => {
    const cloud = createCloud({ autoAdvance: true });
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
    const ran: string[] = [];
    cloud.scheduler.after(0, async () => {
      ran.push("due");
      await new Promise<void>((resolve) => setImmediate(resolve));
      cloud.scheduler.after(0, () => ran.push("caused"));
    });
    const waiting = outcome(() => cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: "x" }));
    await cloud.dispose();
    expect(await within(waiting)).toBe("disposed");
    expect(ran).toEqual(["due"]);
  });
});

describe("clock: 'system' under fake timers is unaffected by the catch-up", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a call is served at once; work due now runs when the timers run", async () => {
    vi.useFakeTimers();
    await using cloud = createCloud({ clock: "system" });
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
    const ran: string[] = [];
    cloud.scheduler.after(0, () => ran.push("due"));
    await cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: "x" });
    expect(ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(ran).toEqual(["due"]);
  });
});

describe("Invoke payloads from the SDK's blob types, hostile", () => {
  const SIX_MB = 6 * 1024 * 1024;

  it("a Blob over 6 MB is RequestTooLargeException (413), as the Invoke API reference lists it (RequestEntityTooLargeException is CreateFunction's, as recorded)", async () => {
    await using cloud = createCloud();
    await cloud.lambda.createFunction({ FunctionName: "f", handler: () => "ok" });
    const blob = new Blob([`"${"x".repeat(SIX_MB)}"`]);
    await expect(cloud.lambda.invoke({ FunctionName: "f", Payload: blob })).rejects.toMatchObject({ name: "RequestTooLargeException", statusCode: 413 });
    expect((await cloud.lambda.getFunctionMetrics({ FunctionName: "f" })).Invocations).toBe(0);
  });

  it("a ReadableStream that never ends but keeps producing is refused once it passes the limit (not read into memory forever)", async () => {
    await using cloud = createCloud();
    await cloud.lambda.createFunction({ FunctionName: "f", handler: () => "ok" });
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(chunk);
      },
    });
    const result = await within(outcome(() => cloud.lambda.invoke({ FunctionName: "f", Payload: endless })), 10_000);
    expect(result).toBe("aws:RequestTooLargeException");
    expect(pulled).toBeLessThan(16);
  });

  it("a ReadableStream that errors fails the call with that error; nothing is invoked", async () => {
    await using cloud = createCloud({ autoAdvance: true });
    await cloud.lambda.createFunction({ FunctionName: "f", handler: () => "ok" });
    const failing = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("{"));
        controller.error(new Error("socket hang up"));
      },
    });
    await expect(cloud.lambda.invoke({ FunctionName: "f", Payload: failing })).rejects.toThrow("socket hang up");
    expect((await cloud.lambda.getFunctionMetrics({ FunctionName: "f" })).Invocations).toBe(0);
  });
});

describe("undefined in a required member (the SDK's `T | undefined`) through native calls: AWS's error, nothing stored", () => {
  it("SQS", async () => {
    await using cloud = createCloud();
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
    const url = QueueUrl!;
    const cases: Record<string, () => unknown> = {
      createQueue: () => cloud.sqs.createQueue({ QueueName: undefined }),
      sendMessage_url: () => cloud.sqs.sendMessage({ QueueUrl: undefined, MessageBody: "x" }),
      sendMessage_body: () => cloud.sqs.sendMessage({ QueueUrl: url, MessageBody: undefined }),
      sendMessageBatch: () => cloud.sqs.sendMessageBatch({ QueueUrl: url, Entries: undefined }),
      sendMessageBatch_entry: () => cloud.sqs.sendMessageBatch({ QueueUrl: url, Entries: [{ Id: undefined, MessageBody: "x" }] }),
      deleteMessage: () => cloud.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: undefined }),
      changeMessageVisibility: () => cloud.sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: "h", VisibilityTimeout: undefined }),
      setQueueAttributes: () => cloud.sqs.setQueueAttributes({ QueueUrl: url, Attributes: undefined }),
      tagQueue: () => cloud.sqs.tagQueue({ QueueUrl: url, Tags: undefined }),
      untagQueue: () => cloud.sqs.untagQueue({ QueueUrl: url, TagKeys: undefined }),
      getQueueUrl: () => cloud.sqs.getQueueUrl({ QueueName: undefined }),
      addPermission: () => cloud.sqs.addPermission({ QueueUrl: url, Label: undefined, AWSAccountIds: ["123456789012"], Actions: ["SendMessage"] }),
    };
    const outcomes: Record<string, string> = {};
    for (const [name, call] of Object.entries(cases)) outcomes[name] = await outcome(call);
    for (const [name, result] of Object.entries(outcomes)) expect(`${name} ${result}`).toMatch(new RegExp(`^${name} aws:`));
    expect((await cloud.sqs.listQueues({})).QueueUrls).toEqual([url]);
    expect((await cloud.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages"] })).Attributes).toEqual({ ApproximateNumberOfMessages: "0" });
  });

  it("SNS", async () => {
    await using cloud = createCloud();
    const { TopicArn } = await cloud.sns.createTopic({ Name: "t" });
    const arn = TopicArn!;
    const cases: Record<string, () => unknown> = {
      createTopic: () => cloud.sns.createTopic({ Name: undefined }),
      publish_message: () => cloud.sns.publish({ TopicArn: arn, Message: undefined }),
      publishBatch: () => cloud.sns.publishBatch({ TopicArn: arn, PublishBatchRequestEntries: undefined }),
      subscribe_protocol: () => cloud.sns.subscribe({ TopicArn: arn, Protocol: undefined, Endpoint: "a@b.c" }),
      subscribe_topic: () => cloud.sns.subscribe({ TopicArn: undefined, Protocol: "email", Endpoint: "a@b.c" }),
      setTopicAttributes: () => cloud.sns.setTopicAttributes({ TopicArn: arn, AttributeName: undefined, AttributeValue: "x" }),
      tagResource: () => cloud.sns.tagResource({ ResourceArn: arn, Tags: undefined }),
      untagResource: () => cloud.sns.untagResource({ ResourceArn: arn, TagKeys: undefined }),
      unsubscribe: () => cloud.sns.unsubscribe({ SubscriptionArn: undefined }),
    };
    const outcomes: Record<string, string> = {};
    for (const [name, call] of Object.entries(cases)) outcomes[name] = await outcome(call);
    for (const [name, result] of Object.entries(outcomes)) expect(`${name} ${result}`).toMatch(new RegExp(`^${name} aws:`));
    expect((await cloud.sns.listTopics({})).Topics).toEqual([{ TopicArn: arn }]);
    expect((await cloud.sns.listSubscriptions({})).Subscriptions).toEqual([]);
  });

  it("Lambda", async () => {
    await using cloud = createCloud();
    await cloud.lambda.createFunction({ FunctionName: "f", handler: () => "ok" });
    const cases: Record<string, () => unknown> = {
      createFunction: () => cloud.lambda.createFunction({ FunctionName: undefined, handler: () => "ok" }),
      invoke: () => cloud.lambda.invoke({ FunctionName: undefined }),
      createAlias: () => cloud.lambda.createAlias({ FunctionName: "f", Name: undefined, FunctionVersion: "$LATEST" }),
      createAlias_version: () => cloud.lambda.createAlias({ FunctionName: "f", Name: "a", FunctionVersion: undefined }),
      putFunctionConcurrency: () => cloud.lambda.putFunctionConcurrency({ FunctionName: "f", ReservedConcurrentExecutions: undefined }),
      tagResource: () => cloud.lambda.tagResource({ Resource: undefined, Tags: { a: "b" } }),
      tagResource_tags: () => cloud.lambda.tagResource({ Resource: cloud.lambda.arn("f"), Tags: undefined }),
      untagResource: () => cloud.lambda.untagResource({ Resource: cloud.lambda.arn("f"), TagKeys: undefined }),
      createEventSourceMapping: () => cloud.lambda.createEventSourceMapping({ FunctionName: undefined, EventSourceArn: "arn:aws:sqs:us-east-1:000000000000:q" }),
    };
    const outcomes: Record<string, string> = {};
    for (const [name, call] of Object.entries(cases)) outcomes[name] = await outcome(call);
    for (const [name, result] of Object.entries(outcomes)) expect(`${name} ${result}`).toMatch(new RegExp(`^${name} aws:`));
    expect((await cloud.lambda.listFunctions({})).Functions?.map((fn) => fn.FunctionName)).toEqual(["f"]);
    expect((await cloud.lambda.listAliases({ FunctionName: "f" })).Aliases).toEqual([]);
    expect((await cloud.lambda.listEventSourceMappings({})).EventSourceMappings).toEqual([]);
    expect((await cloud.lambda.getFunctionConcurrency({ FunctionName: "f" })).ReservedConcurrentExecutions).toBeUndefined();
  });
});
