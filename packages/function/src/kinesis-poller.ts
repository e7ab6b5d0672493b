import { parseArn, type SimContext, type StreamPort, type StreamPortRecord, type StreamStartPosition } from "@simcloud/core";
import { createHash } from "node:crypto";
import { errors } from "./errors";
import { LIMITS } from "./limits";
import { passesFilters, type EventSourcePoller, type PollerHost, type PollerSettings, type StreamMappingSettings, type StreamStartingPosition } from "./poller";

export type { StreamMappingSettings, StreamStartingPosition };
import { checkRange } from "./validate";
import "./trace";

/**
 * Lambda event source mappings for Kinesis (Lambda Developer Guide: "Using AWS Lambda with Amazon Kinesis",
 * "Lambda parameters for Amazon Kinesis Data Streams event source mappings", "Kinesis error handling").
 */
/** The CreateEventSourceMapping / UpdateEventSourceMapping members that apply to stream sources. */
export interface StreamMappingInput {
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  StartingPosition?: string;
  StartingPositionTimestamp?: Date;
  ParallelizationFactor?: number;
  BisectBatchOnFunctionError?: boolean;
  MaximumRetryAttempts?: number;
  MaximumRecordAgeInSeconds?: number;
  DestinationConfig?: { OnFailure?: { Destination?: string } };
  TumblingWindowInSeconds?: number;
}

const STREAM_BATCH_DEFAULT = 100;
const STREAM_BATCH_MAX = 10_000;
/** Lambda polls each shard once per second (Lambda Developer Guide: "Polling and batching streams"). */
const POLL_INTERVAL_MS = 1_000;
/** Wait before the first retry of a failed batch; it doubles per retry, up to a minute. */
const RETRY_DELAY_MS = 1_000;
const RETRY_DELAY_MAX_MS = 60_000;
const retryDelay = (retries: number): number => Math.min(RETRY_DELAY_MAX_MS, RETRY_DELAY_MS * 2 ** Math.max(0, Math.min(retries - 1, 16)));

/** Validates the stream members of a mapping (before any state changes) and returns them with AWS's defaults. */
export function streamMappingSettings(ctx: SimContext, input: StreamMappingInput, source: string, previous?: StreamMappingSettings): { batchSize: number; window: number; settings: StreamMappingSettings } {
  const batchSize = input.BatchSize ?? STREAM_BATCH_DEFAULT;
  const window = input.MaximumBatchingWindowInSeconds ?? 0;
  checkRange(batchSize, "batchSize", 1, STREAM_BATCH_MAX);
  checkRange(window, "maximumBatchingWindowInSeconds", 0, LIMITS.batchingWindowMaxSeconds);
  checkRange(input.ParallelizationFactor, "parallelizationFactor", 1, 10);
  checkRange(input.MaximumRetryAttempts, "maximumRetryAttempts", -1, 10_000);
  checkRange(input.MaximumRecordAgeInSeconds, "maximumRecordAgeInSeconds", -1, 604_800);
  checkRange(input.TumblingWindowInSeconds, "tumblingWindowInSeconds", 0, 900);
  if (input.MaximumRecordAgeInSeconds !== undefined && input.MaximumRecordAgeInSeconds !== -1 && input.MaximumRecordAgeInSeconds < 60) {
    throw errors.InvalidParameterValueException("MaximumRecordAgeInSeconds must be -1 or between 60 and 604800.");
  }
  let startingPosition = previous?.startingPosition;
  let timestamp = previous?.startingPositionTimestamp;
  if (previous === undefined) {
    const position = input.StartingPosition;
    if (position === undefined) throw errors.InvalidParameterValueException("1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null");
    if (position !== "TRIM_HORIZON" && position !== "LATEST" && position !== "AT_TIMESTAMP") {
      throw errors.ValidationException(
        `1 validation error detected: Value '${position}' at 'startingPosition' failed to satisfy constraint: Member must satisfy enum value set: [TRIM_HORIZON, AT_TIMESTAMP, LATEST]`,
      );
    }
    if (position === "AT_TIMESTAMP" && !(input.StartingPositionTimestamp instanceof Date)) {
      throw errors.InvalidParameterValueException("StartingPositionTimestamp must be provided when StartingPosition is AT_TIMESTAMP.");
    }
    startingPosition = position;
    timestamp = position === "AT_TIMESTAMP" ? (input.StartingPositionTimestamp as Date).getTime() : undefined;
  }
  const destination = input.DestinationConfig === undefined ? previous?.onFailure : input.DestinationConfig.OnFailure?.Destination || undefined;
  if (destination !== undefined) {
    const service = parseArn(destination)?.service;
    if (service !== "sqs" && service !== "sns" && service !== "s3") {
      throw errors.InvalidParameterValueException(`Unsupported OnFailure destination: ${destination}. Supported destinations are SQS queues, SNS topics and S3 buckets.`);
    }
  }
  if (ctx.registry.resolve("stream", streamArnOf(source)) === undefined) {
    throw errors.InvalidParameterValueException(`Stream not found: ${source}`);
  }
  return {
    batchSize,
    window,
    settings: {
      startingPosition: startingPosition as StreamStartingPosition,
      startingPositionTimestamp: timestamp,
      parallelizationFactor: input.ParallelizationFactor ?? previous?.parallelizationFactor ?? 1,
      bisectBatchOnFunctionError: input.BisectBatchOnFunctionError ?? previous?.bisectBatchOnFunctionError ?? false,
      maximumRetryAttempts: input.MaximumRetryAttempts ?? previous?.maximumRetryAttempts ?? -1,
      maximumRecordAgeInSeconds: input.MaximumRecordAgeInSeconds ?? previous?.maximumRecordAgeInSeconds ?? -1,
      onFailure: destination,
      tumblingWindowInSeconds: input.TumblingWindowInSeconds ?? previous?.tumblingWindowInSeconds ?? 0,
    },
  };
}

/** The stream members GetEventSourceMapping reports. */
export function streamMappingShape(settings: StreamMappingSettings): Record<string, unknown> {
  return {
    StartingPosition: settings.startingPosition,
    ...(settings.startingPositionTimestamp === undefined ? {} : { StartingPositionTimestamp: new Date(settings.startingPositionTimestamp) }),
    ParallelizationFactor: settings.parallelizationFactor,
    BisectBatchOnFunctionError: settings.bisectBatchOnFunctionError,
    MaximumRetryAttempts: settings.maximumRetryAttempts,
    MaximumRecordAgeInSeconds: settings.maximumRecordAgeInSeconds,
    DestinationConfig: { OnFailure: settings.onFailure === undefined ? {} : { Destination: settings.onFailure } },
    TumblingWindowInSeconds: settings.tumblingWindowInSeconds,
  };
}

/** A mapping may name the stream or one of its enhanced fan-out consumers (`…/consumer/name:ts`): both read the stream. */
function streamArnOf(source: string): string {
  const cut = source.indexOf("/consumer/");
  return cut < 0 ? source : source.slice(0, cut);
}

/** A Kinesis record exactly as Lambda delivers it (Lambda Developer Guide: "Using AWS Lambda with Amazon Kinesis", example event). */
export interface KinesisEventRecord {
  kinesis: {
    kinesisSchemaVersion: "1.0";
    partitionKey: string;
    sequenceNumber: string;
    data: string;
    approximateArrivalTimestamp: number;
  };
  eventSource: "aws:kinesis";
  eventVersion: "1.0";
  eventID: string;
  eventName: "aws:kinesis:record";
  invokeIdentityArn: string;
  awsRegion: string;
  eventSourceARN: string;
}

interface Item {
  record: StreamPortRecord;
  event: KinesisEventRecord;
  /** When the poller read it: a batching window runs from the first record read. */
  readAt: number;
}

/** One of a shard's ParallelizationFactor lanes: records of the same partition key always share a lane, in order. */
interface Lane {
  queue: Item[];
  busy: boolean;
  attempts: number;
  /** Throttled invocations of the batch at the head, for the backoff between them. */
  throttles: number;
  /** After BisectBatchOnFunctionError split a failing batch: the size of the next batch. */
  limit: number | undefined;
  windowStart: number | undefined;
  state: unknown;
}

interface ShardWork {
  id: string;
  cursor: string | undefined;
  ended: boolean;
  done: boolean;
  lanes: Lane[];
  reading: boolean;
  lastRead: number;
}

/**
 * The Kinesis poller of one mapping. Each shard is read once per second from its checkpoint; its records are dealt
 * to ParallelizationFactor lanes by partition key; each lane invokes the function with batches of up to BatchSize
 * records (waiting up to MaximumBatchingWindowInSeconds to fill one) and moves on only when the batch succeeds, is
 * bisected away, or is discarded after MaximumRetryAttempts or MaximumRecordAgeInSeconds (then the OnFailure
 * destination gets the batch's description). A failing batch therefore blocks its lane, as in AWS. Children of a
 * closed shard start once all of its parents have been read to their ends and fully processed.
 */
export function createKinesisPoller(ctx: SimContext, host: PollerHost): EventSourcePoller {
  let enabled = false;
  let stopped = false;
  const first = host.settings();
  const sourceArn = first.eventSourceArn;
  const streamArn = streamArnOf(sourceArn);
  const shards = new Map<string, ShardWork>();
  const label = (job: string): string => `lambda:esm ${host.settings().uuid} ${job}`;
  const active = (): boolean => enabled && !stopped;
  const port = (): StreamPort | undefined => ctx.registry.resolve("stream", streamArn)?.port;
  const stream = (): NonNullable<PollerSettings["stream"]> => host.settings().stream as NonNullable<PollerSettings["stream"]>;
  let discovered = false;

  /** Resolves after ms of virtual time: a foreground task, since records are waiting when this is used. */
  function pause(ms: number, job: string, background = false): Promise<void> {
    return new Promise((resolve) => {
      ctx.scheduler.after(ms, () => resolve(), { label: label(job), background });
    });
  }

  /** Starts every shard whose parents are done (or not known any more); called at start and when a shard finishes. */
  function discover(): void {
    if (!active()) return;
    const source = port();
    if (source === undefined || !source.readable()) {
      host.report("PROBLEM: Stream not found");
      void pause(POLL_INTERVAL_MS, "discover", true).then(discover);
      return;
    }
    const list = source.shards();
    const known = new Set(list.map((shard) => shard.ShardId));
    const settings = stream();
    for (const shard of list) {
      if (shards.has(shard.ShardId)) continue;
      const initial = !discovered;
      // LATEST at mapping creation: closed shards hold nothing new, so they count as done at once.
      if (initial && settings.startingPosition === "LATEST" && !shard.open) {
        shards.set(shard.ShardId, newWork(shard.ShardId, undefined, true));
        continue;
      }
      const parents = [shard.ParentShardId, shard.AdjacentParentShardId].filter((id): id is string => id !== undefined && known.has(id));
      if (!parents.every((id) => shards.get(id)?.done === true)) continue;
      const fromParent = parents.length > 0 && !initial;
      const start: StreamStartPosition = fromParent
        ? { type: "TRIM_HORIZON" }
        : settings.startingPosition === "AT_TIMESTAMP"
          ? { type: "AT_TIMESTAMP", timestamp: settings.startingPositionTimestamp as number }
          : { type: settings.startingPosition === "LATEST" ? "LATEST" : "TRIM_HORIZON" };
      const cursor = source.position(shard.ShardId, start);
      const work = newWork(shard.ShardId, cursor, false);
      shards.set(shard.ShardId, work);
      void read(work);
    }
    if (!discovered) {
      discovered = true;
      // Parents of shards that were pending may have been marked done just now (LATEST): look once more.
      if ([...shards.values()].some((work) => work.done)) discover();
    }
  }

  function newWork(id: string, cursor: string | undefined, done: boolean): ShardWork {
    const lanes: Lane[] = Array.from({ length: 10 }, () => ({ queue: [], busy: false, attempts: 0, throttles: 0, limit: undefined, windowStart: undefined, state: {} }));
    return { id, cursor, ended: done, done, lanes, reading: false, lastRead: -Infinity };
  }

  function laneOf(work: ShardWork, partitionKey: string): Lane {
    const factor = stream().parallelizationFactor;
    if (factor === 1) return work.lanes[0] as Lane;
    const digest = createHash("md5").update(partitionKey, "utf8").digest();
    return work.lanes[digest.readUInt32BE(12) % factor] as Lane;
  }

  function backlog(work: ShardWork): number {
    return work.lanes.reduce((sum, lane) => sum + lane.queue.length, 0);
  }

  /** The shard's reader: once per second at most, while lanes are not overfull; waits for records when caught up. */
  async function read(work: ShardWork): Promise<void> {
    if (work.reading) return;
    work.reading = true;
    try {
      while (active() && !work.ended) {
        const source = port();
        if (source === undefined) return;
        const settings = host.settings();
        if (backlog(work) >= settings.batchSize * stream().parallelizationFactor * 2) {
          await pause(POLL_INTERVAL_MS, `${work.id} backpressure`);
          continue;
        }
        const wait = work.lastRead + POLL_INTERVAL_MS - ctx.clock.now();
        // A read happens on a task even when due now, so puts made at this instant all land in one read.
        await pause(Math.max(0, wait), `${work.id} poll`);
        if (!active()) return;
        work.lastRead = ctx.clock.now();
        const result = source.read(work.id, work.cursor as string, STREAM_BATCH_MAX);
        if (result === undefined) return;
        work.cursor = result.next;
        for (const record of result.records) {
          const item: Item = { record, event: toEvent(record, work.id, settings), readAt: work.lastRead };
          if (settings.filters.length > 0 && !passesFilters(settings.filters, filterView(item.event))) {
            ctx.trace.record("lambda.esm.filtered", { uuid: settings.uuid, eventSourceArn: sourceArn, messageId: item.event.eventID });
            continue;
          }
          laneOf(work, record.partitionKey).queue.push(item);
        }
        if (result.next === undefined) work.ended = true;
        for (const lane of work.lanes) if (lane.queue.length > 0 || lane.windowStart !== undefined) void runLane(work, lane);
        if (result.records.length === 0 && !work.ended) await source.changed(work.id);
      }
    } finally {
      work.reading = false;
      finishIfDone(work);
    }
  }

  function finishIfDone(work: ShardWork): void {
    if (work.done || !work.ended || work.lanes.some((lane) => lane.busy || lane.queue.length > 0 || lane.windowStart !== undefined)) return;
    work.done = true;
    discover();
  }

  /** A lane's batches, one at a time, in order. */
  async function runLane(work: ShardWork, lane: Lane): Promise<void> {
    if (lane.busy) return;
    lane.busy = true;
    try {
      while (active()) {
        const settings = host.settings();
        const streamSettings = stream();
        const tumbling = streamSettings.tumblingWindowInSeconds * 1000;
        if (tumbling > 0 && lane.windowStart !== undefined) {
          const windowEnd = lane.windowStart + tumbling;
          const next = lane.queue[0];
          if (next === undefined || next.record.approximateArrivalTimestamp >= windowEnd) {
            if (ctx.clock.now() < windowEnd) {
              if (next === undefined && work.ended) {
                await finalWindow(work, lane, true);
                continue;
              }
              await pause(windowEnd - ctx.clock.now(), `${work.id} tumbling window`);
              continue;
            }
            await finalWindow(work, lane, false);
            continue;
          }
        }
        if (lane.queue.length === 0) return;
        // MaximumBatchingWindowInSeconds: wait from the first record for a full batch (AWS also cuts at 6 MB).
        if (settings.batchingWindowMs > 0 && lane.queue.length < settings.batchSize && lane.attempts === 0 && !work.ended) {
          const due = (lane.queue[0] as Item).readAt + settings.batchingWindowMs;
          if (ctx.clock.now() < due) {
            await pause(due - ctx.clock.now(), `${work.id} batching window`);
            continue;
          }
        }
        let batch = takeBatch(lane, settings.batchSize, tumbling);
        if (tumbling > 0 && lane.windowStart === undefined) {
          lane.windowStart = Math.floor((batch[0] as Item).record.approximateArrivalTimestamp / tumbling) * tumbling;
        }
        const outcome = await attempt(work, lane, batch);
        if (outcome === "stopped") return;
        if (outcome === "throttled") {
          // Throttles do not use up retry attempts; the records wait until they pass their maximum age or expire.
          if (tooOldToRetry(batch)) {
            lane.queue.splice(0, batch.length);
            lane.limit = undefined;
            await discard(work, batch, "RecordAgeExceeded", undefined);
            continue;
          }
          lane.throttles++;
          lane.limit = batch.length;
          await pause(retryDelay(lane.throttles), `${work.id} throttled`);
          continue;
        }
        lane.throttles = 0;
        if (outcome === "ok") {
          lane.queue.splice(0, batch.length);
          lane.attempts = 0;
          continue;
        }
        // ReportBatchItemFailures: the records before the first failed one are checkpointed. With bisection on, that
        // checkpoint is the split ("bisected at the returned sequence number"): the rest is retried whole, not halved.
        const splitAtFailure = typeof outcome === "number" && outcome > 0;
        if (typeof outcome === "number") {
          lane.queue.splice(0, outcome);
          batch = batch.slice(outcome);
        }
        lane.attempts++;
        const tooOld = tooOldToRetry(batch);
        const exhausted = streamSettings.maximumRetryAttempts !== -1 && lane.attempts > streamSettings.maximumRetryAttempts;
        if (streamSettings.bisectBatchOnFunctionError && batch.length > 1 && !tooOld && !splitAtFailure) {
          // Splitting does not use up retry attempts (Lambda Developer Guide: "Kinesis error handling").
          lane.attempts--;
          lane.limit = Math.ceil(batch.length / 2);
          await pause(RETRY_DELAY_MS, `${work.id} retry`);
          continue;
        }
        if (tooOld || exhausted) {
          const count = batch.length;
          lane.queue.splice(0, count);
          lane.attempts = 0;
          lane.limit = undefined;
          await discard(work, batch, tooOld ? "RecordAgeExceeded" : "RetryAttemptsExhausted", typeof outcome === "object" ? outcome : undefined);
          continue;
        }
        // The same batch is retried: records read since do not join it.
        lane.limit = batch.length;
        await pause(retryDelay(lane.attempts), `${work.id} retry`);
      }
    } finally {
      lane.busy = false;
      if (active()) finishIfDone(work);
    }
  }

  /**
   * A batch is retried until its oldest record passes MaximumRecordAgeInSeconds or leaves the stream's retention
   * period ("-1 means infinite: Lambda doesn't discard records (Kinesis Data Streams data retention settings still
   * apply)").
   */
  function tooOldToRetry(batch: readonly Item[]): boolean {
    const age = ctx.clock.now() - (batch[0] as Item).record.approximateArrivalTimestamp;
    const max = stream().maximumRecordAgeInSeconds;
    if (max !== -1 && age > max * 1000) return true;
    const retention = port()?.retentionHours();
    return retention !== undefined && age >= retention * 3_600_000;
  }

  /** Up to BatchSize records (or the bisected limit) from the lane's head, all within one tumbling window. */
  function takeBatch(lane: Lane, batchSize: number, tumbling: number): Item[] {
    const max = Math.min(batchSize, lane.limit ?? batchSize);
    let batch = lane.queue.slice(0, max);
    if (tumbling > 0) {
      const start = lane.windowStart ?? Math.floor((batch[0] as Item).record.approximateArrivalTimestamp / tumbling) * tumbling;
      batch = batch.filter((item) => item.record.approximateArrivalTimestamp < start + tumbling);
    }
    return batch;
  }

  type Attempt = "ok" | "stopped" | number | { functionError: string | undefined; requestId: string; executedVersion: string; statusCode: number } | "throttled";

  async function attempt(work: ShardWork, lane: Lane, batch: Item[]): Promise<Attempt> {
    const settings = host.settings();
    const tumbling = stream().tumblingWindowInSeconds * 1000;
    const event: Record<string, unknown> = { Records: batch.map((item) => item.event) };
    if (tumbling > 0) Object.assign(event, windowFields(work, lane, tumbling, false, false));
    // Kinesis records carry no lineage: AWS's recursive loop detection covers SQS, SNS and Lambda only.
    const result = await host.invoke(event as { Records: unknown[] }, []);
    if (!active()) return "stopped";
    if (result.kind === "recursion-stopped") throw new Error("unreachable: a batch without lineage was stopped as recursive");
    if (result.kind === "throttled") {
      fail(settings, batch.length, "throttled", "the function's concurrency is exhausted");
      // Throttles are retried without using up retry attempts, until the records expire or pass their maximum age.
      return "throttled";
    }
    const { outcome } = result;
    const failure = { functionError: outcome.functionError, requestId: outcome.requestId, executedVersion: outcome.executedVersion, statusCode: 200 };
    if (outcome.functionError !== undefined) {
      const why = outcome.timedOut ? "the function timed out" : `the function failed: ${outcome.errorType ?? "Error"}${outcome.errorMessage === undefined ? "" : `: ${outcome.errorMessage}`}`;
      fail(settings, batch.length, "failure", why);
      return failure;
    }
    let response: unknown;
    try {
      response = outcome.payload === "" ? null : (JSON.parse(outcome.payload) as unknown);
    } catch {
      response = null;
    }
    if (tumbling > 0 && response !== null && typeof response === "object" && "state" in response) lane.state = (response as { state: unknown }).state;
    if (settings.reportBatchItemFailures) {
      const failedAt = firstFailure(response, batch);
      if (typeof failedAt === "object") {
        fail(settings, batch.length, "failure", `invalid partial batch response: ${failedAt.all}`);
        return failure;
      }
      if (failedAt !== undefined) {
        trace(settings, batch.length, "partial");
        host.report("OK");
        return failedAt === 0 ? failure : failedAt;
      }
    }
    trace(settings, batch.length, "success");
    host.report("OK");
    lane.limit = undefined;
    return "ok";
  }

  async function finalWindow(work: ShardWork, lane: Lane, early: boolean): Promise<void> {
    const tumbling = stream().tumblingWindowInSeconds * 1000;
    const event = { Records: [], ...windowFields(work, lane, tumbling, true, early) };
    await host.invoke(event, []);
    lane.windowStart = undefined;
    lane.state = {};
  }

  function windowFields(work: ShardWork, lane: Lane, tumbling: number, final: boolean, early: boolean): Record<string, unknown> {
    const start = lane.windowStart as number;
    return {
      window: { start: new Date(start).toISOString(), end: new Date(start + tumbling).toISOString() },
      state: lane.state ?? {},
      shardId: work.id,
      eventSourceARN: sourceArn,
      isFinalInvokeForWindow: final,
      isWindowTerminatedEarly: early,
    };
  }

  /** Sends the discarded batch's description to the OnFailure destination (Lambda Developer Guide: "Kinesis error handling"). */
  async function discard(work: ShardWork, batch: Item[], condition: "RetryAttemptsExhausted" | "RecordAgeExceeded", failure: { functionError: string | undefined; requestId: string; executedVersion: string; statusCode: number } | undefined): Promise<void> {
    const settings = host.settings();
    const destination = stream().onFailure;
    const firstRecord = (batch[0] as Item).record;
    const lastRecord = (batch[batch.length - 1] as Item).record;
    ctx.trace.record("lambda.esm.batch", { uuid: settings.uuid, functionName: settings.functionName, eventSourceArn: sourceArn, size: batch.length, outcome: "failure" });
    if (destination === undefined) return;
    const record = {
      requestContext: {
        requestId: failure?.requestId || ctx.ids.uuid("lambda.requests"),
        functionArn: settings.functionArn ?? "",
        condition,
        approximateInvokeCount: 1 + Math.max(0, stream().maximumRetryAttempts),
      },
      responseContext: {
        statusCode: failure?.statusCode ?? 200,
        executedVersion: failure?.executedVersion ?? "$LATEST",
        ...(failure?.functionError === undefined ? {} : { functionError: failure.functionError }),
      },
      version: "1.0",
      timestamp: new Date(ctx.clock.now()).toISOString(),
      KinesisBatchInfo: {
        shardId: work.id,
        startSequenceNumber: firstRecord.sequenceNumber,
        endSequenceNumber: lastRecord.sequenceNumber,
        approximateArrivalOfFirstRecord: new Date(firstRecord.approximateArrivalTimestamp).toISOString(),
        approximateArrivalOfLastRecord: new Date(lastRecord.approximateArrivalTimestamp).toISOString(),
        batchSize: batch.length,
        streamArn,
      },
    };
    const body = JSON.stringify(record);
    const caller = { principal: "lambda.amazonaws.com", sourceArn: settings.functionArn ?? "" };
    try {
      const service = parseArn(destination)?.service;
      if (service === "sqs") {
        const queue = ctx.registry.resolve("queue", destination)?.port;
        if (queue === undefined) throw new Error("the queue does not exist");
        queue.send({ MessageBody: body }, caller);
      } else if (service === "sns") {
        const topic = ctx.registry.resolve("topic", destination)?.port;
        if (topic === undefined) throw new Error("the topic does not exist");
        await topic.publish({ Message: body }, caller);
      } else {
        throw new Error("S3 is not simulated: the record is not stored");
      }
      ctx.trace.record("lambda.destination.delivered", { functionName: settings.functionName, requestId: record.requestContext.requestId, destination, condition });
    } catch (error) {
      ctx.trace.record("lambda.destination.dropped", { functionName: settings.functionName, requestId: record.requestContext.requestId, destination, error: error instanceof Error ? error.message : String(error) });
    }
  }

  function trace(settings: PollerSettings, size: number, outcome: "success" | "partial" | "failure" | "throttled", reason?: string): void {
    ctx.trace.record("lambda.esm.batch", { uuid: settings.uuid, functionName: settings.functionName, eventSourceArn: sourceArn, size, outcome, ...(reason === undefined ? {} : { reason }) });
  }

  /** A failed batch: its reason goes to the trace and, as a log line, to the function's logs (as for SQS mappings). */
  function fail(settings: PollerSettings, size: number, outcome: "failure" | "throttled", reason: string): void {
    trace(settings, size, outcome, reason);
    host.report("PROBLEM: Function call failed", { size, reason });
  }

  function toEvent(record: StreamPortRecord, shardId: string, settings: PollerSettings): KinesisEventRecord {
    return {
      kinesis: {
        kinesisSchemaVersion: "1.0",
        partitionKey: record.partitionKey,
        sequenceNumber: record.sequenceNumber,
        data: Buffer.from(record.data).toString("base64"),
        approximateArrivalTimestamp: record.approximateArrivalTimestamp / 1000,
      },
      eventSource: "aws:kinesis",
      eventVersion: "1.0",
      eventID: `${shardId}:${record.sequenceNumber}`,
      eventName: "aws:kinesis:record",
      invokeIdentityArn: settings.functionRole ?? `arn:aws:iam::${ctx.accountId}:role/lambda-role`,
      awsRegion: ctx.region,
      eventSourceARN: sourceArn,
    };
  }

  return {
    setEnabled(value) {
      if (stopped) return;
      const was = enabled;
      enabled = value;
      if (!value || was) return;
      if (!discovered) {
        discover();
        return;
      }
      // Re-enabled: resume every unfinished shard from its checkpoint.
      for (const work of shards.values()) {
        if (work.done) continue;
        if (!work.ended) void read(work);
        for (const lane of work.lanes) if (lane.queue.length > 0) void runLane(work, lane);
      }
      discover();
    },
    stop() {
      stopped = true;
      enabled = false;
    },
  };
}

/**
 * ReportBatchItemFailures for streams (Lambda Developer Guide: "Configuring partial batch response with Kinesis"):
 * the batch is retried from the lowest failed sequence number. Null, empty or an empty list means success; a
 * malformed entry or an unknown sequence number fails the whole batch.
 */
/** The lowest failed record's index, undefined when none failed, or why the whole batch counts as failed. */
function firstFailure(response: unknown, batch: readonly Item[]): number | { all: string } | undefined {
  if (response === null || typeof response !== "object") return undefined;
  const list = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) return { all: "batchItemFailures is not a list" };
  if (list.length === 0) return undefined;
  let lowest: number | undefined;
  for (const entry of list as unknown[]) {
    const id = entry !== null && typeof entry === "object" ? (entry as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== "string" || id === "") return { all: "an entry has no itemIdentifier" };
    const index = batch.findIndex((item) => item.record.sequenceNumber === id);
    if (index < 0) return { all: `unknown itemIdentifier ${JSON.stringify(id)}` };
    lowest = lowest === undefined ? index : Math.min(lowest, index);
  }
  return lowest;
}

/** Filters match the `kinesis` object with `data` decoded and parsed when it is JSON (Lambda Developer Guide: "Lambda event filtering"). */
function filterView(event: KinesisEventRecord): object {
  const text = Buffer.from(event.kinesis.data, "base64").toString("utf8");
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed !== null && typeof parsed === "object") return { ...event.kinesis, data: parsed };
  } catch {
    // Not JSON: the data is matched as a string.
  }
  return { ...event.kinesis, data: text };
}
