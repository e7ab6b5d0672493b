/**
 * Inputs and outputs of each SQS action, in the AWS SDK v3 shapes (`@aws-sdk/client-sqs`'s
 * `<Action>CommandInput` / `<Action>CommandOutput` minus `$metadata`), so the SDK adapter passes decoded JSON
 * straight through. Binary values are Uint8Array, as the SDK decodes them.
 */
import type { MessageAttributeMap, MessageAttributeValue } from "@simcloud/core";

export type { MessageAttributeMap, MessageAttributeValue };

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
  QueueName: string;
  Attributes?: QueueAttributes;
  tags?: Record<string, string>;
}
export interface CreateQueueOutput {
  QueueUrl?: string;
}
export interface QueueUrlInput {
  QueueUrl: string;
}
export type Empty = Record<string, never>;
export interface GetQueueUrlInput {
  QueueName: string;
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
  QueueUrl: string;
  AttributeNames?: QueueAttributeName[];
}
export interface GetQueueAttributesOutput {
  Attributes?: QueueAttributes;
}
export interface SetQueueAttributesInput {
  QueueUrl: string;
  Attributes: QueueAttributes;
}
export interface TagQueueInput {
  QueueUrl: string;
  Tags: Record<string, string>;
}
export interface UntagQueueInput {
  QueueUrl: string;
  TagKeys: string[];
}
export interface ListQueueTagsOutput {
  Tags?: Record<string, string>;
}

export interface SendMessageInput {
  QueueUrl: string;
  MessageBody: string;
  DelaySeconds?: number;
  MessageAttributes?: MessageAttributeMap;
  MessageSystemAttributes?: MessageAttributeMap;
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
  Id: string;
}
export interface SendMessageBatchInput {
  QueueUrl: string;
  Entries: SendMessageBatchRequestEntry[];
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
  QueueUrl: string;
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
  QueueUrl: string;
  ReceiptHandle: string;
}
export interface DeleteMessageBatchRequestEntry {
  Id: string;
  ReceiptHandle: string;
}
export interface DeleteMessageBatchInput {
  QueueUrl: string;
  Entries: DeleteMessageBatchRequestEntry[];
}
export interface BatchOutput {
  Successful: { Id: string }[];
  Failed: BatchResultErrorEntry[];
}
export interface ChangeMessageVisibilityInput {
  QueueUrl: string;
  ReceiptHandle: string;
  VisibilityTimeout: number;
}
export interface ChangeMessageVisibilityBatchRequestEntry {
  Id: string;
  ReceiptHandle: string;
  VisibilityTimeout?: number;
}
export interface ChangeMessageVisibilityBatchInput {
  QueueUrl: string;
  Entries: ChangeMessageVisibilityBatchRequestEntry[];
}

export interface ListDeadLetterSourceQueuesInput {
  QueueUrl: string;
  NextToken?: string;
  MaxResults?: number;
}
export interface ListDeadLetterSourceQueuesOutput {
  /** Lower-case `queueUrls`: that is the SDK's member name for this action. */
  queueUrls: string[];
  NextToken?: string;
}

export interface StartMessageMoveTaskInput {
  SourceArn: string;
  DestinationArn?: string;
  MaxNumberOfMessagesPerSecond?: number;
}
export interface StartMessageMoveTaskOutput {
  TaskHandle?: string;
}
export interface CancelMessageMoveTaskInput {
  TaskHandle: string;
}
export interface CancelMessageMoveTaskOutput {
  ApproximateNumberOfMessagesMoved?: number;
}
export interface ListMessageMoveTasksInput {
  SourceArn: string;
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
  QueueUrl: string;
  Label: string;
  AWSAccountIds: string[];
  Actions: string[];
}
export interface RemovePermissionInput {
  QueueUrl: string;
  Label: string;
}

/** simcloud-only: seeded at-least-once chaos for a standard queue. Probabilities in [0, 1]; both 0 by default. */
export interface QueueChaos {
  /** Chance that a sent message is stored twice (same MessageId), so it is delivered twice. */
  duplicateProbability?: number;
  /** Chance that a sent message overtakes the message sent just before it. */
  reorderProbability?: number;
}
