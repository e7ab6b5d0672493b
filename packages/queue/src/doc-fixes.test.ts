/**
 * Behaviours found missing by conformance/vectors/extra-sqs.json, each against the AWS document it comes from.
 */
import { createHash } from "node:crypto";
import { createSimContext, type SimContextOptions } from "@simcloud/core";
import { awsError, inEveryClockMode } from "@simcloud/core/testing";
import { expect, it } from "vitest";
import { createQueueService } from "./sqs";

/** What each test works on: a SimContext and the queue service on it (the scheduler is what inEveryClockMode drives). */
const world = (options: SimContextOptions) => {
  const ctx = createSimContext(options);
  return { ctx, scheduler: ctx.scheduler, sqs: createQueueService(ctx) };
};

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

inEveryClockMode("SQS behaviours from the API reference and knowledge center", world, (setup) => {
  it("FIFO: a receipt handle expires with its visibility timeout (Knowledge Center: 'The receipt handle has expired')", async () => {
    const h = setup();
    const url = (await h.subject.sqs.createQueue({ QueueName: "expiry.fifo", Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true" } })).QueueUrl!;
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "a", MessageGroupId: "g" });
    const first = (await h.subject.sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 5 })).Messages![0]!;
    await h.advance(5_000);
    // Visibility over, not yet received again: the handle has expired and the message stays.
    expect((await awsError(h.subject.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: first.ReceiptHandle! }))).code).toBe("InvalidParameterValue");
    const second = (await h.subject.sqs.receiveMessage({ QueueUrl: url })).Messages![0]!;
    expect(second.MessageId).toBe(first.MessageId);
    // An earlier receive's handle has expired too; in a batch it is a per-entry failure.
    expect((await awsError(h.subject.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: first.ReceiptHandle! }))).code).toBe("InvalidParameterValue");
    const batch = await h.subject.sqs.deleteMessageBatch({ QueueUrl: url, Entries: [{ Id: "old", ReceiptHandle: first.ReceiptHandle! }] });
    expect(batch.Failed).toEqual([expect.objectContaining({ Id: "old", Code: "InvalidParameterValue", SenderFault: true })]);
    // The current handle deletes; deleting again succeeds (the message is already gone).
    await h.subject.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: second.ReceiptHandle! });
    await h.subject.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: second.ReceiptHandle! });
    const attributes = await h.subject.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["All"] });
    expect(attributes.Attributes).toMatchObject({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });
  });

  it("standard queue: an older receipt handle still deletes (DeleteMessage: 'the request succeeds')", async () => {
    const h = setup();
    const url = (await h.subject.sqs.createQueue({ QueueName: "std" })).QueueUrl!;
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "a" });
    const first = (await h.subject.sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 5 })).Messages![0]!;
    await h.advance(5_000);
    await h.subject.sqs.receiveMessage({ QueueUrl: url });
    await h.subject.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: first.ReceiptHandle! });
    const attributes = await h.subject.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessagesNotVisible"] });
    expect(attributes.Attributes).toEqual({ ApproximateNumberOfMessagesNotVisible: "0" });
  });

  it("RedrivePolicy without maxReceiveCount defaults to 10 (SetQueueAttributes: 'Default: 10')", async () => {
    const h = setup();
    const dlq = (await h.subject.sqs.createQueue({ QueueName: "dead" })).QueueUrl!;
    const url = (
      await h.subject.sqs.createQueue({
        QueueName: "live",
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: "arn:aws:sqs:us-east-1:000000000000:dead" }) },
      })
    ).QueueUrl!;
    const policy = (await h.subject.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["RedrivePolicy"] })).Attributes!.RedrivePolicy!;
    expect(JSON.parse(policy)).toEqual({ deadLetterTargetArn: "arn:aws:sqs:us-east-1:000000000000:dead", maxReceiveCount: 10 });
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "p" });
    for (let i = 0; i < 10; i++) expect((await h.subject.sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 0 })).Messages).toHaveLength(1);
    expect((await h.subject.sqs.receiveMessage({ QueueUrl: url })).Messages).toBeUndefined();
    expect((await h.subject.sqs.receiveMessage({ QueueUrl: dlq })).Messages![0]!.Body).toBe("p");
    // Out of range is still rejected.
    const bad = JSON.stringify({ deadLetterTargetArn: "arn:aws:sqs:us-east-1:000000000000:dead", maxReceiveCount: 0 });
    expect((await awsError(h.subject.sqs.setQueueAttributes({ QueueUrl: url, Attributes: { RedrivePolicy: bad } }))).code).toBe("InvalidParameterValue");
  });

  it("content-based deduplication: MessageDeduplicationId is the body's SHA-256, whatever the DeduplicationScope", async () => {
    const h = setup();
    for (const scope of ["queue", "messageGroup"]) {
      const url = (
        await h.subject.sqs.createQueue({ QueueName: `cbd-${scope}.fifo`, Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true", DeduplicationScope: scope } })
      ).QueueUrl!;
      await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "hello", MessageGroupId: "g" });
      const dup = await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "hello", MessageGroupId: "g" });
      const other = await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "hello", MessageGroupId: "h" });
      expect(other.MessageId === dup.MessageId).toBe(scope === "queue");
      const got = await h.subject.sqs.receiveMessage({ QueueUrl: url, MessageSystemAttributeNames: ["MessageDeduplicationId"] });
      expect(got.Messages![0]!.Attributes).toEqual({ MessageDeduplicationId: sha256("hello") });
    }
  });
});
