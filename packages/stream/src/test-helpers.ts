import { createSimContext, type SimContext, type SimContextOptions } from "@simcloud/core";
import { createStreamService, type StreamService, type StreamServiceOptions } from "./kinesis";

export interface Harness {
  ctx: SimContext;
  kinesis: StreamService;
  /** Creates a stream and waits (virtually) until it is ACTIVE. */
  stream(name: string, shardCount?: number): Promise<void>;
  put(name: string, data: string, partitionKey: string): Promise<{ ShardId: string; SequenceNumber: string }>;
  /** Every record of a shard from TRIM_HORIZON, as text. */
  readAll(name: string, shardId: string): Promise<string[]>;
}

export function harness(options: StreamServiceOptions = {}, context: SimContextOptions = {}): Harness {
  const ctx = createSimContext(context);
  const kinesis = createStreamService(ctx, options);
  const text = new TextEncoder();
  return {
    ctx,
    kinesis,
    async stream(name, shardCount = 1) {
      await kinesis.createStream({ StreamName: name, ShardCount: shardCount });
      await ctx.scheduler.advance(1_000);
    },
    put: (name, data, partitionKey) => kinesis.putRecord({ StreamName: name, Data: text.encode(data), PartitionKey: partitionKey }),
    async readAll(name, shardId) {
      let iterator: string | undefined = (await kinesis.getShardIterator({ StreamName: name, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" })).ShardIterator;
      const out: string[] = [];
      while (iterator !== undefined) {
        const page = await kinesis.getRecords({ ShardIterator: iterator });
        out.push(...page.Records.map((record) => new TextDecoder().decode(record.Data)));
        if (page.Records.length === 0) break;
        iterator = page.NextShardIterator;
      }
      return out;
    },
  };
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
export const textOf = (data: Uint8Array): string => new TextDecoder().decode(data);
