/**
 * Ports: the only way one simulated service calls another. A service registers each resource it owns
 * in the registry under its ARN, with the port others may call. Shapes are AWS's (PascalCase), so a
 * port method is the owning service's action with the resource already chosen.
 */

/** SQS/SNS message attribute value, as in the SDK's MessageAttributeValue. */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
  StringListValues?: string[];
  BinaryListValues?: Uint8Array[];
}

export type MessageAttributeMap = Record<string, MessageAttributeValue>;

/**
 * A message attribute as a caller sends it (SendMessage, Publish): `DataType` is required but typed
 * `string | undefined`, as SDK v3 types it, so the SDK's objects pass straight in; the receiving service rejects a
 * missing one with its own error. What a service stores and returns is a MessageAttributeValue.
 */
export interface MessageAttributeInputValue extends Omit<MessageAttributeValue, "DataType"> {
  DataType: string | undefined;
}

export type MessageAttributeInputMap = Record<string, MessageAttributeInputValue>;

/** Who is calling through a port, for SenderId-style attributes, traces and resource policies. */
export interface PortCaller {
  /** e.g. "sns.amazonaws.com", "lambda.amazonaws.com", "events.amazonaws.com", "states.amazonaws.com". */
  principal: string;
  /** ARN of the calling resource (topic, function, rule, state machine). */
  sourceArn?: string;
}

export interface QueueSendInput {
  MessageBody: string;
  DelaySeconds?: number;
  MessageAttributes?: MessageAttributeMap;
  MessageSystemAttributes?: MessageAttributeMap;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

export interface QueueSendOutput {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  SequenceNumber?: string;
}

export interface QueueReceiveInput {
  MaxNumberOfMessages?: number;
  VisibilityTimeout?: number;
  WaitTimeSeconds?: number;
  MessageSystemAttributeNames?: string[];
  MessageAttributeNames?: string[];
}

export interface QueueReceiveOptions {
  /**
   * A poller inside the simulator (a Lambda event source mapping) rather than a caller someone awaits: its long
   * poll neither makes autoAdvance jump nor keeps runUntilIdle running (its wait is a background task).
   */
  background?: boolean;
}

export interface QueueMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes?: Record<string, string>;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: MessageAttributeMap;
}

export interface QueuePortAttributes {
  fifo: boolean;
  visibilityTimeoutSeconds: number;
}

export interface QueuePort {
  readonly kind: "queue";
  readonly arn: string;
  readonly url: string;
  /** Current settings the pollers need (a mapping reads the visibility timeout, FIFO-ness). */
  attributes(): QueuePortAttributes;
  /** SendMessage. Throws the AwsError SendMessage would. */
  send(input: QueueSendInput, caller?: PortCaller): QueueSendOutput;
  /** ReceiveMessage; long polls wait in virtual time. */
  receive(input: QueueReceiveInput, caller?: PortCaller, options?: QueueReceiveOptions): Promise<QueueMessage[]>;
  /** DeleteMessage. */
  deleteMessage(receiptHandle: string, caller?: PortCaller): void;
  /** ChangeMessageVisibility. */
  changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number, caller?: PortCaller): void;
}

export interface TopicPublishInput {
  Message: string;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes?: MessageAttributeMap;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

export interface TopicPublishOutput {
  MessageId: string;
  SequenceNumber?: string;
}

export interface TopicPort {
  readonly kind: "topic";
  readonly arn: string;
  publish(input: TopicPublishInput, caller?: PortCaller): Promise<TopicPublishOutput>;
}

export type InvocationType = "RequestResponse" | "Event" | "DryRun";

export interface FunctionInvokeInput {
  Payload?: Uint8Array | string;
  InvocationType?: InvocationType;
  /** Version or alias; also taken from a qualified ARN by the registry. */
  Qualifier?: string;
  ClientContext?: string;
}

export interface FunctionInvokeOutput {
  StatusCode: number;
  Payload?: Uint8Array;
  FunctionError?: string;
  ExecutedVersion?: string;
  LogResult?: string;
}

export interface FunctionPort {
  readonly kind: "function";
  readonly arn: string;
  invoke(input: FunctionInvokeInput, caller?: PortCaller): Promise<FunctionInvokeOutput>;
}

export interface StateMachineStartInput {
  input?: string;
  name?: string;
  traceHeader?: string;
}

export interface StateMachineStartOutput {
  executionArn: string;
  startDate: Date;
}

/** The end of a synchronous (StartSyncExecution) run. */
export interface StateMachineSyncOutput {
  executionArn: string;
  status: "SUCCEEDED" | "FAILED" | "TIMED_OUT";
  output?: string;
  error?: string;
  cause?: string;
}

export interface StateMachinePort {
  readonly kind: "state-machine";
  readonly arn: string;
  startExecution(input: StateMachineStartInput, caller?: PortCaller): Promise<StateMachineStartOutput>;
  /** Runs an EXPRESS machine to its end; rejects (StateMachineTypeNotSupported) for a STANDARD one, as StartSyncExecution does. */
  startSyncExecution(input: StateMachineStartInput, caller?: PortCaller): Promise<StateMachineSyncOutput>;
}

export interface StreamPutInput {
  Data: Uint8Array;
  PartitionKey: string;
  ExplicitHashKey?: string;
}

export interface StreamPutOutput {
  ShardId: string;
  SequenceNumber: string;
}

/** A shard as a stream poller sees it: lineage, and whether it still takes records. */
export interface StreamShardInfo {
  ShardId: string;
  ParentShardId?: string;
  AdjacentParentShardId?: string;
  open: boolean;
}

/** Where a poller starts reading a shard (the StartingPosition of a Lambda event source mapping, or a checkpoint). */
export type StreamStartPosition =
  | { type: "TRIM_HORIZON" | "LATEST" }
  | { type: "AT_TIMESTAMP"; timestamp: number }
  | { type: "AFTER_SEQUENCE_NUMBER"; sequenceNumber: string };

export interface StreamPortRecord {
  sequenceNumber: string;
  /** Epoch ms. */
  approximateArrivalTimestamp: number;
  data: Uint8Array;
  partitionKey: string;
}

export interface StreamReadResult {
  records: StreamPortRecord[];
  /** The cursor after these records; undefined once a closed shard has been read to its end. */
  next: string | undefined;
  millisBehindLatest: number;
}

export interface StreamPort {
  readonly kind: "stream";
  readonly arn: string;
  putRecord(input: StreamPutInput, caller?: PortCaller): Promise<StreamPutOutput>;
  /** Whether the stream takes reads and writes (ACTIVE or UPDATING). */
  readable(): boolean;
  /** The stream's retention period: records older than this are gone. */
  retentionHours(): number;
  /** Every shard still within retention, closed ones included, in creation order. */
  shards(): StreamShardInfo[];
  /** An opaque cursor into a shard; undefined when the shard does not exist. */
  position(shardId: string, start: StreamStartPosition): string | undefined;
  /** Up to `limit` records from the cursor (a poller's GetRecords); undefined when the shard is gone. */
  read(shardId: string, cursor: string, limit: number): StreamReadResult | undefined;
  /** Resolves when the shard gets a record or closes. */
  changed(shardId: string): Promise<void>;
}

export interface BusEventEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Resources?: string[];
  Time?: Date;
  TraceHeader?: string;
}

export interface BusPutEventsOutput {
  FailedEntryCount: number;
  Entries: { EventId?: string; ErrorCode?: string; ErrorMessage?: string }[];
}

export interface EventBusPort {
  readonly kind: "event-bus";
  readonly arn: string;
  putEvents(entries: BusEventEntry[], caller?: PortCaller): Promise<BusPutEventsOutput>;
}

export interface PortsByKind {
  queue: QueuePort;
  topic: TopicPort;
  function: FunctionPort;
  "state-machine": StateMachinePort;
  stream: StreamPort;
  "event-bus": EventBusPort;
}

export type PortKind = keyof PortsByKind;
export type AnyPort = PortsByKind[PortKind];
