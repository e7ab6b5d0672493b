/**
 * Kinesis Data Streams quotas (Developer Guide: "Quotas and limits", 2025 edition with UpdateMaxRecordSize;
 * ../shared/AWS-LIMITS-2025.md). Sizes are bytes, rates are per virtual second.
 */
export const LIMITS = {
  streamNameMax: 128,
  partitionKeyMax: 256,
  /** Default per-record size (data + partition key); UpdateMaxRecordSize raises it to 10 MiB. */
  defaultMaxRecordKiB: 1_024,
  maxRecordKiBMin: 1_024,
  maxRecordKiBMax: 10_240,
  putRecordsMax: 500,
  /** A PutRecords request: 5 MiB, or the stream's record size when that is larger (10 MiB records). */
  putRecordsRequestBytes: 5 * 1024 * 1024,
  /** Per shard, per second. */
  writeBytesPerSecond: 1024 * 1024,
  writeRecordsPerSecond: 1_000,
  readBytesPerSecond: 2 * 1024 * 1024,
  readCallsPerSecond: 5,
  getRecordsMaxRecords: 10_000,
  getRecordsMaxBytes: 10 * 1024 * 1024,
  getShardIteratorPerSecond: 5,
  retentionHoursMin: 24,
  retentionHoursMax: 8_760,
  retentionHoursDefault: 24,
  iteratorLifetimeMs: 5 * 60_000,
  nextTokenLifetimeMs: 5 * 60_000,
  onDemandShards: 4,
  /** On-demand streams per account. */
  onDemandStreams: 50,
  /** Shard quota per account and region: 500 in us-east-1, us-west-2, eu-west-1; 200 elsewhere. */
  shardQuotaLarge: 500,
  shardQuotaDefault: 200,
  consumersPerStream: 20,
  tagsPerStream: 50,
  tagKeyMax: 128,
  tagValueMax: 256,
  listStreamsLimitMax: 10_000,
  listShardsMax: 10_000,
  listShardsDefault: 1_000,
  describeStreamLimitMax: 10_000,
  describeStreamLimitDefault: 100,
  listConsumersMax: 10_000,
  /**
   * Control-plane rates per account (transactions per second), LimitExceededException beyond them. Kinesis
   * Developer Guide, "Quotas and limits" (API limits).
   */
  controlRates: {
    CreateStream: 5,
    DeleteStream: 5,
    DescribeStream: 10,
    DescribeStreamSummary: 20,
    ListStreams: 5,
    ListShards: 1_000,
    MergeShards: 5,
    SplitShard: 5,
    AddTagsToStream: 5,
    RemoveTagsFromStream: 5,
    ListTagsForStream: 5,
    IncreaseStreamRetentionPeriod: 5,
    DecreaseStreamRetentionPeriod: 5,
    UpdateShardCount: 2,
    RegisterStreamConsumer: 5,
    DeregisterStreamConsumer: 5,
    DescribeStreamConsumer: 20,
    ListStreamConsumers: 5,
    StartStreamEncryption: 5,
    StopStreamEncryption: 5,
    UpdateStreamMode: 5,
  } as Record<string, number>,
} as const;

export const SHARD_QUOTA_LARGE_REGIONS: ReadonlySet<string> = new Set(["us-east-1", "us-west-2", "eu-west-1"]);
