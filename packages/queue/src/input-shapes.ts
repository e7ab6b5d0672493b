import type { Shape, StructShape } from "@simcloud/core";

/** Member types of every SQS action's input (the SQS API Reference's request shapes). */
const strings: Shape = { list: "string" };
const stringMap: Shape = { map: "string" };
const attributeValue: Shape = {
  struct: { DataType: "string", StringValue: "string", BinaryValue: "blob", StringListValues: strings, BinaryListValues: { list: "blob" } },
};
const attributeMap: Shape = { map: attributeValue };
const sendFields = {
  MessageBody: "string",
  DelaySeconds: "number",
  MessageAttributes: attributeMap,
  MessageSystemAttributes: attributeMap,
  MessageDeduplicationId: "string",
  MessageGroupId: "string",
} as const;
const queueUrl = { QueueUrl: "string" } as const;

/** Checked against the service's actions where it is used, so this module imports nothing of the service. */
export const SQS_INPUTS = {
  createQueue: { struct: { QueueName: "string", Attributes: stringMap, tags: stringMap } },
  deleteQueue: { struct: queueUrl },
  getQueueUrl: { struct: { QueueName: "string", QueueOwnerAWSAccountId: "string" } },
  listQueues: { struct: { QueueNamePrefix: "string", NextToken: "string", MaxResults: "number" } },
  getQueueAttributes: { struct: { ...queueUrl, AttributeNames: strings } },
  setQueueAttributes: { struct: { ...queueUrl, Attributes: stringMap } },
  tagQueue: { struct: { ...queueUrl, Tags: stringMap } },
  untagQueue: { struct: { ...queueUrl, TagKeys: strings } },
  listQueueTags: { struct: queueUrl },
  purgeQueue: { struct: queueUrl },
  sendMessage: { struct: { ...queueUrl, ...sendFields } },
  sendMessageBatch: { struct: { ...queueUrl, Entries: { list: { struct: { Id: "string", ...sendFields } } } } },
  receiveMessage: {
    struct: {
      ...queueUrl,
      AttributeNames: strings,
      MessageSystemAttributeNames: strings,
      MessageAttributeNames: strings,
      MaxNumberOfMessages: "number",
      VisibilityTimeout: "number",
      WaitTimeSeconds: "number",
      ReceiveRequestAttemptId: "string",
    },
  },
  deleteMessage: { struct: { ...queueUrl, ReceiptHandle: "string" } },
  deleteMessageBatch: { struct: { ...queueUrl, Entries: { list: { struct: { Id: "string", ReceiptHandle: "string" } } } } },
  changeMessageVisibility: { struct: { ...queueUrl, ReceiptHandle: "string", VisibilityTimeout: "number" } },
  changeMessageVisibilityBatch: {
    struct: { ...queueUrl, Entries: { list: { struct: { Id: "string", ReceiptHandle: "string", VisibilityTimeout: "number" } } } },
  },
  listDeadLetterSourceQueues: { struct: { ...queueUrl, NextToken: "string", MaxResults: "number" } },
  startMessageMoveTask: { struct: { SourceArn: "string", DestinationArn: "string", MaxNumberOfMessagesPerSecond: "number" } },
  cancelMessageMoveTask: { struct: { TaskHandle: "string" } },
  listMessageMoveTasks: { struct: { SourceArn: "string", MaxResults: "number" } },
  addPermission: { struct: { ...queueUrl, Label: "string", AWSAccountIds: strings, Actions: strings } },
  removePermission: { struct: { ...queueUrl, Label: "string" } },
} satisfies Readonly<Record<string, StructShape>>;
