import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { harness } from "./test-helpers";

type Op =
  | { kind: "put"; key: number; batch: boolean }
  | { kind: "split"; pick: number; at: number }
  | { kind: "merge"; pick: number }
  | { kind: "scale"; factor: number }
  | { kind: "read"; pick: number; limit: number }
  | { kind: "wait"; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("put" as const), key: fc.integer({ min: 0, max: 7 }), batch: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("split" as const), pick: fc.nat(), at: fc.double({ min: 0.01, max: 0.99, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("merge" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("scale" as const), factor: fc.constantFrom(0.5, 1.5, 2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("read" as const), pick: fc.nat(), limit: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("wait" as const), ms: fc.integer({ min: 0, max: 3_000 }) }) },
);

/**
 * Random puts, reads and reshards (splits, merges, uniform scaling) never lose or reorder a record within a
 * partition key, when the shards are read parents first, then children (Kinesis Developer Guide: "Resharding a
 * stream": read a parent to its end before its children to keep each key in order).
 */
describe("ordering across resharding (property)", () => {
  it("every record is read exactly once and each partition key's records come back in put order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.array(op, { minLength: 1, maxLength: 60 }), async (initialShards, ops) => {
        const h = harness({ throughputLimits: false });
        await h.stream("s", initialShards);
        const written = new Map<string, string[]>();
        let counter = 0;
        const next = (key: string): string => {
          const value = `${key}#${counter++}`;
          written.set(key, [...(written.get(key) ?? []), value]);
          return value;
        };
        for (const step of ops) {
          // Open shards in hash key order, so that neighbours in the list are adjacent ranges (ids are not).
          const open = (await h.kinesis.listShards({ StreamName: "s", ShardFilter: { Type: "AT_LATEST" } })).Shards.sort((a, b) =>
            BigInt(a.HashKeyRange.StartingHashKey) < BigInt(b.HashKeyRange.StartingHashKey) ? -1 : 1,
          );
          const status = (await h.kinesis.describeStreamSummary({ StreamName: "s" })).StreamDescriptionSummary.StreamStatus;
          switch (step.kind) {
            case "put": {
              const key = `user-${step.key}`;
              if (step.batch) {
                await h.kinesis.putRecords({ StreamName: "s", Records: [0, 1].map(() => ({ Data: new TextEncoder().encode(next(key)), PartitionKey: key })) });
              } else {
                await h.put("s", next(key), key);
              }
              break;
            }
            case "split": {
              const shard = open[step.pick % open.length];
              if (status !== "ACTIVE" || shard === undefined) break;
              const start = BigInt(shard.HashKeyRange.StartingHashKey);
              const end = BigInt(shard.HashKeyRange.EndingHashKey);
              if (end - start < 2n) break;
              const at = start + 1n + ((end - start - 1n) * BigInt(Math.floor(step.at * 1_000_000))) / 1_000_000n;
              await h.kinesis.splitShard({ StreamName: "s", ShardToSplit: shard.ShardId, NewStartingHashKey: at.toString() });
              break;
            }
            case "merge": {
              if (status !== "ACTIVE" || open.length < 2) break;
              const index = step.pick % (open.length - 1);
              await h.kinesis.mergeShards({ StreamName: "s", ShardToMerge: open[index]!.ShardId, AdjacentShardToMerge: open[index + 1]!.ShardId });
              break;
            }
            case "scale": {
              const target = Math.max(1, Math.min(Math.round(open.length * step.factor), 16));
              if (status !== "ACTIVE" || target === open.length || target > open.length * 2 || target * 2 < open.length) break;
              await h.kinesis.updateShardCount({ StreamName: "s", TargetShardCount: target, ScalingType: "UNIFORM_SCALING" });
              break;
            }
            case "read": {
              // Reads in the middle must not disturb anything.
              const shard = open[step.pick % open.length];
              if (shard === undefined) break;
              const { ShardIterator } = await h.kinesis.getShardIterator({ StreamName: "s", ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" });
              await h.kinesis.getRecords({ ShardIterator, Limit: step.limit });
              break;
            }
            case "wait":
              await h.ctx.scheduler.advance(step.ms);
              break;
          }
        }
        await h.ctx.scheduler.advance(5_000);

        // Read every shard to its end, a shard only after all of its parents.
        const all = (await h.kinesis.listShards({ StreamName: "s" })).Shards;
        const done = new Set<string>();
        const read = new Map<string, string[]>();
        while (done.size < all.length) {
          const ready = all.filter((shard) => !done.has(shard.ShardId) && [shard.ParentShardId, shard.AdjacentParentShardId].every((id) => id === undefined || done.has(id)));
          expect(ready.length).toBeGreaterThan(0);
          for (const shard of ready) {
            for (const value of await h.readAll("s", shard.ShardId)) {
              const key = value.slice(0, value.indexOf("#"));
              read.set(key, [...(read.get(key) ?? []), value]);
            }
            done.add(shard.ShardId);
          }
        }
        expect(read).toEqual(written);
      }),
      { numRuns: 60 },
    );
  });
});
