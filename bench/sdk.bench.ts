/**
 * The SQS throughput workload (send in batches of 10, receive 10 at a time, delete in batches) through a real
 * SQSClient on cloud.clientConfig() against the same workload on the native API, in one run. Goal: the SDK path at
 * least 25% of native throughput, and at least 5x fauxqs over loopback HTTP (about 5,000 messages/s measured here).
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { createCloud } from "simcloud";
import { best, report } from "./measure";

const MESSAGES = 5_000;
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

export default async function (): Promise<void> {
  const native = await best("native cloud.sqs", MESSAGES, 5, () => workload(nativeApi));
  const sdk = await best("SQSClient(cloud.clientConfig())", MESSAGES, 5, () => workload((cloud) => sdkApi(new SQSClient(cloud.clientConfig()))));
  report([native, sdk], "native cloud.sqs");
  const sdkRate = (MESSAGES / sdk.ms) * 1000;
  console.log(`  SDK overhead: SDK path runs at ${((native.ms / sdk.ms) * 100).toFixed(1)}% of native throughput (goal ≥ 25%)`);
  console.log(`  vs fauxqs over loopback (~${FAUXQS_MESSAGES_PER_SECOND.toLocaleString("en-US")} msg/s): ${(sdkRate / FAUXQS_MESSAGES_PER_SECOND).toFixed(1)}x (goal ≥ 5x)`);
}
