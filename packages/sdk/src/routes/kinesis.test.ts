import {
  AddTagsToStreamCommand,
  CreateStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
  DeleteStreamCommand,
  DeregisterStreamConsumerCommand,
  DescribeStreamCommand,
  DescribeStreamConsumerCommand,
  DescribeLimitsCommand,
  DescribeStreamSummaryCommand,
  EnableEnhancedMonitoringCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  IncreaseStreamRetentionPeriodCommand,
  KinesisClient,
  ListShardsCommand,
  ListStreamConsumersCommand,
  ListStreamsCommand,
  ListTagsForResourceCommand,
  ListTagsForStreamCommand,
  MergeShardsCommand,
  ProvisionedThroughputExceededException,
  PutRecordCommand,
  PutRecordsCommand,
  RegisterStreamConsumerCommand,
  RemoveTagsFromStreamCommand,
  ResourceNotFoundException,
  SplitShardCommand,
  StartStreamEncryptionCommand,
  StopStreamEncryptionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateMaxRecordSizeCommand,
  UpdateShardCountCommand,
  UpdateStreamModeCommand,
} from "@aws-sdk/client-kinesis";
import { createSimContext, type SimContext } from "@simcloud/core";
import { createStreamService, type StreamService } from "@simcloud/stream";
import { beforeEach, describe, expect, it } from "vitest";
import { createClientConfig } from "../client-config";

let context: SimContext;
let kinesis: StreamService;
let client: KinesisClient;
const ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
const text = (data: Uint8Array | undefined) => new TextDecoder().decode(data);

beforeEach(async () => {
  context = createSimContext({ seed: 7 });
  kinesis = createStreamService(context);
  client = new KinesisClient(createClientConfig({ kinesis }, context));
  await client.send(new CreateStreamCommand({ StreamName: "s", ShardCount: 2 }));
  await context.scheduler.advance(1_000);
});

describe("Kinesis over AWS JSON 1.1 with a real KinesisClient", () => {
  it("puts and reads records: base64 blobs, Dates from epoch seconds", async () => {
    const put = await client.send(new PutRecordCommand({ StreamName: "s", Data: new TextEncoder().encode("héllo"), PartitionKey: "user-2" }));
    expect(put).toMatchObject({ ShardId: "shardId-000000000000", EncryptionType: "NONE" });
    const batch = await client.send(new PutRecordsCommand({ StreamARN: ARN, Records: [{ Data: new Uint8Array([0, 255, 1]), PartitionKey: "user-2" }] }));
    expect(batch.FailedRecordCount).toBe(0);
    const { ShardIterator } = await client.send(new GetShardIteratorCommand({ StreamName: "s", ShardId: put.ShardId, ShardIteratorType: "TRIM_HORIZON" }));
    const page = await client.send(new GetRecordsCommand({ ShardIterator }));
    expect(text(page.Records?.[0]?.Data)).toBe("héllo");
    expect([...(page.Records?.[1]?.Data ?? [])]).toEqual([0, 255, 1]);
    expect(page.Records?.[0]?.ApproximateArrivalTimestamp).toEqual(new Date(context.clock.now()));
    expect(page.Records?.[0]?.SequenceNumber).toBe(put.SequenceNumber);
    const at = await client.send(new GetShardIteratorCommand({ StreamName: "s", ShardId: put.ShardId, ShardIteratorType: "AT_TIMESTAMP", Timestamp: new Date(context.clock.now()) }));
    expect((await client.send(new GetRecordsCommand({ ShardIterator: at.ShardIterator }))).Records).toHaveLength(2);
  });

  it("describes and lists streams and shards", async () => {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamName: "s" }));
    expect(StreamDescription?.StreamCreationTimestamp).toEqual(new Date(context.clock.now() - 1_000));
    expect(StreamDescription?.Shards).toHaveLength(2);
    expect(await client.send(new DescribeLimitsCommand({}))).toMatchObject({ ShardLimit: 500, OpenShardCount: 2 });
    expect(await client.send(new EnableEnhancedMonitoringCommand({ StreamName: "s", ShardLevelMetrics: ["IncomingRecords"] }))).toMatchObject({ DesiredShardLevelMetrics: ["IncomingRecords"] });
    const summary = await client.send(new DescribeStreamSummaryCommand({ StreamARN: ARN }));
    expect(summary.StreamDescriptionSummary).toMatchObject({ StreamStatus: "ACTIVE", OpenShardCount: 2 });
    expect((await client.send(new ListStreamsCommand({}))).StreamNames).toEqual(["s"]);
    const shards = await client.send(new ListShardsCommand({ StreamName: "s", ShardFilter: { Type: "AT_TIMESTAMP", Timestamp: new Date(context.clock.now()) } }));
    expect(shards.Shards).toHaveLength(2);
  });

  it("maps errors to the SDK's exception classes", async () => {
    const missing = await client.send(new PutRecordCommand({ StreamName: "nope", Data: new Uint8Array(1), PartitionKey: "k" })).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing).toMatchObject({ name: "ResourceNotFoundException", message: "Stream nope under account 000000000000 not found.", $fault: "client" });
    const { ShardIterator } = await client.send(new GetShardIteratorCommand({ StreamName: "s", ShardId: "shardId-000000000000", ShardIteratorType: "LATEST" }));
    await context.scheduler.advance(300_001);
    await expect(client.send(new GetRecordsCommand({ ShardIterator }))).rejects.toBeInstanceOf(ExpiredIteratorException);
    const big = new Uint8Array(1000 * 1024);
    await client.send(new PutRecordCommand({ StreamName: "s", Data: big, PartitionKey: "user-2" }));
    await expect(client.send(new PutRecordCommand({ StreamName: "s", Data: big, PartitionKey: "user-2" }))).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
  });

  it("drives tags, retention, resharding, mode, encryption and consumers", async () => {
    await client.send(new AddTagsToStreamCommand({ StreamName: "s", Tags: { team: "a" } }));
    await client.send(new TagResourceCommand({ ResourceARN: ARN, Tags: { env: "test" } }));
    expect((await client.send(new ListTagsForStreamCommand({ StreamName: "s" }))).Tags).toEqual([{ Key: "env", Value: "test" }, { Key: "team", Value: "a" }]);
    await client.send(new RemoveTagsFromStreamCommand({ StreamName: "s", TagKeys: ["team"] }));
    await client.send(new UntagResourceCommand({ ResourceARN: ARN, TagKeys: ["env"] }));
    expect((await client.send(new ListTagsForResourceCommand({ ResourceARN: ARN }))).Tags).toEqual([]);
    await client.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: "s", RetentionPeriodHours: 48 }));
    await client.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: "s", RetentionPeriodHours: 24 }));
    await client.send(new SplitShardCommand({ StreamName: "s", ShardToSplit: "shardId-000000000000", NewStartingHashKey: "1000" }));
    await context.scheduler.advance(1_000);
    await client.send(new MergeShardsCommand({ StreamName: "s", ShardToMerge: "shardId-000000000002", AdjacentShardToMerge: "shardId-000000000003" }));
    await context.scheduler.advance(1_000);
    const scaled = await client.send(new UpdateShardCountCommand({ StreamName: "s", TargetShardCount: 4, ScalingType: "UNIFORM_SCALING" }));
    expect(scaled).toMatchObject({ CurrentShardCount: 2, TargetShardCount: 4 });
    await context.scheduler.advance(1_000);
    await client.send(new UpdateStreamModeCommand({ StreamARN: ARN, StreamModeDetails: { StreamMode: "ON_DEMAND" } }));
    await context.scheduler.advance(1_000);
    await client.send(new UpdateMaxRecordSizeCommand({ StreamARN: ARN, MaxRecordSizeInKiB: 2048 }));
    await client.send(new StartStreamEncryptionCommand({ StreamName: "s", EncryptionType: "KMS", KeyId: "alias/aws/kinesis" }));
    await context.scheduler.advance(1_000);
    await client.send(new StopStreamEncryptionCommand({ StreamName: "s", EncryptionType: "KMS", KeyId: "alias/aws/kinesis" }));
    await context.scheduler.advance(1_000);
    const summary = (await client.send(new DescribeStreamSummaryCommand({ StreamName: "s" }))).StreamDescriptionSummary;
    expect(summary).toMatchObject({ OpenShardCount: 4, StreamModeDetails: { StreamMode: "ON_DEMAND" }, EncryptionType: "NONE", MaxRecordSizeInKiB: 2048 });
    const { Consumer } = await client.send(new RegisterStreamConsumerCommand({ StreamARN: ARN, ConsumerName: "c" }));
    expect(Consumer?.ConsumerCreationTimestamp).toBeInstanceOf(Date);
    await context.scheduler.advance(1_000);
    expect((await client.send(new DescribeStreamConsumerCommand({ ConsumerARN: Consumer?.ConsumerARN }))).ConsumerDescription?.ConsumerStatus).toBe("ACTIVE");
    expect((await client.send(new ListStreamConsumersCommand({ StreamARN: ARN }))).Consumers).toHaveLength(1);
    await client.send(new DeregisterStreamConsumerCommand({ ConsumerARN: Consumer?.ConsumerARN }));
    await client.send(new DeleteStreamCommand({ StreamName: "s", EnforceConsumerDeletion: true }));
    await context.scheduler.advance(1_000);
    await expect(client.send(new DescribeStreamCommand({ StreamName: "s" }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
