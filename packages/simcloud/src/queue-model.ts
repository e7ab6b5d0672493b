/**
 * Model-based check of SQS conservation, shared by `queue-model.test.ts` (a CI-sized run) and
 * `scripts/property-long.ts` (thousands of sequences). Not part of the package's public API.
 *
 * A sequence of operations — send, batch send, receive, delete, change visibility, advance, purge, message move
 * tasks — runs on a standard and a FIFO queue, each with a DLQ, some through a real SQSClient, while a Lambda SQS
 * mapping consumes a third queue (whose poison messages go to its DLQ). The model follows every message through the
 * trace: where it is (which queue), in what order it arrived there, and how it left (deleted, consumed, expired,
 * purged). After every operation: each queue's ApproximateNumberOf* counts equal the messages the model places there,
 * nothing leaves a queue it is not in, a FIFO receive takes each group's oldest messages first (a message is received
 * only together with every older one of its group). At the end every message must be receivable or gone: time runs
 * on, the queues are drained with ReceiveMessage/DeleteMessage, and whatever a queue still counts but will not hand
 * out is a stranded message.
 */
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { isAwsError, type TraceEvent } from "@simcloud/core";
import fc from "fast-check";
import { createCloud, type Cloud } from "./cloud";

export type QueueName = "std" | "jobs.fifo" | "std-dlq" | "jobs-dlq.fifo" | "work" | "work-dlq";
const QUEUES: readonly QueueName[] = ["std", "jobs.fifo", "std-dlq", "jobs-dlq.fifo", "work", "work-dlq"];
const SENDABLE = ["std", "jobs.fifo", "work"] as const;
const RECEIVABLE = ["std", "jobs.fifo", "std-dlq", "jobs-dlq.fifo"] as const;
const DLQS = ["std-dlq", "jobs-dlq.fifo"] as const;

export type Op =
  | { kind: "send"; queue: (typeof SENDABLE)[number]; group: number; delay: number; poison: boolean; sdk: boolean }
  | { kind: "batch"; queue: (typeof SENDABLE)[number]; size: number; group: number; sdk: boolean }
  | { kind: "receive"; queue: (typeof RECEIVABLE)[number]; max: number; visibility: number; sdk: boolean }
  | { kind: "delete"; pick: number; sdk: boolean }
  | { kind: "visibility"; pick: number; seconds: number; sdk: boolean }
  | { kind: "advance"; ms: number }
  | { kind: "purge"; queue: (typeof RECEIVABLE)[number]; sdk: boolean }
  | { kind: "redrive"; queue: (typeof DLQS)[number]; rate: number | undefined };

const sdk = fc.boolean();
export const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("send" as const), queue: fc.constantFrom(...SENDABLE), group: fc.nat(2), delay: fc.constantFrom(0, 0, 2), poison: fc.boolean(), sdk }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("batch" as const), queue: fc.constantFrom(...SENDABLE), size: fc.integer({ min: 1, max: 4 }), group: fc.nat(2), sdk }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("receive" as const), queue: fc.constantFrom(...RECEIVABLE), max: fc.integer({ min: 1, max: 10 }), visibility: fc.constantFrom(0, 1, 5, 30), sdk }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), pick: fc.nat(), sdk }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("visibility" as const), pick: fc.nat(), seconds: fc.constantFrom(0, 0, 3, 30), sdk }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("advance" as const), ms: fc.constantFrom(500, 1_000, 5_000, 31_000, 61_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("purge" as const), queue: fc.constantFrom(...RECEIVABLE), sdk }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("redrive" as const), queue: fc.constantFrom(...DLQS), rate: fc.constantFrom(undefined, 1, 2) }) },
);

export const sequence = (maxLength: number): fc.Arbitrary<Op[]> => fc.array(op, { maxLength, size: "max" });

/** Errors an operation may meet in a correct simulator (an old receipt handle, a purge within 60 s, a second move task). */
const EXPECTED_ERRORS = new Set(["MessageNotInflight", "InvalidParameterValue", "PurgeQueueInProgress", "UnsupportedOperation"]);

interface Held {
  queue: QueueName;
  handle: string;
}

export interface RunStats {
  operations: number;
  messages: number;
}

/** Runs one sequence; throws (an Error naming the broken rule) on the first violation. */
export async function runSequence(ops: readonly Op[], seed = 1): Promise<RunStats> {
  const cloud = createCloud({ seed });
  try {
    const model = await World.create(cloud);
    for (const step of ops) {
      await model.apply(step);
      await model.check(step);
    }
    await model.drain();
    return { operations: ops.length, messages: model.sentCount };
  } finally {
    await cloud.dispose();
  }
}

class World {
  private readonly events: TraceEvent[] = [];
  private processed = 0;
  /** Where each live message is, and its arrival number there (FIFO order). */
  private readonly location = new Map<string, { queue: QueueName; arrival: number }>();
  private readonly group = new Map<string, string | undefined>();
  private readonly gone = new Map<string, string>();
  private arrivals = 0;
  private run: { queue: QueueName; ids: Set<string> } | undefined;
  private readonly held: Held[] = [];
  private readonly consumed = new Set<string>();
  private counter = 0;
  sentCount = 0;

  private constructor(
    private readonly cloud: Cloud,
    private readonly client: SQSClient,
    private readonly urls: Record<QueueName, string>,
    private readonly names: Map<string, QueueName>,
  ) {}

  static async create(cloud: Cloud): Promise<World> {
    const arn = (name: string): string => `arn:aws:sqs:${cloud.region}:${cloud.accountId}:${name}`;
    const redrive = (dlq: string): string => JSON.stringify({ deadLetterTargetArn: arn(dlq), maxReceiveCount: 2 });
    const urls = {} as Record<QueueName, string>;
    const create = async (name: QueueName, attributes: Record<string, string>) => {
      const fifo = name.endsWith(".fifo") ? { FifoQueue: "true", ContentBasedDeduplication: "true" } : {};
      urls[name] = (await cloud.sqs.createQueue({ QueueName: name, Attributes: { ...fifo, ...attributes } })).QueueUrl!;
    };
    await create("std-dlq", {});
    await create("jobs-dlq.fifo", {});
    await create("work-dlq", {});
    await create("std", { VisibilityTimeout: "10", MessageRetentionPeriod: "600", RedrivePolicy: redrive("std-dlq") });
    await create("jobs.fifo", { VisibilityTimeout: "10", RedrivePolicy: redrive("jobs-dlq.fifo") });
    await create("work", { VisibilityTimeout: "30", RedrivePolicy: redrive("work-dlq") });
    const names = new Map<string, QueueName>(QUEUES.map((name) => [urls[name], name]));
    const world = new World(cloud, new SQSClient(cloud.clientConfig()), urls, names);
    cloud.on("*", (event) => void world.events.push(event));
    await cloud.lambda.createFunction({
      FunctionName: "worker",
      Timeout: 10,
      handler: async (event: { Records: { messageId: string; body: string }[] }) => {
        const batchItemFailures: { itemIdentifier: string }[] = [];
        for (const record of event.Records) {
          if (record.body.includes("poison")) batchItemFailures.push({ itemIdentifier: record.messageId });
          else world.consumed.add(record.messageId);
        }
        return { batchItemFailures };
      },
    });
    await cloud.lambda.createEventSourceMapping({ FunctionName: "worker", EventSourceArn: arn("work"), BatchSize: 5, FunctionResponseTypes: ["ReportBatchItemFailures"] });
    return world;
  }

  private body(group: number, poison: boolean): string {
    return `${poison ? "poison" : "job"}-g${group}-${this.counter++}`;
  }

  private async attempt(call: () => Promise<unknown>): Promise<unknown> {
    try {
      return await call();
    } catch (error) {
      const code = isAwsError(error) ? error.code : (error as { name?: string }).name;
      if (code !== undefined && EXPECTED_ERRORS.has(code)) return undefined;
      throw new Error(`unexpected error: ${String(error)}`);
    }
  }

  async apply(step: Op): Promise<void> {
    const { sqs } = this.cloud;
    switch (step.kind) {
      case "send": {
        const url = this.urls[step.queue];
        const input = {
          QueueUrl: url,
          MessageBody: this.body(step.group, step.poison),
          ...(step.queue === "jobs.fifo" ? { MessageGroupId: `g${step.group}` } : { DelaySeconds: step.delay }),
        };
        await (step.sdk ? this.client.send(new SendMessageCommand(input)) : sqs.sendMessage(input));
        break;
      }
      case "batch": {
        const fifo = step.queue === "jobs.fifo";
        const Entries = Array.from({ length: step.size }, (_, i) => ({
          Id: `e${i}`,
          MessageBody: this.body((step.group + i) % 3, false),
          ...(fifo ? { MessageGroupId: `g${(step.group + i) % 3}` } : {}),
        }));
        const input = { QueueUrl: this.urls[step.queue], Entries };
        const out = await (step.sdk ? this.client.send(new SendMessageBatchCommand(input)) : sqs.sendMessageBatch(input));
        if ((out.Failed ?? []).length > 0) throw new Error(`batch send failed: ${JSON.stringify(out.Failed)}`);
        break;
      }
      case "receive": {
        const input = { QueueUrl: this.urls[step.queue], MaxNumberOfMessages: step.max, VisibilityTimeout: step.visibility };
        const out = await (step.sdk ? this.client.send(new ReceiveMessageCommand(input)) : sqs.receiveMessage(input));
        for (const message of out.Messages ?? []) if (step.visibility > 0) this.held.push({ queue: step.queue, handle: message.ReceiptHandle! });
        break;
      }
      case "delete":
      case "visibility": {
        if (this.held.length === 0) break;
        const [entry] = this.held.splice(step.pick % this.held.length, 1) as [Held];
        const url = this.urls[entry.queue];
        if (step.kind === "delete") {
          const input = { QueueUrl: url, ReceiptHandle: entry.handle };
          await this.attempt(() => (step.sdk ? this.client.send(new DeleteMessageCommand(input)) : sqs.deleteMessage(input)));
        } else {
          const input = { QueueUrl: url, ReceiptHandle: entry.handle, VisibilityTimeout: step.seconds };
          await this.attempt(() => (step.sdk ? this.client.send(new ChangeMessageVisibilityCommand(input)) : sqs.changeMessageVisibility(input)));
          if (step.seconds > 0) this.held.push(entry);
        }
        break;
      }
      case "advance":
        await this.cloud.advance(step.ms);
        break;
      case "purge": {
        const input = { QueueUrl: this.urls[step.queue] };
        await this.attempt(() => (step.sdk ? this.client.send(new PurgeQueueCommand(input)) : sqs.purgeQueue(input)));
        break;
      }
      case "redrive": {
        const arn = `arn:aws:sqs:${this.cloud.region}:${this.cloud.accountId}:${step.queue}`;
        await this.attempt(() => sqs.startMessageMoveTask({ SourceArn: arn, ...(step.rate === undefined ? {} : { MaxNumberOfMessagesPerSecond: step.rate }) }));
        break;
      }
    }
  }

  /** Follows the trace since the last call; throws on the first event the model cannot place. */
  private follow(): void {
    const fail = (event: TraceEvent, why: string): never => {
      throw new Error(`${why}: ${JSON.stringify(event)}`);
    };
    for (; this.processed < this.events.length; this.processed++) {
      const event = this.events[this.processed] as TraceEvent;
      if (!event.type.startsWith("sqs.message.") && event.type !== "sqs.queue.purged") continue;
      const data = event as unknown as { queueUrl: string; messageId: string; messageGroupId?: string; deadLetterQueueUrl?: string; destinationUrl?: string };
      const queue = this.names.get(data.queueUrl);
      if (queue === undefined) fail(event, "event for an unknown queue");
      if (event.type !== "sqs.message.received") this.run = undefined;
      const here = (): { queue: QueueName; arrival: number } => {
        const at = this.location.get(data.messageId);
        if (at === undefined || at.queue !== queue) fail(event, `message is not in ${queue} (it is ${at?.queue ?? this.gone.get(data.messageId) ?? "unknown"})`);
        return at as { queue: QueueName; arrival: number };
      };
      const arrive = (id: string, where: QueueName): void => void this.location.set(id, { queue: where, arrival: this.arrivals++ });
      const leave = (id: string, how: string): void => {
        this.location.delete(id);
        this.gone.set(id, how);
      };
      switch (event.type) {
        case "sqs.message.sent":
          if (this.location.has(data.messageId) || this.gone.has(data.messageId)) fail(event, "a MessageId sent twice");
          this.sentCount++;
          this.group.set(data.messageId, data.messageGroupId);
          arrive(data.messageId, queue!);
          break;
        case "sqs.message.moved-to-dlq":
        case "sqs.message.redriven": {
          here();
          const to = this.names.get((data.deadLetterQueueUrl ?? data.destinationUrl) as string);
          if (to === undefined) fail(event, "moved to an unknown queue");
          arrive(data.messageId, to!);
          break;
        }
        case "sqs.message.deleted":
          here();
          if (queue === "work" && !this.consumed.has(data.messageId)) fail(event, "the mapping deleted a message its function did not process");
          leave(data.messageId, queue === "work" ? "consumed by Lambda" : "deleted");
          break;
        case "sqs.message.expired":
          here();
          leave(data.messageId, "expired");
          break;
        case "sqs.queue.purged":
          for (const [id, at] of this.location) if (at.queue === queue) leave(id, "purged");
          break;
        case "sqs.message.received": {
          const at = here();
          // Consecutive receives of one queue are one delivery run (one ReceiveMessage, or several with nothing between).
          const run = this.run !== undefined && this.run.queue === queue ? this.run : (this.run = { queue: queue!, ids: new Set<string>() });
          if (queue!.endsWith(".fifo")) {
            // FIFO: received only together with (after) every older message of its group in this queue.
            const group = this.group.get(data.messageId);
            for (const [id, other] of this.location) {
              if (other.queue === queue && other.arrival < at.arrival && this.group.get(id) === group && !run.ids.has(id)) {
                fail(event, `FIFO order: ${id} of the same group is older and was not delivered first`);
              }
            }
          }
          run.ids.add(data.messageId);
          break;
        }
        default:
          break;
      }
    }
  }

  async check(step: Op | "drain"): Promise<void> {
    try {
      // Work the last step started (a mapping's invoke and its deletes) finishes first: counts and trace then agree.
      await this.cloud.settle();
      for (let attempt = 0; ; attempt++) {
        this.follow();
        const seen = this.events.length;
        const counts = new Map<QueueName, number>();
        for (const name of QUEUES) {
          const attributes = (await this.cloud.sqs.getQueueAttributes({ QueueUrl: this.urls[name], AttributeNames: ["All"] })).Attributes!;
          counts.set(name, Number(attributes.ApproximateNumberOfMessages) + Number(attributes.ApproximateNumberOfMessagesNotVisible) + Number(attributes.ApproximateNumberOfMessagesDelayed));
        }
        if (this.events.length !== seen && attempt < 3) continue;
        for (const name of QUEUES) {
          let placed = 0;
          for (const at of this.location.values()) if (at.queue === name) placed++;
          if (counts.get(name) !== placed) throw new Error(`${name} counts ${counts.get(name)} messages, the model places ${placed} there`);
        }
        break;
      }
    } catch (error) {
      throw new Error(`after ${JSON.stringify(step)}: ${(error as Error).message}`);
    }
  }

  /**
   * Drains every queue: receive and delete until a receive comes back empty, then a queue that still counts a visible
   * message it did not hand out (with nothing of it in flight, for FIFO) is stranding it. Then time moves on 31 s
   * (visibility timeouts, delays, move tasks, the mapping's retries) and again, until the model places nothing.
   */
  async drain(): Promise<void> {
    for (let round = 0; this.location.size > 0; round++) {
      if (round > 200) throw new Error(`unaccounted messages after ${round} drain rounds: ${JSON.stringify([...this.location])}`);
      for (const name of ["std", "jobs.fifo", "std-dlq", "jobs-dlq.fifo", "work-dlq"] as const) {
        const url = this.urls[name];
        while ((await this.receiveAll(url)).length > 0);
        await this.check("drain");
        const attributes = (await this.cloud.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["All"] })).Attributes!;
        const visible = Number(attributes.ApproximateNumberOfMessages);
        if (visible > 0 && (!name.endsWith(".fifo") || Number(attributes.ApproximateNumberOfMessagesNotVisible) === 0)) {
          throw new Error(`stranded: ${name} counts ${visible} visible messages that ReceiveMessage does not return`);
        }
      }
      await this.cloud.advance(31_000);
      await this.check("drain");
    }
  }

  private async receiveAll(url: string): Promise<unknown[]> {
    const messages = (await this.cloud.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 3_600 })).Messages ?? [];
    for (const message of messages) await this.cloud.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle! });
    return messages;
  }
}
