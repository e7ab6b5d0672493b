/**
 * The SQS throughput workload (send in batches of 10, receive 10 at a time, delete in batches) through a real
 * SQSClient on cloud.clientConfig(), against, in the same run:
 * - the same workload on the native API;
 * - the SDK's own floor: a real SQSClient with the same client settings whose request handler answers from a
 *   plain-JS queue (./sdk-floor.ts) — what the SDK costs with nothing behind it (goal: the SDK path ≥ 90% of it);
 * - fauxqs 1.9 (an SQS emulator over HTTP), started on 127.0.0.1 by this bench and stopped after it, driven by a
 *   default SQSClient over loopback.
 */
import { CreateQueueCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { buildApp } from "fauxqs";
import { createCloud } from "simcloud";
import { measure, report, type Measurement } from "./measure";
import { createFloorHandler } from "./sdk-floor";

/** The workload size; `SDK_BENCH_MESSAGES=5000 pnpm bench sdk` for a quick look. */
const MESSAGES = Number(process.env.SDK_BENCH_MESSAGES ?? 100_000);
const RUNS = 5;
/** fauxqs moves a few thousand messages/s over HTTP: a smaller workload (the same per-message work) keeps the bench short. */
const FAUXQS_MESSAGES = Math.min(MESSAGES, Number(process.env.SDK_BENCH_FAUXQS_MESSAGES ?? 20_000));
const FAUXQS_RUNS = 3;

interface Api {
  send(queueUrl: string, bodies: string[]): Promise<void>;
  /** Receives up to 10 and deletes them; returns how many. */
  drain(queueUrl: string): Promise<number>;
}

interface Target {
  api: Api;
  queueUrl: string;
  close(): Promise<void>;
}

function nativeApi(cloud: ReturnType<typeof createCloud>): Api {
  return {
    async send(QueueUrl, bodies) {
      await cloud.sqs.sendMessageBatch({ QueueUrl, Entries: bodies.map((MessageBody, i) => ({ Id: String(i), MessageBody })) });
    },
    async drain(QueueUrl) {
      const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10 });
      if (Messages.length > 0) await cloud.sqs.deleteMessageBatch({ QueueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle as string })) });
      return Messages.length;
    },
  };
}

function sdkApi(client: SQSClient): Api {
  return {
    async send(QueueUrl, bodies) {
      await client.send(new SendMessageBatchCommand({ QueueUrl, Entries: bodies.map((MessageBody, i) => ({ Id: String(i), MessageBody })) }));
    },
    async drain(QueueUrl) {
      const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
      if (Messages.length > 0) await client.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle as string })) }));
      return Messages.length;
    },
  };
}

/** A fresh cloud with one queue, reached through `makeApi`. */
function onCloud(makeApi: (cloud: ReturnType<typeof createCloud>) => Api): () => Promise<Target> {
  return async () => {
    const cloud = createCloud();
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "bench" });
    return { api: makeApi(cloud), queueUrl: QueueUrl as string, close: () => cloud.dispose() };
  };
}

async function workload(messages: number, open: () => Promise<Target>): Promise<void> {
  const { api, queueUrl, close } = await open();
  for (let sent = 0; sent < messages; sent += 10) await api.send(queueUrl, Array.from({ length: 10 }, (_, i) => `message ${sent + i}`));
  let received = 0;
  while (received < messages) received += await api.drain(queueUrl);
  await close();
}

/** fauxqs on 127.0.0.1 only (its startFauxqs binds every interface), with one default client over loopback. */
async function startFauxqs(): Promise<{ open: () => Promise<Target>; stop: () => Promise<void> }> {
  const app = buildApp({ logger: false });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  const client = new SQSClient({ region: "us-east-1", endpoint: address, credentials: { accessKeyId: "bench", secretAccessKey: "bench" } });
  let queues = 0;
  return {
    async open() {
      const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: `bench-${queues++}` }));
      return { api: sdkApi(client), queueUrl: QueueUrl as string, close: async () => undefined };
    },
    async stop() {
      client.destroy();
      await app.close();
    },
  };
}

const faster = (a: Measurement | undefined, b: Measurement): Measurement => (a === undefined || b.ms < a.ms ? b : a);
const rate = (m: Measurement): number => (m.operations / m.ms) * 1000;

export default async function (): Promise<void> {
  const fauxqs = await startFauxqs();
  const best: Record<string, Measurement | undefined> = {};
  const run = async (label: string, messages: number, open: () => Promise<Target>): Promise<void> => {
    best[label] = faster(best[label], await measure(label, messages, () => workload(messages, open)));
  };
  try {
    // Alternate them so that load from the other core weighs on all alike; keep each one's best run.
    for (let round = 0; round < RUNS; round++) {
      await run("native cloud.sqs", MESSAGES, onCloud(nativeApi));
      await run("SQSClient(cloud.clientConfig())", MESSAGES, onCloud((cloud) => sdkApi(new SQSClient(cloud.clientConfig()))));
      await run("  … SDK floor (plain-JS handler)", MESSAGES, onCloud((cloud) => sdkApi(new SQSClient({ ...cloud.clientConfig(), requestHandler: createFloorHandler() }))));
      await run("  … with cacheMiddleware: true", MESSAGES, onCloud((cloud) => sdkApi(new SQSClient(cloud.clientConfig({ cacheMiddleware: true })))));
      await run(
        "  … SDK floor, cacheMiddleware: true",
        MESSAGES,
        onCloud((cloud) => sdkApi(new SQSClient({ ...cloud.clientConfig({ cacheMiddleware: true }), requestHandler: createFloorHandler() }))),
      );
      if (round < FAUXQS_RUNS) await run(`fauxqs 1.9.2 over loopback (${FAUXQS_MESSAGES.toLocaleString("en-US")})`, FAUXQS_MESSAGES, fauxqs.open);
    }
  } finally {
    await fauxqs.stop();
  }
  const all = Object.values(best).filter((m): m is Measurement => m !== undefined);
  const [native, sdk, floor, cached, cachedFloor, faux] = all;
  if (native === undefined || sdk === undefined || floor === undefined || cached === undefined || cachedFloor === undefined || faux === undefined) return;
  report(all, native.label);
  for (const [label, path, base] of [
    ["default", sdk, floor],
    ["cacheMiddleware: true", cached, cachedFloor],
  ] as const) {
    console.log(
      `  SDK path (${label}): ${((rate(path) / rate(base)) * 100).toFixed(1)}% of the SDK floor (goal ≥ 90%), ` +
        `${(rate(path) / rate(faux)).toFixed(2)}x fauxqs; the floor itself is ${(rate(base) / rate(faux)).toFixed(2)}x fauxqs; ` +
        `${((rate(path) / rate(native)) * 100).toFixed(1)}% of native`,
    );
  }
}
