/** Kinesis input and output shapes, as in @aws-sdk/client-kinesis (PascalCase members, Dates, Uint8Array blobs). */
export type StreamStatus = "CREATING" | "DELETING" | "ACTIVE" | "UPDATING";
export type StreamMode = "PROVISIONED" | "ON_DEMAND";
export type ShardIteratorType = "AT_SEQUENCE_NUMBER" | "AFTER_SEQUENCE_NUMBER" | "TRIM_HORIZON" | "LATEST" | "AT_TIMESTAMP";
export type ShardFilterType = "AFTER_SHARD_ID" | "AT_TRIM_HORIZON" | "FROM_TRIM_HORIZON" | "AT_LATEST" | "AT_TIMESTAMP" | "FROM_TIMESTAMP";
export type EncryptionType = "NONE" | "KMS";
export type ConsumerStatus = "CREATING" | "DELETING" | "ACTIVE";

export interface StreamModeDetails {
  StreamMode: StreamMode | undefined;
}

/** Every action names its stream by StreamName, StreamARN or both. */
export interface StreamRef {
  StreamName?: string;
  StreamARN?: string;
}

export interface HashKeyRange {
  StartingHashKey: string;
  EndingHashKey: string;
}

export interface SequenceNumberRange {
  StartingSequenceNumber: string;
  EndingSequenceNumber?: string;
}

export interface Shard {
  ShardId: string;
  ParentShardId?: string;
  AdjacentParentShardId?: string;
  HashKeyRange: HashKeyRange;
  SequenceNumberRange: SequenceNumberRange;
}

export interface ChildShard {
  ShardId: string;
  ParentShards: string[];
  HashKeyRange: HashKeyRange;
}

/** The SDK's MetricsName enum; EnableEnhancedMonitoring refuses any other name at run time. */
export type MetricsName =
  | "IncomingBytes"
  | "IncomingRecords"
  | "OutgoingBytes"
  | "OutgoingRecords"
  | "WriteProvisionedThroughputExceeded"
  | "ReadProvisionedThroughputExceeded"
  | "IteratorAgeMilliseconds"
  | "ALL";

export interface EnhancedMetrics {
  ShardLevelMetrics: MetricsName[];
}

export interface StreamDescription {
  StreamName: string;
  StreamARN: string;
  StreamStatus: StreamStatus;
  StreamModeDetails: StreamModeDetails;
  Shards: Shard[];
  HasMoreShards: boolean;
  RetentionPeriodHours: number;
  StreamCreationTimestamp: Date;
  EnhancedMonitoring: EnhancedMetrics[];
  EncryptionType: EncryptionType;
  KeyId?: string;
}

export interface StreamDescriptionSummary {
  StreamName: string;
  StreamARN: string;
  StreamStatus: StreamStatus;
  StreamModeDetails: StreamModeDetails;
  RetentionPeriodHours: number;
  StreamCreationTimestamp: Date;
  EnhancedMonitoring: EnhancedMetrics[];
  EncryptionType: EncryptionType;
  KeyId?: string;
  OpenShardCount: number;
  ConsumerCount: number;
  MaxRecordSizeInKiB: number;
}

export interface Tag {
  Key: string;
  Value?: string;
}

export interface CreateStreamInput {
  StreamName: string | undefined;
  ShardCount?: number;
  StreamModeDetails?: StreamModeDetails;
  Tags?: Record<string, string>;
  MaxRecordSizeInKiB?: number;
}

export interface DeleteStreamInput extends StreamRef {
  EnforceConsumerDeletion?: boolean;
}

export interface DescribeStreamInput extends StreamRef {
  Limit?: number;
  ExclusiveStartShardId?: string;
}

export interface ListStreamsInput {
  Limit?: number;
  ExclusiveStartStreamName?: string;
  NextToken?: string;
}

export interface StreamSummary {
  StreamName: string;
  StreamARN: string;
  StreamStatus: StreamStatus;
  StreamModeDetails: StreamModeDetails;
  StreamCreationTimestamp: Date;
}

export interface ListStreamsOutput {
  StreamNames: string[];
  HasMoreStreams: boolean;
  NextToken?: string;
  StreamSummaries: StreamSummary[];
}

export interface ShardFilter {
  Type: ShardFilterType | undefined;
  ShardId?: string;
  Timestamp?: Date;
}

export interface ListShardsInput extends StreamRef {
  NextToken?: string;
  ExclusiveStartShardId?: string;
  MaxResults?: number;
  StreamCreationTimestamp?: Date;
  ShardFilter?: ShardFilter;
}

export interface ListShardsOutput {
  Shards: Shard[];
  NextToken?: string;
}

export interface PutRecordInput extends StreamRef {
  Data: Uint8Array | undefined;
  /**
   * Optional in the SDK since streams may use the AUTO record distribution strategy; simcloud simulates
   * USER_PARTITION_KEY streams only, where a missing key is AWS's ValidationException.
   */
  PartitionKey?: string | undefined;
  ExplicitHashKey?: string;
  SequenceNumberForOrdering?: string;
}

export interface PutRecordOutput {
  ShardId: string;
  SequenceNumber: string;
  EncryptionType: EncryptionType;
}

export interface PutRecordsRequestEntry {
  Data: Uint8Array | undefined;
  /**
   * Optional in the SDK since streams may use the AUTO record distribution strategy; simcloud simulates
   * USER_PARTITION_KEY streams only, where a missing key is AWS's ValidationException.
   */
  PartitionKey?: string | undefined;
  ExplicitHashKey?: string;
}

export interface PutRecordsInput extends StreamRef {
  Records: PutRecordsRequestEntry[] | undefined;
}

export interface PutRecordsResultEntry {
  SequenceNumber?: string;
  ShardId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

export interface PutRecordsOutput {
  FailedRecordCount: number;
  Records: PutRecordsResultEntry[];
  EncryptionType: EncryptionType;
}

export interface GetShardIteratorInput extends StreamRef {
  ShardId: string | undefined;
  ShardIteratorType: ShardIteratorType | undefined;
  StartingSequenceNumber?: string;
  Timestamp?: Date;
}

export interface GetShardIteratorOutput {
  ShardIterator: string;
}

export interface GetRecordsInput {
  ShardIterator: string | undefined;
  Limit?: number;
  StreamARN?: string;
}

export interface KinesisRecord {
  SequenceNumber: string;
  ApproximateArrivalTimestamp: Date;
  Data: Uint8Array;
  PartitionKey: string;
  EncryptionType?: EncryptionType;
}

export interface GetRecordsOutput {
  Records: KinesisRecord[];
  NextShardIterator?: string;
  MillisBehindLatest: number;
  ChildShards?: ChildShard[];
}

export interface RetentionInput extends StreamRef {
  RetentionPeriodHours: number | undefined;
}

export interface AddTagsToStreamInput extends StreamRef {
  Tags: Record<string, string> | undefined;
}

export interface RemoveTagsFromStreamInput extends StreamRef {
  TagKeys: string[] | undefined;
}

export interface ListTagsForStreamInput extends StreamRef {
  ExclusiveStartTagKey?: string;
  Limit?: number;
}

export interface ListTagsForStreamOutput {
  Tags: Tag[];
  HasMoreTags: boolean;
}

export interface TagResourceInput {
  ResourceARN: string | undefined;
  Tags: Record<string, string> | undefined;
}

export interface UntagResourceInput {
  ResourceARN: string | undefined;
  TagKeys: string[] | undefined;
}

export interface ListTagsForResourceInput {
  ResourceARN: string | undefined;
}

export interface ListTagsForResourceOutput {
  Tags: Tag[];
}

export interface SplitShardInput extends StreamRef {
  ShardToSplit: string | undefined;
  NewStartingHashKey: string | undefined;
}

export interface MergeShardsInput extends StreamRef {
  ShardToMerge: string | undefined;
  AdjacentShardToMerge: string | undefined;
}

export interface UpdateShardCountInput extends StreamRef {
  TargetShardCount: number | undefined;
  ScalingType: "UNIFORM_SCALING" | undefined;
}

export interface UpdateShardCountOutput {
  StreamName: string;
  StreamARN: string;
  CurrentShardCount: number;
  TargetShardCount: number;
}

export interface UpdateStreamModeInput {
  StreamARN: string | undefined;
  StreamModeDetails: StreamModeDetails | undefined;
}

export interface UpdateMaxRecordSizeInput {
  StreamARN?: string;
  MaxRecordSizeInKiB: number | undefined;
}

export interface StreamEncryptionInput extends StreamRef {
  EncryptionType: EncryptionType | undefined;
  KeyId: string | undefined;
}

export interface Consumer {
  ConsumerName: string;
  ConsumerARN: string;
  ConsumerStatus: ConsumerStatus;
  ConsumerCreationTimestamp: Date;
}

export interface ConsumerDescription extends Consumer {
  StreamARN: string;
}

export interface RegisterStreamConsumerInput {
  StreamARN: string | undefined;
  ConsumerName: string | undefined;
  Tags?: Record<string, string>;
}

export interface ConsumerRef {
  StreamARN?: string;
  ConsumerName?: string;
  ConsumerARN?: string;
}

export interface ListStreamConsumersInput {
  StreamARN: string | undefined;
  NextToken?: string;
  MaxResults?: number;
  StreamCreationTimestamp?: Date;
}

export interface ListStreamConsumersOutput {
  Consumers: Consumer[];
  NextToken?: string;
}

export interface StartingPosition {
  Type: ShardIteratorType | undefined;
  SequenceNumber?: string;
  Timestamp?: Date;
}

export interface SubscribeToShardInput {
  ConsumerARN: string | undefined;
  ShardId: string | undefined;
  StartingPosition: StartingPosition | undefined;
}

export interface SubscribeToShardEvent {
  Records: KinesisRecord[];
  ContinuationSequenceNumber: string;
  MillisBehindLatest: number;
  ChildShards?: ChildShard[];
}

export interface SubscribeToShardOutput {
  /** The event stream: one event per delivery, for up to 5 minutes, as AWS's HTTP/2 subscription. */
  EventStream: AsyncIterable<{ SubscribeToShardEvent: SubscribeToShardEvent }>;
}

export interface ResourcePolicyRef {
  ResourceARN: string | undefined;
}

export interface PutResourcePolicyInput extends ResourcePolicyRef {
  Policy: string | undefined;
}

export interface EnhancedMonitoringInput extends StreamRef {
  ShardLevelMetrics: MetricsName[] | undefined;
}

export interface EnhancedMonitoringOutput {
  StreamName: string;
  StreamARN: string;
  CurrentShardLevelMetrics: MetricsName[];
  DesiredShardLevelMetrics: MetricsName[];
}

export interface DescribeLimitsOutput {
  ShardLimit: number;
  OpenShardCount: number;
  OnDemandStreamCount: number;
  OnDemandStreamCountLimit: number;
}
