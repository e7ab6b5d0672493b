/** Edge cases found by a red-team pass over issue #15: hash-key shapes and SplitShard's range rule. */
import { describe, expect, it } from "vitest";
import { bytes, harness } from "./test-helpers";

const HALF = 2n ** 127n;

describe("ExplicitHashKey (API Reference, PutRecordsRequestEntry: Pattern 0|([1-9]\\d{0,38}))", () => {
  it("a value outside the pattern is a ValidationException; a 128-bit overflow is InvalidArgumentException; nothing is written", async () => {
    const h = harness();
    await h.stream("s", 1);
    for (const bad of ["007", "-1", "abc", "", "1e3", " 5"]) {
      await expect(h.kinesis.putRecord({ StreamName: "s", PartitionKey: "k", Data: bytes("x"), ExplicitHashKey: bad })).rejects.toMatchObject({
        code: "ValidationException",
        message: `1 validation error detected: Value '${bad}' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})`,
      });
    }
    await expect(h.kinesis.putRecords({ StreamName: "s", Records: [{ PartitionKey: "k", Data: bytes("x") }, { PartitionKey: "k", Data: bytes("x"), ExplicitHashKey: "01" }] })).rejects.toMatchObject({
      code: "ValidationException",
      message: expect.stringContaining("at 'records.2.member.explicitHashKey'"),
    });
    await expect(h.kinesis.putRecord({ StreamName: "s", PartitionKey: "k", Data: bytes("x"), ExplicitHashKey: (2n ** 128n).toString() })).rejects.toMatchObject({
      code: "InvalidArgumentException",
      message: `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${2n ** 128n}`,
    });
    expect(await h.readAll("s", "shardId-000000000000")).toEqual([]);
    await expect(h.kinesis.putRecord({ StreamName: "s", PartitionKey: "k", Data: bytes("x"), ExplicitHashKey: "0" })).resolves.toMatchObject({ ShardId: "shardId-000000000000" });
  });
});

describe("PartitionKey is optional in the SDK's types (AUTO record distribution); simcloud's streams use partition keys", () => {
  it("a record without one is AWS's null-member ValidationException, on PutRecord and PutRecords, and nothing is written", async () => {
    const h = harness();
    await h.stream("s", 1);
    await expect(h.kinesis.putRecord({ StreamName: "s", Data: bytes("x") })).rejects.toMatchObject({
      code: "ValidationException",
      message: "1 validation error detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be null",
    });
    await expect(h.kinesis.putRecords({ StreamName: "s", Records: [{ PartitionKey: "k", Data: bytes("x") }, { Data: bytes("y") }] })).rejects.toMatchObject({
      code: "ValidationException",
      message: expect.stringContaining("'records.2.member.partitionKey'"),
    });
    expect(await h.readAll("s", "shardId-000000000000")).toEqual([]);
  });
});

describe("SplitShard's NewStartingHashKey (AWS: 'not both greater than one plus the shard's StartingHashKey … and less than the shard's EndingHashKey')", () => {
  const message = (key: bigint | string, start: bigint, end: bigint) =>
    `NewStartingHashKey ${key} used in SplitShard() on shard shardId-000000000000 in stream s under account 000000000000 is not both greater than one plus the shard's StartingHashKey ${start} and less than the shard's EndingHashKey ${end}.`;

  it("rejects StartingHashKey + 1 and EndingHashKey (either would leave a child of one hash key), accepts + 2 and End − 1", async () => {
    const h = harness();
    await h.stream("s", 2);
    for (const key of [0n, 1n, HALF - 1n, HALF]) {
      await expect(h.kinesis.splitShard({ StreamName: "s", ShardToSplit: "shardId-000000000000", NewStartingHashKey: key.toString() })).rejects.toMatchObject({
        code: "InvalidArgumentException",
        message: message(key, 0n, HALF - 1n),
      });
    }
    expect((await h.kinesis.describeStreamSummary({ StreamName: "s" })).StreamDescriptionSummary.StreamStatus).toBe("ACTIVE");
    await h.kinesis.splitShard({ StreamName: "s", ShardToSplit: "shardId-000000000000", NewStartingHashKey: "2" });
    await h.ctx.scheduler.advance(1_000);
    await h.kinesis.splitShard({ StreamName: "s", ShardToSplit: "shardId-000000000003", NewStartingHashKey: (HALF - 2n).toString() });
    await h.ctx.scheduler.advance(1_000);
    const open = (await h.kinesis.listShards({ StreamName: "s", ShardFilter: { Type: "AT_LATEST" } })).Shards.map((shard) => [shard.HashKeyRange.StartingHashKey, shard.HashKeyRange.EndingHashKey]);
    expect(open).toEqual([
      [HALF.toString(), (2n ** 128n - 1n).toString()],
      ["0", "1"],
      ["2", (HALF - 3n).toString()],
      [(HALF - 2n).toString(), (HALF - 1n).toString()],
    ]);
  });

  it("a key outside the decimal pattern is a ValidationException", async () => {
    const h = harness();
    await h.stream("s", 1);
    await expect(h.kinesis.splitShard({ StreamName: "s", ShardToSplit: "shardId-000000000000", NewStartingHashKey: "0x10" })).rejects.toMatchObject({
      code: "ValidationException",
      message: "1 validation error detected: Value '0x10' at 'newStartingHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})",
    });
  });
});
