/**
 * EventBridge routing: 100 rules on one bus (each `source` + `detail.state`, so every event matches exactly one),
 * 200,000 PutEvents entries sent 10 per call, each match delivered to one of 10 SQS queues. Reports events/s
 * natively (`cloud.events.putEvents`) and through a real EventBridgeClient (a 20,000-entry run: the SDK path is
 * slower per call), against a plain-JS baseline measured in the same run: the same 100 rules as hand-written
 * matchers over the same event objects, each match's event serialised into one of 10 arrays.
 */
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { createCloud, type Cloud } from "simcloud";
import { best, report } from "./measure";

const RULES = 100;
const QUEUES = 10;
const ENTRIES = 200_000;
const SDK_ENTRIES = 20_000;
const PER_CALL = 10;
const SETTLE_EVERY = 100; // calls between settles: deliveries are scheduled tasks

const sources = Array.from({ length: 10 }, (_, i) => `app.service${i}`);
const states = ["pending", "running", "stopped", "failed", "done", "queued", "paused", "retrying", "error", "ok"];

// A fixed pool of PutEvents entries, cycled: the generator's cost stays out of the measurement.
const pool: PutEventsRequestEntry[] = Array.from({ length: 1000 }, (_, i) => ({
  Source: sources[i % 10],
  DetailType: "State Change",
  Detail: JSON.stringify({ state: states[Math.floor(i / 10) % 10], count: i }),
}));
const batches: PutEventsRequestEntry[][] = Array.from({ length: pool.length / PER_CALL }, (_, b) => pool.slice(b * PER_CALL, (b + 1) * PER_CALL));

async function stack(): Promise<{ cloud: Cloud; urls: string[] }> {
  const cloud = createCloud({ recordTrace: false });
  const urls: string[] = [];
  for (let q = 0; q < QUEUES; q++) urls.push((await cloud.sqs.createQueue({ QueueName: `q${q}` })).QueueUrl!);
  for (let r = 0; r < RULES; r++) {
    const name = `rule-${r}`;
    await cloud.events.putRule({ Name: name, EventPattern: JSON.stringify({ source: [sources[r % 10]], detail: { state: [states[Math.floor(r / 10)]] } }) });
    await cloud.events.putTargets({ Rule: name, Targets: [{ Id: "q", Arn: `arn:aws:sqs:us-east-1:000000000000:q${r % QUEUES}` }] });
  }
  return { cloud, urls };
}

async function check(cloud: Cloud, urls: string[], expected: number): Promise<void> {
  let total = 0;
  for (const QueueUrl of urls) {
    const { Attributes } = await cloud.sqs.getQueueAttributes({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] });
    total += Number(Attributes?.ApproximateNumberOfMessages);
  }
  if (total !== expected) throw new Error(`delivered ${total}, expected ${expected}`);
}

async function native(): Promise<void> {
  const { cloud, urls } = await stack();
  for (let call = 0; call < ENTRIES / PER_CALL; call++) {
    await cloud.events.putEvents({ Entries: batches[call % batches.length] });
    if (call % SETTLE_EVERY === SETTLE_EVERY - 1) await cloud.settle();
  }
  await cloud.settle();
  await check(cloud, urls, ENTRIES);
  await cloud.dispose();
}

async function viaSdk(): Promise<void> {
  const { cloud, urls } = await stack();
  const client = new EventBridgeClient(cloud.clientConfig({ cacheMiddleware: true }));
  for (let call = 0; call < SDK_ENTRIES / PER_CALL; call++) {
    await client.send(new PutEventsCommand({ Entries: batches[call % batches.length] }));
    if (call % SETTLE_EVERY === SETTLE_EVERY - 1) await cloud.settle();
  }
  await cloud.settle();
  await check(cloud, urls, SDK_ENTRIES);
  client.destroy();
  await cloud.dispose();
}

type Matcher = (event: { source: string; detail: Record<string, unknown> }) => boolean;
const matchers: { match: Matcher; queue: number }[] = Array.from({ length: RULES }, (_, r) => {
  const source = sources[r % 10];
  const state = states[Math.floor(r / 10)];
  return { match: (event) => event.source === source && typeof event.detail === "object" && event.detail !== null && event.detail["state"] === state, queue: r % QUEUES };
});

/** The same routing by hand: build each event as EventBridge does, run the 100 matchers, keep each match's JSON. */
function baseline(): void {
  const queues: string[][] = Array.from({ length: QUEUES }, () => []);
  let id = 0;
  for (let i = 0; i < ENTRIES; i++) {
    const entry = pool[i % pool.length] as PutEventsRequestEntry;
    const event = {
      version: "0",
      id: `e-${id++}`,
      "detail-type": entry.DetailType as string,
      source: entry.Source as string,
      account: "000000000000",
      time: "2025-01-01T00:00:00Z",
      region: "us-east-1",
      resources: [] as string[],
      detail: JSON.parse(entry.Detail as string) as Record<string, unknown>,
    };
    for (const { match, queue } of matchers) if (match(event)) (queues[queue] as string[]).push(JSON.stringify(event));
  }
  const total = queues.reduce((sum, queue) => sum + queue.length, 0);
  if (total !== ENTRIES) throw new Error(`baseline routed ${total}`);
}

export default async function (): Promise<void> {
  const runs = 3;
  const plain = await best("plain-JS matchers (baseline)", ENTRIES, runs, baseline);
  const results = [plain, await best("cloud.events.putEvents", ENTRIES, runs, native)];
  const sdk = await best("EventBridgeClient PutEvents", SDK_ENTRIES, runs, viaSdk);
  console.log(`${RULES} rules on one bus, ${PER_CALL} entries per PutEvents call, every event to one of ${QUEUES} SQS queues`);
  report(results, "plain-JS matchers (baseline)");
  // The SDK run sends fewer entries, so compare rates rather than durations.
  const rate = (m: { operations: number; ms: number }) => (m.operations / m.ms) * 1000;
  console.log(`  ${sdk.label.padEnd(34)} ${sdk.ms.toFixed(1).padStart(9)} ms  ${Math.round(rate(sdk)).toLocaleString("en-US").padStart(12)} ops/s  ${(rate(sdk) / rate(plain)).toFixed(2)}x of the baseline's rate (${SDK_ENTRIES.toLocaleString("en-US")} entries)`);
}
