/**
 * Inputs and outputs of each SQS action, in the AWS SDK v3 shapes (`@aws-sdk/client-sqs`'s
 * `<Action>CommandInput` / `<Action>CommandOutput` minus `$metadata`), so the SDK adapter passes decoded JSON
 * straight through. Binary values are Uint8Array, as the SDK decodes them. Required members are `T | undefined`, as
 * the SDK types them, so its inputs pass straight in; each action rejects a missing one with AWS's error
 * (MissingParameter and the like). packages/sdk/src/contract/sqs.test-d.ts checks the fit.
 */
import type { MessageAttributeInputMap, MessageAttributeMap, MessageAttributeValue } from "@simcloud/core";

export type { MessageAttributeInputMap, MessageAttributeMap, MessageAttributeValue };

export type QueueAttributeName =
  | "All"
  | "Policy"
  | "VisibilityTimeout"
  | "MaximumMessageSize"
  | "MessageRetentionPeriod"
  | "ApproximateNumberOfMessages"
  | "ApproximateNumberOfMessagesNotVisible"
  | "CreatedTimestamp"
  | "LastModifiedTimestamp"
  | "QueueArn"
  | "ApproximateNumberOfMessagesDelayed"
  | "DelaySeconds"
  | "ReceiveMessageWaitTimeSeconds"
  | "RedrivePolicy"
  | "FifoQueue"
  | "ContentBasedDeduplication"
  | "KmsMasterKeyId"
  | "KmsDataKeyReusePeriodSeconds"
  | "DeduplicationScope"
  | "FifoThroughputLimit"
  | "RedriveAllowPolicy"
  | "SqsManagedSseEnabled";

export type MessageSystemAttributeName =
  | "All"
  | "SenderId"
  | "SentTimestamp"
  | "ApproximateReceiveCount"
  | "ApproximateFirstReceiveTimestamp"
  | "SequenceNumber"
  | "MessageDeduplicationId"
  | "MessageGroupId"
  | "AWSTraceHeader"
  | "DeadLetterQueueSourceArn";

export type QueueAttributes = Partial<Record<QueueAttributeName, string>>;

export interface CreateQueueInput {
  QueueName: string | undefined;
  Attributes?: QueueAttributes;
  tags?: Record<string, string>;
}
export interface CreateQueueOutput {
  QueueUrl?: string;
}
export interface QueueUrlInput {
  QueueUrl: string | undefined;
}
export type Empty = Record<string, never>;
export interface GetQueueUrlInput {
  QueueName: string | undefined;
  QueueOwnerAWSAccountId?: string;
}
export interface GetQueueUrlOutput {
  QueueUrl?: string;
}
export interface ListQueuesInput {
  QueueNamePrefix?: string;
  NextToken?: string;
  MaxResults?: number;
}
export interface ListQueuesOutput {
  QueueUrls?: string[];
  NextToken?: string;
}
export interface GetQueueAttributesInput {
  QueueUrl: string | undefined;
  AttributeNames?: QueueAttributeName[];
}
export interface GetQueueAttributesOutput {
  Attributes?: QueueAttributes;
}
export interface SetQueueAttributesInput {
  QueueUrl: string | undefined;
  Attributes: QueueAttributes | undefined;
}
export interface TagQueueInput {
  QueueUrl: string | undefined;
  Tags: Record<string, string> | undefined;
}
export interface UntagQueueInput {
  QueueUrl: string | undefined;
  TagKeys: string[] | undefined;
}
export interface ListQueueTagsOutput {
  Tags?: Record<string, string>;
}

export interface SendMessageInput {
  QueueUrl: string | undefined;
  MessageBody: string | undefined;
  DelaySeconds?: number;
  MessageAttributes?: MessageAttributeInputMap;
  MessageSystemAttributes?: MessageAttributeInputMap;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}
export interface SendMessageOutput {
  MD5OfMessageBody?: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
  MessageId?: string;
  SequenceNumber?: string;
}
export interface SendMessageBatchRequestEntry extends Omit<SendMessageInput, "QueueUrl"> {
  Id: string | undefined;
}
export interface SendMessageBatchInput {
  QueueUrl: string | undefined;
  Entries: SendMessageBatchRequestEntry[] | undefined;
}
export interface SendMessageBatchResultEntry {
  Id: string;
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
  SequenceNumber?: string;
}
export interface BatchResultErrorEntry {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message?: string;
}
export interface SendMessageBatchOutput {
  Successful: SendMessageBatchResultEntry[];
  Failed: BatchResultErrorEntry[];
}

export interface ReceiveMessageInput {
  QueueUrl: string | undefined;
  /** Deprecated by AWS in favour of MessageSystemAttributeNames; both are honoured. */
  AttributeNames?: (QueueAttributeName | MessageSystemAttributeName)[];
  MessageSystemAttributeNames?: MessageSystemAttributeName[];
  MessageAttributeNames?: string[];
  MaxNumberOfMessages?: number;
  VisibilityTimeout?: number;
  WaitTimeSeconds?: number;
  ReceiveRequestAttemptId?: string;
}
export interface Message {
  MessageId?: string;
  ReceiptHandle?: string;
  MD5OfBody?: string;
  Body?: string;
  Attributes?: Partial<Record<MessageSystemAttributeName, string>>;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: MessageAttributeMap;
}
export interface ReceiveMessageOutput {
  /** Omitted when nothing was received, as AWS's JSON response does. */
  Messages?: Message[];
}

export interface DeleteMessageInput {
  QueueUrl: string | undefined;
  ReceiptHandle: string | undefined;
}
export interface DeleteMessageBatchRequestEntry {
  Id: string | undefined;
  ReceiptHandle: string | undefined;
}
export interface DeleteMessageBatchInput {
  QueueUrl: string | undefined;
  Entries: DeleteMessageBatchRequestEntry[] | undefined;
}
export interface BatchOutput {
  Successful: { Id: string }[];
  Failed: BatchResultErrorEntry[];
}
export interface ChangeMessageVisibilityInput {
  QueueUrl: string | undefined;
  ReceiptHandle: string | undefined;
  VisibilityTimeout: number | undefined;
}
export interface ChangeMessageVisibilityBatchRequestEntry {
  Id: string | undefined;
  ReceiptHandle: string | undefined;
  VisibilityTimeout?: number;
}
export interface ChangeMessageVisibilityBatchInput {
  QueueUrl: string | undefined;
  Entries: ChangeMessageVisibilityBatchRequestEntry[] | undefined;
}

export interface ListDeadLetterSourceQueuesInput {
  QueueUrl: string | undefined;
  NextToken?: string;
  MaxResults?: number;
}
export interface ListDeadLetterSourceQueuesOutput {
  /** Lower-case `queueUrls`: that is the SDK's member name for this action. */
  queueUrls: string[];
  NextToken?: string;
}

export interface StartMessageMoveTaskInput {
  SourceArn: string | undefined;
  DestinationArn?: string;
  MaxNumberOfMessagesPerSecond?: number;
}
export interface StartMessageMoveTaskOutput {
  TaskHandle?: string;
}
export interface CancelMessageMoveTaskInput {
  TaskHandle: string | undefined;
}
export interface CancelMessageMoveTaskOutput {
  ApproximateNumberOfMessagesMoved?: number;
}
export interface ListMessageMoveTasksInput {
  SourceArn: string | undefined;
  MaxResults?: number;
}
export type MessageMoveTaskStatus = "RUNNING" | "COMPLETED" | "CANCELLING" | "CANCELLED" | "FAILED";
export interface ListMessageMoveTasksResultEntry {
  TaskHandle?: string;
  Status?: MessageMoveTaskStatus;
  SourceArn?: string;
  DestinationArn?: string;
  MaxNumberOfMessagesPerSecond?: number;
  ApproximateNumberOfMessagesMoved?: number;
  ApproximateNumberOfMessagesToMove?: number;
  FailureReason?: string;
  /** Epoch milliseconds, as the SDK's number-typed member. */
  StartedTimestamp?: number;
}
export interface ListMessageMoveTasksOutput {
  Results?: ListMessageMoveTasksResultEntry[];
}

export interface AddPermissionInput {
  QueueUrl: string | undefined;
  Label: string | undefined;
  AWSAccountIds: string[] | undefined;
  Actions: string[] | undefined;
}
export interface RemovePermissionInput {
  QueueUrl: string | undefined;
  Label: string | undefined;
}

/** simcloud-only: seeded at-least-once chaos for a standard queue. Probabilities in [0, 1]; both 0 by default. */
export interface QueueChaos {
  /** Chance that a sent message is stored twice (same MessageId), so it is delivered twice. */
  duplicateProbability?: number;
  /** Chance that a sent message overtakes the message sent just before it. */
  reorderProbability?: number;
}
