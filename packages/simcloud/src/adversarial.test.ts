/**
 * Issue #10, from outside: variations of its bullets an adversarial user tries after the fixes
 * (hostile inputs, dispose at awkward moments, same-seed clouds side by side).
 */
import { describe, expect, it } from "vitest";
import { CloudDisposedError, createCloud, isAwsError, type Cloud } from "./index";

/** "ok", "aws:<code>", "disposed", or "other:<name>: <message>" (the last is always a defect). */
async function outcome(call: () => unknown): Promise<string> {
  try {
    await call();
    return "ok";
  } catch (error) {
    if (error instanceof CloudDisposedError) return "disposed";
    if (isAwsError(error)) return `aws:${error.code}`;
    return `other:${(error as Error)?.name}: ${(error as Error)?.message}`;
  }
}

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

  it("10,000 attributes: SendMessage refuses them; a batch entry fails on its own", async () => {
    await using cloud = createCloud();
    const { url } = await queue(cloud, "q");
    const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, { DataType: "String", StringValue: "v" }]));
    expect(await outcome(() => cloud.sqs.sendMessage({ QueueUrl: url, MessageBody: "b", MessageAttributes: many }))).toBe("aws:InvalidParameterValue");
    const batch = await cloud.sqs.sendMessageBatch({ QueueUrl: url, Entries: [{ Id: "1", MessageBody: "b", MessageAttributes: many }] });
    expect(batch.Failed.map((entry) => entry.Code)).toEqual(["InvalidParameterValue"]);
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
