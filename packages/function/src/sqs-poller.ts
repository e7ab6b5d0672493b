import type { QueueMessage, QueuePort, SimContext } from "@simcloud/core";
import type { TaskHandle } from "@simcloud/clock";
import { LIMITS } from "./limits";
import { passesFilters, type EventSourcePoller, type PollerHost } from "./poller";
import "./trace";

/** How often an idle poller looks at the queue, in virtual ms. Short polls on a recurring task keep runUntilIdle usable. */
export const SQS_POLL_INTERVAL_MS = 1_000;
/** Lambda Developer Guide, "Using Lambda with Amazon SQS" (scaling): 5 concurrent batches at first… */
const INITIAL_POLLERS = 5;
/** …then up to 300 more per minute, i.e. 5 more per second of sustained backlog, up to 1,250. */
const POLLERS_ADDED_PER_TICK = 5;
const MAX_POLLERS = 1_250;

/** An SQS record exactly as Lambda delivers it (Lambda Developer Guide: "Using Lambda with Amazon SQS", example event). */
export interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, { stringValue?: string; binaryValue?: string; stringListValues: string[]; binaryListValues: string[]; dataType: string }>;
  md5OfBody: string;
  md5OfMessageAttributes?: string;
  eventSource: "aws:sqs";
  eventSourceARN: string;
  awsRegion: string;
}

export function createSqsPoller(ctx: SimContext, host: PollerHost): EventSourcePoller {
  let enabled = false;
  let stopped = false;
  let workers = 0;
  let allowed = INITIAL_POLLERS;
  let tick: TaskHandle | undefined;
  const arn = host.settings().eventSourceArn;

  const queue = (): QueuePort | undefined => ctx.registry.resolve("queue", arn)?.port;

  const onTick = (): void => {
    if (!enabled || stopped) return;
    const port = queue();
    if (port === undefined) {
      host.report("PROBLEM: Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue.");
      return;
    }
    const ceiling = Math.min(host.settings().maximumConcurrency ?? MAX_POLLERS, MAX_POLLERS);
    // Every poller still busy at a tick means a backlog: scale up as Lambda does, bounded by MaximumConcurrency.
    if (workers === 0) allowed = Math.min(INITIAL_POLLERS, ceiling);
    else if (workers >= allowed) allowed = Math.min(ceiling, allowed + POLLERS_ADDED_PER_TICK);
    if (workers < allowed) spawn(port);
  };

  function spawn(port: QueuePort): void {
    workers++;
    void work(port).finally(() => {
      workers--;
    });
  }

  /** One concurrent batch processor: receive, invoke, delete; again while the queue has messages. */
  async function work(port: QueuePort): Promise<void> {
    for (;;) {
      if (!enabled || stopped) return;
      const settings = host.settings();
      const records = await gather(port, settings.batchSize, settings.batchingWindowMs);
      if (records.length === 0) return;
      // A non-empty receive suggests more is waiting: fan out up to the current scale.
      if (workers < Math.min(allowed, settings.maximumConcurrency ?? MAX_POLLERS)) spawn(port);
      const kept = records.filter((record) => {
        const pass = passesFilters(settings.filters, filterView(record));
        if (!pass) {
          // Lambda deletes SQS messages that match no filter (Lambda Developer Guide: "Lambda event filtering").
          safeDelete(port, record.receiptHandle);
          ctx.trace.record("lambda.esm.filtered", { uuid: settings.uuid, eventSourceArn: arn, messageId: record.messageId });
        }
        return pass;
      });
      if (kept.length === 0) continue;
      const result = await host.invoke({ Records: kept });
      if (result.kind === "throttled") {
        // Throttled batches stay in flight and return after the visibility timeout, as in AWS.
        trace(settings.uuid, settings.functionName, kept.length, "throttled");
        host.report("PROBLEM: Function call failed");
        return;
      }
      const { outcome } = result;
      if (outcome.functionError !== undefined) {
        trace(settings.uuid, settings.functionName, kept.length, "failure");
        host.report("PROBLEM: Function call failed");
        continue;
      }
      const failed = settings.reportBatchItemFailures ? failedItems(outcome.payload, kept) : new Set<string>();
      if (failed === "all") {
        trace(settings.uuid, settings.functionName, kept.length, "failure");
        host.report("PROBLEM: Function call failed");
        continue;
      }
      for (const record of kept) if (!failed.has(record.messageId)) safeDelete(port, record.receiptHandle);
      trace(settings.uuid, settings.functionName, kept.length, failed.size === 0 ? "success" : "partial");
      host.report("OK");
    }
  }

  async function gather(port: QueuePort, batchSize: number, windowMs: number): Promise<SqsRecord[]> {
    const batch: SqsRecord[] = [];
    let bytes = 0;
    const deadline = ctx.clock.now() + windowMs;
    for (;;) {
      const want = Math.min(10, batchSize - batch.length);
      const messages = await port.receive({ MaxNumberOfMessages: want, WaitTimeSeconds: 0, MessageSystemAttributeNames: ["All"], MessageAttributeNames: ["All"] });
      for (const message of messages) {
        const record = toRecord(message, arn, ctx.region);
        const size = Buffer.byteLength(JSON.stringify(record));
        if (batch.length > 0 && bytes + size > LIMITS.syncPayloadBytes) {
          // The invocation payload is full: hand the message back for the next batch.
          safeVisibility(port, message.ReceiptHandle, 0);
          return batch;
        }
        bytes += size;
        batch.push(record);
      }
      if (batch.length >= batchSize) return batch;
      const now = ctx.clock.now();
      if (messages.length === want) continue;
      if (batch.length === 0 || now >= deadline) return batch;
      // MaximumBatchingWindowInSeconds: keep gathering until the batch is full or the window ends.
      await ctx.scheduler.sleep(Math.min(SQS_POLL_INTERVAL_MS, deadline - now), `lambda:esm ${host.settings().uuid} batching window`);
      if (!enabled || stopped) return batch;
    }
  }

  function trace(uuid: string, functionName: string, size: number, outcome: "success" | "partial" | "failure" | "throttled"): void {
    ctx.trace.record("lambda.esm.batch", { uuid, functionName, eventSourceArn: arn, size, outcome });
  }

  function schedule(): void {
    tick?.cancel();
    const first = ctx.clock.now();
    tick = ctx.scheduler.recurring(first, (previous) => previous + SQS_POLL_INTERVAL_MS, onTick, { label: `lambda:esm ${host.settings().uuid} poll` });
  }

  return {
    setEnabled(value) {
      if (stopped) return;
      enabled = value;
      if (value && (tick === undefined || !tick.active)) schedule();
      if (!value) {
        tick?.cancel();
        tick = undefined;
      }
    },
    stop() {
      stopped = true;
      enabled = false;
      tick?.cancel();
    },
  };
}

function safeDelete(port: QueuePort, receiptHandle: string): void {
  try {
    port.deleteMessage(receiptHandle);
  } catch {
    // The receipt expired (the message came back and went to another poller): SQS keeps the message, as in AWS.
  }
}

function safeVisibility(port: QueuePort, receiptHandle: string, seconds: number): void {
  try {
    port.changeVisibility(receiptHandle, seconds);
  } catch {
    // Already visible again; nothing to hand back.
  }
}

/**
 * ReportBatchItemFailures (Lambda Developer Guide: "Handling errors for an SQS event source in Lambda"): an
 * empty or null response or list means success; a malformed entry or an unknown id fails the whole batch.
 */
export function failedItems(payload: string, records: readonly { messageId: string }[]): Set<string> | "all" {
  let response: unknown;
  try {
    response = JSON.parse(payload) as unknown;
  } catch {
    return "all";
  }
  if (response === null || response === "" || typeof response !== "object") return new Set();
  const list = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (list === undefined || list === null) return new Set();
  if (!Array.isArray(list)) return "all";
  const ids = new Set(records.map((record) => record.messageId));
  const failed = new Set<string>();
  for (const item of list as unknown[]) {
    const id = item !== null && typeof item === "object" ? (item as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== "string" || id === "" || !ids.has(id)) return "all";
    failed.add(id);
  }
  return failed;
}

export function toRecord(message: QueueMessage, eventSourceArn: string, region: string): SqsRecord {
  const messageAttributes: SqsRecord["messageAttributes"] = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
      ...(value.BinaryValue === undefined ? {} : { binaryValue: Buffer.from(value.BinaryValue).toString("base64") }),
      stringListValues: [...(value.StringListValues ?? [])],
      binaryListValues: (value.BinaryListValues ?? []).map((bytes) => Buffer.from(bytes).toString("base64")),
      dataType: value.DataType,
    };
  }
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body,
    attributes: { ...(message.Attributes ?? {}) },
    messageAttributes,
    md5OfBody: message.MD5OfBody,
    ...(message.MD5OfMessageAttributes === undefined ? {} : { md5OfMessageAttributes: message.MD5OfMessageAttributes }),
    eventSource: "aws:sqs",
    eventSourceARN: eventSourceArn,
    awsRegion: region,
  };
}

/** Filters see the record with `body` parsed when it is JSON, as Lambda matches SQS bodies. */
function filterView(record: SqsRecord): object {
  try {
    const parsed = JSON.parse(record.body) as unknown;
    if (parsed !== null && typeof parsed === "object") return { ...record, body: parsed };
  } catch {
    // A plain-text body is matched as a string.
  }
  return record;
}
