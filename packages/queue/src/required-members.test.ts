/**
 * Required members are typed `T | undefined`, as SDK v3 types them (packages/sdk/src/contract/sqs.test-d.ts), so the
 * compiler lets a caller leave one out: each action must then answer with AWS's error, never a TypeError, and change
 * nothing.
 */
import { createSimContext } from "@simcloud/core";
import { awsError } from "@simcloud/core/testing";
import { describe, expect, it } from "vitest";
import { createQueueService, type QueueService } from "./sqs";

async function setup() {
  const ctx = createSimContext();
  const sqs = createQueueService(ctx);
  const url = (await sqs.createQueue({ QueueName: "q" })).QueueUrl as string;
  const dlq = (await sqs.createQueue({ QueueName: "dlq" })).QueueUrl as string;
  await sqs.sendMessage({ QueueUrl: url, MessageBody: "kept" });
  return { ctx, sqs, url, dlq };
}

type Case = [label: string, call: (sqs: QueueService, url: string) => Promise<unknown>, code: string, message?: string];

const missing = (parameter: string) => `The request must contain the parameter ${parameter}.`;
const cases: Case[] = [
  ["CreateQueue QueueName", (sqs) => sqs.createQueue({ QueueName: undefined }), "MissingParameter", missing("QueueName")],
  ["GetQueueUrl QueueName", (sqs) => sqs.getQueueUrl({ QueueName: undefined }), "MissingParameter", missing("QueueName")],
  ["DeleteQueue QueueUrl", (sqs) => sqs.deleteQueue({ QueueUrl: undefined }), "MissingParameter", missing("QueueUrl")],
  ["GetQueueAttributes QueueUrl", (sqs) => sqs.getQueueAttributes({ QueueUrl: undefined }), "MissingParameter", missing("QueueUrl")],
  ["SetQueueAttributes Attributes", (sqs, url) => sqs.setQueueAttributes({ QueueUrl: url, Attributes: undefined }), "MissingParameter", missing("Attributes")],
  ["TagQueue Tags", (sqs, url) => sqs.tagQueue({ QueueUrl: url, Tags: undefined }), "MissingParameter", missing("Tags")],
  ["UntagQueue TagKeys", (sqs, url) => sqs.untagQueue({ QueueUrl: url, TagKeys: undefined }), "MissingParameter", missing("TagKeys")],
  ["ListQueueTags QueueUrl", (sqs) => sqs.listQueueTags({ QueueUrl: undefined }), "MissingParameter", missing("QueueUrl")],
  ["PurgeQueue QueueUrl", (sqs) => sqs.purgeQueue({ QueueUrl: undefined }), "MissingParameter", missing("QueueUrl")],
  ["SendMessage QueueUrl", (sqs) => sqs.sendMessage({ QueueUrl: undefined, MessageBody: "x" }), "MissingParameter", missing("QueueUrl")],
  ["SendMessage MessageBody", (sqs, url) => sqs.sendMessage({ QueueUrl: url, MessageBody: undefined }), "MissingParameter", missing("MessageBody")],
  [
    "SendMessage MessageAttributes DataType",
    (sqs, url) => sqs.sendMessage({ QueueUrl: url, MessageBody: "x", MessageAttributes: { a: { DataType: undefined, StringValue: "v" } } }),
    "InvalidParameterValue",
    "The message attribute 'a' must contain non-empty message attribute type.",
  ],
  ["SendMessageBatch Entries", (sqs, url) => sqs.sendMessageBatch({ QueueUrl: url, Entries: undefined }), "EmptyBatchRequest"],
  ["SendMessageBatch Entries[].Id", (sqs, url) => sqs.sendMessageBatch({ QueueUrl: url, Entries: [{ Id: undefined, MessageBody: "x" }] }), "InvalidBatchEntryId"],
  ["ReceiveMessage QueueUrl", (sqs) => sqs.receiveMessage({ QueueUrl: undefined }), "MissingParameter", missing("QueueUrl")],
  ["DeleteMessage ReceiptHandle", (sqs, url) => sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: undefined }), "MissingParameter", missing("ReceiptHandle")],
  ["DeleteMessageBatch Entries", (sqs, url) => sqs.deleteMessageBatch({ QueueUrl: url, Entries: undefined }), "EmptyBatchRequest"],
  [
    "ChangeMessageVisibility VisibilityTimeout",
    (sqs, url) => sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: "h", VisibilityTimeout: undefined }),
    "MissingParameter",
    missing("VisibilityTimeout"),
  ],
  [
    "ChangeMessageVisibility ReceiptHandle",
    (sqs, url) => sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: undefined, VisibilityTimeout: 5 }),
    "MissingParameter",
    missing("ReceiptHandle"),
  ],
  ["ChangeMessageVisibilityBatch Entries", (sqs, url) => sqs.changeMessageVisibilityBatch({ QueueUrl: url, Entries: undefined }), "EmptyBatchRequest"],
  ["ListDeadLetterSourceQueues QueueUrl", (sqs) => sqs.listDeadLetterSourceQueues({ QueueUrl: undefined }), "MissingParameter", missing("QueueUrl")],
  ["StartMessageMoveTask SourceArn", (sqs) => sqs.startMessageMoveTask({ SourceArn: undefined }), "MissingParameter", missing("SourceArn")],
  ["CancelMessageMoveTask TaskHandle", (sqs) => sqs.cancelMessageMoveTask({ TaskHandle: undefined }), "MissingParameter", missing("TaskHandle")],
  ["ListMessageMoveTasks SourceArn", (sqs) => sqs.listMessageMoveTasks({ SourceArn: undefined }), "MissingParameter", missing("SourceArn")],
  ["AddPermission Label", (sqs, url) => sqs.addPermission({ QueueUrl: url, Label: undefined, AWSAccountIds: ["111122223333"], Actions: ["SendMessage"] }), "MissingParameter", missing("Label")],
  ["AddPermission AWSAccountIds", (sqs, url) => sqs.addPermission({ QueueUrl: url, Label: "l", AWSAccountIds: undefined, Actions: ["SendMessage"] }), "MissingParameter", missing("AWSAccountIds")],
  ["AddPermission Actions", (sqs, url) => sqs.addPermission({ QueueUrl: url, Label: "l", AWSAccountIds: ["111122223333"], Actions: undefined }), "MissingParameter", missing("Actions")],
  ["RemovePermission Label", (sqs, url) => sqs.removePermission({ QueueUrl: url, Label: undefined }), "MissingParameter", missing("Label")],
];

describe("SQS: a missing required member is AWS's error", () => {
  it.each(cases)("%s", async (_label, call, code, message) => {
    const { ctx, sqs, url } = await setup();
    const before = ctx.trace.events.length;
    const error = await awsError(call(sqs, url), code);
    if (message !== undefined) expect(error.message).toBe(message);
    expect(ctx.trace.events).toHaveLength(before);
    expect((await sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages"] })).Attributes).toEqual({ ApproximateNumberOfMessages: "1" });
    expect((await sqs.listQueueTags({ QueueUrl: url })).Tags).toBeUndefined();
  });
});
