import { DEFAULT_START } from "@simcloud/clock";
import { createSimContext } from "@simcloud/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createStreamService } from "./kinesis";
import { bytes, textOf } from "./test-helpers";

type Mode = "virtual" | "autoAdvance" | "system";

function setup(mode: Mode) {
  if (mode === "system") vi.useFakeTimers({ now: DEFAULT_START });
  const ctx = createSimContext({ ...(mode === "autoAdvance" ? { autoAdvance: true } : {}), ...(mode === "system" ? { clock: "system" as const } : {}) });
  const kinesis = createStreamService(ctx);
  const advance = async (ms: number): Promise<void> => {
    if (mode === "system") await vi.advanceTimersByTimeAsync(ms);
    else await ctx.scheduler.advance(ms);
  };
  return { ctx, kinesis, advance };
}

afterEach(() => {
  vi.useRealTimers();
});

describe.each(["virtual", "autoAdvance", "system"] as const)("clock mode %s", (mode) => {
  it("status transitions, iterator expiry and retention follow the clock", async () => {
    const { ctx, kinesis, advance } = setup(mode);
    await kinesis.createStream({ StreamName: "s", ShardCount: 1 });
    await advance(1_000);
    expect((await kinesis.describeStreamSummary({ StreamName: "s" })).StreamDescriptionSummary.StreamStatus).toBe("ACTIVE");
    await kinesis.putRecord({ StreamName: "s", Data: bytes("a"), PartitionKey: "k" });
    const { ShardIterator } = await kinesis.getShardIterator({ StreamName: "s", ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" });
    await advance(300_001);
    await expect(kinesis.getRecords({ ShardIterator })).rejects.toMatchObject({ code: "ExpiredIteratorException" });
    await advance(24 * 3_600_000);
    const fresh = await kinesis.getShardIterator({ StreamName: "s", ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" });
    expect((await kinesis.getRecords({ ShardIterator: fresh.ShardIterator })).Records).toEqual([]);
    expect(ctx.clock.now()).toBeGreaterThanOrEqual(DEFAULT_START + 1_000 + 300_001 + 24 * 3_600_000);
  });

  it("a SubscribeToShard consumer awaiting the next event is woken by a put", async () => {
    const { kinesis, advance } = setup(mode);
    await kinesis.createStream({ StreamName: "s", ShardCount: 1 });
    await advance(1_000);
    const { Consumer } = await kinesis.registerStreamConsumer({ StreamARN: "arn:aws:kinesis:us-east-1:000000000000:stream/s", ConsumerName: "c" });
    await advance(1_000);
    const { EventStream } = await kinesis.subscribeToShard({ ConsumerARN: Consumer.ConsumerARN, ShardId: "shardId-000000000000", StartingPosition: { Type: "LATEST" } });
    const iterator = EventStream[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.SubscribeToShardEvent.Records).toEqual([]);
    const next = iterator.next();
    await kinesis.putRecord({ StreamName: "s", Data: bytes("x"), PartitionKey: "k" });
    const event = await next;
    expect(event.value?.SubscribeToShardEvent.Records.map((record: { Data: Uint8Array }) => textOf(record.Data))).toEqual(["x"]);
    await iterator.return?.(undefined);
  });
});
