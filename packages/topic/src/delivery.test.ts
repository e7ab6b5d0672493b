import { createVerify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fakeFunction, fakeQueue, setup, throttled, T0 } from "./test-helpers";
import { stringToSign } from "./signing";

describe("fan-out to SQS (Amazon SNS Developer Guide: fanout to Amazon SQS queues)", () => {
  it("delivers the notification JSON in AWS's key order and layout, with a verifiable SHA1withRSA signature", async () => {
    const { sns, ctx } = setup();
    const queue = fakeQueue(ctx, "billing");
    const { TopicArn } = await sns.createTopic({ Name: "orders" });
    const { SubscriptionArn } = await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn });
    const { MessageId } = await sns.publish({
      TopicArn,
      Message: "order-1",
      Subject: "New order",
      MessageAttributes: { kind: { DataType: "String", StringValue: "order" }, blob: { DataType: "Binary", BinaryValue: new Uint8Array([1, 2, 3]) } },
    });
    expect(queue.sent).toEqual([]);
    await ctx.scheduler.settle();
    const [body] = queue.bodies();
    const envelope = JSON.parse(body as string) as Record<string, string>;
    expect(Object.keys(envelope)).toEqual([
      "Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL", "MessageAttributes",
    ]);
    expect(envelope).toMatchObject({
      Type: "Notification",
      MessageId,
      TopicArn,
      Subject: "New order",
      Message: "order-1",
      Timestamp: "2025-01-01T00:00:00.000Z",
      SignatureVersion: "1",
      UnsubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${SubscriptionArn}`,
      MessageAttributes: { kind: { Type: "String", Value: "order" }, blob: { Type: "Binary", Value: "AQID" } },
    });
    expect(envelope["SigningCertURL"]).toMatch(/^https:\/\/sns\.us-east-1\.amazonaws\.com\/SimpleNotificationService-[0-9a-f]{32}\.pem$/);
    expect(body).toMatch(/^\{\n {2}"Type" : "Notification",\n {2}"MessageId" : /);
    const verified = createVerify("RSA-SHA1").update(stringToSign(envelope as never)).verify(sns.signingCertificatePem(), envelope["Signature"] as string, "base64");
    expect(verified).toBe(true);
    expect(queue.sent[0]?.caller).toEqual({ principal: "sns.amazonaws.com", sourceArn: TopicArn });
    expect(queue.sent[0]?.input.MessageAttributes).toBeUndefined();
  });

  it("every subscription's envelope is the same but for its UnsubscribeURL, and each one verifies; a new SignatureVersion applies at once", async () => {
    const { sns, ctx } = setup();
    const queues = [fakeQueue(ctx, "a"), fakeQueue(ctx, "b"), fakeQueue(ctx, "c")];
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    const arns: string[] = [];
    for (const queue of queues) arns.push((await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn })).SubscriptionArn as string);
    await sns.publish({ TopicArn, Message: "m", Subject: "s", MessageAttributes: { k: { DataType: "String", StringValue: "v" } } });
    await ctx.scheduler.settle();
    await sns.setTopicAttributes({ TopicArn, AttributeName: "SignatureVersion", AttributeValue: "2" });
    await sns.publish({ TopicArn, Message: "m" });
    await ctx.scheduler.settle();
    const [first, second] = [0, 1].map((n) => queues.map((queue) => queue.bodies()[n] as string));
    for (const [version, bodies] of [["1", first], ["2", second]] as const) {
      const envelopes = (bodies as string[]).map((body) => JSON.parse(body) as Record<string, string>);
      envelopes.forEach((envelope, i) => {
        expect(envelope["SignatureVersion"]).toBe(version);
        expect(envelope["UnsubscribeURL"]).toBe(`https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${arns[i]}`);
        const verifier = createVerify(version === "1" ? "RSA-SHA1" : "RSA-SHA256").update(stringToSign(envelope as never));
        expect(verifier.verify(sns.signingCertificatePem(), envelope["Signature"] as string, "base64")).toBe(true);
      });
      const without = (body: string, i: number): string => body.replace(JSON.stringify(`https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${arns[i]}`), "");
      expect(new Set((bodies as string[]).map(without)).size).toBe(1);
    }
  });

  it("omits Subject when not set; SignatureVersion 2 signs with SHA256withRSA", async () => {
    const { sns, ctx } = setup();
    const queue = fakeQueue(ctx, "q");
    const { TopicArn } = await sns.createTopic({ Name: "t", Attributes: { SignatureVersion: "2" } });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn });
    await sns.publish({ TopicArn, Message: "m" });
    await ctx.scheduler.settle();
    const envelope = JSON.parse(queue.bodies()[0] as string) as Record<string, string>;
    expect("Subject" in envelope).toBe(false);
    expect(envelope["SignatureVersion"]).toBe("2");
    expect(createVerify("RSA-SHA256").update(stringToSign(envelope as never)).verify(sns.signingCertificatePem(), envelope["Signature"] as string, "base64")).toBe(true);
  });

  it("Amazon SNS raw message delivery: the body as published, SNS attributes mapped to SQS attributes", async () => {
    const { sns, ctx } = setup();
    const queue = fakeQueue(ctx, "raw");
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn, Attributes: { RawMessageDelivery: "true" } });
    const list = { DataType: "String.Array", StringValue: '["a","b"]' };
    await sns.publish({ TopicArn, Message: '{"id":1}', Subject: "ignored", MessageAttributes: { tags: list, n: { DataType: "Number", StringValue: "3" } } });
    await ctx.scheduler.settle();
    expect(queue.sent[0]?.input).toEqual({ MessageBody: '{"id":1}', MessageAttributes: { tags: list, n: { DataType: "Number", StringValue: "3" } } });
  });

  it("raw delivery with more than 10 attributes is a client-side error: not retried, redriven to the DLQ", async () => {
    const { sns, ctx } = setup();
    const queue = fakeQueue(ctx, "raw");
    const dlq = fakeQueue(ctx, "dlq");
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn, Attributes: { RawMessageDelivery: "true", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) } });
    const attributes = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: "String", StringValue: "v" }]));
    await sns.publish({ TopicArn, Message: "m", MessageAttributes: attributes });
    await ctx.scheduler.runUntilIdle();
    expect(queue.sent).toEqual([]);
    expect(dlq.bodies()).toEqual(["m"]);
    expect(sns.metrics(TopicArn as string)).toMatchObject({ NumberOfNotificationsFailed: 1, NumberOfNotificationsRedrivenToDlq: 1 });
  });

  it("filters in subscription order, counting and tracing what was filtered out (Amazon SNS message filtering)", async () => {
    const { sns, ctx } = setup();
    const all = fakeQueue(ctx, "all");
    const red = fakeQueue(ctx, "red");
    const paid = fakeQueue(ctx, "paid");
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: all.arn, Attributes: { RawMessageDelivery: "true" } });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: red.arn, Attributes: { RawMessageDelivery: "true", FilterPolicy: '{"color":["red"]}' } });
    await sns.subscribe({
      TopicArn,
      Protocol: "sqs",
      Endpoint: paid.arn,
      Attributes: { RawMessageDelivery: "true", FilterPolicyScope: "MessageBody", FilterPolicy: '{"status":["paid"]}' },
    });
    const order: string[] = [];
    ctx.trace.on("sns.message.delivered", (e) => order.push(e.endpoint.split(":").pop() as string));
    await sns.publish({ TopicArn, Message: '{"status":"paid"}', MessageAttributes: { color: { DataType: "String", StringValue: "blue" } } });
    await sns.publish({ TopicArn, Message: "plain", MessageAttributes: { color: { DataType: "String", StringValue: "red" } } });
    await ctx.scheduler.settle();
    expect(all.bodies()).toEqual(['{"status":"paid"}', "plain"]);
    expect(red.bodies()).toEqual(["plain"]);
    expect(paid.bodies()).toEqual(['{"status":"paid"}']);
    expect(order).toEqual(["all", "paid", "all", "red"]);
    expect(ctx.trace.of("sns.message.filtered-out").map((e) => e.endpoint)).toEqual([red.arn, paid.arn]);
    expect(sns.metrics(TopicArn as string)).toMatchObject({ NumberOfMessagesPublished: 2, NumberOfNotificationsDelivered: 4, NumberOfNotificationsFilteredOut: 2 });
  });

  it("MessageStructure json: each protocol gets its entry, others the default, and attributes are not sent", async () => {
    const { sns, ctx } = setup();
    const queue = fakeQueue(ctx, "q");
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn });
    await sns.subscribe({ TopicArn, Protocol: "sms", Endpoint: "+15555550100" });
    await sns.publish({ TopicArn, MessageStructure: "json", Message: JSON.stringify({ default: "d", sqs: "for sqs" }), MessageAttributes: { a: { DataType: "String", StringValue: "x" } } });
    await ctx.scheduler.settle();
    const envelope = JSON.parse(queue.bodies()[0] as string) as Record<string, unknown>;
    expect(envelope["Message"]).toBe("for sqs");
    expect(envelope["MessageAttributes"]).toBeUndefined();
    expect(sns.outbox("+15555550100").map((e) => e.body)).toEqual(["d"]);
  });

  it("delivery to a deleted or missing queue is dropped and traced, never thrown at the publisher", async () => {
    const { sns, ctx } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:000000000000:gone" });
    await sns.publish({ TopicArn, Message: "m" });
    await ctx.scheduler.runUntilIdle();
    expect(ctx.trace.of("sns.delivery.failed")).toMatchObject([{ kind: "client", attempt: 1 }]);
    expect(ctx.trace.of("sns.message.dropped")).toHaveLength(1);
  });

  it("AWS managed endpoints: a throttled queue is retried 3 times at once, then 1 s apart", async () => {
    const { sns, ctx } = setup();
    const queue = fakeQueue(ctx, "q");
    queue.failNext(5, throttled);
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn, Attributes: { RawMessageDelivery: "true" } });
    await sns.publish({ TopicArn, Message: "m" });
    await ctx.scheduler.runUntilIdle();
    expect(ctx.trace.of("sns.delivery.failed").map((e) => (e.retryAt ?? 0) - T0)).toEqual([0, 0, 0, 1000, 2000]);
    expect(queue.sent.map((s) => s.time - T0)).toEqual([2000]);
  });
});

describe("filter policy and fair-queue details", () => {
  it('key matching: "exists": false needs at least one attribute; a message without attributes does not match', async () => {
    const { sns, ctx } = setup();
    const queue = fakeQueue(ctx, "q");
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn, Attributes: { RawMessageDelivery: "true", FilterPolicy: '{"store":[{"exists":false}]}' } });
    await sns.publish({ TopicArn, Message: "none" });
    await sns.publish({ TopicArn, Message: "other", MessageAttributes: { event: { DataType: "String", StringValue: "x" } } });
    await sns.publish({ TopicArn, Message: "has", MessageAttributes: { store: { DataType: "String", StringValue: "x" } } });
    await ctx.scheduler.settle();
    expect(queue.bodies()).toEqual(["other"]);
  });

  it("Subscribe applies FilterPolicyScope before FilterPolicy, whatever the order of the Attributes keys", async () => {
    const { sns, ctx } = setup();
    const queue = fakeQueue(ctx, "q");
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    const { SubscriptionArn } = await sns.subscribe({
      TopicArn,
      Protocol: "sqs",
      Endpoint: queue.arn,
      ReturnSubscriptionArn: true,
      Attributes: { RawMessageDelivery: "true", FilterPolicy: '{"order":{"status":["paid"]}}', FilterPolicyScope: "MessageBody" },
    });
    const { Attributes } = await sns.getSubscriptionAttributes({ SubscriptionArn });
    expect(Attributes).toMatchObject({ FilterPolicyScope: "MessageBody" });
    await sns.publish({ TopicArn, Message: '{"order":{"status":"open"}}' });
    await sns.publish({ TopicArn, Message: '{"order":{"status":"paid"}}' });
    await ctx.scheduler.settle();
    expect(queue.bodies()).toEqual(['{"order":{"status":"paid"}}']);
  });

  it("Publish API reference: a standard topic forwards MessageGroupId only to standard SQS queues (fair queues)", async () => {
    const { sns, ctx } = setup();
    const standard = fakeQueue(ctx, "q");
    const raw = fakeQueue(ctx, "raw");
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: standard.arn });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: raw.arn, Attributes: { RawMessageDelivery: "true" } });
    await sns.publish({ TopicArn, Message: "m", MessageGroupId: "tenant-1" });
    await sns.publish({ TopicArn, Message: "n" });
    await ctx.scheduler.settle();
    for (const queue of [standard, raw]) {
      expect(queue.sent.map((s) => s.input.MessageGroupId)).toEqual(["tenant-1", undefined]);
      expect(queue.sent.every((s) => s.input.MessageDeduplicationId === undefined)).toBe(true);
    }
  });
});

// Amazon SNS dead-letter queues (DLQs); what lands in the queue is as recorded from AWS in LocalStack's
// test_redrive_policy_sqs_queue_subscription, test_redrive_policy_lambda_subscription, test_publish_fifo_messages_to_dlq
// and test_dlq_external_http_endpoint (the conformance parity suite checks the same through the SDK).
describe("subscription dead-letter queues: what SNS sends to the DLQ", () => {
  const attributes = { n: { DataType: "Number", StringValue: "111" }, b: { DataType: "Binary", BinaryValue: new Uint8Array([2, 3, 4]) } };

  it("an envelope subscription sends the notification JSON alone: the attributes stay inside it, none become SQS attributes", async () => {
    const { sns, ctx } = setup();
    const dlq = fakeQueue(ctx, "dlq");
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    const redrive = { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) };
    const { SubscriptionArn } = await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:000000000000:gone", Attributes: redrive });
    const { MessageId } = await sns.publish({ TopicArn, Message: "lost", MessageAttributes: attributes });
    await ctx.scheduler.settle();
    expect(Object.keys(dlq.sent[0]?.input ?? {})).toEqual(["MessageBody"]);
    expect(dlq.sent[0]?.caller).toEqual({ principal: "sns.amazonaws.com", sourceArn: TopicArn });
    const envelope = JSON.parse(dlq.bodies()[0] as string) as Record<string, unknown>;
    expect(envelope).toMatchObject({
      Type: "Notification",
      MessageId,
      Message: "lost",
      UnsubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${SubscriptionArn}`,
      MessageAttributes: { n: { Type: "Number", Value: "111" }, b: { Type: "Binary", Value: "AgME" } },
    });
  });

  it("a raw SQS subscription sends the message as published, its attributes as SQS message attributes", async () => {
    const { sns, ctx } = setup();
    const dlq = fakeQueue(ctx, "dlq");
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    const settings = { RawMessageDelivery: "true", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) };
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:000000000000:gone", Attributes: settings });
    await sns.publish({ TopicArn, Message: "lost", Subject: "not sent", MessageAttributes: attributes });
    await ctx.scheduler.settle();
    expect(dlq.sent.map((s) => s.input)).toEqual([{ MessageBody: "lost", MessageAttributes: attributes }]);
  });

  it("a raw HTTPS subscription that fails dead-letters the raw body too, not an envelope", async () => {
    const { sns, ctx } = setup({ signing: "placeholder" });
    const dlq = fakeQueue(ctx, "dlq");
    const url = "https://hooks.example.com/raw";
    sns.registerEndpoint(url, (request) => (request.headers["x-amz-sns-message-type"] === "Notification" ? 500 : 200), { autoConfirm: true });
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    const settings = { RawMessageDelivery: "true", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) };
    await sns.subscribe({ TopicArn, Protocol: "https", Endpoint: url, Attributes: settings });
    await ctx.scheduler.settle();
    await sns.publish({ TopicArn, Message: "test_dlq_external_http_endpoint", MessageAttributes: { n: attributes.n } });
    await ctx.scheduler.runUntilIdle();
    expect(dlq.sent.map((s) => s.input)).toEqual([{ MessageBody: "test_dlq_external_http_endpoint", MessageAttributes: { n: attributes.n } }]);
  });

  it("a FIFO topic passes the message group and deduplication ids on to the FIFO DLQ; its envelope has SequenceNumber and no signature", async () => {
    const { sns, ctx } = setup();
    const dlq = fakeQueue(ctx, "dlq.fifo");
    const { TopicArn } = await sns.createTopic({ Name: "t.fifo", Attributes: { FifoTopic: "true" } });
    const redrive = { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) };
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:000000000000:gone.fifo", Attributes: redrive });
    const { SequenceNumber } = await sns.publish({ TopicArn, Message: "test-message", MessageGroupId: "g1", MessageDeduplicationId: "d1" });
    await ctx.scheduler.settle();
    const input = dlq.sent[0]?.input;
    expect(input).toMatchObject({ MessageGroupId: "g1", MessageDeduplicationId: "d1" });
    expect(Object.keys(input ?? {})).toEqual(["MessageBody", "MessageGroupId", "MessageDeduplicationId"]);
    const envelope = JSON.parse(input?.MessageBody as string) as Record<string, string>;
    expect(Object.keys(envelope)).toEqual(["Type", "MessageId", "SequenceNumber", "TopicArn", "Message", "Timestamp", "UnsubscribeURL"]);
    expect(envelope["SequenceNumber"]).toBe(SequenceNumber);
  });
});

describe("FIFO topics (Amazon SNS FIFO topics)", () => {
  it("passes group and deduplication ids on, drops duplicates within 5 minutes, and signs nothing", async () => {
    const { sns, ctx } = setup();
    const queue = fakeQueue(ctx, "q.fifo");
    const { TopicArn } = await sns.createTopic({ Name: "t.fifo", Attributes: { FifoTopic: "true", ContentBasedDeduplication: "true" } });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn });
    const first = await sns.publish({ TopicArn, Message: "e1", MessageGroupId: "g1" });
    const again = await sns.publish({ TopicArn, Message: "e1", MessageGroupId: "g1" });
    expect(again).toEqual(first);
    await ctx.scheduler.advance(5 * 60 * 1000);
    const later = await sns.publish({ TopicArn, Message: "e1", MessageGroupId: "g1" });
    expect(later.MessageId).not.toBe(first.MessageId);
    await ctx.scheduler.settle();
    expect(queue.sent).toHaveLength(2);
    const input = queue.sent[0]?.input;
    expect(input?.MessageGroupId).toBe("g1");
    expect(input?.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
    const envelope = JSON.parse(input?.MessageBody as string) as Record<string, string>;
    expect(Object.keys(envelope)).toEqual(["Type", "MessageId", "SequenceNumber", "TopicArn", "Message", "Timestamp", "UnsubscribeURL"]);
    expect(envelope["SequenceNumber"]).toBe(first.SequenceNumber);
    expect(ctx.trace.of("sns.message.deduplicated")).toHaveLength(1);
  });

  it("keeps order per message group: a retrying message holds back its group, not others", async () => {
    const { sns, ctx } = setup();
    const queue = fakeQueue(ctx, "q.fifo");
    const { TopicArn } = await sns.createTopic({ Name: "t.fifo", Attributes: { FifoTopic: "true", ContentBasedDeduplication: "true" } });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn, Attributes: { RawMessageDelivery: "true" } });
    queue.failNext(4, throttled, (input) => input.MessageBody === "a1");
    await sns.publish({ TopicArn, Message: "a1", MessageGroupId: "a" });
    await sns.publish({ TopicArn, Message: "a2", MessageGroupId: "a" });
    await sns.publish({ TopicArn, Message: "b1", MessageGroupId: "b" });
    await ctx.scheduler.runUntilIdle();
    expect(queue.sent.map((s) => [s.input.MessageBody, s.time - T0])).toEqual([
      ["b1", 0],
      ["a1", 1000],
      ["a2", 1000],
    ]);
  });
});

describe("Lambda subscriptions (the SNS event record shape)", () => {
  it("invokes through the FunctionPort asynchronously with Records[].Sns", async () => {
    const { sns, ctx } = setup();
    const fn = fakeFunction(ctx, "f");
    const { TopicArn } = await sns.createTopic({ Name: "to-lambda" });
    const { SubscriptionArn } = await sns.subscribe({ TopicArn, Protocol: "lambda", Endpoint: fn.arn });
    const { MessageId } = await sns.publish({ TopicArn, Message: "ping", MessageAttributes: { k: { DataType: "Number", StringValue: "1" } } });
    await ctx.scheduler.settle();
    expect(fn.invocations[0]?.input.InvocationType).toBe("Event");
    const [event] = fn.events() as { Records: Record<string, unknown>[] }[];
    expect(event?.Records).toHaveLength(1);
    const record = event?.Records[0] as Record<string, unknown>;
    expect(Object.keys(record)).toEqual(["EventVersion", "EventSubscriptionArn", "EventSource", "Sns"]);
    expect(record).toMatchObject({ EventSource: "aws:sns", EventVersion: "1.0", EventSubscriptionArn: SubscriptionArn });
    expect(record["Sns"]).toMatchObject({
      Type: "Notification",
      MessageId,
      TopicArn,
      Subject: null,
      Message: "ping",
      Timestamp: "2025-01-01T00:00:00.000Z",
      MessageAttributes: { k: { Type: "Number", Value: "1" } },
    });
    expect(Object.keys(record["Sns"] as object)).toContain("SigningCertUrl");
  });

  it("a missing function is a client-side error: redriven to the subscription's DLQ with the envelope", async () => {
    const { sns, ctx } = setup();
    const dlq = fakeQueue(ctx, "dlq");
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    await sns.subscribe({ TopicArn, Protocol: "lambda", Endpoint: "arn:aws:lambda:us-east-1:000000000000:function:gone", Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) } });
    await sns.publish({ TopicArn, Message: "lost" });
    await ctx.scheduler.settle();
    expect(JSON.parse(dlq.bodies()[0] as string)).toMatchObject({ Type: "Notification", Message: "lost" });
    expect(ctx.trace.of("sns.message.dead-lettered")).toMatchObject([{ deadLetterTargetArn: dlq.arn, delivered: true }]);
  });
});

describe("email, email-json and sms are captured in the outbox", () => {
  it("writes the email text with AWS's footer and the email-json envelope", async () => {
    const { sns, ctx } = setup({ autoConfirm: true });
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    await sns.subscribe({ TopicArn, Protocol: "email", Endpoint: "a@example.com" });
    await sns.subscribe({ TopicArn, Protocol: "email-json", Endpoint: "b@example.com" });
    await ctx.scheduler.settle();
    await sns.publish({ TopicArn, Message: "hello", Subject: "Greetings" });
    await ctx.scheduler.settle();
    const [mail] = sns.outbox({ endpoint: "a@example.com", type: "Notification" });
    expect(mail?.subject).toBe("Greetings");
    expect(mail?.body).toMatch(/^hello\n\n--\nIf you wish to stop receiving notifications from this topic/);
    const [json] = sns.outbox({ endpoint: "b@example.com", type: "Notification" });
    expect(JSON.parse(json?.body as string)).toMatchObject({ Type: "Notification", Message: "hello", Subject: "Greetings" });
    sns.clearOutbox();
    expect(sns.outbox()).toEqual([]);
  });
});

describe("Unsubscribe (API Unsubscribe)", () => {
  it("stops delivery, including deliveries already scheduled", async () => {
    const { sns, ctx } = setup();
    const queue = fakeQueue(ctx, "q");
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    const { SubscriptionArn } = await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn, Attributes: { RawMessageDelivery: "true" } });
    await sns.publish({ TopicArn, Message: "before" });
    await ctx.scheduler.settle();
    await sns.publish({ TopicArn, Message: "in flight" });
    await sns.unsubscribe({ SubscriptionArn });
    await sns.publish({ TopicArn, Message: "after" });
    await ctx.scheduler.settle();
    expect(queue.bodies()).toEqual(["before"]);
  });
});

describe("determinism", () => {
  it("the same seed gives the same ids, bodies and trace", async () => {
    const run = async (): Promise<string> => {
      const { sns, ctx } = setup({ seed: 7 });
      const queue = fakeQueue(ctx, "q");
      const { TopicArn } = await sns.createTopic({ Name: "t" });
      await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn });
      await sns.publish({ TopicArn, Message: "x" });
      await ctx.scheduler.settle();
      return JSON.stringify([queue.bodies(), ctx.trace.events]);
    };
    expect(await run()).toBe(await run());
  });
});
