/**
 * Type contract for Kinesis Data Streams: for every simulated action, the SDK's `<Op>CommandInput` passes straight into the
 * native method, and the native output fits `<Op>CommandOutput` without `$metadata`. Run by vitest's typecheck (tsc).
 */
/*
 * Known gaps: none. A gap would be marked `@ts-expect-error <REASON>` on its line and its reason listed here (the
 * directive fails once the gap is closed, so the list only shrinks). SubscribeToShard's native output is the SDK's
 * shape with an async iterable EventStream.
 */
import type * as Kinesis from "@aws-sdk/client-kinesis";
import type { StreamService } from "@simcloud/stream";
import { describe, expectTypeOf, it } from "vitest";

/** The native input; an action that takes none accepts whatever the SDK sends. */
type In<M extends keyof StreamService> = Parameters<StreamService[M]> extends [] ? unknown : Parameters<StreamService[M]>[0];
type Out<M extends keyof StreamService> = Awaited<ReturnType<StreamService[M]>>;
type Sent<O> = Omit<O, "$metadata">;

describe("Kinesis Data Streams SDK contract", () => {
  it("CreateStream", () => {
    expectTypeOf<Kinesis.CreateStreamCommandInput>().toExtend<In<"createStream">>();
    expectTypeOf<Out<"createStream">>().toExtend<Sent<Kinesis.CreateStreamCommandOutput>>();
  });
  it("DeleteStream", () => {
    expectTypeOf<Kinesis.DeleteStreamCommandInput>().toExtend<In<"deleteStream">>();
    expectTypeOf<Out<"deleteStream">>().toExtend<Sent<Kinesis.DeleteStreamCommandOutput>>();
  });
  it("DescribeStream", () => {
    expectTypeOf<Kinesis.DescribeStreamCommandInput>().toExtend<In<"describeStream">>();
    expectTypeOf<Out<"describeStream">>().toExtend<Sent<Kinesis.DescribeStreamCommandOutput>>();
  });
  it("DescribeStreamSummary", () => {
    expectTypeOf<Kinesis.DescribeStreamSummaryCommandInput>().toExtend<In<"describeStreamSummary">>();
    expectTypeOf<Out<"describeStreamSummary">>().toExtend<Sent<Kinesis.DescribeStreamSummaryCommandOutput>>();
  });
  it("ListStreams", () => {
    expectTypeOf<Kinesis.ListStreamsCommandInput>().toExtend<In<"listStreams">>();
    expectTypeOf<Out<"listStreams">>().toExtend<Sent<Kinesis.ListStreamsCommandOutput>>();
  });
  it("ListShards", () => {
    expectTypeOf<Kinesis.ListShardsCommandInput>().toExtend<In<"listShards">>();
    expectTypeOf<Out<"listShards">>().toExtend<Sent<Kinesis.ListShardsCommandOutput>>();
  });
  it("PutRecord", () => {
    expectTypeOf<Kinesis.PutRecordCommandInput>().toExtend<In<"putRecord">>();
    expectTypeOf<Out<"putRecord">>().toExtend<Sent<Kinesis.PutRecordCommandOutput>>();
  });
  it("PutRecords", () => {
    expectTypeOf<Kinesis.PutRecordsCommandInput>().toExtend<In<"putRecords">>();
    expectTypeOf<Out<"putRecords">>().toExtend<Sent<Kinesis.PutRecordsCommandOutput>>();
  });
  it("GetShardIterator", () => {
    expectTypeOf<Kinesis.GetShardIteratorCommandInput>().toExtend<In<"getShardIterator">>();
    expectTypeOf<Out<"getShardIterator">>().toExtend<Sent<Kinesis.GetShardIteratorCommandOutput>>();
  });
  it("GetRecords", () => {
    expectTypeOf<Kinesis.GetRecordsCommandInput>().toExtend<In<"getRecords">>();
    expectTypeOf<Out<"getRecords">>().toExtend<Sent<Kinesis.GetRecordsCommandOutput>>();
  });
  it("IncreaseStreamRetentionPeriod", () => {
    expectTypeOf<Kinesis.IncreaseStreamRetentionPeriodCommandInput>().toExtend<In<"increaseStreamRetentionPeriod">>();
    expectTypeOf<Out<"increaseStreamRetentionPeriod">>().toExtend<Sent<Kinesis.IncreaseStreamRetentionPeriodCommandOutput>>();
  });
  it("DecreaseStreamRetentionPeriod", () => {
    expectTypeOf<Kinesis.DecreaseStreamRetentionPeriodCommandInput>().toExtend<In<"decreaseStreamRetentionPeriod">>();
    expectTypeOf<Out<"decreaseStreamRetentionPeriod">>().toExtend<Sent<Kinesis.DecreaseStreamRetentionPeriodCommandOutput>>();
  });
  it("AddTagsToStream", () => {
    expectTypeOf<Kinesis.AddTagsToStreamCommandInput>().toExtend<In<"addTagsToStream">>();
    expectTypeOf<Out<"addTagsToStream">>().toExtend<Sent<Kinesis.AddTagsToStreamCommandOutput>>();
  });
  it("RemoveTagsFromStream", () => {
    expectTypeOf<Kinesis.RemoveTagsFromStreamCommandInput>().toExtend<In<"removeTagsFromStream">>();
    expectTypeOf<Out<"removeTagsFromStream">>().toExtend<Sent<Kinesis.RemoveTagsFromStreamCommandOutput>>();
  });
  it("ListTagsForStream", () => {
    expectTypeOf<Kinesis.ListTagsForStreamCommandInput>().toExtend<In<"listTagsForStream">>();
    expectTypeOf<Out<"listTagsForStream">>().toExtend<Sent<Kinesis.ListTagsForStreamCommandOutput>>();
  });
  it("TagResource", () => {
    expectTypeOf<Kinesis.TagResourceCommandInput>().toExtend<In<"tagResource">>();
    expectTypeOf<Out<"tagResource">>().toExtend<Sent<Kinesis.TagResourceCommandOutput>>();
  });
  it("UntagResource", () => {
    expectTypeOf<Kinesis.UntagResourceCommandInput>().toExtend<In<"untagResource">>();
    expectTypeOf<Out<"untagResource">>().toExtend<Sent<Kinesis.UntagResourceCommandOutput>>();
  });
  it("ListTagsForResource", () => {
    expectTypeOf<Kinesis.ListTagsForResourceCommandInput>().toExtend<In<"listTagsForResource">>();
    expectTypeOf<Out<"listTagsForResource">>().toExtend<Sent<Kinesis.ListTagsForResourceCommandOutput>>();
  });
  it("PutResourcePolicy", () => {
    expectTypeOf<Kinesis.PutResourcePolicyCommandInput>().toExtend<In<"putResourcePolicy">>();
    expectTypeOf<Out<"putResourcePolicy">>().toExtend<Sent<Kinesis.PutResourcePolicyCommandOutput>>();
  });
  it("EnableEnhancedMonitoring", () => {
    expectTypeOf<Kinesis.EnableEnhancedMonitoringCommandInput>().toExtend<In<"enableEnhancedMonitoring">>();
    expectTypeOf<Out<"enableEnhancedMonitoring">>().toExtend<Sent<Kinesis.EnableEnhancedMonitoringCommandOutput>>();
  });
  it("DisableEnhancedMonitoring", () => {
    expectTypeOf<Kinesis.DisableEnhancedMonitoringCommandInput>().toExtend<In<"disableEnhancedMonitoring">>();
    expectTypeOf<Out<"disableEnhancedMonitoring">>().toExtend<Sent<Kinesis.DisableEnhancedMonitoringCommandOutput>>();
  });
  it("DescribeLimits", () => {
    expectTypeOf<Kinesis.DescribeLimitsCommandInput>().toExtend<In<"describeLimits">>();
    expectTypeOf<Out<"describeLimits">>().toExtend<Sent<Kinesis.DescribeLimitsCommandOutput>>();
  });
  it("GetResourcePolicy", () => {
    expectTypeOf<Kinesis.GetResourcePolicyCommandInput>().toExtend<In<"getResourcePolicy">>();
    expectTypeOf<Out<"getResourcePolicy">>().toExtend<Sent<Kinesis.GetResourcePolicyCommandOutput>>();
  });
  it("DeleteResourcePolicy", () => {
    expectTypeOf<Kinesis.DeleteResourcePolicyCommandInput>().toExtend<In<"deleteResourcePolicy">>();
    expectTypeOf<Out<"deleteResourcePolicy">>().toExtend<Sent<Kinesis.DeleteResourcePolicyCommandOutput>>();
  });
  it("SplitShard", () => {
    expectTypeOf<Kinesis.SplitShardCommandInput>().toExtend<In<"splitShard">>();
    expectTypeOf<Out<"splitShard">>().toExtend<Sent<Kinesis.SplitShardCommandOutput>>();
  });
  it("MergeShards", () => {
    expectTypeOf<Kinesis.MergeShardsCommandInput>().toExtend<In<"mergeShards">>();
    expectTypeOf<Out<"mergeShards">>().toExtend<Sent<Kinesis.MergeShardsCommandOutput>>();
  });
  it("UpdateShardCount", () => {
    expectTypeOf<Kinesis.UpdateShardCountCommandInput>().toExtend<In<"updateShardCount">>();
    expectTypeOf<Out<"updateShardCount">>().toExtend<Sent<Kinesis.UpdateShardCountCommandOutput>>();
  });
  it("UpdateStreamMode", () => {
    expectTypeOf<Kinesis.UpdateStreamModeCommandInput>().toExtend<In<"updateStreamMode">>();
    expectTypeOf<Out<"updateStreamMode">>().toExtend<Sent<Kinesis.UpdateStreamModeCommandOutput>>();
  });
  it("UpdateMaxRecordSize", () => {
    expectTypeOf<Kinesis.UpdateMaxRecordSizeCommandInput>().toExtend<In<"updateMaxRecordSize">>();
    expectTypeOf<Out<"updateMaxRecordSize">>().toExtend<Sent<Kinesis.UpdateMaxRecordSizeCommandOutput>>();
  });
  it("StartStreamEncryption", () => {
    expectTypeOf<Kinesis.StartStreamEncryptionCommandInput>().toExtend<In<"startStreamEncryption">>();
    expectTypeOf<Out<"startStreamEncryption">>().toExtend<Sent<Kinesis.StartStreamEncryptionCommandOutput>>();
  });
  it("StopStreamEncryption", () => {
    expectTypeOf<Kinesis.StopStreamEncryptionCommandInput>().toExtend<In<"stopStreamEncryption">>();
    expectTypeOf<Out<"stopStreamEncryption">>().toExtend<Sent<Kinesis.StopStreamEncryptionCommandOutput>>();
  });
  it("RegisterStreamConsumer", () => {
    expectTypeOf<Kinesis.RegisterStreamConsumerCommandInput>().toExtend<In<"registerStreamConsumer">>();
    expectTypeOf<Out<"registerStreamConsumer">>().toExtend<Sent<Kinesis.RegisterStreamConsumerCommandOutput>>();
  });
  it("DeregisterStreamConsumer", () => {
    expectTypeOf<Kinesis.DeregisterStreamConsumerCommandInput>().toExtend<In<"deregisterStreamConsumer">>();
    expectTypeOf<Out<"deregisterStreamConsumer">>().toExtend<Sent<Kinesis.DeregisterStreamConsumerCommandOutput>>();
  });
  it("DescribeStreamConsumer", () => {
    expectTypeOf<Kinesis.DescribeStreamConsumerCommandInput>().toExtend<In<"describeStreamConsumer">>();
    expectTypeOf<Out<"describeStreamConsumer">>().toExtend<Sent<Kinesis.DescribeStreamConsumerCommandOutput>>();
  });
  it("ListStreamConsumers", () => {
    expectTypeOf<Kinesis.ListStreamConsumersCommandInput>().toExtend<In<"listStreamConsumers">>();
    expectTypeOf<Out<"listStreamConsumers">>().toExtend<Sent<Kinesis.ListStreamConsumersCommandOutput>>();
  });
  it("SubscribeToShard", () => {
    expectTypeOf<Kinesis.SubscribeToShardCommandInput>().toExtend<In<"subscribeToShard">>();
    expectTypeOf<Out<"subscribeToShard">>().toExtend<Sent<Kinesis.SubscribeToShardCommandOutput>>();
  });
});

/** Every AWS action of the service has a case above: a new method without one fails to compile here. */
export const covered = { createStream: true, deleteStream: true, describeStream: true, describeStreamSummary: true, listStreams: true, listShards: true, putRecord: true, putRecords: true, getShardIterator: true, getRecords: true, increaseStreamRetentionPeriod: true, decreaseStreamRetentionPeriod: true, addTagsToStream: true, removeTagsFromStream: true, listTagsForStream: true, tagResource: true, untagResource: true, listTagsForResource: true, putResourcePolicy: true, enableEnhancedMonitoring: true, disableEnhancedMonitoring: true, describeLimits: true, getResourcePolicy: true, deleteResourcePolicy: true, splitShard: true, mergeShards: true, updateShardCount: true, updateStreamMode: true, updateMaxRecordSize: true, startStreamEncryption: true, stopStreamEncryption: true, registerStreamConsumer: true, deregisterStreamConsumer: true, describeStreamConsumer: true, listStreamConsumers: true, subscribeToShard: true } as const satisfies Record<keyof StreamService, true>;
