import type { TaskHandle } from "@simcloud/clock";
import { lineageOf, tagLineage, type PortCaller, type QueueMessage, type QueuePort, type SimContext } from "@simcloud/core";
import { LIMITS } from "./limits";
import { passesFilters, type EventSourcePoller, type PollerHost, type PollerSettings } from "./poller";
import "./trace";

/**
 * Lambda's SQS pollers long-poll (Lambda Developer Guide: "Using Lambda with Amazon SQS"): a ReceiveMessage with
 * WaitTimeSeconds 20, so a message sent at time t reaches the function at t (plus any batching window).
 */
export const SQS_WAIT_TIME_SECONDS = 20;
/** Lambda Developer Guide, "Using Lambda with Amazon SQS" (scaling): 5 concurrent batches at first… */
const INITIAL_POLLERS = 5;
/** …then up to 300 more per minute, i.e. 5 more per second of sustained backlog, up to 1,250. */
const POLLERS_ADDED_PER_SECOND = 5;
const MAX_POLLERS = 1_250;
/** How long a poller that cannot reach its queue waits before it tries again (the length of one long poll). */
const RETRY_MS = SQS_WAIT_TIME_SECONDS * 1000;

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

const POLLER: PortCaller = { principal: "lambda.amazonaws.com" };

/**
 * The SQS poller of one mapping. Workers are concurrent batch processors: each long-polls the queue (a background
 * wait, so an idle mapping neither keeps runUntilIdle running nor makes autoAdvance jump), gathers a batch
 * (BatchSize, MaximumBatchingWindowInSeconds, 6 MB), invokes, deletes, and polls again. One worker always
 * polls while the mapping is enabled; when it leaves to invoke, another takes over, up to the current scale
 * (5 concurrent batches, 5 more per second of sustained backlog, at most ScalingConfig.MaximumConcurrency).
 * Workers whose long poll comes back empty retire, down to one.
 */
export function createSqsPoller(ctx: SimContext, host: PollerHost): EventSourcePoller {
  let enabled = false;
  let stopped = false;
  /** Live worker loops (polling or invoking). */
  let workers = 0;
  /** Workers waiting on the queue right now (idle long polls and batching windows). */
  let polling = 0;
  /** Concurrent batches allowed now: 5 at first, more while a backlog lasts. */
  let allowed = INITIAL_POLLERS;
  let scaling: TaskHandle | undefined;
  const arn = host.settings().eventSourceArn;
  const label = (job: string): string => `lambda:esm ${host.settings().uuid} ${job}`;

  const active = (): boolean => enabled && !stopped;
  const queue = (): QueuePort | undefined => ctx.registry.resolve("queue", arn)?.port;
  const ceiling = (settings: PollerSettings): number => Math.min(settings.maximumConcurrency ?? MAX_POLLERS, MAX_POLLERS);

  /** Keeps one worker on the queue: called when the mapping is enabled and whenever a worker leaves to invoke. */
  function ensurePoller(): void {
    if (!active() || polling > 0) return;
    allowed = Math.min(allowed, ceiling(host.settings()));
    if (workers < allowed) spawn();
    else armScaling();
  }

  /**
   * Every worker is busy and none is left on the queue: a backlog. While it lasts, each second adds 5 more
   * concurrent batches (Lambda Developer Guide: "Using Lambda with Amazon SQS", scaling), up to the ceiling.
   */
  function armScaling(): void {
    if (scaling?.active === true || allowed >= ceiling(host.settings())) return;
    scaling = ctx.scheduler.after(
      1_000,
      () => {
        scaling = undefined;
        if (!active() || polling > 0 || workers < allowed) return;
        allowed = Math.min(ceiling(host.settings()), allowed + POLLERS_ADDED_PER_SECOND);
        ctx.trace.record("lambda.esm.scaled", { uuid: host.settings().uuid, eventSourceArn: arn, concurrency: allowed });
        ensurePoller();
      },
      { label: label("scaling"), background: true },
    );
  }

  function spawn(): void {
    workers++;
    void work().finally(() => {
      workers--;
      if (workers <= 1) allowed = Math.min(INITIAL_POLLERS, ceiling(host.settings()));
      ensurePoller();
    });
  }

  /** Resolves after ms of virtual time, as housekeeping that keeps nothing running. */
  function pause(ms: number, job: string): Promise<void> {
    return new Promise((resolve) => {
      ctx.scheduler.after(
        ms,
        () => {
          resolve();
          ctx.scheduler.touch();
        },
        { label: label(job), background: true },
      );
    });
  }

  function receive(port: QueuePort, max: number, waitSeconds: number): Promise<QueueMessage[]> {
    return port.receive(
      { MaxNumberOfMessages: max, WaitTimeSeconds: waitSeconds, MessageSystemAttributeNames: ["All"], MessageAttributeNames: ["All"] },
      POLLER,
      { background: true },
    );
  }

  /** One concurrent batch processor: receive, invoke, delete; again until the mapping stops or it retires. */
  async function work(): Promise<void> {
    while (active()) {
      const settings = host.settings();
      if (workers > ceiling(settings)) return; // MaximumConcurrency was lowered
      const port = queue();
      if (port === undefined) {
        host.report("PROBLEM: Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue.");
        if (workers > 1) return;
        await pause(RETRY_MS, "retry");
        continue;
      }
      const polledAt = ctx.clock.now();
      let records: SqsRecord[];
      polling++;
      try {
        records = await gather(port, settings);
      } catch (error) {
        host.report(`PROBLEM: Error occurred while ReceiveMessage. ${error instanceof Error ? error.message : String(error)}`);
        if (workers > 1) return;
        await pause(RETRY_MS, "retry");
        continue;
      } finally {
        polling--;
      }
      if (records.length === 0) {
        if (workers > 1) return; // nothing waiting: scale down to one poller
        // A long poll answers empty at once only when the queue went away; do not spin at one instant.
        if (ctx.clock.now() === polledAt && active()) await pause(1_000, "retry");
        continue;
      }
      // This worker leaves the queue to invoke: another one takes over polling, within the scale.
      ensurePoller();
      await process(port, settings, records);
    }
  }

  async function process(port: QueuePort, settings: PollerSettings, records: SqsRecord[]): Promise<void> {
    const kept = records.filter((record) => {
      const pass = settings.filters.length === 0 || passesFilters(settings.filters, filterView(record));
      if (!pass) {
        // Lambda deletes SQS messages that match no filter (Lambda Developer Guide: "Lambda event filtering").
        safeDelete(port, record.receiptHandle);
        ctx.trace.record("lambda.esm.filtered", { uuid: settings.uuid, eventSourceArn: arn, messageId: record.messageId });
      }
      return pass;
    });
    if (kept.length === 0) return;
    const result = await host.invoke({ Records: kept }, kept.map((record) => lineageOf(record)));
    if (result.kind === "recursion-stopped") {
      // Recursive loop detection: the batch is not processed; its messages come back after the visibility
      // timeout and the queue's redrive policy moves them to its dead-letter queue, if it has one.
      fail(settings, kept.length, "recursion-stopped", "recursive loop detected");
      return;
    }
    if (result.kind === "throttled") {
      // Throttled batches stay in flight and return after the visibility timeout, as in AWS.
      fail(settings, kept.length, "throttled", "the function's concurrency is exhausted");
      return;
    }
    const { outcome } = result;
    if (outcome.functionError !== undefined) {
      const why = outcome.timedOut ? "the function timed out" : `the function failed: ${outcome.errorType ?? "Error"}${outcome.errorMessage === undefined ? "" : `: ${outcome.errorMessage}`}`;
      fail(settings, kept.length, "failure", why);
      return;
    }
    const failed = settings.reportBatchItemFailures ? failedItems(outcome.payload, kept) : new Set<string>();
    if (!(failed instanceof Set)) {
      // Lambda treats an invalid partial batch response as a complete failure ("Implementing partial batch responses").
      fail(settings, kept.length, "failure", `invalid partial batch response: ${failed.all}`);
      return;
    }
    for (const record of kept) if (!failed.has(record.messageId)) safeDelete(port, record.receiptHandle);
    trace(settings.uuid, settings.functionName, kept.length, failed.size === 0 ? "success" : "partial");
    host.report("OK");
  }

  /**
   * One batch: a 20-second long poll for the first messages, then, with MaximumBatchingWindowInSeconds, more
   * receives until the window (counted from the first message) ends, BatchSize is reached or the payload would
   * pass 6 MB. Messages received after the mapping was disabled or deleted are handed back at once.
   */
  async function gather(port: QueuePort, settings: PollerSettings): Promise<SqsRecord[]> {
    const batch: SqsRecord[] = [];
    let bytes = 0;
    let full = false;
    const add = (messages: QueueMessage[]): void => {
      for (const message of messages) {
        if (full) {
          safeVisibility(port, message.ReceiptHandle, 0);
          continue;
        }
        const record = toRecord(message, arn, ctx.region);
        tagLineage(record, lineageOf(message));
        const size = Buffer.byteLength(JSON.stringify(record));
        if (batch.length > 0 && bytes + size > LIMITS.syncPayloadBytes) {
          // The invocation payload is full: hand the message back for the next batch.
          safeVisibility(port, message.ReceiptHandle, 0);
          full = true;
          continue;
        }
        bytes += size;
        batch.push(record);
      }
      if (batch.length >= settings.batchSize) full = true;
    };
    const handBack = (receiptHandles: readonly string[]): SqsRecord[] => {
      for (const handle of receiptHandles) safeVisibility(port, handle, 0);
      return [];
    };

    const first = await receive(port, Math.min(10, settings.batchSize), SQS_WAIT_TIME_SECONDS);
    if (!active()) return handBack(first.map((message) => message.ReceiptHandle));
    add(first);
    if (full || batch.length === 0 || settings.batchingWindowMs === 0) return batch;

    // MaximumBatchingWindowInSeconds: this wait is work in progress (messages are held), so the window's end is
    // an ordinary task that keeps runUntilIdle going; the receives inside it are background long polls.
    const deadline = ctx.clock.now() + settings.batchingWindowMs;
    const windowEnd = ctx.scheduler.at(deadline, () => undefined, { label: label("batching window") });
    try {
      while (!full) {
        const remaining = deadline - ctx.clock.now();
        if (remaining <= 0) break;
        const want = Math.min(10, settings.batchSize - batch.length);
        let messages: QueueMessage[];
        if (remaining >= 1000) {
          messages = await receive(port, want, Math.min(SQS_WAIT_TIME_SECONDS, Math.floor(remaining / 1000)));
        } else {
          // WaitTimeSeconds is whole seconds: wait out the rest of the window, then take what is there.
          await pause(remaining, "batching window");
          messages = active() ? await receive(port, want, 0) : [];
        }
        if (!active()) {
          return handBack([...batch.map((record) => record.receiptHandle), ...messages.map((message) => message.ReceiptHandle)]);
        }
        add(messages);
      }
    } finally {
      windowEnd.cancel();
    }
    return batch;
  }

  function fail(settings: PollerSettings, size: number, outcome: "failure" | "throttled" | "recursion-stopped", reason: string): void {
    trace(settings.uuid, settings.functionName, size, outcome, reason);
    host.report("PROBLEM: Function call failed", { size, reason });
  }

  function trace(uuid: string, functionName: string, size: number, outcome: "success" | "partial" | "failure" | "throttled" | "recursion-stopped", reason?: string): void {
    ctx.trace.record("lambda.esm.batch", { uuid, functionName, eventSourceArn: arn, size, outcome, ...(reason === undefined ? {} : { reason }) });
  }

  return {
    setEnabled(value) {
      if (stopped) return;
      enabled = value;
      // Disabling needs no cancelling: each worker stops at its next step (a long poll in progress ends within
      // 20 s and hands back anything it got). Enabling reuses a poll still in progress, else starts a worker.
      if (value) ensurePoller();
    },
    stop() {
      stopped = true;
      enabled = false;
      scaling?.cancel();
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
/** The failed message ids of a partial batch response, or why the whole batch counts as failed. */
export function failedItems(payload: string, records: readonly { messageId: string }[]): Set<string> | { all: string } {
  let response: unknown;
  try {
    response = JSON.parse(payload) as unknown;
  } catch {
    return { all: "the response is not JSON" };
  }
  if (response === null || response === "" || typeof response !== "object") return new Set();
  const list = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (list === undefined || list === null) return new Set();
  if (!Array.isArray(list)) return { all: "batchItemFailures is not a list" };
  const ids = new Set(records.map((record) => record.messageId));
  const failed = new Set<string>();
  for (const item of list as unknown[]) {
    const id = item !== null && typeof item === "object" ? (item as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== "string" || id === "") return { all: "a batchItemFailures entry has no itemIdentifier" };
    if (!ids.has(id)) return { all: `itemIdentifier ${JSON.stringify(id.slice(0, 100))} is not a message of this batch` };
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
