import { createVerify } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as signing from "./signing";
import { fakeFunction, fakeQueue, setup } from "./test-helpers";

vi.mock("./signing", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./signing")>();
  return { ...actual, sign: vi.fn(actual.sign) };
});

const signCalls = (): number => vi.mocked(signing.sign).mock.calls.length;

// "Verifying the signatures of Amazon SNS messages": a Notification's string to sign is Message, MessageId,
// Subject (if any), Timestamp, TopicArn and Type — no subscription field — so every subscription of one message
// carries the same signature, and one signing per message (per text and version) is all a fan-out needs.
describe("one signature per published message, whatever the number of subscriptions", () => {
  afterEach(() => vi.mocked(signing.sign).mockClear());

  it("signs once for ten SQS envelopes, a Lambda event and a raw subscription, and every envelope verifies", async () => {
    const { sns, ctx } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "orders" });
    const queues = Array.from({ length: 10 }, (_, i) => fakeQueue(ctx, `q${i}`));
    for (const queue of queues) await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn });
    const raw = fakeQueue(ctx, "raw");
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: raw.arn, Attributes: { RawMessageDelivery: "true" } });
    const fn = fakeFunction(ctx, "worker");
    await sns.subscribe({ TopicArn, Protocol: "lambda", Endpoint: fn.arn });
    vi.mocked(signing.sign).mockClear();

    await sns.publish({ TopicArn, Message: "order-1", Subject: "New order" });
    await sns.publish({ TopicArn, Message: "order-2" });
    await ctx.scheduler.settle();

    expect(signCalls()).toBe(2);
    expect(raw.bodies()).toEqual(["order-1", "order-2"]);
    const signatures = new Set<string>();
    for (const queue of queues) {
      const [first] = queue.bodies().map((body) => JSON.parse(body) as Record<string, string>);
      const envelope = first as Record<string, string>;
      signatures.add(envelope["Signature"] as string);
      const verifier = createVerify("RSA-SHA1");
      verifier.update(signing.stringToSign({ Type: "Notification", MessageId: envelope["MessageId"] as string, TopicArn: TopicArn as string, ...(envelope["Subject"] === undefined ? {} : { Subject: envelope["Subject"] }), Message: envelope["Message"] as string, Timestamp: envelope["Timestamp"] as string }));
      expect(verifier.verify(sns.signingCertificatePem(), envelope["Signature"] as string, "base64")).toBe(true);
    }
    expect(signatures.size).toBe(1);
    const events = fn.events() as { Records: { Sns: { Signature: string } }[] }[];
    expect(events[0]?.Records[0]?.Sns.Signature).toBe([...signatures][0]);
  });

  it("signs once per MessageStructure json text: protocols with different texts get different signatures", async () => {
    const { sns, ctx } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "orders" });
    const queues = [fakeQueue(ctx, "a"), fakeQueue(ctx, "b")];
    for (const queue of queues) await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn });
    const fn = fakeFunction(ctx, "worker");
    await sns.subscribe({ TopicArn, Protocol: "lambda", Endpoint: fn.arn });
    vi.mocked(signing.sign).mockClear();

    await sns.publish({ TopicArn, MessageStructure: "json", Message: JSON.stringify({ default: "plain", sqs: "for queues" }) });
    await ctx.scheduler.settle();

    expect(signCalls()).toBe(2);
    expect(queues.map((q) => (JSON.parse(q.bodies()[0] as string) as { Message: string }).Message)).toEqual(["for queues", "for queues"]);
  });
});
