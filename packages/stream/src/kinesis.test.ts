import { describe, expect, it } from "vitest";
import { hashKeyOf, MAX_HASH_KEY } from "./hash";
import { bytes, harness, textOf } from "./test-helpers";
import type { MetricsName } from "./types";

describe("CreateStream and stream status", () => {
  it("is CREATING, then ACTIVE after the transition; ShardCount splits the hash space evenly", async () => {
    const { kinesis, ctx } = harness();
    await kinesis.createStream({ StreamName: "s", ShardCount: 3 });
    expect((await kinesis.describeStreamSummary({ StreamName: "s" })).StreamDescriptionSummary).toMatchObject({ StreamStatus: "CREATING", OpenShardCount: 3 });
    await expect(kinesis.putRecord({ StreamName: "s", Data: bytes("x"), PartitionKey: "k" })).rejects.toMatchObject({ code: "ResourceNotFoundException" });
    await ctx.scheduler.advance(1_000);
    const { StreamDescription } = await kinesis.describeStream({ StreamName: "s" });
    expect(StreamDescription).toMatchObject({
      StreamName: "s",
      StreamARN: "arn:aws:kinesis:us-east-1:000000000000:stream/s",
      StreamStatus: "ACTIVE",
      StreamModeDetails: { StreamMode: "PROVISIONED" },
      RetentionPeriodHours: 24,
      HasMoreShards: false,
      EncryptionType: "NONE",
    });
    const ranges = StreamDescription.Shards.map((shard) => [BigInt(shard.HashKeyRange.StartingHashKey), BigInt(shard.HashKeyRange.EndingHashKey)]);
    expect(ranges[0]?.[0]).toBe(0n);
    expect(ranges[2]?.[1]).toBe(MAX_HASH_KEY);
    expect((ranges[1] as bigint[])[0]).toBe((ranges[0] as bigint[])[1]! + 1n);
    expect(StreamDescription.Shards[0]?.SequenceNumberRange.StartingSequenceNumber).toMatch(/^\d{56}$/);
  });

  it("ON_DEMAND starts with 4 shards; a duplicate name is ResourceInUseException; bad input changes nothing", async () => {
    const { kinesis, ctx } = harness();
    await kinesis.createStream({ StreamName: "od", StreamModeDetails: { StreamMode: "ON_DEMAND" } });
    await ctx.scheduler.advance(1_000);
    expect((await kinesis.listShards({ StreamName: "od" })).Shards).toHaveLength(4);
    await expect(kinesis.createStream({ StreamName: "od", ShardCount: 1 })).rejects.toMatchObject({ code: "ResourceInUseException", message: "Stream od under account 000000000000 already exists." });
    await expect(kinesis.createStream({ StreamName: "bad name", ShardCount: 1 })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(kinesis.createStream({ StreamName: "z", ShardCount: 0 })).rejects.toMatchObject({ code: "ValidationException" });
    expect((await kinesis.listStreams()).StreamNames).toEqual(["od"]);
  });

  it("the account's shard quota is LimitExceededException", async () => {
    const { kinesis } = harness({ throughputLimits: false });
    await kinesis.createStream({ StreamName: "big", ShardCount: 500 });
    await expect(kinesis.createStream({ StreamName: "more", ShardCount: 1 })).rejects.toMatchObject({ code: "LimitExceededException" });
  });

  it("DescribeLimits, at most 50 on-demand streams, and enhanced monitoring settings", async () => {
    const { kinesis, ctx } = harness({ throughputLimits: false });
    for (let i = 0; i < 50; i++) await kinesis.createStream({ StreamName: `od${i}`, StreamModeDetails: { StreamMode: "ON_DEMAND" } });
    await expect(kinesis.createStream({ StreamName: "one-more", StreamModeDetails: { StreamMode: "ON_DEMAND" } })).rejects.toMatchObject({ code: "LimitExceededException" });
    expect(await kinesis.describeLimits()).toEqual({ ShardLimit: 500, OpenShardCount: 200, OnDemandStreamCount: 50, OnDemandStreamCountLimit: 50 });
    await ctx.scheduler.advance(1_000);
    const out = await kinesis.enableEnhancedMonitoring({ StreamName: "od0", ShardLevelMetrics: ["IncomingBytes"] });
    expect(out).toMatchObject({ CurrentShardLevelMetrics: [], DesiredShardLevelMetrics: ["IncomingBytes"] });
    await kinesis.enableEnhancedMonitoring({ StreamName: "od0", ShardLevelMetrics: ["ALL"] });
    expect((await kinesis.disableEnhancedMonitoring({ StreamName: "od0", ShardLevelMetrics: ["IncomingBytes"] })).DesiredShardLevelMetrics).toHaveLength(6);
    expect((await kinesis.describeStream({ StreamName: "od0" })).StreamDescription.EnhancedMonitoring[0]?.ShardLevelMetrics).not.toContain("IncomingBytes");
    await expect(kinesis.enableEnhancedMonitoring({ StreamName: "od0", ShardLevelMetrics: ["Bogus" as MetricsName] })).rejects.toMatchObject({ code: "ValidationException" });
  });

  it("DeleteStream goes DELETING then away; registered consumers need EnforceConsumerDeletion", async () => {
    const h = harness();
    await h.stream("s");
    const arn = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    await h.kinesis.registerStreamConsumer({ StreamARN: arn, ConsumerName: "c" });
    await expect(h.kinesis.deleteStream({ StreamName: "s" })).rejects.toMatchObject({ code: "ResourceInUseException" });
    await h.kinesis.deleteStream({ StreamARN: arn, EnforceConsumerDeletion: true });
    expect((await h.kinesis.describeStreamSummary({ StreamName: "s" })).StreamDescriptionSummary.StreamStatus).toBe("DELETING");
    await h.ctx.scheduler.advance(1_000);
    await expect(h.kinesis.describeStream({ StreamName: "s" })).rejects.toMatchObject({ code: "ResourceNotFoundException", message: "Stream s under account 000000000000 not found." });
    expect(h.ctx.registry.has(arn)).toBe(false);
  });

  it("StreamName and StreamARN must agree; a foreign account's ARN is not found", async () => {
    const h = harness();
    await h.stream("s");
    await expect(h.kinesis.describeStreamSummary({ StreamName: "s", StreamARN: "arn:aws:kinesis:us-east-1:000000000000:stream/t" })).rejects.toMatchObject({ code: "InvalidArgumentException" });
    await expect(h.kinesis.describeStreamSummary({ StreamARN: "arn:aws:kinesis:us-east-1:111111111111:stream/s" })).rejects.toMatchObject({ code: "ResourceNotFoundException" });
    await expect(h.kinesis.describeStreamSummary({ StreamARN: "not-an-arn" })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(h.kinesis.describeStreamSummary({})).rejects.toMatchObject({ code: "InvalidArgumentException" });
  });
});

describe("ListStreams and ListShards", () => {
  it("ListStreams pages by Limit and NextToken, in name order", async () => {
    const { kinesis, ctx } = harness();
    for (const name of ["c", "a", "b"]) await kinesis.createStream({ StreamName: name, ShardCount: 1 });
    await ctx.scheduler.advance(1_000);
    const first = await kinesis.listStreams({ Limit: 2 });
    expect(first).toMatchObject({ StreamNames: ["a", "b"], HasMoreStreams: true });
    expect(first.StreamSummaries[0]).toMatchObject({ StreamName: "a", StreamStatus: "ACTIVE" });
    const second = await kinesis.listStreams({ NextToken: first.NextToken as string });
    expect(second).toMatchObject({ StreamNames: ["c"], HasMoreStreams: false });
    expect((await kinesis.listStreams({ ExclusiveStartStreamName: "a" })).StreamNames).toEqual(["b", "c"]);
  });

  it("ListShards pages with MaxResults and NextToken, ExclusiveStartShardId, and rejects mixed arguments", async () => {
    const h = harness();
    await h.stream("s", 5);
    const page = await h.kinesis.listShards({ StreamName: "s", MaxResults: 2 });
    expect(page.Shards.map((shard) => shard.ShardId)).toEqual(["shardId-000000000000", "shardId-000000000001"]);
    const rest = await h.kinesis.listShards({ NextToken: page.NextToken as string, MaxResults: 10 });
    expect(rest.Shards).toHaveLength(3);
    expect(rest.NextToken).toBeUndefined();
    expect((await h.kinesis.listShards({ StreamName: "s", ExclusiveStartShardId: "shardId-000000000003" })).Shards.map((s) => s.ShardId)).toEqual(["shardId-000000000004"]);
    await expect(h.kinesis.listShards({ StreamName: "s", NextToken: page.NextToken as string })).rejects.toMatchObject({ code: "InvalidArgumentException" });
    await expect(h.kinesis.listShards({})).rejects.toMatchObject({ code: "InvalidArgumentException", message: "Either NextToken or StreamName should be provided." });
    await h.ctx.scheduler.advance(301_000);
    await expect(h.kinesis.listShards({ NextToken: page.NextToken as string })).rejects.toMatchObject({ code: "ExpiredNextTokenException" });
  });

  it("ShardFilter AT_LATEST lists only open shards; FROM_TRIM_HORIZON and AFTER_SHARD_ID include closed ones", async () => {
    const h = harness();
    await h.stream("s", 1);
    await h.kinesis.splitShard({ StreamName: "s", ShardToSplit: "shardId-000000000000", NewStartingHashKey: (1n << 127n).toString() });
    await h.ctx.scheduler.advance(1_000);
    const ids = async (type: "AT_LATEST" | "FROM_TRIM_HORIZON" | "AT_TRIM_HORIZON") => (await h.kinesis.listShards({ StreamName: "s", ShardFilter: { Type: type } })).Shards.map((s) => s.ShardId);
    expect(await ids("AT_LATEST")).toEqual(["shardId-000000000001", "shardId-000000000002"]);
    expect(await ids("FROM_TRIM_HORIZON")).toHaveLength(3);
    expect(await ids("AT_TRIM_HORIZON")).toEqual(["shardId-000000000000"]);
    const after = await h.kinesis.listShards({ StreamName: "s", ShardFilter: { Type: "AFTER_SHARD_ID", ShardId: "shardId-000000000001" } });
    expect(after.Shards.map((s) => s.ShardId)).toEqual(["shardId-000000000002"]);
  });
});

describe("PutRecord, PutRecords and routing", () => {
  it("routes by the MD5 of the partition key; ExplicitHashKey overrides; sequence numbers increase per shard", async () => {
    const h = harness();
    await h.stream("s", 2);
    const key = "user-0";
    const expected = hashKeyOf(key) < 1n << 127n ? "shardId-000000000000" : "shardId-000000000001";
    const a = await h.put("s", "a", key);
    expect(a.ShardId).toBe(expected);
    const b = await h.kinesis.putRecord({ StreamName: "s", Data: bytes("b"), PartitionKey: key, ExplicitHashKey: "0" });
    expect(b.ShardId).toBe("shardId-000000000000");
    const c = await h.kinesis.putRecord({ StreamName: "s", Data: bytes("c"), PartitionKey: key, ExplicitHashKey: MAX_HASH_KEY.toString() });
    expect(c.ShardId).toBe("shardId-000000000001");
    const d = await h.kinesis.putRecord({ StreamName: "s", Data: bytes("d"), PartitionKey: key, ExplicitHashKey: MAX_HASH_KEY.toString() });
    expect(BigInt(d.SequenceNumber)).toBeGreaterThan(BigInt(c.SequenceNumber));
    await expect(h.kinesis.putRecord({ StreamName: "s", Data: bytes("x"), PartitionKey: "k", ExplicitHashKey: (MAX_HASH_KEY + 1n).toString() })).rejects.toMatchObject({ code: "InvalidArgumentException" });
  });

  it("SequenceNumberForOrdering makes the new number larger than the one given", async () => {
    const h = harness();
    await h.stream("s");
    const first = await h.put("s", "a", "k");
    const big = (BigInt(first.SequenceNumber) + 10n ** 25n).toString();
    const next = await h.kinesis.putRecord({ StreamName: "s", Data: bytes("b"), PartitionKey: "k", SequenceNumberForOrdering: big });
    expect(BigInt(next.SequenceNumber)).toBeGreaterThan(BigInt(big));
  });

  it("partition keys are 1–256 characters; records larger than the stream's maximum are refused, UpdateMaxRecordSize raises it", async () => {
    const h = harness({ throughputLimits: false });
    await h.stream("s");
    await expect(h.kinesis.putRecord({ StreamName: "s", Data: bytes("x"), PartitionKey: "" })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(h.kinesis.putRecord({ StreamName: "s", Data: bytes("x"), PartitionKey: "k".repeat(257) })).rejects.toMatchObject({ code: "ValidationException" });
    const big = new Uint8Array(1024 * 1024);
    await expect(h.kinesis.putRecord({ StreamName: "s", Data: big, PartitionKey: "k" })).rejects.toMatchObject({ code: "ValidationException" });
    const arn = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    await expect(h.kinesis.updateMaxRecordSize({ StreamARN: arn, MaxRecordSizeInKiB: 1023 })).rejects.toMatchObject({ code: "ValidationException" });
    await h.kinesis.updateMaxRecordSize({ StreamARN: arn, MaxRecordSizeInKiB: 10_240 });
    await expect(h.kinesis.putRecord({ StreamName: "s", Data: big, PartitionKey: "k" })).resolves.toMatchObject({ ShardId: "shardId-000000000000" });
    expect((await h.kinesis.describeStreamSummary({ StreamARN: arn })).StreamDescriptionSummary.MaxRecordSizeInKiB).toBe(10_240);
  });

  it("PutRecords: 1–500 records, 5 MiB per request, all checked before any is written", async () => {
    const h = harness({ throughputLimits: false });
    await h.stream("s");
    await expect(h.kinesis.putRecords({ StreamName: "s", Records: [] })).rejects.toMatchObject({ code: "ValidationException" });
    const many = Array.from({ length: 501 }, () => ({ Data: bytes("x"), PartitionKey: "k" }));
    await expect(h.kinesis.putRecords({ StreamName: "s", Records: many })).rejects.toMatchObject({ code: "ValidationException" });
    const large = Array.from({ length: 6 }, () => ({ Data: new Uint8Array(1024 * 1024 - 10), PartitionKey: "k" }));
    await expect(h.kinesis.putRecords({ StreamName: "s", Records: large })).rejects.toMatchObject({ code: "InvalidArgumentException" });
    await expect(h.kinesis.putRecords({ StreamName: "s", Records: [{ Data: bytes("ok"), PartitionKey: "k" }, { Data: bytes("bad"), PartitionKey: "" }] })).rejects.toMatchObject({ code: "ValidationException" });
    expect(await h.readAll("s", "shardId-000000000000")).toEqual([]);
    const out = await h.kinesis.putRecords({ StreamName: "s", Records: many.slice(0, 500) });
    expect(out.FailedRecordCount).toBe(0);
    expect(out.Records).toHaveLength(500);
  });
});

describe("wrong-typed input from native callers", () => {
  it("is a ValidationException naming the member, and nothing is written", async () => {
    const h = harness();
    await h.stream("s");
    const put = h.kinesis.putRecords as (input: unknown) => Promise<unknown>;
    await expect(put({ StreamName: "s", Records: [{ Data: bytes("ok"), PartitionKey: "k" }, null] })).rejects.toMatchObject({ code: "ValidationException", message: expect.stringContaining("Records.2") });
    await expect(put({ StreamName: "s", Records: [{ Data: "text, not bytes", PartitionKey: "k" }] })).rejects.toMatchObject({ code: "ValidationException" });
    await expect((h.kinesis.createStream as (input: unknown) => Promise<unknown>)({ StreamName: "t", ShardCount: "2" })).rejects.toMatchObject({ code: "ValidationException" });
    expect(await h.readAll("s", "shardId-000000000000")).toEqual([]);
  });
});

describe("GetShardIterator and GetRecords", () => {
  it("TRIM_HORIZON, AT_/AFTER_SEQUENCE_NUMBER, LATEST and AT_TIMESTAMP", async () => {
    const h = harness();
    await h.stream("s");
    const one = await h.put("s", "one", "k");
    await h.ctx.scheduler.advance(5_000);
    const two = await h.put("s", "two", "k");
    const read = async (input: Parameters<typeof h.kinesis.getShardIterator>[0]) => {
      const { ShardIterator } = await h.kinesis.getShardIterator(input);
      return (await h.kinesis.getRecords({ ShardIterator })).Records.map((record) => textOf(record.Data));
    };
    const base = { StreamName: "s", ShardId: "shardId-000000000000" };
    expect(await read({ ...base, ShardIteratorType: "TRIM_HORIZON" })).toEqual(["one", "two"]);
    expect(await read({ ...base, ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: two.SequenceNumber })).toEqual(["two"]);
    expect(await read({ ...base, ShardIteratorType: "AFTER_SEQUENCE_NUMBER", StartingSequenceNumber: one.SequenceNumber })).toEqual(["two"]);
    expect(await read({ ...base, ShardIteratorType: "LATEST" })).toEqual([]);
    const start = h.ctx.clock.now() - 5_000;
    expect(await read({ ...base, ShardIteratorType: "AT_TIMESTAMP", Timestamp: new Date(start + 1) })).toEqual(["two"]);
    await expect(read({ ...base, ShardIteratorType: "AT_TIMESTAMP" })).rejects.toMatchObject({ code: "InvalidArgumentException" });
    await expect(read({ ...base, ShardIteratorType: "AT_TIMESTAMP", Timestamp: new Date(h.ctx.clock.now() + 60_000) })).rejects.toMatchObject({ code: "InvalidArgumentException" });
    await expect(read({ ...base, ShardIteratorType: "AT_SEQUENCE_NUMBER" })).rejects.toMatchObject({ code: "InvalidArgumentException" });
    await expect(read({ ...base, ShardIteratorType: "TRIM_HORIZON", StartingSequenceNumber: one.SequenceNumber })).rejects.toMatchObject({ code: "InvalidArgumentException" });
    await expect(read({ ...base, ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: "1" })).rejects.toMatchObject({ code: "InvalidArgumentException" });
  });

  it("records keep their arrival time; MillisBehindLatest is the age of the last record read (0 once caught up); Limit pages", async () => {
    const h = harness();
    await h.stream("s");
    const t0 = h.ctx.clock.now();
    await h.put("s", "a", "k");
    await h.ctx.scheduler.advance(2_000);
    await h.put("s", "b", "k");
    const { ShardIterator } = await h.kinesis.getShardIterator({ StreamName: "s", ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" });
    const page = await h.kinesis.getRecords({ ShardIterator, Limit: 1 });
    expect(page.Records[0]?.ApproximateArrivalTimestamp.getTime()).toBe(t0);
    expect(page.MillisBehindLatest).toBe(2_000);
    expect((await h.kinesis.getRecords({ ShardIterator: page.NextShardIterator as string })).MillisBehindLatest).toBe(0);
    expect(page.Records[0]?.PartitionKey).toBe("k");
    await expect(h.kinesis.getRecords({ ShardIterator, Limit: 0 })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(h.kinesis.getRecords({ ShardIterator, Limit: 10_001 })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(h.kinesis.getRecords({ ShardIterator: "garbage!" })).rejects.toMatchObject({ code: "InvalidArgumentException", message: "Invalid ShardIterator." });
  });

  it("an iterator expires 5 minutes after issue; a stream's NextShardIterator is fresh", async () => {
    const h = harness();
    await h.stream("s");
    const { ShardIterator } = await h.kinesis.getShardIterator({ StreamName: "s", ShardId: "shardId-000000000000", ShardIteratorType: "LATEST" });
    await h.ctx.scheduler.advance(299_000);
    const page = await h.kinesis.getRecords({ ShardIterator });
    await h.ctx.scheduler.advance(2_000);
    await expect(h.kinesis.getRecords({ ShardIterator })).rejects.toMatchObject({ code: "ExpiredIteratorException" });
    await expect(h.kinesis.getRecords({ ShardIterator: page.NextShardIterator as string })).resolves.toMatchObject({ Records: [] });
  });

  it("a missing shard is ResourceNotFoundException", async () => {
    const h = harness();
    await h.stream("s");
    await expect(h.kinesis.getShardIterator({ StreamName: "s", ShardId: "shardId-000000000007", ShardIteratorType: "LATEST" })).rejects.toMatchObject({
      code: "ResourceNotFoundException",
      message: "Shard shardId-000000000007 in stream s under account 000000000000 does not exist",
    });
  });
});

describe("retention", () => {
  it("records expire after the retention period by a scheduled task; 24–8,760 hours", async () => {
    const h = harness();
    await h.stream("s");
    await h.put("s", "old", "k");
    await h.ctx.scheduler.advance(23 * 3_600_000);
    await h.put("s", "new", "k");
    await h.ctx.scheduler.advance(3_600_000);
    expect(await h.readAll("s", "shardId-000000000000")).toEqual(["new"]);
    await expect(h.kinesis.increaseStreamRetentionPeriod({ StreamName: "s", RetentionPeriodHours: 8_761 })).rejects.toMatchObject({ code: "InvalidArgumentException" });
    await expect(h.kinesis.decreaseStreamRetentionPeriod({ StreamName: "s", RetentionPeriodHours: 23 })).rejects.toMatchObject({ code: "InvalidArgumentException" });
    await expect(h.kinesis.increaseStreamRetentionPeriod({ StreamName: "s", RetentionPeriodHours: 12 })).rejects.toMatchObject({ code: "InvalidArgumentException" });
    await h.kinesis.increaseStreamRetentionPeriod({ StreamName: "s", RetentionPeriodHours: 48 });
    await expect(h.kinesis.decreaseStreamRetentionPeriod({ StreamName: "s", RetentionPeriodHours: 72 })).rejects.toMatchObject({ code: "InvalidArgumentException" });
    await h.ctx.scheduler.advance(24 * 3_600_000);
    expect(await h.readAll("s", "shardId-000000000000")).toEqual(["new"]);
    await h.kinesis.decreaseStreamRetentionPeriod({ StreamName: "s", RetentionPeriodHours: 24 });
    await h.ctx.scheduler.advance(1);
    expect(await h.readAll("s", "shardId-000000000000")).toEqual([]);
    expect((await h.kinesis.describeStreamSummary({ StreamName: "s" })).StreamDescriptionSummary.RetentionPeriodHours).toBe(24);
  });
});

describe("throughput limits", () => {
  it("writes: 1,000 records per second per shard, per-record failures in PutRecords", async () => {
    const h = harness();
    await h.stream("s");
    const batch = Array.from({ length: 500 }, (_, i) => ({ Data: bytes(String(i)), PartitionKey: "k" }));
    await h.kinesis.putRecords({ StreamName: "s", Records: batch });
    await h.kinesis.putRecords({ StreamName: "s", Records: batch });
    const third = await h.kinesis.putRecords({ StreamName: "s", Records: batch.slice(0, 3) });
    expect(third.FailedRecordCount).toBe(3);
    expect(third.Records[0]).toMatchObject({ ErrorCode: "ProvisionedThroughputExceededException" });
    expect(third.Records[0]?.SequenceNumber).toBeUndefined();
    await expect(h.put("s", "x", "k")).rejects.toMatchObject({ code: "ProvisionedThroughputExceededException" });
    await h.ctx.scheduler.advance(1_000);
    await expect(h.put("s", "x", "k")).resolves.toMatchObject({ ShardId: "shardId-000000000000" });
    expect(h.ctx.trace.events.some((event) => event.type === "kinesis.throttled")).toBe(true);
  });

  it("reads: 5 GetRecords per second per shard", async () => {
    const h = harness();
    await h.stream("s");
    const { ShardIterator } = await h.kinesis.getShardIterator({ StreamName: "s", ShardId: "shardId-000000000000", ShardIteratorType: "LATEST" });
    for (let i = 0; i < 5; i++) await h.kinesis.getRecords({ ShardIterator });
    await expect(h.kinesis.getRecords({ ShardIterator })).rejects.toMatchObject({ code: "ProvisionedThroughputExceededException" });
    await h.ctx.scheduler.advance(1_000);
    await expect(h.kinesis.getRecords({ ShardIterator })).resolves.toMatchObject({ Records: [] });
  });

  it("control-plane rates: more than 5 CreateStream calls in a second is LimitExceededException", async () => {
    const { kinesis } = harness();
    for (let i = 0; i < 5; i++) await kinesis.createStream({ StreamName: `s${i}`, ShardCount: 1 });
    await expect(kinesis.createStream({ StreamName: "s5", ShardCount: 1 })).rejects.toMatchObject({ code: "LimitExceededException" });
  });

  it("throughputLimits: false turns every limit off", async () => {
    const h = harness({ throughputLimits: false });
    await h.stream("s");
    const batch = Array.from({ length: 500 }, () => ({ Data: bytes("x"), PartitionKey: "k" }));
    for (let i = 0; i < 5; i++) expect((await h.kinesis.putRecords({ StreamName: "s", Records: batch })).FailedRecordCount).toBe(0);
    for (let i = 0; i < 6; i++) await h.kinesis.createStream({ StreamName: `n${i}`, ShardCount: 1 });
  });
});

describe("resharding", () => {
  it("SplitShard: UPDATING for a while, then the parent is closed and two children split its range", async () => {
    const h = harness();
    await h.stream("s");
    await h.put("s", "before", "k");
    const middle = 1n << 127n;
    await h.kinesis.splitShard({ StreamName: "s", ShardToSplit: "shardId-000000000000", NewStartingHashKey: middle.toString() });
    expect((await h.kinesis.describeStreamSummary({ StreamName: "s" })).StreamDescriptionSummary.StreamStatus).toBe("UPDATING");
    await expect(h.kinesis.splitShard({ StreamName: "s", ShardToSplit: "shardId-000000000000", NewStartingHashKey: "5" })).rejects.toMatchObject({ code: "ResourceInUseException" });
    await h.put("s", "during", "k");
    await h.ctx.scheduler.advance(1_000);
    const shards = (await h.kinesis.listShards({ StreamName: "s" })).Shards;
    expect(shards).toHaveLength(3);
    expect(shards[0]?.SequenceNumberRange.EndingSequenceNumber).toMatch(/^\d+$/);
    expect(shards[1]).toMatchObject({ ParentShardId: "shardId-000000000000", HashKeyRange: { StartingHashKey: "0", EndingHashKey: (middle - 1n).toString() } });
    expect(shards[2]).toMatchObject({ ParentShardId: "shardId-000000000000", HashKeyRange: { StartingHashKey: middle.toString(), EndingHashKey: MAX_HASH_KEY.toString() } });
    expect(BigInt(shards[1]!.SequenceNumberRange.StartingSequenceNumber)).toBeGreaterThan(BigInt(shards[0]!.SequenceNumberRange.EndingSequenceNumber!));
    const after = await h.put("s", "after", "k");
    expect(after.ShardId).not.toBe("shardId-000000000000");
    // Read the closed parent to its end: ChildShards and no NextShardIterator.
    const { ShardIterator } = await h.kinesis.getShardIterator({ StreamName: "s", ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" });
    const page = await h.kinesis.getRecords({ ShardIterator });
    expect(page.Records.map((record) => textOf(record.Data))).toEqual(["before", "during"]);
    expect(page.NextShardIterator).toBeUndefined();
    expect(page.ChildShards?.map((child) => child.ShardId)).toEqual(["shardId-000000000001", "shardId-000000000002"]);
    expect(page.ChildShards?.[0]?.ParentShards).toEqual(["shardId-000000000000"]);
    await expect(h.kinesis.splitShard({ StreamName: "s", ShardToSplit: "shardId-000000000001", NewStartingHashKey: "0" })).rejects.toMatchObject({ code: "InvalidArgumentException" });
    await expect(h.kinesis.splitShard({ StreamName: "s", ShardToSplit: "shardId-000000000000", NewStartingHashKey: "5" })).rejects.toMatchObject({ code: "ResourceNotFoundException" });
  });

  it("MergeShards: adjacent shards only; the child names both parents", async () => {
    const h = harness();
    await h.stream("s", 3);
    await expect(h.kinesis.mergeShards({ StreamName: "s", ShardToMerge: "shardId-000000000000", AdjacentShardToMerge: "shardId-000000000002" })).rejects.toMatchObject({ code: "InvalidArgumentException" });
    await h.kinesis.mergeShards({ StreamName: "s", ShardToMerge: "shardId-000000000001", AdjacentShardToMerge: "shardId-000000000000" });
    await h.ctx.scheduler.advance(1_000);
    const open = (await h.kinesis.listShards({ StreamName: "s", ShardFilter: { Type: "AT_LATEST" } })).Shards;
    expect(open.map((shard) => shard.ShardId)).toEqual(["shardId-000000000002", "shardId-000000000003"]);
    expect(open[1]).toMatchObject({ ParentShardId: "shardId-000000000001", AdjacentParentShardId: "shardId-000000000000", HashKeyRange: { StartingHashKey: "0" } });
  });

  it("UpdateShardCount: uniform scaling within half to double; every shard has at most two parents", async () => {
    const h = harness();
    await h.stream("s", 5);
    await expect(h.kinesis.updateShardCount({ StreamName: "s", TargetShardCount: 11, ScalingType: "UNIFORM_SCALING" })).rejects.toMatchObject({ code: "LimitExceededException" });
    const out = await h.kinesis.updateShardCount({ StreamName: "s", TargetShardCount: 3, ScalingType: "UNIFORM_SCALING" });
    expect(out).toMatchObject({ CurrentShardCount: 5, TargetShardCount: 3, StreamName: "s" });
    await h.ctx.scheduler.advance(1_000);
    const summary = (await h.kinesis.describeStreamSummary({ StreamName: "s" })).StreamDescriptionSummary;
    expect(summary).toMatchObject({ StreamStatus: "ACTIVE", OpenShardCount: 3 });
    const open = (await h.kinesis.listShards({ StreamName: "s", ShardFilter: { Type: "AT_LATEST" } })).Shards;
    const third = MAX_HASH_KEY / 3n;
    expect(BigInt(open[1]!.HashKeyRange.StartingHashKey)).toBeGreaterThanOrEqual(third);
    const all = (await h.kinesis.listShards({ StreamName: "s" })).Shards;
    for (const shard of all) expect([shard.ParentShardId, shard.AdjacentParentShardId].filter(Boolean).length).toBeLessThanOrEqual(2);
  });

  it("UpdateShardCount: at most ten scalings per rolling 24 hours per stream (LimitExceededException)", async () => {
    const h = harness();
    await h.stream("s", 1);
    for (let i = 0; i < 10; i++) {
      await h.kinesis.updateShardCount({ StreamName: "s", TargetShardCount: i % 2 === 0 ? 2 : 1, ScalingType: "UNIFORM_SCALING" });
      await h.ctx.scheduler.advance(1_000);
    }
    await expect(h.kinesis.updateShardCount({ StreamName: "s", TargetShardCount: 2, ScalingType: "UNIFORM_SCALING" })).rejects.toMatchObject({ code: "LimitExceededException" });
    await h.ctx.scheduler.advance(86_400_000);
    await expect(h.kinesis.updateShardCount({ StreamName: "s", TargetShardCount: 2, ScalingType: "UNIFORM_SCALING" })).resolves.toMatchObject({ CurrentShardCount: 1, TargetShardCount: 2 });
  });

  it("UpdateStreamMode switches after UPDATING; Start/StopStreamEncryption are recorded", async () => {
    const h = harness();
    await h.stream("s");
    const arn = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    await h.kinesis.updateStreamMode({ StreamARN: arn, StreamModeDetails: { StreamMode: "ON_DEMAND" } });
    await h.ctx.scheduler.advance(1_000);
    expect((await h.kinesis.describeStreamSummary({ StreamARN: arn })).StreamDescriptionSummary.StreamModeDetails.StreamMode).toBe("ON_DEMAND");
    await h.kinesis.startStreamEncryption({ StreamName: "s", EncryptionType: "KMS", KeyId: "alias/aws/kinesis" });
    await h.ctx.scheduler.advance(1_000);
    expect((await h.kinesis.describeStream({ StreamName: "s" })).StreamDescription).toMatchObject({ EncryptionType: "KMS", KeyId: "alias/aws/kinesis" });
    expect((await h.put("s", "x", "k")) as unknown).toMatchObject({ EncryptionType: "KMS" });
    await h.kinesis.stopStreamEncryption({ StreamName: "s", EncryptionType: "KMS", KeyId: "alias/aws/kinesis" });
    await h.ctx.scheduler.advance(1_000);
    const stopped = (await h.kinesis.describeStream({ StreamName: "s" })).StreamDescription;
    expect(stopped.EncryptionType).toBe("NONE");
    expect(stopped.KeyId).toBeUndefined();
  });
});

describe("tags", () => {
  it("AddTagsToStream (10 per call), ListTagsForStream, RemoveTagsFromStream and the ARN forms; 50 tags at most, % allowed, aws: reserved", async () => {
    const h = harness({ throughputLimits: false });
    await h.stream("s");
    const arn = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    await h.kinesis.addTagsToStream({ StreamName: "s", Tags: { b: "2", a: "1", __proto__: "p" } as Record<string, string> });
    expect((await h.kinesis.listTagsForStream({ StreamName: "s" })).Tags.map((tag) => tag.Key)).toEqual(["a", "b"]);
    const page = await h.kinesis.listTagsForStream({ StreamARN: arn, Limit: 1 });
    expect(page).toEqual({ Tags: [{ Key: "a", Value: "1" }], HasMoreTags: true });
    await h.kinesis.removeTagsFromStream({ StreamName: "s", TagKeys: ["a"] });
    await h.kinesis.tagResource({ ResourceARN: arn, Tags: { c: "3" } });
    expect((await h.kinesis.listTagsForResource({ ResourceARN: arn })).Tags).toEqual([{ Key: "b", Value: "2" }, { Key: "c", Value: "3" }]);
    await h.kinesis.untagResource({ ResourceARN: arn, TagKeys: ["b"] });
    expect((await h.kinesis.listTagsForResource({ ResourceARN: arn })).Tags).toEqual([{ Key: "c", Value: "3" }]);
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"]));
    await expect(h.kinesis.addTagsToStream({ StreamName: "s", Tags: eleven })).rejects.toMatchObject({ code: "InvalidArgumentException" });
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"]));
    await expect(h.kinesis.tagResource({ ResourceARN: arn, Tags: fifty })).rejects.toMatchObject({ code: "InvalidArgumentException", message: expect.stringContaining("cannot have more than 50 tags") });
    await expect(h.kinesis.addTagsToStream({ StreamName: "s", Tags: { "100%": "ok" } })).resolves.toEqual({});
    await expect(h.kinesis.addTagsToStream({ StreamName: "s", Tags: { "bad#": "x" } })).rejects.toMatchObject({ code: "InvalidArgumentException" });
    await expect(h.kinesis.addTagsToStream({ StreamName: "s", Tags: { "aws:x": "x" } })).rejects.toMatchObject({ code: "InvalidArgumentException" });
    expect((await h.kinesis.listTagsForResource({ ResourceARN: arn })).Tags).toHaveLength(2);
  });
});

describe("enhanced fan-out", () => {
  it("consumers: register (CREATING → ACTIVE), describe, list, deregister", async () => {
    const h = harness();
    await h.stream("s");
    const arn = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    const { Consumer } = await h.kinesis.registerStreamConsumer({ StreamARN: arn, ConsumerName: "c" });
    expect(Consumer).toMatchObject({ ConsumerName: "c", ConsumerStatus: "CREATING" });
    expect(Consumer.ConsumerARN).toMatch(/^arn:aws:kinesis:us-east-1:000000000000:stream\/s\/consumer\/c:\d+$/);
    await expect(h.kinesis.registerStreamConsumer({ StreamARN: arn, ConsumerName: "c" })).rejects.toMatchObject({ code: "ResourceInUseException" });
    await h.ctx.scheduler.advance(1_000);
    expect((await h.kinesis.describeStreamConsumer({ ConsumerARN: Consumer.ConsumerARN })).ConsumerDescription).toMatchObject({ ConsumerStatus: "ACTIVE", StreamARN: arn });
    expect((await h.kinesis.listStreamConsumers({ StreamARN: arn })).Consumers.map((c) => c.ConsumerName)).toEqual(["c"]);
    expect((await h.kinesis.describeStreamSummary({ StreamARN: arn })).StreamDescriptionSummary.ConsumerCount).toBe(1);
    await h.kinesis.deregisterStreamConsumer({ StreamARN: arn, ConsumerName: "c" });
    await h.ctx.scheduler.advance(1_000);
    await expect(h.kinesis.describeStreamConsumer({ StreamARN: arn, ConsumerName: "c" })).rejects.toMatchObject({ code: "ResourceNotFoundException" });
  });

  it("ListStreamConsumers pages by MaxResults and NextToken; tokens expire after 300 seconds", async () => {
    const h = harness({ throughputLimits: false });
    await h.stream("s");
    const arn = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    for (const name of ["c", "a", "b"]) await h.kinesis.registerStreamConsumer({ StreamARN: arn, ConsumerName: name });
    const first = await h.kinesis.listStreamConsumers({ StreamARN: arn, MaxResults: 2 });
    expect(first.Consumers.map((c) => c.ConsumerName)).toEqual(["a", "b"]);
    const second = await h.kinesis.listStreamConsumers({ StreamARN: arn, NextToken: first.NextToken as string });
    expect(second).toMatchObject({ Consumers: [{ ConsumerName: "c" }] });
    expect(second.NextToken).toBeUndefined();
    await expect(h.kinesis.listStreamConsumers({ StreamARN: arn, NextToken: "bogus" })).rejects.toMatchObject({ code: "InvalidArgumentException" });
    await h.ctx.scheduler.advance(301_000);
    await expect(h.kinesis.listStreamConsumers({ StreamARN: arn, NextToken: first.NextToken as string })).rejects.toMatchObject({ code: "ExpiredNextTokenException" });
  });

  it("SubscribeToShard yields events as records arrive, and ends after 5 minutes", async () => {
    const h = harness();
    await h.stream("s");
    const arn = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    const { Consumer } = await h.kinesis.registerStreamConsumer({ StreamARN: arn, ConsumerName: "c" });
    await expect(h.kinesis.subscribeToShard({ ConsumerARN: Consumer.ConsumerARN, ShardId: "shardId-000000000000", StartingPosition: { Type: "LATEST" } })).rejects.toMatchObject({ code: "ResourceInUseException" });
    await h.ctx.scheduler.advance(1_000);
    await h.put("s", "old", "k");
    const { EventStream } = await h.kinesis.subscribeToShard({ ConsumerARN: Consumer.ConsumerARN, ShardId: "shardId-000000000000", StartingPosition: { Type: "TRIM_HORIZON" } });
    const iterator = EventStream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value?.SubscribeToShardEvent.Records.map((r: { Data: Uint8Array }) => textOf(r.Data))).toEqual(["old"]);
    const pending = iterator.next();
    await h.put("s", "new", "k");
    const second = await pending;
    expect(second.value?.SubscribeToShardEvent.Records.map((r: { Data: Uint8Array }) => textOf(r.Data))).toEqual(["new"]);
    const ending = iterator.next();
    await h.ctx.scheduler.advance(300_000);
    expect((await ending).done).toBe(true);
  });
});

describe("traces and the port", () => {
  it("puts, reads and reshards are traced; the stream is registered as a port", async () => {
    const h = harness();
    await h.stream("s");
    await h.put("s", "x", "k");
    await h.readAll("s", "shardId-000000000000");
    await h.kinesis.splitShard({ StreamName: "s", ShardToSplit: "shardId-000000000000", NewStartingHashKey: "100" });
    await h.ctx.scheduler.advance(1_000);
    const types = new Set(h.ctx.trace.events.map((event) => event.type));
    for (const type of ["kinesis.stream.created", "kinesis.record.put", "kinesis.records.read", "kinesis.reshard.started", "kinesis.reshard.completed"]) expect(types).toContain(type);
    const port = h.ctx.registry.resolve("stream", "arn:aws:kinesis:us-east-1:000000000000:stream/s")?.port;
    expect(port?.shards().map((shard) => shard.open)).toEqual([false, true, true]);
    const cursor = port?.position("shardId-000000000000", { type: "TRIM_HORIZON" }) as string;
    expect(port?.read("shardId-000000000000", cursor, 10)).toMatchObject({ records: [{ partitionKey: "k" }], next: undefined });
  });
});
