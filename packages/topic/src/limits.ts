/** Amazon SNS quotas and API limits, with the document each comes from. */
export const LIMITS = {
  /** Topic MaximumMessageSize (AWS-LIMITS-2025: 1,024..1,048,576 bytes, default 262,144). */
  minMaximumMessageSize: 1024,
  maxMaximumMessageSize: 1_048_576,
  defaultMaximumMessageSize: 262_144,
  /** Above 256 KiB a topic allows at most 100 subscriptions, SQS, Lambda and Firehose only. */
  largeTopicMaxSubscriptions: 100,
  /** Publish API reference: Subject up to 100 characters. */
  maxSubjectLength: 100,
  /** Amazon SNS message attributes: names up to 256 characters; data types up to 256 bytes. */
  maxAttributeNameLength: 256,
  maxAttributeDataTypeLength: 256,
  /** Amazon SNS message attributes: raw delivery to SQS carries at most 10 attributes. */
  maxRawSqsAttributes: 10,
  /** PublishBatch API reference. */
  maxBatchEntries: 10,
  maxBatchEntryIdLength: 80,
  /** Amazon SNS FIFO topics: group and deduplication ids up to 128 characters; 5-minute dedup window. */
  maxFifoIdLength: 128,
  deduplicationWindowMs: 5 * 60 * 1000,
  /** CreateTopic API reference: names up to 256 characters (including .fifo). */
  maxTopicNameLength: 256,
  /** Amazon SNS quotas: topics per account. */
  maxTopics: 100_000,
  /** SetTopicAttributes: DisplayName up to 100 characters. */
  maxDisplayNameLength: 100,
  /** ListTopics / ListSubscriptions pages. */
  topicsPerPage: 100,
  subscriptionsPerPage: 100,
  /** Amazon SNS message archiving and replay: retention 1..365 days. */
  minArchiveRetentionDays: 1,
  maxArchiveRetentionDays: 365,
} as const;
