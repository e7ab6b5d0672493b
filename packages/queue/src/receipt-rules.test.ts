/**
 * One set of receipt-handle rules for DeleteMessage and ChangeMessageVisibility. In a FIFO queue a handle expires
 * with its receive (AWS Knowledge Center, "ReceiptHandleIsInvalid or InvalidParameterValue errors when deleting SQS
 * messages"): "Value … for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired."
 */
import { createSimContext, type SimContextOptions } from "@simcloud/core";
import { awsError, inEveryClockMode } from "@simcloud/core/testing";
import { expect, it } from "vitest";
import { createQueueService } from "./sqs";

/** What each test works on: a SimContext and the queue service on it (the scheduler is what inEveryClockMode drives). */
const world = (options: SimContextOptions) => {
  const ctx = createSimContext(options);
  return { ctx, scheduler: ctx.scheduler, sqs: createQueueService(ctx) };
};

inEveryClockMode("receipt-handle rules", world, (setup) => {
  it("FIFO: a superseded handle can neither delete nor release the message another consumer holds", async () => {
    const h = setup();
    const url = (await h.subject.sqs.createQueue({ QueueName: "jobs.fifo", Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true", VisibilityTimeout: "10" } })).QueueUrl!;
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "job", MessageGroupId: "g" });
    const slow = (await h.subject.sqs.receiveMessage({ QueueUrl: url })).Messages![0]!.ReceiptHandle!;
    await h.advance(10_000);
    const fresh = (await h.subject.sqs.receiveMessage({ QueueUrl: url })).Messages![0]!.ReceiptHandle!;
    for (const seconds of [0, 30]) {
      const error = await awsError(h.subject.sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: slow, VisibilityTimeout: seconds }), "InvalidParameterValue");
      expect(error.message).toBe(`Value ${slow} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`);
    }
    expect((await awsError(h.subject.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: slow }))).code).toBe("InvalidParameterValue");
    const batch = await h.subject.sqs.changeMessageVisibilityBatch({ QueueUrl: url, Entries: [{ Id: "old", ReceiptHandle: slow, VisibilityTimeout: 0 }] });
    expect(batch.Failed).toMatchObject([{ Id: "old", Code: "InvalidParameterValue", SenderFault: true }]);
    // The current holder still holds it.
    expect((await h.subject.sqs.receiveMessage({ QueueUrl: url })).Messages).toBeUndefined();
    await h.subject.sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: fresh, VisibilityTimeout: 0 });
    const again = (await h.subject.sqs.receiveMessage({ QueueUrl: url })).Messages![0]!;
    await h.subject.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: again.ReceiptHandle! });
  });

  it("FIFO: a handle whose visibility timeout has passed is expired for ChangeMessageVisibility too", async () => {
    const h = setup();
    const url = (await h.subject.sqs.createQueue({ QueueName: "late.fifo", Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true", VisibilityTimeout: "5" } })).QueueUrl!;
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "job", MessageGroupId: "g" });
    const handle = (await h.subject.sqs.receiveMessage({ QueueUrl: url })).Messages![0]!.ReceiptHandle!;
    await h.advance(5_000);
    expect((await awsError(h.subject.sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 30 }))).code).toBe("InvalidParameterValue");
    expect((await h.subject.sqs.receiveMessage({ QueueUrl: url })).Messages!.map((m) => m.Body)).toEqual(["job"]);
  });

  it("a deleted message's handle: ChangeMessageVisibility is InvalidParameterValue (Message does not exist …)", async () => {
    const h = setup();
    const url = (await h.subject.sqs.createQueue({ QueueName: "gone" })).QueueUrl!;
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "x" });
    const handle = (await h.subject.sqs.receiveMessage({ QueueUrl: url })).Messages![0]!.ReceiptHandle!;
    await h.subject.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: handle });
    const error = await awsError(h.subject.sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 42 }), "InvalidParameterValue");
    expect(error.message).toBe(
      `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    );
  });
});
