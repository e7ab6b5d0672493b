/**
 * EventBridge Pipes (`cloud.pipes`): source → filter → enrichment → target ("Amazon EventBridge Pipes").
 * Sources: SQS queues (a background long poll, batches of BatchSize within MaximumBatchingWindowInSeconds) and
 * Kinesis streams (each shard read through the `stream` port from KinesisStreamParameters.StartingPosition, a child
 * shard only once its parents are read, batches gathered within MaximumBatchingWindowInSeconds; a failed batch holds
 * its shard, retried as itself with back-off, bisected, or discarded to the DeadLetterConfig after MaximumRetryAttempts
 * or MaximumRecordAgeInSeconds). FilterCriteria uses the shared EventBridge pattern engine on each record
 * (a JSON body is matched as data, as Pipes documents); records that match no filter are deleted. Enrichment:
 * a Lambda function invoked synchronously, or a Step Functions state machine (started through its port), after
 * EnrichmentParameters.InputTemplate; the target gets the enrichment's answer, or the records, after
 * TargetParameters.InputTemplate. Messages are deleted once the target accepted the batch; on failure they return
 * to the queue after its visibility timeout, as with any SQS consumer.
 */
import type { TaskHandle } from "@simcloud/clock";
import { compileFilter, parseArn, type CompiledFilter, type PortCaller, type QueueMessage, type QueuePort, type SimContext, type StreamPort, type StreamPortRecord, type StreamReadResult, type StreamStartPosition } from "@simcloud/core";
import { pipesErrors as errors } from "./errors";
import type * as S from "./pipes-shapes";
import { sendToTarget, type TargetHandler } from "./targets";
import { page, validateTags } from "./validate";
import "./trace";

export interface PipesService {
  createPipe(input: S.CreatePipeInput): Promise<S.PipeStateOutput>;
  describePipe(input: S.PipeNameInput): Promise<S.DescribePipeOutput>;
  updatePipe(input: S.UpdatePipeInput): Promise<S.PipeStateOutput>;
  deletePipe(input: S.PipeNameInput): Promise<S.DeletePipeOutput>;
  listPipes(input?: S.ListPipesInput): Promise<S.ListPipesOutput>;
  startPipe(input: S.PipeNameInput): Promise<S.PipeStateOutput>;
  stopPipe(input: S.PipeNameInput): Promise<S.PipeStateOutput>;
  tagResource(input: S.PipesTagResourceInput): Promise<Record<string, never>>;
  untagResource(input: S.PipesUntagResourceInput): Promise<Record<string, never>>;
  listTagsForResource(input: S.PipesListTagsInput): Promise<{ tags?: Record<string, string> }>;
  /** Simulator-only: routes a target or enrichment ARN (e.g. an API destination) to `handler`. */
  registerTargetHandler(arn: string, handler: TargetHandler): () => void;
}

interface PipeRecord {
  readonly name: string;
  readonly arn: string;
  readonly createdAt: number;
  modifiedAt: number;
  spec: S.CreatePipeInput;
  filters: CompiledFilter<"eventbridge">[];
  running: boolean;
  /** Bumped on every stop/update: a poll loop of an older generation ends. */
  generation: number;
  readonly tags: Map<string, string>;
}

const NAME = /^[\.\-_A-Za-z0-9]+$/;
const WAIT_SECONDS = 20;

export function createPipesService(ctx: SimContext): PipesService {
  const pipes = new Map<string, PipeRecord>();
  const handlers = new Map<string, TargetHandler>();

  const pipeFor = (name: unknown): PipeRecord => {
    const pipe = typeof name === "string" ? pipes.get(name) : undefined;
    if (pipe === undefined) throw errors.NotFoundException(`Pipe ${String(name)} does not exist.`);
    return pipe;
  };

  const stateOf = (pipe: PipeRecord): S.PipeStateOutput => ({
    Arn: pipe.arn,
    Name: pipe.name,
    // CreatePipe and UpdatePipe accept RUNNING and STOPPED only (validate).
    DesiredState: (pipe.spec.DesiredState ?? "RUNNING") as S.RequestedPipeState,
    CurrentState: pipe.running ? "RUNNING" : "STOPPED",
    CreationTime: new Date(pipe.createdAt),
    LastModifiedTime: new Date(pipe.modifiedAt),
  });

  function validate(input: S.CreatePipeInput): CompiledFilter<"eventbridge">[] {
    if (typeof input.Name !== "string" || !NAME.test(input.Name) || input.Name.length > 64) {
      throw errors.ValidationException(`1 validation error detected: Value '${String(input.Name)}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`);
    }
    if (typeof input.RoleArn !== "string") throw errors.ValidationException("RoleArn is required.");
    const source = parseArn(input.Source ?? "")?.service;
    if (source !== "sqs" && source !== "kinesis") throw errors.ValidationException(`Source ${String(input.Source)} is not a supported source (SQS queues, Kinesis streams).`);
    if (typeof input.Target !== "string" || parseArn(input.Target) === undefined) throw errors.ValidationException(`Target ${String(input.Target)} is not valid.`);
    const kinesis = kinesisParameters(input);
    if (source === "kinesis" && !STARTING_POSITIONS.has(String(kinesis?.StartingPosition))) {
      throw errors.ValidationException("KinesisStreamParameters.StartingPosition must be one of TRIM_HORIZON, LATEST, AT_TIMESTAMP.");
    }
    const sqs = source === "kinesis" ? kinesis : input.SourceParameters?.SqsQueueParameters;
    const batch = sqs?.BatchSize ?? (source === "kinesis" ? 100 : 10);
    const window = sqs?.MaximumBatchingWindowInSeconds ?? 0;
    if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw errors.ValidationException("BatchSize must be between 1 and 10000.");
    if (!Number.isInteger(window) || window < 0 || window > 300) throw errors.ValidationException("MaximumBatchingWindowInSeconds must be between 0 and 300.");
    if (source === "sqs" && batch > 10 && window === 0) throw errors.ValidationException("MaximumBatchingWindowInSeconds must be at least 1 when BatchSize is greater than 10.");
    if (source === "kinesis") validateStreamErrorHandling(kinesis);
    if (input.DesiredState !== undefined && input.DesiredState !== "RUNNING" && input.DesiredState !== "STOPPED") throw errors.ValidationException(`Invalid DesiredState ${input.DesiredState}.`);
    return (input.SourceParameters?.FilterCriteria?.Filters ?? []).map((filter) => {
      try {
        return compileFilter(filter.Pattern ?? "", "eventbridge");
      } catch (error) {
        throw errors.ValidationException(error instanceof Error ? error.message : String(error));
      }
    });
  }

  function start(pipe: PipeRecord): void {
    pipe.generation++;
    pipe.running = (pipe.spec.DesiredState ?? "RUNNING") === "RUNNING";
    ctx.trace.record("pipes.pipe.state", { pipeArn: pipe.arn, state: pipe.running ? "RUNNING" : "STOPPED" });
    if (pipe.running) void (parseArn(pipe.spec.Source ?? "")?.service === "kinesis" ? pollStream(pipe, pipe.generation) : poll(pipe, pipe.generation));
  }

  function stop(pipe: PipeRecord): void {
    pipe.generation++;
    pipe.running = false;
    ctx.trace.record("pipes.pipe.state", { pipeArn: pipe.arn, state: "STOPPED" });
  }

  const caller = (pipe: PipeRecord): PortCaller => ({ principal: "pipes.amazonaws.com", sourceArn: pipe.arn });

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      ctx.scheduler.after(ms, () => resolve(), { label: "pipes retry", background: true });
    });
  }

  async function poll(pipe: PipeRecord, generation: number): Promise<void> {
    const live = () => pipe.running && pipe.generation === generation && pipes.get(pipe.name) === pipe;
    while (live()) {
      const port = ctx.registry.resolve("queue", pipe.spec.Source as string)?.port;
      if (port === undefined) {
        await pause(WAIT_SECONDS * 1000);
        continue;
      }
      const before = ctx.scheduler.now();
      const messages = await gather(port, pipe, live);
      if (!live()) {
        for (const message of messages) safe(() => port.changeVisibility(message.ReceiptHandle, 0));
        return;
      }
      if (messages.length === 0) {
        if (ctx.scheduler.now() === before) await pause(1000);
        continue;
      }
      await deliver(pipe, port, messages);
    }
  }

  async function gather(port: QueuePort, pipe: PipeRecord, live: () => boolean): Promise<QueueMessage[]> {
    const sqs = pipe.spec.SourceParameters?.SqsQueueParameters;
    const batchSize = sqs?.BatchSize ?? 10;
    const windowMs = (sqs?.MaximumBatchingWindowInSeconds ?? 0) * 1000;
    const receive = (max: number, wait: number) =>
      port.receive({ MaxNumberOfMessages: Math.min(10, max), WaitTimeSeconds: wait, MessageSystemAttributeNames: ["All"], MessageAttributeNames: ["All"] }, caller(pipe), { background: true });
    const batch = await receive(batchSize, WAIT_SECONDS);
    if (batch.length === 0 || windowMs === 0 || batch.length >= batchSize) return batch;
    const deadline = ctx.scheduler.now() + windowMs;
    const windowEnd: TaskHandle = ctx.scheduler.at(deadline, () => undefined, { label: `pipes:${pipe.name} batching window` });
    try {
      while (batch.length < batchSize && live()) {
        const remaining = deadline - ctx.scheduler.now();
        if (remaining < 1000) break;
        batch.push(...(await receive(batchSize - batch.length, Math.min(WAIT_SECONDS, Math.floor(remaining / 1000)))));
      }
    } finally {
      windowEnd.cancel();
    }
    return batch;
  }

  async function deliver(pipe: PipeRecord, port: QueuePort, messages: QueueMessage[]): Promise<void> {
    const sourceArn = pipe.spec.Source as string;
    const kept: { message: QueueMessage; record: Record<string, unknown> }[] = [];
    for (const message of messages) {
      const record = toRecord(message, sourceArn, ctx.region);
      if (pipe.filters.length > 0 && !pipe.filters.some((filter) => filter.matches(filterView(record)))) {
        safe(() => port.deleteMessage(message.ReceiptHandle));
        continue;
      }
      kept.push({ message, record });
    }
    if (kept.length === 0) return;
    // On failure the messages stay in flight and return after the queue's visibility timeout.
    if (await forward(pipe, kept.map((item) => item.record))) for (const item of kept) safe(() => port.deleteMessage(item.message.ReceiptHandle));
  }

  /** Enrichment and target for the records that passed the filters; false (traced) when the batch failed. */
  async function forward(pipe: PipeRecord, records: Record<string, unknown>[]): Promise<boolean> {
    try {
      let events: unknown[] = records;
      const enrichment = pipe.spec.Enrichment;
      if (enrichment !== undefined) {
        const template = pipe.spec.EnrichmentParameters?.InputTemplate;
        const input = template === undefined ? events : events.map((event) => JSON.parse(fillTemplate(template, event, pipe)) as unknown);
        events = await enrich(pipe, enrichment, input);
      }
      await sendBatch(pipe, events);
      ctx.trace.record("pipes.batch.delivered", { pipeArn: pipe.arn, records: records.length });
      return true;
    } catch (error) {
      ctx.trace.record("pipes.batch.failed", { pipeArn: pipe.arn, records: records.length, error: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }

  /** A Kinesis source: every shard read in order, children after their parents. */
  async function pollStream(pipe: PipeRecord, generation: number): Promise<void> {
    const live = () => pipe.running && pipe.generation === generation && pipes.get(pipe.name) === pipe;
    const source = pipe.spec.Source as string;
    let port: StreamPort | undefined;
    while (live() && (port = ctx.registry.resolve("stream", source)?.port) === undefined) await pause(WAIT_SECONDS * 1000);
    if (port === undefined || !live()) return;
    const stream = port;
    const parameters = kinesisParameters(pipe.spec);
    const first: StreamStartPosition =
      parameters?.StartingPosition === "AT_TIMESTAMP"
        ? { type: "AT_TIMESTAMP", timestamp: new Date(parameters.StartingPositionTimestamp ?? 0).getTime() }
        : { type: parameters?.StartingPosition === "LATEST" ? "LATEST" : "TRIM_HORIZON" };
    const started = new Set<string>();
    const finished = new Set<string>();
    const scan = (start: StreamStartPosition): void => {
      const shards = stream.shards();
      const known = new Set(shards.map((shard) => shard.ShardId));
      for (const shard of shards) {
        if (started.has(shard.ShardId)) continue;
        const parents = [shard.ParentShardId, shard.AdjacentParentShardId].filter((id): id is string => id !== undefined && known.has(id));
        if (!parents.every((id) => finished.has(id))) continue;
        started.add(shard.ShardId);
        void readShard(pipe, stream, shard.ShardId, start, parameters?.BatchSize ?? 100, live).then(() => {
          finished.add(shard.ShardId);
          if (live()) scan({ type: "TRIM_HORIZON" });
        });
      }
    };
    scan(first);
  }

  /**
   * One shard's reader ("Amazon Kinesis stream as a source"): a failing batch holds the shard until it succeeds, is
   * bisected away (OnPartialBatchItemFailure AUTOMATIC_BISECT, which uses up no retry attempt), or is discarded once
   * MaximumRetryAttempts or MaximumRecordAgeInSeconds is passed (then DeadLetterConfig gets the batch's description).
   */
  async function readShard(pipe: PipeRecord, port: StreamPort, shardId: string, start: StreamStartPosition, batchSize: number, live: () => boolean): Promise<void> {
    const parameters = kinesisParameters(pipe.spec);
    const windowMs = (parameters?.MaximumBatchingWindowInSeconds ?? 0) * 1000;
    let cursor = port.position(shardId, start);
    let attempts = 0;
    let limit = batchSize;
    // A failed batch is retried as itself (or its first half): its size is the next read's limit, with no window.
    let retrying = false;
    while (cursor !== undefined && live()) {
      let result = port.read(shardId, cursor, limit);
      if (result === undefined) return;
      if (result.records.length === 0) {
        cursor = result.next;
        if (cursor !== undefined) await port.changed(shardId);
        continue;
      }
      if (windowMs > 0 && result.records.length < limit && result.next !== undefined && !retrying) {
        result = await fill(pipe, port, shardId, cursor, limit, windowMs, live);
        if (result === undefined) return;
        if (!live()) return;
      }
      const read = result.records;
      const records = read.map((record) => kinesisRecord(record, shardId, pipe.spec.Source as string, ctx.region));
      const kept = pipe.filters.length === 0 ? records : records.filter((record) => pipe.filters.some((filter) => filter.matches(filterView(record))));
      if (kept.length === 0 || (await forward(pipe, kept))) {
        cursor = result.next;
        attempts = 0;
        limit = batchSize;
        retrying = false;
        continue;
      }
      if (!live()) return;
      retrying = true;
      const tooOld = tooOldToRetry(port, parameters, read);
      if (parameters?.OnPartialBatchItemFailure === "AUTOMATIC_BISECT" && read.length > 1 && !tooOld) {
        // Splitting uses up no retry attempt; the first half is retried at once.
        limit = Math.ceil(read.length / 2);
        await pause(1000);
        continue;
      }
      attempts++;
      const maxAttempts = parameters?.MaximumRetryAttempts ?? -1;
      if (tooOld || (maxAttempts !== -1 && attempts > maxAttempts)) {
        await discard(pipe, shardId, read, tooOld ? "RecordAgeExceeded" : "RetryAttemptsExhausted");
        cursor = result.next;
        attempts = 0;
        limit = batchSize;
        retrying = false;
        continue;
      }
      // The batch is retried as itself: the shard's order holds.
      limit = read.length;
      await pause(Math.min(60_000, 1000 * 2 ** Math.min(attempts - 1, 16)));
    }
  }

  /** The batching window: reads on from `cursor` until `limit` records are there or the window closes. */
  async function fill(pipe: PipeRecord, port: StreamPort, shardId: string, cursor: string, limit: number, windowMs: number, live: () => boolean): Promise<StreamReadResult | undefined> {
    let closed = false;
    let wake: () => void = () => undefined;
    const windowClosed = new Promise<void>((resolve) => (wake = resolve));
    const task: TaskHandle = ctx.scheduler.after(windowMs, () => {
      closed = true;
      wake();
    }, { label: `pipes:${pipe.name} batching window` });
    try {
      for (;;) {
        const result = port.read(shardId, cursor, limit);
        if (result === undefined || closed || !live() || result.records.length >= limit || result.next === undefined) return result;
        await Promise.race([port.changed(shardId), windowClosed]);
      }
    } finally {
      task.cancel();
    }
  }

  /** Retries end when the oldest record passes MaximumRecordAgeInSeconds or leaves the stream's retention. */
  function tooOldToRetry(port: StreamPort, parameters: KinesisSourceParameters | undefined, batch: readonly StreamPortRecord[]): boolean {
    const age = ctx.scheduler.now() - (batch[0] as StreamPortRecord).approximateArrivalTimestamp;
    const max = parameters?.MaximumRecordAgeInSeconds ?? -1;
    if (max !== -1 && age > max * 1000) return true;
    return age >= port.retentionHours() * 3_600_000;
  }

  /**
   * The discarded batch's description to the DeadLetterConfig queue or topic ("Amazon EventBridge Pipes error
   * handling"); the shape is the one a real Pipes DLQ message has (context, version, timestamp, KinesisBatchInfo).
   */
  async function discard(pipe: PipeRecord, shardId: string, batch: readonly StreamPortRecord[], condition: "RetryAttemptsExhausted" | "RecordAgeExceeded"): Promise<void> {
    const destination = kinesisParameters(pipe.spec)?.DeadLetterConfig?.Arn;
    ctx.trace.record("pipes.batch.discarded", { pipeArn: pipe.arn, shardId, records: batch.length, condition, ...(destination === undefined ? {} : { deadLetterArn: destination }) });
    if (destination === undefined) return;
    const first = batch[0] as StreamPortRecord;
    const last = batch[batch.length - 1] as StreamPortRecord;
    const body = JSON.stringify({
      context: { partnerResourceArn: pipe.arn, condition },
      version: "1.0",
      timestamp: new Date(ctx.scheduler.now()).toISOString(),
      KinesisBatchInfo: {
        shardId,
        startSequenceNumber: first.sequenceNumber,
        endSequenceNumber: last.sequenceNumber,
        approximateArrivalOfFirstRecord: new Date(first.approximateArrivalTimestamp).toISOString(),
        approximateArrivalOfLastRecord: new Date(last.approximateArrivalTimestamp).toISOString(),
        batchSize: batch.length,
        streamArn: pipe.spec.Source,
      },
    });
    try {
      const service = parseArn(destination)?.service;
      if (service === "sqs") {
        const queue = ctx.registry.resolve("queue", destination)?.port;
        if (queue === undefined) throw new Error("the queue does not exist");
        queue.send({ MessageBody: body }, caller(pipe));
      } else {
        const topic = ctx.registry.resolve("topic", destination)?.port;
        if (topic === undefined) throw new Error("the topic does not exist");
        await topic.publish({ Message: body }, caller(pipe));
      }
    } catch (error) {
      ctx.trace.record("pipes.deadletter.failed", { pipeArn: pipe.arn, deadLetterArn: destination, error: error instanceof Error ? error.message : String(error) });
    }
  }

  async function enrich(pipe: PipeRecord, arn: string, input: unknown[]): Promise<unknown[]> {
    const handler = handlers.get(arn);
    let answer: unknown;
    if (handler !== undefined) {
      answer = parseMaybe(String((await handler(JSON.stringify(input), { targetArn: arn, sourceArn: pipe.arn })) ?? "null"));
    } else if (parseArn(arn)?.service === "lambda") {
      const resolved = ctx.registry.resolve("function", arn);
      if (resolved === undefined) throw new Error(`Enrichment ${arn} does not exist.`);
      const out = await ctx.scheduler.waitFor(
        resolved.port.invoke({ Payload: JSON.stringify(input), InvocationType: "RequestResponse", ...(resolved.qualifier === undefined ? {} : { Qualifier: resolved.qualifier }) }, caller(pipe)),
      );
      if (out.FunctionError !== undefined) throw new Error(`Enrichment ${arn} failed: ${out.FunctionError}`);
      answer = parseMaybe(new TextDecoder().decode(out.Payload ?? new Uint8Array()));
    } else if (parseArn(arn)?.service === "states") {
      const port = ctx.registry.resolve("state-machine", arn)?.port;
      if (port === undefined) throw new Error(`Enrichment ${arn} does not exist.`);
      // Only EXPRESS workflows can enrich, run synchronously ("Event enrichment in Amazon EventBridge Pipes"): the
      // port rejects a STANDARD machine, which fails the batch like a failed run does.
      const out = await ctx.scheduler.waitFor(port.startSyncExecution({ input: JSON.stringify(input) }, caller(pipe)));
      if (out.status !== "SUCCEEDED") throw new Error(`Enrichment ${arn} ${out.status}: ${out.error ?? ""} ${out.cause ?? ""}`.trimEnd());
      answer = parseMaybe(out.output ?? "null");
    } else {
      throw new Error(`Enrichment ${arn} is not supported.`);
    }
    if (answer === null || answer === undefined) return [];
    return Array.isArray(answer) ? answer : [answer];
  }

  async function sendBatch(pipe: PipeRecord, events: unknown[]): Promise<void> {
    if (events.length === 0) return;
    const target = pipe.spec.Target as string;
    const parameters = pipe.spec.TargetParameters;
    const template = parameters?.InputTemplate;
    const render = (event: unknown) => (template === undefined ? (typeof event === "string" ? event : JSON.stringify(event)) : fillTemplate(template, event, pipe));
    const service = parseArn(target)?.service;
    const options = {
      caller: caller(pipe),
      messageGroupId: parameters?.SqsQueueParameters?.MessageGroupId,
      partitionKey: parameters?.KinesisStreamParameters?.PartitionKey,
      // Pipes invoke a Lambda target synchronously unless told FIRE_AND_FORGET ("Amazon EventBridge Pipes targets").
      lambdaInvocation: parameters?.LambdaFunctionParameters?.InvocationType === "FIRE_AND_FORGET" ? ("Event" as const) : ("RequestResponse" as const),
    };
    if (!handlers.has(target) && (service === "lambda" || service === "states")) {
      // Batch targets: one invocation with the whole batch as an array.
      const body = template === undefined ? JSON.stringify(events) : `[${events.map(render).join(",")}]`;
      await sendToTarget(ctx, handlers, target, body, options);
      return;
    }
    for (const event of events) {
      const body = render(event);
      const bus = parameters?.EventBridgeEventBusParameters;
      await sendToTarget(ctx, handlers, target, body, {
        ...options,
        deduplicationId: parameters?.SqsQueueParameters?.MessageDeduplicationId,
        busEntry: { Source: bus?.Source ?? pipe.arn, DetailType: bus?.DetailType ?? `Event from aws:${parseArn(pipe.spec.Source ?? "")?.service ?? "sqs"}`, Detail: body, Resources: bus?.Resources ?? [] },
      });
    }
  }

  return {
    async createPipe(input) {
      const filters = validate(input);
      const name = input.Name as string;
      if (pipes.has(name)) throw errors.ConflictException(`Pipe ${name} already exists.`);
      const now = ctx.scheduler.now();
      const pipe: PipeRecord = {
        name,
        arn: `arn:aws:pipes:${ctx.region}:${ctx.accountId}:pipe/${name}`,
        createdAt: now,
        modifiedAt: now,
        spec: structuredClone(input),
        filters,
        running: false,
        generation: 0,
        tags: validateTags(input.Tags, (message) => errors.ValidationException(message)),
      };
      pipes.set(name, pipe);
      start(pipe);
      return stateOf(pipe);
    },
    async describePipe(input) {
      const pipe = pipeFor(input.Name);
      const { Tags: _tags, ...spec } = pipe.spec;
      return { ...structuredClone(spec), ...stateOf(pipe), Tags: Object.fromEntries(pipe.tags) } as S.DescribePipeOutput;
    },
    async updatePipe(input) {
      const pipe = pipeFor(input.Name);
      const merged: S.CreatePipeInput = { ...pipe.spec, ...structuredClone(input), Source: pipe.spec.Source, Target: input.Target ?? pipe.spec.Target };
      const filters = validate(merged);
      pipe.spec = merged;
      pipe.filters = filters;
      pipe.modifiedAt = ctx.scheduler.now();
      stop(pipe);
      start(pipe);
      return stateOf(pipe);
    },
    async deletePipe(input) {
      const pipe = pipeFor(input.Name);
      stop(pipe);
      pipes.delete(pipe.name);
      return { ...stateOf(pipe), DesiredState: "DELETED", CurrentState: "DELETING" };
    },
    async listPipes(input = {}) {
      const all = [...pipes.values()]
        .filter(
          (pipe) =>
            (input.NamePrefix === undefined || pipe.name.startsWith(input.NamePrefix)) &&
            (input.SourcePrefix === undefined || (pipe.spec.Source ?? "").startsWith(input.SourcePrefix)) &&
            (input.TargetPrefix === undefined || (pipe.spec.Target ?? "").startsWith(input.TargetPrefix)) &&
            (input.DesiredState === undefined || (pipe.spec.DesiredState ?? "RUNNING") === input.DesiredState) &&
            (input.CurrentState === undefined || (pipe.running ? "RUNNING" : "STOPPED") === input.CurrentState),
        )
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      const scope = `pipes.listPipes:${[input.NamePrefix, input.SourcePrefix, input.TargetPrefix, input.DesiredState, input.CurrentState].join(":")}`;
      const { items, next } = page(all, input.Limit, input.NextToken, scope, (pipe) => pipe.name, (message) => errors.ValidationException(message));
      return {
        Pipes: items.map((pipe) => ({ ...stateOf(pipe), Source: pipe.spec.Source as string, Target: pipe.spec.Target as string, ...(pipe.spec.Enrichment === undefined ? {} : { Enrichment: pipe.spec.Enrichment }) })),
        ...(next === undefined ? {} : { NextToken: next }),
      };
    },
    async startPipe(input) {
      const pipe = pipeFor(input.Name);
      pipe.spec = { ...pipe.spec, DesiredState: "RUNNING" };
      if (!pipe.running) start(pipe);
      return stateOf(pipe);
    },
    async stopPipe(input) {
      const pipe = pipeFor(input.Name);
      pipe.spec = { ...pipe.spec, DesiredState: "STOPPED" };
      stop(pipe);
      return stateOf(pipe);
    },
    async tagResource(input) {
      const pipe = byArn(input.resourceArn);
      for (const [key, value] of validateTags(input.tags, (message) => errors.ValidationException(message))) pipe.tags.set(key, value);
      return {};
    },
    async untagResource(input) {
      const pipe = byArn(input.resourceArn);
      for (const key of input.tagKeys ?? []) pipe.tags.delete(key);
      return {};
    },
    async listTagsForResource(input) {
      return { tags: Object.fromEntries(byArn(input.resourceArn).tags) };
    },
    registerTargetHandler(arn, handler) {
      handlers.set(arn, handler);
      return () => {
        if (handlers.get(arn) === handler) handlers.delete(arn);
      };
    },
  };

  function byArn(arn: string | undefined): PipeRecord {
    const pipe = [...pipes.values()].find((candidate) => candidate.arn === arn);
    if (pipe === undefined) throw errors.NotFoundException(`Pipe ${String(arn)} does not exist.`);
    return pipe;
  }
}

/** An SQS message as Pipes hands it on (the Lambda SQS event record shape). */
function toRecord(message: QueueMessage, arn: string, region: string): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    attributes[name] = { stringValue: value.StringValue, stringListValues: value.StringListValues ?? [], binaryListValues: [], dataType: value.DataType };
  }
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body,
    attributes: { ...(message.Attributes ?? {}) },
    messageAttributes: attributes,
    md5OfBody: message.MD5OfBody,
    eventSource: "aws:sqs",
    eventSourceARN: arn,
    awsRegion: region,
  };
}

interface KinesisSourceParameters {
  StartingPosition?: string;
  StartingPositionTimestamp?: Date | string | number;
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  MaximumRetryAttempts?: number;
  MaximumRecordAgeInSeconds?: number;
  OnPartialBatchItemFailure?: string;
  DeadLetterConfig?: { Arn?: string };
}

const STARTING_POSITIONS = new Set(["TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"]);

/** Ranges from the Pipes API reference (PipeSourceKinesisStreamParameters, DeadLetterConfig). */
function validateStreamErrorHandling(parameters: KinesisSourceParameters | undefined): void {
  const retries = parameters?.MaximumRetryAttempts ?? -1;
  if (!Number.isInteger(retries) || retries < -1 || retries > 10_000) throw errors.ValidationException("MaximumRetryAttempts must be between -1 and 10000.");
  const age = parameters?.MaximumRecordAgeInSeconds ?? -1;
  if (!Number.isInteger(age) || (age !== -1 && (age < 60 || age > 604_800))) throw errors.ValidationException("MaximumRecordAgeInSeconds must be -1 or between 60 and 604800.");
  const partial = parameters?.OnPartialBatchItemFailure;
  if (partial !== undefined && partial !== "AUTOMATIC_BISECT") throw errors.ValidationException("OnPartialBatchItemFailure must be AUTOMATIC_BISECT.");
  const dlq = parameters?.DeadLetterConfig?.Arn;
  const service = dlq === undefined ? undefined : parseArn(dlq)?.service;
  if (dlq !== undefined && service !== "sqs" && service !== "sns") throw errors.ValidationException("DeadLetterConfig.Arn must be an Amazon SQS queue or Amazon SNS topic ARN for Kinesis stream sources.");
}

function kinesisParameters(input: S.CreatePipeInput): KinesisSourceParameters | undefined {
  return input.SourceParameters?.KinesisStreamParameters as KinesisSourceParameters | undefined;
}

/** A Kinesis record as Pipes hands it on ("Amazon Kinesis stream as a source"): flat, data in base64. */
function kinesisRecord(record: StreamPortRecord, shardId: string, arn: string, region: string): Record<string, unknown> {
  return {
    eventSource: "aws:kinesis",
    eventVersion: "1.0",
    eventID: `${shardId}:${record.sequenceNumber}`,
    eventName: "aws:kinesis:record",
    awsRegion: region,
    eventSourceARN: arn,
    kinesisSchemaVersion: "1.0",
    partitionKey: record.partitionKey,
    sequenceNumber: record.sequenceNumber,
    data: Buffer.from(record.data).toString("base64"),
    approximateArrivalTimestamp: record.approximateArrivalTimestamp / 1000,
  };
}

/** Filters see JSON data decoded ("Event filtering in Amazon EventBridge Pipes"). */
function kinesisFilterView(record: Record<string, unknown>): Record<string, unknown> {
  const data = parseMaybe(Buffer.from(record["data"] as string, "base64").toString("utf8"));
  return data !== null && typeof data === "object" ? { ...record, data } : record;
}

/** Filters see a JSON body as data ("Event filtering in Amazon EventBridge Pipes"). */
function filterView(record: Record<string, unknown>): Record<string, unknown> {
  if (record["eventSource"] === "aws:kinesis" && typeof record["data"] === "string") return kinesisFilterView(record);
  const body = parseMaybe(record["body"] as string);
  return body !== null && typeof body === "object" ? { ...record, body } : record;
}

/**
 * Pipes' InputTemplate ("Amazon EventBridge Pipes input transformation"): `<$.path>` placeholders read the event
 * (a record's JSON body is readable under `$.body`), `<aws.pipes.pipe-arn>`, `<aws.pipes.pipe-name>` and
 * `<aws.pipes.event.json>`; a quoted placeholder takes a string's characters, an unquoted one JSON.
 */
function fillTemplate(template: string, event: unknown, pipe: PipeRecord): string {
  const view = event !== null && typeof event === "object" && !Array.isArray(event) ? filterView(event as Record<string, unknown>) : event;
  let quoted = false;
  let out = "";
  let last = 0;
  const pattern = /<(\$(?:\.[A-Za-z0-9_\-]+|\[\d+\])*|aws\.pipes\.[a-z.\-]+)>/g;
  for (const match of template.matchAll(pattern)) {
    for (let i = last; i < match.index; i++) {
      const c = template.charCodeAt(i);
      if (c === 92) i++;
      else if (c === 34) quoted = !quoted;
    }
    out += template.slice(last, match.index);
    const name = match[1] as string;
    const value = name === "aws.pipes.pipe-arn" ? pipe.arn : name === "aws.pipes.pipe-name" ? pipe.name : name === "aws.pipes.event.json" ? view : readPath(view, name);
    out += quoted ? (value === undefined || value === null ? "" : JSON.stringify(typeof value === "string" ? value : JSON.stringify(value)).slice(1, -1)) : JSON.stringify(value ?? null);
    last = match.index + match[0].length;
  }
  return out + template.slice(last);
}

function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.slice(1).match(/\.[A-Za-z0-9_\-]+|\[\d+\]/g) ?? []) {
    if (current === null || typeof current !== "object") return undefined;
    const key = part.startsWith(".") ? part.slice(1) : Number(part.slice(1, -1));
    current = Object.hasOwn(current, key) ? (current as Record<string | number, unknown>)[key] : undefined;
  }
  return current;
}

function parseMaybe(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function safe(action: () => void): void {
  try {
    action();
  } catch {
    // The message is already gone or its receipt expired: nothing to hand back.
  }
}
