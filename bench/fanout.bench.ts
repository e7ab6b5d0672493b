/**
 * SNS fan-out: 1 topic → 10 SQS queues, 20,000 publishes, then every queue drained. Reports deliveries/s
 * against a plain-JS fan-out (one JSON envelope per delivery into 10 arrays, then empty them) measured in the
 * same run.
 * Real signatures (the default) cost one RSA-SHA1 signing per publish; "placeholder" signing shows the rest.
 * The signing floor (20,000 RSA-SHA1 signatures and nothing else, with a key of the simulator's size and of AWS's)
 * is the ceiling any fan-out with real signatures can reach: its ratio is the best the simulator could show.
 */
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { createCloud, createTopicService, type TopicService } from "simcloud";
import { best, report, type Measurement } from "./measure";

const QUEUES = 10;
const PUBLISHES = 20_000;
const CHUNK = 1_000;

async function simulated(signing: "rsa" | "placeholder"): Promise<void> {
  const cloud = createCloud({ recordTrace: false });
  const sns: TopicService = signing === "rsa" ? cloud.sns : createTopicService(cloud.context, { signing });
  const { TopicArn } = await sns.createTopic({ Name: "bench" });
  const urls: string[] = [];
  for (let i = 0; i < QUEUES; i++) {
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: `q${i}` });
    urls.push(QueueUrl!);
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: `arn:aws:sqs:us-east-1:000000000000:q${i}` });
  }
  for (let sent = 0; sent < PUBLISHES; sent += CHUNK) {
    for (let i = sent; i < sent + CHUNK; i++) await sns.publish({ TopicArn, Message: `{"orderId":${i}}` });
    await cloud.settle();
  }
  let drained = 0;
  for (const QueueUrl of urls) {
    for (;;) {
      const { Messages } = await cloud.sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10 });
      if (!Messages || Messages.length === 0) break;
      drained += Messages.length;
      await cloud.sqs.deleteMessageBatch({ QueueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) });
    }
  }
  if (drained !== QUEUES * PUBLISHES) throw new Error(`drained ${drained}, expected ${QUEUES * PUBLISHES}`);
  await cloud.dispose();
}

/**
 * What any fan-out must do at least: one JSON envelope per delivery (the per-subscription UnsubscribeURL makes
 * each one its own), pushed to an array per queue, then every queue emptied 10 at a time.
 */
function baseline(): void {
  const topicArn = "arn:aws:sns:us-east-1:000000000000:bench";
  const unsubscribe = Array.from({ length: QUEUES }, (_, q) => `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topicArn}:sub-${q}`);
  const queues: string[][] = Array.from({ length: QUEUES }, () => []);
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < PUBLISHES; i++) {
    const messageId = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    const message = `{"orderId":${i}}`;
    const timestamp = new Date(start + i).toISOString();
    for (let q = 0; q < QUEUES; q++) {
      const envelope = { Type: "Notification", MessageId: messageId, TopicArn: topicArn, Message: message, Timestamp: timestamp, UnsubscribeURL: unsubscribe[q] };
      (queues[q] as string[]).push(JSON.stringify(envelope));
    }
  }
  let drained = 0;
  for (const q of queues) while (q.length > 0) drained += q.splice(0, 10).length;
  if (drained !== QUEUES * PUBLISHES) throw new Error("baseline lost messages");
}

/** `count` signatures of the canonical string a notification signs (one per publish), nothing else. */
function signatures(key: KeyObject, count: number): void {
  const topicArn = "arn:aws:sns:us-east-1:000000000000:bench";
  for (let i = 0; i < count; i++) {
    const text = `Message\n{"orderId":${i}}\nMessageId\n00000000-0000-4000-8000-${String(i).padStart(12, "0")}\nTimestamp\n2025-01-01T00:00:00.000Z\nTopicArn\n${topicArn}\nType\nNotification\n`;
    sign("sha1", Buffer.from(text, "utf8"), key);
  }
}

/** The signing floor for `bits`, timed over `sample` signatures and scaled to one per publish. */
async function signingFloor(bits: number, sample: number, deliveries: number): Promise<Measurement> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  const scaled = sample === PUBLISHES ? "" : ` (1/${PUBLISHES / sample} timed)`;
  const measured = await best(`RSA-${bits} signing only${scaled}`, deliveries, 2, () => signatures(privateKey, sample));
  return { ...measured, ms: (measured.ms * PUBLISHES) / sample };
}

export default async function (): Promise<void> {
  const deliveries = QUEUES * PUBLISHES;
  const plain = await best("plain JS fan-out", deliveries, 3, baseline);
  const placeholder = await best("simcloud sns→sqs (placeholder sig)", deliveries, 2, () => simulated("placeholder"));
  const rsa = await best("simcloud sns→sqs (RSA signatures)", deliveries, 2, () => simulated("rsa"));
  // The simulator signs with RSA-1024 (signing-key.ts); AWS's certificates hold 2048-bit keys (344-character signatures).
  const floor = await signingFloor(1024, PUBLISHES, deliveries);
  const awsFloor = await signingFloor(2048, PUBLISHES / 10, deliveries);
  report([plain, placeholder, rsa, floor, awsFloor], "plain JS fan-out");
}
