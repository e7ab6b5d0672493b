import type { Shape, StructShape } from "@simcloud/core";

/**
 * Member types of every Kinesis action's input (the Kinesis API Reference's request shapes), checked at the
 * service's boundary so a wrong-typed member is a ValidationException, never a TypeError. Timestamps are left out
 * (a Date is checked by the action itself).
 */
const strings: Shape = { list: "string" };
const stringMap: Shape = { map: "string" };
const ref = { StreamName: "string", StreamARN: "string" } as const;
const mode: Shape = { struct: { StreamMode: "string" } };
const record = { Data: "blob", PartitionKey: "string", ExplicitHashKey: "string" } as const;
const consumer = { StreamARN: "string", ConsumerName: "string", ConsumerARN: "string" } as const;

/** Checked against the service's actions where it is used, so this module imports nothing of the service. */
export const KINESIS_INPUTS = {
  createStream: { struct: { StreamName: "string", ShardCount: "number", StreamModeDetails: mode, Tags: stringMap, MaxRecordSizeInKiB: "number" } },
  deleteStream: { struct: { ...ref, EnforceConsumerDeletion: "boolean" } },
  describeStream: { struct: { ...ref, Limit: "number", ExclusiveStartShardId: "string" } },
  describeStreamSummary: { struct: ref },
  listStreams: { struct: { Limit: "number", ExclusiveStartStreamName: "string", NextToken: "string" } },
  listShards: { struct: { ...ref, NextToken: "string", ExclusiveStartShardId: "string", MaxResults: "number", ShardFilter: { struct: { Type: "string", ShardId: "string" } } } },
  putRecord: { struct: { ...ref, ...record, SequenceNumberForOrdering: "string" } },
  putRecords: { struct: { ...ref, Records: { list: { struct: record } } } },
  getShardIterator: { struct: { ...ref, ShardId: "string", ShardIteratorType: "string", StartingSequenceNumber: "string" } },
  getRecords: { struct: { ShardIterator: "string", Limit: "number", StreamARN: "string" } },
  increaseStreamRetentionPeriod: { struct: { ...ref, RetentionPeriodHours: "number" } },
  decreaseStreamRetentionPeriod: { struct: { ...ref, RetentionPeriodHours: "number" } },
  addTagsToStream: { struct: { ...ref, Tags: stringMap } },
  removeTagsFromStream: { struct: { ...ref, TagKeys: strings } },
  listTagsForStream: { struct: { ...ref, ExclusiveStartTagKey: "string", Limit: "number" } },
  tagResource: { struct: { ResourceARN: "string", Tags: stringMap } },
  untagResource: { struct: { ResourceARN: "string", TagKeys: strings } },
  listTagsForResource: { struct: { ResourceARN: "string" } },
  putResourcePolicy: { struct: { ResourceARN: "string", Policy: "string" } },
  getResourcePolicy: { struct: { ResourceARN: "string" } },
  deleteResourcePolicy: { struct: { ResourceARN: "string" } },
  enableEnhancedMonitoring: { struct: { ...ref, ShardLevelMetrics: strings } },
  disableEnhancedMonitoring: { struct: { ...ref, ShardLevelMetrics: strings } },
  describeLimits: { struct: {} },
  splitShard: { struct: { ...ref, ShardToSplit: "string", NewStartingHashKey: "string" } },
  mergeShards: { struct: { ...ref, ShardToMerge: "string", AdjacentShardToMerge: "string" } },
  updateShardCount: { struct: { ...ref, TargetShardCount: "number", ScalingType: "string" } },
  updateStreamMode: { struct: { StreamARN: "string", StreamModeDetails: mode } },
  updateMaxRecordSize: { struct: { StreamARN: "string", MaxRecordSizeInKiB: "number" } },
  startStreamEncryption: { struct: { ...ref, EncryptionType: "string", KeyId: "string" } },
  stopStreamEncryption: { struct: { ...ref, EncryptionType: "string", KeyId: "string" } },
  registerStreamConsumer: { struct: { StreamARN: "string", ConsumerName: "string", Tags: stringMap } },
  deregisterStreamConsumer: { struct: consumer },
  describeStreamConsumer: { struct: consumer },
  listStreamConsumers: { struct: { StreamARN: "string", NextToken: "string", MaxResults: "number" } },
  subscribeToShard: { struct: { ConsumerARN: "string", ShardId: "string", StartingPosition: { struct: { Type: "string", SequenceNumber: "string" } } } },
} satisfies Readonly<Record<string, StructShape>>;
