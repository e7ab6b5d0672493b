/**
 * Kinesis Data Streams over AWS JSON 1.1 (`@aws-sdk/client-kinesis`: AwsJson1_1Protocol, target prefix
 * Kinesis_20131202). Declared here only the blobs (Data, base64 on the wire) and timestamps (epoch seconds) in
 * inputs; outputs are encoded from their JS values. SubscribeToShard answers with an HTTP/2 event stream, which
 * an in-process handler cannot frame for the SDK: it is served by the native API only (docs/kinesis.md).
 */
import { blob, list, structure, timestamp } from "../shapes";
import type { JsonRpcRoutes } from "./types";

const recordEntry = structure({ Data: blob });

export const kinesisRoutes: JsonRpcRoutes = {
  service: "kinesis",
  protocol: "json",
  version: "1.1",
  targetPrefix: "Kinesis_20131202",
  // Kinesis models no internal error; "InternalFailure" is the code AWS's Common Errors page gives every service.
  internalError: { code: "InternalFailure", statusCode: 500 },
  operations: {
    AddTagsToStream: {},
    CreateStream: {},
    DecreaseStreamRetentionPeriod: {},
    DeleteResourcePolicy: {},
    DeleteStream: {},
    DisableEnhancedMonitoring: {},
    EnableEnhancedMonitoring: {},
    DeregisterStreamConsumer: {},
    DescribeLimits: {},
    DescribeStream: {},
    DescribeStreamConsumer: {},
    DescribeStreamSummary: {},
    GetRecords: {},
    GetResourcePolicy: {},
    GetShardIterator: { input: structure({ Timestamp: timestamp }) },
    IncreaseStreamRetentionPeriod: {},
    ListShards: { input: structure({ StreamCreationTimestamp: timestamp, ShardFilter: structure({ Timestamp: timestamp }) }) },
    ListStreamConsumers: { input: structure({ StreamCreationTimestamp: timestamp }) },
    ListStreams: {},
    ListTagsForResource: {},
    ListTagsForStream: {},
    MergeShards: {},
    PutRecord: { input: recordEntry },
    PutRecords: { input: structure({ Records: list(recordEntry) }) },
    PutResourcePolicy: {},
    RegisterStreamConsumer: {},
    RemoveTagsFromStream: {},
    SplitShard: {},
    StartStreamEncryption: {},
    StopStreamEncryption: {},
    TagResource: {},
    UntagResource: {},
    UpdateMaxRecordSize: {},
    UpdateShardCount: {},
    UpdateStreamMode: {},
  },
};
