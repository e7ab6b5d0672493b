/**
 * Kinesis: 100,000 records over 4 shards through PutRecords (500 per call), then every record read back with
 * GetRecords, in records per second (puts and reads counted together). Paths: a plain-JS baseline (memoised MD5
 * routing, a copy of each record into per-shard arrays, then a pass over them: the least work a simulator can do),
 * the native API, a real KinesisClient on cloud.clientConfig(), and kinesalite (npm 3.3.3, in memory) over
 * loopback HTTP with the same client.
 * Throughput limits are off: 100,000 records on 4 shards is 25 s of provisioned write capacity.
 */
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, PutRecordsCommand, CreateStreamCommand, DescribeStreamSummaryCommand } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { createCloud } from "simcloud";
import { best, measure, report, type Measurement } from "./measure";

const RECORDS = 100_000;
const SHARDS = 4;
const BATCH = 500;
const payload = new TextEncoder().encode(JSON.stringify({ page: "/products/42", referrer: "/home", ms: 123 }));
const keys = Array.from({ length: 1_000 }, (_, i) => `user-${i}`);
const batches = Array.from({ length: RECORDS / BATCH }, (_, b) => Array.from({ length: BATCH }, (_, i) => ({ Data: payload, PartitionKey: keys[(b * BATCH + i) % keys.length] as string })));

interface Api {
  putRecords(input: { StreamName: string; Records: { Data: Uint8Array; PartitionKey: string }[] }): Promise<{ FailedRecordCount?: number }>;
  getShardIterator(input: { StreamName: string; ShardId: string; ShardIteratorType: "TRIM_HORIZON" }): Promise<{ ShardIterator?: string }>;
  getRecords(input: { ShardIterator: string; Limit?: number }): Promise<{ Records?: unknown[]; NextShardIterator?: string; MillisBehindLatest?: number }>;
}

async function workload(api: Api, stream: string): Promise<void> {
  for (const Records of batches) {
    const out = await api.putRecords({ StreamName: stream, Records });
    if ((out.FailedRecordCount ?? 0) > 0) throw new Error("a put failed");
  }
  let read = 0;
  for (let shard = 0; shard < SHARDS; shard++) {
    let iterator = (await api.getShardIterator({ StreamName: stream, ShardId: `shardId-${String(shard).padStart(12, "0")}`, ShardIteratorType: "TRIM_HORIZON" })).ShardIterator;
    while (iterator !== undefined) {
      const page = await api.getRecords({ ShardIterator: iterator, Limit: 10_000 });
      read += page.Records?.length ?? 0;
      if ((page.Records?.length ?? 0) === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  if (read !== RECORDS) throw new Error(`read ${read} of ${RECORDS} records`);
}

function baseline(): void {
  const shards: { key: string; data: Uint8Array; seq: number }[][] = Array.from({ length: SHARDS }, () => []);
  let seq = 0;
  // Memoised like the simulator's: producers reuse partition keys.
  const shardOf = new Map<string, number>();
  for (const batch of batches) {
    for (const record of batch) {
      let shard = shardOf.get(record.PartitionKey);
      if (shard === undefined) {
        const hash = createHash("md5").update(record.PartitionKey).digest();
        shard = Math.floor((hash[0] as number) / (256 / SHARDS));
        shardOf.set(record.PartitionKey, shard);
      }
      shards[shard]?.push({ key: record.PartitionKey, data: new Uint8Array(record.Data), seq: seq++ });
    }
  }
  let read = 0;
  for (const shard of shards) for (const record of shard) read += record.data.byteLength > 0 ? 1 : 0;
  if (read !== RECORDS) throw new Error("baseline lost records");
}

function clientApi(client: KinesisClient): Api {
  return {
    putRecords: (input) => client.send(new PutRecordsCommand(input)),
    getShardIterator: (input) => client.send(new GetShardIteratorCommand(input)),
    getRecords: (input) => client.send(new GetRecordsCommand(input)),
  };
}

let round = 0;
async function native(): Promise<void> {
  await using cloud = createCloud({ kinesis: { throughputLimits: false }, recordTrace: false });
  const name = `bench-${round++}`;
  await cloud.kinesis.createStream({ StreamName: name, ShardCount: SHARDS });
  await cloud.advance(1_000);
  await workload(cloud.kinesis as unknown as Api, name);
}

async function sdk(): Promise<void> {
  await using cloud = createCloud({ kinesis: { throughputLimits: false }, recordTrace: false });
  const client = new KinesisClient(cloud.clientConfig({ cacheMiddleware: true }));
  const name = `bench-${round++}`;
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: SHARDS }));
  await cloud.advance(1_000);
  await workload(clientApi(client), name);
  client.destroy();
}

async function kinesalite(): Promise<Measurement | string> {
  let factory: (options: Record<string, unknown>) => { listen(port: number, host: string, done: () => void): void; address(): AddressInfo; close(done?: () => void): void };
  try {
    // kinesalite ships no types: a computed specifier keeps the import untyped.
    const specifier = "kinesalite";
    factory = ((await import(specifier)) as { default: typeof factory }).default;
  } catch (error) {
    return `kinesalite did not load: ${(error as Error).message}`;
  }
  const server = factory({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const client = new KinesisClient({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${server.address().port}`,
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
    maxAttempts: 1,
    // KinesisClient defaults to HTTP/2; kinesalite speaks HTTP/1.1.
    requestHandler: new NodeHttpHandler({ httpAgent: { keepAlive: true } }),
  });
  try {
    await client.send(new CreateStreamCommand({ StreamName: "bench", ShardCount: SHARDS }));
    for (;;) {
      const status = (await client.send(new DescribeStreamSummaryCommand({ StreamName: "bench" }))).StreamDescriptionSummary?.StreamStatus;
      if (status === "ACTIVE") break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return await measure("kinesalite over loopback", RECORDS * 2, () => workload(clientApi(client), "bench"));
  } finally {
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export default async function run(): Promise<void> {
  const results: Measurement[] = [];
  results.push(await best("plain JS (md5 + arrays)", RECORDS * 2, 3, baseline));
  results.push(await best("simcloud native", RECORDS * 2, 3, native));
  results.push(await best("simcloud KinesisClient", RECORDS * 2, 3, sdk));
  const peer = await kinesalite();
  if (typeof peer === "string") console.log(`  ${peer}`);
  else results.push(peer);
  console.log(`  ${RECORDS.toLocaleString("en-US")} records over ${SHARDS} shards via PutRecords (${BATCH}), then all read back (puts + reads counted):`);
  report(results, "plain JS (md5 + arrays)");
  if (typeof peer !== "string") {
    const rate = (m: Measurement | undefined): number => (m === undefined ? 0 : m.operations / m.ms);
    console.log(`  native ${(rate(results[1]) / rate(peer)).toFixed(1)}x kinesalite; KinesisClient ${(rate(results[2]) / rate(peer)).toFixed(1)}x kinesalite`);
  }
}
