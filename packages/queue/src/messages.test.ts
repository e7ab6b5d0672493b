import { createSimContext, type SimContextOptions } from "@simcloud/core";
import { awsError, inEveryClockMode } from "@simcloud/core/testing";
import { expect, it } from "vitest";
import { md5OfAttributes } from "./md5";
import { createQueueService } from "./sqs";

/** What each test works on: a SimContext and the queue service on it (the scheduler is what inEveryClockMode drives). */
const world = (options: SimContextOptions) => {
  const ctx = createSimContext(options);
  return { ctx, scheduler: ctx.scheduler, sqs: createQueueService(ctx) };
};

inEveryClockMode("SQS messages", world, (setup) => {
  it("Amazon SQS visibility timeout: hidden while in flight, back after expiry with a new receipt handle; old handles still delete", async () => {
    const h = setup();
    const { QueueUrl } = await h.subject.sqs.createQueue({ QueueName: "jobs", Attributes: { VisibilityTimeout: "30" } });
    await h.subject.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: "job" });
    const first = await h.subject.sqs.receiveMessage({ QueueUrl: QueueUrl!, MessageSystemAttributeNames: ["All"] });
    const firstHandle = first.Messages![0]!.ReceiptHandle!;
    expect(first.Messages![0]!.Attributes).toMatchObject({ ApproximateReceiveCount: "1", SentTimestamp: String(h.subject.ctx.clock.now()), SenderId: "000000000000" });
    expect((await h.subject.sqs.receiveMessage({ QueueUrl: QueueUrl! })).Messages).toBeUndefined();
    await h.advance(29_999);
    expect((await h.subject.sqs.receiveMessage({ QueueUrl: QueueUrl! })).Messages).toBeUndefined();
    await h.advance(1);
    const second = await h.subject.sqs.receiveMessage({ QueueUrl: QueueUrl!, AttributeNames: ["ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp"] });
    expect(second.Messages![0]!.ReceiptHandle).not.toBe(firstHandle);
    expect(second.Messages![0]!.Attributes).toEqual({ ApproximateReceiveCount: "2", ApproximateFirstReceiveTimestamp: String(h.subject.ctx.clock.now() - 30_000) });
    expect(h.subject.ctx.trace.of("sqs.message.visibility-expired")).toHaveLength(1);
    await h.subject.sqs.deleteMessage({ QueueUrl: QueueUrl!, ReceiptHandle: firstHandle });
    await h.advance(60_000);
    const attributes = await h.subject.sqs.getQueueAttributes({ QueueUrl: QueueUrl!, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] });
    expect(attributes.Attributes).toEqual({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });
    // Deleting a message that is already gone succeeds ("DeleteMessage").
    await h.subject.sqs.deleteMessage({ QueueUrl: QueueUrl!, ReceiptHandle: firstHandle });
    expect((await awsError(h.subject.sqs.deleteMessage({ QueueUrl: QueueUrl!, ReceiptHandle: "AQEBforged" }))).code).toBe("ReceiptHandleIsInvalid");
  });

  it("ChangeMessageVisibility extends, zero releases, bounds and not-in-flight are errors", async () => {
    const h = setup();
    const { QueueUrl } = await h.subject.sqs.createQueue({ QueueName: "cmv" });
    const url = QueueUrl!;
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "x" });
    const handle = (await h.subject.sqs.receiveMessage({ QueueUrl: url })).Messages![0]!.ReceiptHandle!;
    await h.subject.sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 100 });
    await h.advance(99_000);
    expect((await h.subject.sqs.receiveMessage({ QueueUrl: url })).Messages).toBeUndefined();
    expect((await awsError(h.subject.sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 43_201 }))).code).toBe("InvalidParameterValue");
    // 12 hours from the receive at most ("Amazon SQS visibility timeout").
    expect((await awsError(h.subject.sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 43_200 }))).code).toBe("InvalidParameterValue");
    await h.subject.sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 0 });
    expect((await awsError(h.subject.sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 5 }))).code).toBe("MessageNotInflight");
    const again = await h.subject.sqs.receiveMessage({ QueueUrl: url });
    const batch = await h.subject.sqs.changeMessageVisibilityBatch({
      QueueUrl: url,
      Entries: [
        { Id: "ok", ReceiptHandle: again.Messages![0]!.ReceiptHandle!, VisibilityTimeout: 10 },
        { Id: "bad", ReceiptHandle: "nonsense", VisibilityTimeout: 10 },
      ],
    });
    expect(batch).toEqual({ Successful: [{ Id: "ok" }], Failed: [expect.objectContaining({ Id: "bad", Code: "ReceiptHandleIsInvalid", SenderFault: true })] });
  });

  it("Amazon SQS message timers and delay queues: per-message and per-queue DelaySeconds", async () => {
    const h = setup();
    const { QueueUrl } = await h.subject.sqs.createQueue({ QueueName: "delays", Attributes: { DelaySeconds: "5" } });
    const url = QueueUrl!;
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "queue-delay" });
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "no-delay", DelaySeconds: 0 });
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "long", DelaySeconds: 900 });
    const counts = await h.subject.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["All"] });
    expect(counts.Attributes).toMatchObject({ ApproximateNumberOfMessages: "1", ApproximateNumberOfMessagesDelayed: "2" });
    const take = async () => (await h.subject.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 43_200 })).Messages?.map((m) => m.Body);
    expect(await take()).toEqual(["no-delay"]);
    await h.advance(4_999);
    expect(await take()).toBeUndefined();
    await h.advance(1);
    expect(await take()).toEqual(["queue-delay"]);
    await h.advance(895_000);
    expect(await take()).toEqual(["long"]);
    expect((await awsError(h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "x", DelaySeconds: -1 }))).code).toBe("InvalidParameterValue");
  });

  it("retention: messages expire as scheduled work, default 4 days, minimum 60 s", async () => {
    const h = setup();
    const { QueueUrl } = await h.subject.sqs.createQueue({ QueueName: "retention", Attributes: { MessageRetentionPeriod: "60" } });
    const url = QueueUrl!;
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "a" });
    await h.subject.sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 600 });
    await h.advance(59_999);
    expect((await h.subject.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessagesNotVisible"] })).Attributes).toEqual({
      ApproximateNumberOfMessagesNotVisible: "1",
    });
    await h.advance(1);
    expect(h.subject.ctx.trace.of("sqs.message.expired")).toHaveLength(1);
    expect((await h.subject.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessagesNotVisible"] })).Attributes).toEqual({
      ApproximateNumberOfMessagesNotVisible: "0",
    });
    const other = (await h.subject.sqs.createQueue({ QueueName: "default-retention" })).QueueUrl!;
    await h.subject.sqs.sendMessage({ QueueUrl: other, MessageBody: "b" });
    await h.advance(345_600_000 - 1);
    expect(h.subject.ctx.trace.of("sqs.message.expired")).toHaveLength(1);
    await h.advance(1);
    expect(h.subject.ctx.trace.of("sqs.message.expired")).toHaveLength(2);
    expect((await awsError(h.subject.sqs.setQueueAttributes({ QueueUrl: url, Attributes: { MessageRetentionPeriod: "59" } }))).code).toBe("InvalidAttributeValue");
  });

  it("Amazon SQS short and long polling: returns on arrival, on visibility expiry, or empty at the end of the wait", async () => {
    const h = setup();
    const { QueueUrl } = await h.subject.sqs.createQueue({ QueueName: "poll", Attributes: { ReceiveMessageWaitTimeSeconds: "20", VisibilityTimeout: "3" } });
    const url = QueueUrl!;
    const empty = h.subject.sqs.receiveMessage({ QueueUrl: url });
    await h.advance(20_000);
    expect((await empty).Messages).toBeUndefined();
    expect(h.elapsed()).toBe(20_000);
    const arrival = h.subject.sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 10 });
    await h.advance(2_000);
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "arrived" });
    expect((await arrival).Messages!.map((m) => m.Body)).toEqual(["arrived"]);
    expect(h.elapsed()).toBe(22_000);
    const redelivery = h.subject.sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 10 });
    await h.advance(3_000);
    expect((await redelivery).Messages!.map((m) => m.Body)).toEqual(["arrived"]);
    expect(h.elapsed()).toBe(25_000);
    expect((await awsError(h.subject.sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 21 }))).code).toBe("InvalidParameterValue");
  });

  it("several waiting receivers are served fairly, in arrival order", async () => {
    const h = setup();
    const url = (await h.subject.sqs.createQueue({ QueueName: "fair" })).QueueUrl!;
    const first = h.subject.sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 20, MaxNumberOfMessages: 2 });
    const second = h.subject.sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 20 });
    const third = h.subject.sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 20 });
    await h.advance(1_000);
    await h.subject.sqs.sendMessageBatch({ QueueUrl: url, Entries: [{ Id: "a", MessageBody: "a" }, { Id: "b", MessageBody: "b" }, { Id: "c", MessageBody: "c" }] });
    expect((await first).Messages!.map((m) => m.Body)).toEqual(["a", "b"]);
    expect((await second).Messages!.map((m) => m.Body)).toEqual(["c"]);
    await h.advance(19_000);
    expect((await third).Messages).toBeUndefined();
  });

  it("message attributes and system attributes round-trip with the MD5s the SDK verifies", async () => {
    const h = setup();
    const url = (await h.subject.sqs.createQueue({ QueueName: "attrs" })).QueueUrl!;
    const MessageAttributes = {
      name: { DataType: "String", StringValue: "café" },
      count: { DataType: "Number", StringValue: "42" },
      blob: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 2]) },
      "cu.tag": { DataType: "String.json", StringValue: "{}" },
    };
    const sent = await h.subject.sqs.sendMessage({
      QueueUrl: url,
      MessageBody: "body",
      MessageAttributes,
      MessageSystemAttributes: { AWSTraceHeader: { DataType: "String", StringValue: "Root=1-5759e988-bd862e3fe1be46a994272793" } },
    });
    expect(sent.MD5OfMessageAttributes).toBe(md5OfAttributes(MessageAttributes));
    expect(sent.MD5OfMessageSystemAttributes).toMatch(/^[0-9a-f]{32}$/);
    const all = await h.subject.sqs.receiveMessage({ QueueUrl: url, MessageAttributeNames: ["All"], MessageSystemAttributeNames: ["AWSTraceHeader"], VisibilityTimeout: 0 });
    expect(all.Messages![0]!.MessageAttributes).toEqual(MessageAttributes);
    expect(all.Messages![0]!.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(all.Messages![0]!.Attributes).toEqual({ AWSTraceHeader: "Root=1-5759e988-bd862e3fe1be46a994272793" });
    const some = await h.subject.sqs.receiveMessage({ QueueUrl: url, MessageAttributeNames: ["name", "cu.*"] });
    expect(Object.keys(some.Messages![0]!.MessageAttributes!).sort()).toEqual(["cu.tag", "name"]);
    expect(some.Messages![0]!.MD5OfMessageAttributes).toBe(md5OfAttributes({ name: MessageAttributes.name, "cu.tag": MessageAttributes["cu.tag"] }));
    expect((await awsError(h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "x", MessageAttributes: { "AWS.x": { DataType: "String", StringValue: "v" } } }))).code).toBe(
      "InvalidParameterValue",
    );
    expect((await awsError(h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "x", MessageAttributes: { n: { DataType: "Number", StringValue: "abc" } } }))).code).toBe(
      "InvalidParameterValue",
    );
    expect((await awsError(h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "x", MessageAttributes: { n: { DataType: "Date", StringValue: "1" } } }))).code).toBe(
      "InvalidParameterValue",
    );
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: "String", StringValue: "v" }]));
    expect((await awsError(h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "x", MessageAttributes: eleven }))).code).toBe("InvalidParameterValue");
    expect((await awsError(h.subject.sqs.receiveMessage({ QueueUrl: url, MessageSystemAttributeNames: ["Bogus" as "All"] }))).code).toBe("InvalidAttributeName");
  });

  it("Amazon SQS message quotas: 1 MiB including attributes, allowed characters, batch limits and partial failures", async () => {
    const h = setup();
    const url = (await h.subject.sqs.createQueue({ QueueName: "limits" })).QueueUrl!;
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "a".repeat(1_048_576) });
    await awsError(h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "a".repeat(1_048_570), MessageAttributes: { k: { DataType: "String", StringValue: "1234567" } } }), "InvalidParameterValue");
    expect((await awsError(h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "bad \uFFFF" }))).code).toBe("InvalidMessageContents");
    expect((await awsError(h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "lone \uD800" }))).code).toBe("InvalidMessageContents");
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "ok \t\n\r emoji 😀" });
    expect((await awsError(h.subject.sqs.sendMessageBatch({ QueueUrl: url, Entries: [] }))).code).toBe("EmptyBatchRequest");
    expect((await awsError(h.subject.sqs.sendMessageBatch({ QueueUrl: url, Entries: [{ Id: "bad id", MessageBody: "x" }] }))).code).toBe("InvalidBatchEntryId");
    await awsError(h.subject.sqs.sendMessageBatch({ QueueUrl: url, Entries: [{ Id: "a", MessageBody: "a".repeat(600_000) }, { Id: "b", MessageBody: "b".repeat(600_000) }] }), "BatchRequestTooLong");
    const partial = await h.subject.sqs.sendMessageBatch({ QueueUrl: url, Entries: [{ Id: "good", MessageBody: "fine" }, { Id: "bad", MessageBody: "\u0001" }] });
    expect(partial.Successful.map((e) => e.Id)).toEqual(["good"]);
    expect(partial.Failed).toEqual([expect.objectContaining({ Id: "bad", Code: "InvalidMessageContents", SenderFault: true })]);
    const counts = await h.subject.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages"] });
    expect(counts.Attributes).toEqual({ ApproximateNumberOfMessages: "3" });
    const received = await h.subject.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
    const deleted = await h.subject.sqs.deleteMessageBatch({
      QueueUrl: url,
      Entries: [...received.Messages!.map((m, i) => ({ Id: `m${i}`, ReceiptHandle: m.ReceiptHandle! })), { Id: "forged", ReceiptHandle: "x" }],
    });
    expect(deleted.Successful).toHaveLength(3);
    expect(deleted.Failed).toEqual([expect.objectContaining({ Id: "forged", Code: "ReceiptHandleIsInvalid" })]);
  });

  it("seeded chaos: duplicates and reordering are off by default and reproducible when on", async () => {
    const run = async (chaos: boolean) => {
      const h = setup({ seed: 7 });
      const url = (await h.subject.sqs.createQueue({ QueueName: "chaos" })).QueueUrl!;
      if (chaos) h.subject.sqs.setChaos(url, { duplicateProbability: 0.3, reorderProbability: 0.3 });
      for (let i = 0; i < 20; i++) await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: String(i) });
      const bodies: string[] = [];
      for (;;) {
        const got = await h.subject.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
        if (got.Messages === undefined) break;
        bodies.push(...got.Messages.map((m) => m.Body!));
      }
      return bodies;
    };
    const plain = await run(false);
    expect(plain).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    const chaotic = await run(true);
    expect(chaotic.length).toBeGreaterThan(20);
    expect(chaotic).not.toEqual([...chaotic].sort((a, b) => Number(a) - Number(b)));
    expect(new Set(chaotic).size).toBe(20);
    expect(await run(true)).toEqual(chaotic);
  });
});
