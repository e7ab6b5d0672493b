/**
 * The SQS throughput workload (send in batches of 10, receive 10 at a time, delete in batches) through a real
 * SQSClient on cloud.clientConfig() against the same workload on the native API, in one run. Goal: the SDK path at
 * least 25% of native throughput, and at least 5x fauxqs over loopback HTTP (about 5,000 messages/s measured here).
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { createCloud } from "simcloud";
import { measure, report, type Measurement } from "./measure";

/** The workload size; `SDK_BENCH_MESSAGES=5000 pnpm bench sdk` for a quick look. */
const MESSAGES = Number(process.env.SDK_BENCH_MESSAGES ?? 100_000);
const RUNS = 5;
const FAUXQS_MESSAGES_PER_SECOND = 5_000;

interface Api {
  send(queueUrl: string, bodies: string[]): Promise<void>;
  /** Receives up to 10 and deletes them; returns how many. */
  drain(queueUrl: string): Promise<number>;
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

async function workload(makeApi: (cloud: ReturnType<typeof createCloud>) => Api): Promise<void> {
  const cloud = createCloud();
  const api = makeApi(cloud);
  const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "bench" });
  const queueUrl = QueueUrl as string;
  for (let sent = 0; sent < MESSAGES; sent += 10) await api.send(queueUrl, Array.from({ length: 10 }, (_, i) => `message ${sent + i}`));
  let received = 0;
  while (received < MESSAGES) received += await api.drain(queueUrl);
  await cloud.dispose();
}

const faster = (a: Measurement | undefined, b: Measurement): Measurement => (a === undefined || b.ms < a.ms ? b : a);

export default async function (): Promise<void> {
  // Alternate the two so that load from the other core weighs on both alike; keep each one's best run.
  let native: Measurement | undefined;
  let sdk: Measurement | undefined;
  let cached: Measurement | undefined;
  for (let run = 0; run < RUNS; run++) {
    native = faster(native, await measure("native cloud.sqs", MESSAGES, () => workload(nativeApi)));
    sdk = faster(sdk, await measure("SQSClient(cloud.clientConfig())", MESSAGES, () => workload((cloud) => sdkApi(new SQSClient(cloud.clientConfig())))));
    cached = faster(
      cached,
      await measure("  … with cacheMiddleware: true", MESSAGES, () => workload((cloud) => sdkApi(new SQSClient(cloud.clientConfig({ cacheMiddleware: true }))))),
    );
  }
  if (native === undefined || sdk === undefined || cached === undefined) return;
  report([native, sdk, cached], "native cloud.sqs");
  for (const [label, m] of [["default", sdk], ["cacheMiddleware: true", cached]] as const) {
    const rate = (MESSAGES / m.ms) * 1000;
    console.log(
      `  SDK path (${label}): ${((native.ms / m.ms) * 100).toFixed(1)}% of native throughput (goal ≥ 25%), ` +
        `${(rate / FAUXQS_MESSAGES_PER_SECOND).toFixed(1)}x fauxqs over loopback at ~${FAUXQS_MESSAGES_PER_SECOND.toLocaleString("en-US")} msg/s (goal ≥ 5x)`,
    );
  }
}
