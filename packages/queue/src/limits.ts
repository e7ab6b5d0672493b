/**
 * Amazon SQS quotas ("Amazon SQS message quotas", "Amazon SQS queue quotas", AWS-LIMITS-2025: the message size
 * maximum and default became 1 MiB in 2025) and the API's documented ranges.
 */
export const LIMITS = {
  maxMessageBytes: 1_048_576,
  minMessageBytes: 1_024,
  maxBatchBytes: 1_048_576,
  maxBatchEntries: 10,
  maxMessageAttributes: 10,
  maxAttributeNameLength: 256,
  maxDataTypeLength: 256,
  maxDelaySeconds: 900,
  maxVisibilitySeconds: 43_200,
  maxWaitSeconds: 20,
  minRetentionSeconds: 60,
  maxRetentionSeconds: 1_209_600,
  maxReceiveMessages: 10,
  maxQueueNameLength: 80,
  maxDeduplicationIdLength: 128,
  maxGroupIdLength: 128,
  minKmsReuseSeconds: 60,
  maxKmsReuseSeconds: 86_400,
  minMaxReceiveCount: 1,
  maxMaxReceiveCount: 1_000,
  maxTags: 50,
  maxRedriveAllowSources: 10,
  maxMoveRate: 500,
  deduplicationWindowMs: 5 * 60_000,
  purgeIntervalMs: 60_000,
  deletedRecentlyMs: 60_000,
  listMaxResults: 1_000,
} as const;

export const DEFAULTS = {
  visibilityTimeout: 30,
  maximumMessageSize: LIMITS.maxMessageBytes,
  messageRetentionPeriod: 345_600,
  delaySeconds: 0,
  receiveMessageWaitTimeSeconds: 0,
  kmsDataKeyReusePeriodSeconds: 300,
  /** RedrivePolicy's maxReceiveCount when omitted ("SetQueueAttributes" / "CreateQueue": "Default: 10"). */
  maxReceiveCount: 10,
  /** A move task without MaxNumberOfMessagesPerSecond runs "system-optimized"; simcloud uses the API maximum. */
  moveRate: LIMITS.maxMoveRate,
} as const;
