/**
 * Issue #10, from outside: variations of its bullets an adversarial user tries after the fixes
 * (hostile inputs, dispose at awkward moments, same-seed clouds side by side).
 */
import { describe, expect, it } from "vitest";
import { CloudDisposedError, createCloud, type Cloud } from "./index";
import { outcome } from "./fixtures/outcome";

async function queue(cloud: Cloud, name: string, attributes: Record<string, string> = {}): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: name, Attributes: attributes });
  const { Attributes } = await cloud.sqs.getQueueAttributes({ QueueUrl: QueueUrl!, AttributeNames: ["QueueArn"] });
  return { url: QueueUrl!, arn: Attributes!["QueueArn"]! };
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

describe("hostile MessageAttributes on the native API are the service's validation error and store nothing", () => {
  const hostile: [string, () => unknown][] = [
    ["a map whose getter throws", () => Object.defineProperty({}, "a", { enumerable: true, get: () => { throw new Error("getter"); } })],
    ["a value whose StringValue getter throws", () => ({ a: Object.defineProperty({ DataType: "String" }, "StringValue", { enumerable: true, get: () => { throw new Error("value"); } }) })],
    ["a Proxy whose ownKeys trap throws", () => new Proxy({}, { ownKeys: () => { throw new Error("trap"); } })],
    ["a revoked Proxy", revokedProxy],
    ["BinaryValue as a string", () => ({ a: { DataType: "Binary", BinaryValue: "aGVsbG8=" } })],
  ];
  for (const [name, make] of hostile) {
    it(name, async () => {
      await using cloud = createCloud();
      const { url } = await queue(cloud, "q");
      const { TopicArn } = await cloud.sns.createTopic({ Name: "t" });
      expect(await outcome(() => cloud.sqs.sendMessage({ QueueUrl: url, MessageBody: "b", MessageAttributes: make() as never }))).toBe("aws:InvalidParameterValue");
      expect(await outcome(() => cloud.sqs.sendMessageBatch({ QueueUrl: url, Entries: [{ Id: "1", MessageBody: "b", MessageAttributes: make() as never }] }))).toMatch(/^(aws:InvalidParameterValue|ok)$/);
      expect(await outcome(() => cloud.sns.publish({ TopicArn: TopicArn!, Message: "b", MessageAttributes: make() as never }))).toBe("aws:InvalidParameterException");
      const { Attributes } = await cloud.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages"] });
      expect(Attributes?.["ApproximateNumberOfMessages"]).toBe("0");
    });
  }

  // Attribute failures reject the whole SendMessageBatch request, as AWS answered (conformance/parity, sqs).
  it("10,000 attributes: SendMessage refuses them; a batch carrying them is refused whole and stores nothing", async () => {
    await using cloud = createCloud();
    const { url } = await queue(cloud, "q");
    const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, { DataType: "String", StringValue: "v" }]));
    expect(await outcome(() => cloud.sqs.sendMessage({ QueueUrl: url, MessageBody: "b", MessageAttributes: many }))).toBe("aws:InvalidParameterValue");
    const entries = [{ Id: "ok", MessageBody: "fine" }, { Id: "1", MessageBody: "b", MessageAttributes: many }];
    expect(await outcome(() => cloud.sqs.sendMessageBatch({ QueueUrl: url, Entries: entries }))).toBe("aws:InvalidParameterValue");
    const { Attributes } = await cloud.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages"] });
    expect(Attributes?.["ApproximateNumberOfMessages"]).toBe("0");
  });
});

describe("hostile Lambda inputs on the native API are the service's error and create nothing", () => {
  const getter = (): object => Object.defineProperty({}, "a", { enumerable: true, get: () => { throw new Error("getter"); } });
  it("invoke: a Proxy for the input, a Payload object or a throwing getter are InvalidRequestContentException", async () => {
    await using cloud = createCloud();
    let calls = 0;
    await cloud.lambda.createFunction({ FunctionName: "f", handler: async () => void calls++ });
    expect(await outcome(() => cloud.lambda.invoke(revokedProxy() as never))).toBe("aws:InvalidRequestContentException");
    expect(await outcome(() => cloud.lambda.invoke({ FunctionName: "f", Payload: { order: 1 } as never }))).toBe("aws:InvalidRequestContentException");
    expect(await outcome(() => cloud.lambda.invoke({ FunctionName: "f", Payload: getter() as never }))).toBe("aws:InvalidRequestContentException");
    expect(calls).toBe(0);
  });

  it("createFunction: Environment.Variables or Tags that throw when read, or hold non-strings", async () => {
    await using cloud = createCloud();
    const handler = async (): Promise<number> => 1;
    for (const [name, input] of [
      ["env-getter", { Environment: { Variables: getter() } }],
      ["env-revoked", { Environment: { Variables: revokedProxy() } }],
      ["env-number", { Environment: { Variables: { A: 1 } } }],
      ["tags-revoked", { Tags: revokedProxy() }],
    ] as const) {
      expect(await outcome(() => cloud.lambda.createFunction({ FunctionName: name, handler, ...(input as object) }))).toBe("aws:InvalidRequestContentException");
    }
    expect((await cloud.lambda.listFunctions({})).Functions).toEqual([]);
  });
});

async function inQueue(cloud: Cloud, url: string): Promise<number> {
  const { Attributes } = await cloud.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] });
  return Number(Attributes!["ApproximateNumberOfMessages"]) + Number(Attributes!["ApproximateNumberOfMessagesNotVisible"]);
}

describe("dead-letter moves and move tasks lose nothing", () => {
  it("FIFO with three groups and a ReceiveRequestAttemptId retried after the visibility timeout: every message ends in the DLQ once", async () => {
    await using cloud = createCloud();
    const dlq = await queue(cloud, "d.fifo", { FifoQueue: "true" });
    const src = await queue(cloud, "s.fifo", { FifoQueue: "true", ContentBasedDeduplication: "true", VisibilityTimeout: "5", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }) });
    for (const group of ["a", "b", "c"]) for (let i = 0; i < 3; i++) await cloud.sqs.sendMessage({ QueueUrl: src.url, MessageBody: `${group}${i}`, MessageGroupId: group });
    const first = await cloud.sqs.receiveMessage({ QueueUrl: src.url, MaxNumberOfMessages: 10, ReceiveRequestAttemptId: "x" });
    const retried = await cloud.sqs.receiveMessage({ QueueUrl: src.url, MaxNumberOfMessages: 10, ReceiveRequestAttemptId: "x" });
    expect(retried.Messages?.map((m) => m.Body)).toEqual(first.Messages?.map((m) => m.Body));
    await cloud.advance(6_000);
    await cloud.sqs.receiveMessage({ QueueUrl: src.url, MaxNumberOfMessages: 10, ReceiveRequestAttemptId: "x" });
    const dead: string[] = [];
    for (let i = 0; i < 3; i++) {
      for (const m of (await cloud.sqs.receiveMessage({ QueueUrl: dlq.url, MaxNumberOfMessages: 10 })).Messages ?? []) {
        dead.push(m.Body!);
        await cloud.sqs.deleteMessage({ QueueUrl: dlq.url, ReceiptHandle: m.ReceiptHandle! });
      }
    }
    expect(dead.sort()).toEqual(["a0", "a1", "a2", "b0", "b1", "b2", "c0", "c1", "c2"]);
    expect(await inQueue(cloud, src.url)).toBe(0);
  });

  it("a move task cancelled mid-flight leaves every message in exactly one queue, all receivable", async () => {
    await using cloud = createCloud();
    const dlq = await queue(cloud, "d");
    const src = await queue(cloud, "s", { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }) });
    for (let i = 0; i < 50; i++) await cloud.sqs.sendMessage({ QueueUrl: dlq.url, MessageBody: `m${i}` });
    const task = await cloud.sqs.startMessageMoveTask({ SourceArn: dlq.arn, DestinationArn: src.arn, MaxNumberOfMessagesPerSecond: 5 });
    await cloud.advance(3_000);
    await cloud.sqs.cancelMessageMoveTask({ TaskHandle: task.TaskHandle! });
    await cloud.advance(10_000);
    const moved = await inQueue(cloud, src.url);
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThan(50);
    expect(moved + (await inQueue(cloud, dlq.url))).toBe(50);
    const bodies = new Set<string>();
    for (const url of [src.url, dlq.url]) {
      for (let i = 0; i < 10; i++) for (const m of (await cloud.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 })).Messages ?? []) bodies.add(m.Body!);
    }
    expect(bodies.size).toBe(50);
  });
});

describe("hangs and leaks, variations", () => {
  it("a handler that never settles: the timeout fires in virtual time, runUntilIdle returns, the slot is freed (advance and autoAdvance)", async () => {
    for (const autoAdvance of [false, true]) {
      await using cloud = createCloud({ autoAdvance });
      await cloud.lambda.createFunction({ FunctionName: "never", Timeout: 2, ReservedConcurrentExecutions: 1, handler: () => new Promise(() => {}) });
      const sync = cloud.lambda.invoke({ FunctionName: "never" });
      if (!autoAdvance) await cloud.advance(2_000);
      expect((await sync).FunctionError).toBe("Unhandled");
      await cloud.lambda.invoke({ FunctionName: "never", InvocationType: "Event" });
      await cloud.runUntilIdle();
      expect((await cloud.lambda.getFunctionMetrics({ FunctionName: "never" })).ConcurrentExecutions).toBe(0);
    }
  });

  it("SNS → SQS → Lambda → the same topic is stopped by recursion detection", async () => {
    await using cloud = createCloud({ loopLimit: 5_000 });
    const { TopicArn } = await cloud.sns.createTopic({ Name: "t" });
    const target = await queue(cloud, "s");
    await cloud.sns.subscribe({ TopicArn: TopicArn!, Protocol: "sqs", Endpoint: target.arn });
    let calls = 0;
    await cloud.lambda.createFunction({ FunctionName: "f", handler: async () => { calls++; await cloud.sns.publish({ TopicArn: TopicArn!, Message: "again" }); } });
    await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: target.arn, BatchSize: 1 });
    await cloud.sns.publish({ TopicArn: TopicArn!, Message: "go" });
    await cloud.advance(60_000);
    expect(calls).toBe(15);
  });

  it("two clouds with one seed, run interleaved, give identical ids and traces and see only their own work", async () => {
    const run = async (): Promise<{ ids: string[]; seen: number; trace: string }> => {
      await using cloud = createCloud({ seed: 42 });
      const target = await queue(cloud, "q");
      let seen = 0;
      await cloud.lambda.createFunction({ FunctionName: "f", handler: async (event: { Records: unknown[] }) => { seen += event.Records.length; await cloud.scheduler.sleep(10); } });
      await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: target.arn, BatchSize: 1 });
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        ids.push((await cloud.sqs.sendMessage({ QueueUrl: target.url, MessageBody: `m${i}` })).MessageId!);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await cloud.advance(60_000);
      return { ids, seen, trace: cloud.trace.events.map((event) => event.type).join(",") };
    };
    const [a, b] = await Promise.all([run(), run()]);
    expect([a.seen, b.seen]).toEqual([20, 20]);
    expect(a.ids).toEqual(b.ids);
    expect(a.trace).toEqual(b.trace);
  });

  it("dispose() with a move task, an SNS HTTP retry, a Lambda async retry and a mapping batch pending: nothing runs afterwards", async () => {
    const cloud = createCloud();
    const dlq = await queue(cloud, "d");
    const src = await queue(cloud, "s", { VisibilityTimeout: "60", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }) });
    for (let i = 0; i < 20; i++) await cloud.sqs.sendMessage({ QueueUrl: dlq.url, MessageBody: `m${i}` });
    await cloud.sqs.startMessageMoveTask({ SourceArn: dlq.arn, DestinationArn: src.arn, MaxNumberOfMessagesPerSecond: 1 });
    const { TopicArn } = await cloud.sns.createTopic({ Name: "t" });
    let http = 0;
    let failing = 0;
    let batches = 0;
    cloud.sns.registerEndpoint("https://example.com/hook", () => { http++; return { statusCode: 500 }; });
    await cloud.sns.subscribe({ TopicArn: TopicArn!, Protocol: "https", Endpoint: "https://example.com/hook" });
    await cloud.sns.publish({ TopicArn: TopicArn!, Message: "m" });
    await cloud.lambda.createFunction({ FunctionName: "bad", handler: async () => { failing++; throw new Error("x"); } });
    await cloud.lambda.invoke({ FunctionName: "bad", InvocationType: "Event" });
    await cloud.lambda.createFunction({ FunctionName: "slow", Timeout: 30, handler: async () => { batches++; await cloud.scheduler.sleep(20_000); } });
    await cloud.lambda.createEventSourceMapping({ FunctionName: "slow", EventSourceArn: src.arn, BatchSize: 1 });
    await cloud.advance(3_000);
    const before = { http, failing, batches };
    expect(before.http * before.failing * before.batches).toBeGreaterThan(0);
    const poll = cloud.sqs.receiveMessage({ QueueUrl: dlq.url, WaitTimeSeconds: 20 });
    await cloud.dispose();
    expect(await outcome(() => poll)).toBe("disposed");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect({ http, failing, batches }).toEqual(before);
    expect(await outcome(() => cloud.advance(1_000))).toBe("disposed");
  });

  // The nonce ("AQEB" + 12 base-36 characters) is a digest of the handle's queue incarnation, message and receive under
  // a per-queue secret from the seeded random stream, so any altered character of it is caught.
  it("a receipt handle whose nonce was altered is ReceiptHandleIsInvalid for DeleteMessage and ChangeMessageVisibility", async () => {
    await using cloud = createCloud();
    const { url } = await queue(cloud, "nonce");
    await cloud.sqs.sendMessage({ QueueUrl: url, MessageBody: "keep me" });
    const handle = (await cloud.sqs.receiveMessage({ QueueUrl: url })).Messages![0]!.ReceiptHandle!;
    for (let i = 4; i < 16; i++) {
      const altered = `${handle.slice(0, i)}${handle[i] === "7" ? "8" : "7"}${handle.slice(i + 1)}`;
      expect(await outcome(() => cloud.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: altered })), `nonce character ${i - 3}`).toBe("aws:ReceiptHandleIsInvalid");
      expect(await outcome(() => cloud.sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: altered, VisibilityTimeout: 0 }))).toBe("aws:ReceiptHandleIsInvalid");
    }
    // Nothing changed: the message is still in flight, and the handle as issued still works.
    const { Attributes } = await cloud.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessagesNotVisible"] });
    expect(Attributes!["ApproximateNumberOfMessagesNotVisible"]).toBe("1");
    await cloud.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: handle });
    const after = await cloud.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] });
    expect(after.Attributes).toEqual({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });
  });

});

/** The synchronous helpers of each service (the guard's `sync` lists in cloud.ts): they throw; everything else rejects. */
const SYNC_HELPERS: Record<string, readonly string[]> = {
  lambda: ["fn", "arn"],
  sqs: ["setChaos", "queue", "url", "arn"],
  sns: ["registerEndpoint", "outbox", "clearOutbox", "signingCertificatePem", "metrics", "topic", "arn"],
  kinesis: [],
  events: ["registerTargetHandler"],
  schedules: ["registerTargetHandler"],
  pipes: ["registerTargetHandler"],
  sfn: ["registerTaskHandler", "setMockConfig", "executionPath", "renderMermaid"],
};

function methodsOf(service: object): string[] {
  const names = new Set<string>();
  for (let layer: object | null = service; layer !== null && layer !== Object.prototype; layer = Object.getPrototypeOf(layer) as object | null) {
    for (const name of Object.getOwnPropertyNames(layer)) if (name !== "constructor") names.add(name);
  }
  return [...names].filter((name) => typeof (service as Record<string, unknown>)[name] === "function");
}

describe("calls on a disposed cloud", () => {
  it("every async method of every service returns a promise rejected with CloudDisposedError, never throws", async () => {
    const cloud = createCloud();
    await cloud.dispose();
    for (const [name, helpers] of Object.entries(SYNC_HELPERS)) {
      const service = (cloud as unknown as Record<string, Record<string, (input: unknown) => unknown>>)[name]!;
      const actions = methodsOf(service).filter((method) => !helpers.includes(method));
      expect(actions.length, name).toBeGreaterThanOrEqual(10);
      for (const action of actions) {
        let returned: unknown;
        expect(() => (returned = service[action]!({})), `${name}.${action}`).not.toThrow();
        await expect(returned, `${name}.${action}`).rejects.toBeInstanceOf(CloudDisposedError);
      }
    }
  });

  it("so `.catch()` on a call that was never awaited catches it, as with any failed AWS call", async () => {
    const cloud = createCloud({ autoAdvance: true });
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
    await cloud.dispose();
    const caught = await cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: "late" }).catch((error: unknown) => error);
    expect(caught).toBeInstanceOf(CloudDisposedError);
    expect((caught as CloudDisposedError).message).toContain("sqs.sendMessage");
  });

  it("the synchronous helpers still throw CloudDisposedError, as documented", async () => {
    const cloud = createCloud();
    await cloud.dispose();
    for (const [name, helpers] of Object.entries(SYNC_HELPERS)) {
      const service = (cloud as unknown as Record<string, Record<string, (...args: unknown[]) => unknown>>)[name]!;
      for (const helper of helpers) expect(() => service[helper]!("x", () => undefined), `${name}.${helper}`).toThrow(CloudDisposedError);
    }
    expect(() => cloud.clientConfig()).toThrow(CloudDisposedError);
  });

  it("each service's list of synchronous helpers is complete: every other method returns a promise on a live cloud", async () => {
    await using cloud = createCloud();
    for (const [name, helpers] of Object.entries(SYNC_HELPERS)) {
      const service = (cloud as unknown as Record<string, Record<string, (input: unknown) => unknown>>)[name]!;
      for (const action of methodsOf(service).filter((method) => !helpers.includes(method))) {
        const returned = service[action]!({});
        expect(returned instanceof Promise, `${name}.${action}`).toBe(true);
        await (returned as Promise<unknown>).catch(() => undefined);
      }
    }
  });
});
