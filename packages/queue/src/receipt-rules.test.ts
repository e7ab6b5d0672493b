/**
 * One set of receipt-handle rules for DeleteMessage and ChangeMessageVisibility. In a FIFO queue a handle expires
 * with its receive (AWS Knowledge Center, "ReceiptHandleIsInvalid or InvalidParameterValue errors when deleting SQS
 * messages"): "Value … for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired."
 */
import { isAwsError } from "@simcloud/core";
import { expect } from "vitest";
import { errorCode as code, inEveryClockMode, it } from "./clock-modes";

inEveryClockMode("receipt-handle rules", (setup) => {
  it("FIFO: a superseded handle can neither delete nor release the message another consumer holds", async () => {
    const h = setup();
    const url = (await h.sqs.createQueue({ QueueName: "jobs.fifo", Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true", VisibilityTimeout: "10" } })).QueueUrl!;
    await h.sqs.sendMessage({ QueueUrl: url, MessageBody: "job", MessageGroupId: "g" });
    const slow = (await h.sqs.receiveMessage({ QueueUrl: url })).Messages![0]!.ReceiptHandle!;
    await h.advance(10_000);
    const fresh = (await h.sqs.receiveMessage({ QueueUrl: url })).Messages![0]!.ReceiptHandle!;
    for (const seconds of [0, 30]) {
      const error = await h.sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: slow, VisibilityTimeout: seconds }).catch((e: unknown) => e);
      expect(isAwsError(error) && error.code).toBe("InvalidParameterValue");
      expect((error as Error).message).toBe(`Value ${slow} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`);
    }
    expect(await code(h.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: slow }))).toBe("InvalidParameterValue");
    const batch = await h.sqs.changeMessageVisibilityBatch({ QueueUrl: url, Entries: [{ Id: "old", ReceiptHandle: slow, VisibilityTimeout: 0 }] });
    expect(batch.Failed).toMatchObject([{ Id: "old", Code: "InvalidParameterValue", SenderFault: true }]);
    // The current holder still holds it.
    expect((await h.sqs.receiveMessage({ QueueUrl: url })).Messages).toBeUndefined();
    await h.sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: fresh, VisibilityTimeout: 0 });
    const again = (await h.sqs.receiveMessage({ QueueUrl: url })).Messages![0]!;
    await h.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: again.ReceiptHandle! });
  });

  it("FIFO: a handle whose visibility timeout has passed is expired for ChangeMessageVisibility too", async () => {
    const h = setup();
    const url = (await h.sqs.createQueue({ QueueName: "late.fifo", Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true", VisibilityTimeout: "5" } })).QueueUrl!;
    await h.sqs.sendMessage({ QueueUrl: url, MessageBody: "job", MessageGroupId: "g" });
    const handle = (await h.sqs.receiveMessage({ QueueUrl: url })).Messages![0]!.ReceiptHandle!;
    await h.advance(5_000);
    expect(await code(h.sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 30 }))).toBe("InvalidParameterValue");
    expect((await h.sqs.receiveMessage({ QueueUrl: url })).Messages!.map((m) => m.Body)).toEqual(["job"]);
  });

  it("a deleted message's handle: ChangeMessageVisibility is InvalidParameterValue (Message does not exist …)", async () => {
    const h = setup();
    const url = (await h.sqs.createQueue({ QueueName: "gone" })).QueueUrl!;
    await h.sqs.sendMessage({ QueueUrl: url, MessageBody: "x" });
    const handle = (await h.sqs.receiveMessage({ QueueUrl: url })).Messages![0]!.ReceiptHandle!;
    await h.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: handle });
    const error = await h.sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 42 }).catch((e: unknown) => e);
    expect(isAwsError(error) && error.code).toBe("InvalidParameterValue");
    expect((error as Error).message).toBe(
      `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    );
  });
});
