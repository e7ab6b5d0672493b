import type { Clock, RunUntilIdleOptions, Scheduler } from "@simcloud/clock";
import {
  CloudDisposedError,
  createSimContext,
  type SimContext,
  type SimContextOptions,
  type Trace,
  type TraceEvent,
  type TraceListener,
  type TraceType,
} from "@simcloud/core";

import { createEventBridgeService, createPipesService, createSchedulerService, type EventBridgeService, type PipesService, type SchedulerService } from "@simcloud/event-bus";
import { createFunctionService, type FunctionService, type FunctionServiceOptions } from "@simcloud/function";
import { createQueueService, type QueueService, type QueueServiceOptions } from "@simcloud/queue";
import { createClientConfig, type SimcloudClientConfig } from "@simcloud/sdk";
import { createStreamService, type StreamService, type StreamServiceOptions } from "@simcloud/stream";
import { createStateMachineService, type StateMachineService, type StateMachineServiceOptions } from "@simcloud/state-machine";
import { createTopicService, type TopicService, type TopicServiceOptions } from "@simcloud/topic";
import { writeFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { FAKE_TIMERS_ON_VIRTUAL_CLOUD, fakeTimersInstalled } from "./fake-timers";
import { guardService, type DisposalWatch, type GuardOptions } from "./guard";
import { intercept, type Interception } from "./intercept";
import { createHelpers, type FunctionHandleOf, type LambdaHelpersOf, type QueueHandleOf, type ResourceHandleOf, type SnsHelpersOf, type SqsHelpersOf, type TopicHandleOf } from "./handles";

export type QueueHandle = QueueHandleOf<Cloud>;
export type FunctionHandle = FunctionHandleOf<Cloud>;
export type TopicHandle = TopicHandleOf<Cloud>;
export type ResourceHandle = ResourceHandleOf<Cloud>;
export type SqsHelpers = SqsHelpersOf<Cloud>;
export type LambdaHelpers = LambdaHelpersOf<Cloud>;
export type SnsHelpers = SnsHelpersOf<Cloud>;
import { renderReport, type ReportOptions } from "./report";
import { buildDiagram, diagramToMermaid, formatEvents, type FormatOptions } from "./timeline";
import { until, type UntilOptions } from "./until";

export interface CloudOptions extends SimContextOptions {
  /** SQS settings, e.g. `{ chaos: { duplicateProbability: 0.1 } }`. */
  sqs?: QueueServiceOptions;
  /** SNS settings, e.g. `{ autoConfirm: true }`. */
  sns?: TopicServiceOptions;
  /** Lambda settings, e.g. `{ accountConcurrency: 10, printLogs: true }`. */
  lambda?: FunctionServiceOptions;
  /** Kinesis settings, e.g. `{ throughputLimits: false }`. */
  kinesis?: StreamServiceOptions;
  /** Step Functions settings, e.g. `{ mockConfig }` (Step Functions Local's MockConfigFile). */
  sfn?: StateMachineServiceOptions;
}

/** The services of a cloud, each created on the cloud's one context. Add one line per service package. */
export interface CloudServices {
  lambda: FunctionService & LambdaHelpers;
  sqs: QueueService & SqsHelpers;
  sns: TopicService & SnsHelpers;
  kinesis: StreamService;
  /** EventBridge: buses, rules, targets, schedules, archives and replays. */
  events: EventBridgeService;
  /** EventBridge Scheduler (`cloud.scheduler` is the clock's): schedules that fire on virtual time. */
  schedules: SchedulerService;
  /** EventBridge Pipes: SQS → filter → enrichment → target. */
  pipes: PipesService;
  sfn: StateMachineService;
}

/** The cloud's trace, with its readable views. */
export interface CloudTrace extends Trace {
  /** The timeline as text, in virtual seconds since the cloud was created. */
  format(options?: FormatOptions): string;
  /** A Mermaid `sequenceDiagram` of who called whom across services. */
  toMermaid(): string;
}

function createServices(context: SimContext, options: CloudOptions, disposal: DisposalWatch, cloud: () => Cloud): CloudServices {
  const gate = (): Promise<void> | undefined => context.scheduler.beforeCall() ?? context.scheduler.pace();
  const guard = <T extends object>(service: T, name: string, sync: GuardOptions<T>["sync"]): T => guardService(service, name, { disposal, sync, gate });
  const helpers = createHelpers(context, cloud);
  const noSync = {};
  return {
    lambda: guard(Object.assign(createFunctionService(context, options.lambda), helpers.lambda), "lambda", { fn: true, arn: true }),
    sqs: guard(Object.assign(createQueueService(context, options.sqs), helpers.sqs), "sqs", { setChaos: true, queue: true, url: true, arn: true }),
    sns: guard(Object.assign(createTopicService(context, options.sns), helpers.sns), "sns", {
      registerEndpoint: true,
      outbox: true,
      clearOutbox: true,
      signingCertificatePem: true,
      metrics: true,
      topic: true,
      arn: true,
    }),
    kinesis: guard(createStreamService(context, options.kinesis), "kinesis", noSync),
    events: guard(createEventBridgeService(context), "events", { registerTargetHandler: true }),
    schedules: guard(createSchedulerService(context), "schedules", { registerTargetHandler: true }),
    pipes: guard(createPipesService(context), "pipes", { registerTargetHandler: true }),
    sfn: guard(createStateMachineService(context, options.sfn), "sfn", { registerTaskHandler: true, setMockConfig: true, executionPath: true, renderMermaid: true }),
  };
}

/** One simulated AWS account and region: every service on one virtual clock. */
export interface Cloud extends CloudServices, AsyncDisposable {
  readonly context: SimContext;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly trace: CloudTrace;
  /** Virtual epoch ms when the cloud was created: +0.000s in timelines. */
  readonly startTime: number;
  readonly region: string;
  readonly accountId: string;
  /** Runs every task due within the next `ms` virtual milliseconds, in order, then sets the clock to now + ms. */
  advance(ms: number): Promise<void>;
  /** Like advance, to an absolute epoch-ms time (or Date). Never moves time backwards. */
  advanceTo(time: number | Date): Promise<void>;
  /** Runs what is due now and all the work it causes, without moving time. */
  settle(): Promise<void>;
  /** Jumps from task to task until no one-shot work remains. */
  runUntilIdle(options?: RunUntilIdleOptions): Promise<void>;
  /** Observes trace events live; returns the function that stops listening. */
  on<K extends TraceType>(type: K | "*", listener: TraceListener<K>): () => void;
  /**
   * Resolves with the next event of `type` (for which `predicate` holds). In virtual modes it drives the clock task
   * by task until the event happens; with `clock: "system"` it waits while the host's (fake) timers move time.
   * Rejects with UntilTimeoutError, showing the timeline, once `timeoutMs` virtual ms pass (default 15 minutes).
   */
  until<K extends TraceType>(type: K | "*", predicate?: (event: TraceEvent<K>) => boolean, options?: UntilOptions): Promise<TraceEvent<K>>;
  /**
   * Routes every AWS SDK v3 client in the process to this cloud (module-scope clients in production code and in
   * Lambda module handlers included) until the returned function is called, or `await using` ends, or the cloud
   * is disposed. Requests to AWS services the cloud does not simulate fail with UnservedAwsRequestError before any
   * socket opens. Sets AWS_REGION and dummy credentials while active when the environment has none.
   */
  intercept(): Promise<Interception>;
  /** Writes one self-contained HTML page (sequence diagram + timeline) to `path`; returns the path. */
  report(path: string, options?: ReportOptions): Promise<string>;
  /**
   * Settings for any AWS SDK v3 client, served in-process by this cloud's services on its clock:
   * `new SQSClient(cloud.clientConfig())`. `maxAttempts` is 1 unless overridden (see @simcloud/sdk).
   */
  clientConfig<O extends object = Record<never, never>>(overrides?: O): Omit<SimcloudClientConfig, keyof O> & O;
  /**
   * Cancels everything scheduled; later service calls reject with CloudDisposedError (synchronous helpers,
   * `clientConfig()` and `on()` throw it). Idempotent.
   */
  dispose(): Promise<void>;
  readonly disposed: boolean;
}

export function createCloud(options: CloudOptions = {}): Cloud {
  const context = createSimContext(options);
  const { scheduler, trace } = context;
  let disposed = false;
  const live = (operation: string): void => {
    if (disposed) throw new CloudDisposedError(operation);
  };

  // Callers waiting on the cloud when it is disposed: each rejects with CloudDisposedError.
  const waiting = new Set<() => void>();
  const disposal: DisposalWatch = {
    isDisposed: () => disposed,
    watch(onDispose) {
      waiting.add(onDispose);
      return () => waiting.delete(onDispose);
    },
  };
  const startTime = scheduler.now();
  const interceptions: (() => void)[] = [];
  if (scheduler.mode === "virtual" && options.clock === undefined && fakeTimersInstalled()) warnFakeTimers();
  const services = createServices(context, options, disposal, () => cloud);
  const cloudTrace: CloudTrace = Object.assign(trace, {
    format: (formatOptions: FormatOptions = {}) => formatEvents(trace.events, { start: startTime, ...formatOptions }),
    toMermaid: () => diagramToMermaid(buildDiagram(trace.events), startTime),
  });
  const cloud: Cloud = {
    ...services,
    context,
    clock: context.clock,
    scheduler,
    trace: cloudTrace,
    startTime,
    region: context.region,
    accountId: context.accountId,
    get disposed() {
      return disposed;
    },
    async advance(ms) {
      live("advance");
      await scheduler.advance(ms);
    },
    async advanceTo(time) {
      live("advanceTo");
      await scheduler.advanceTo(time instanceof Date ? time.getTime() : time);
    },
    async settle() {
      live("settle");
      await scheduler.settle();
    },
    async runUntilIdle(runOptions) {
      live("runUntilIdle");
      await scheduler.runUntilIdle(runOptions);
    },
    clientConfig(overrides) {
      live("clientConfig");
      return createClientConfig(services, context, overrides);
    },
    on(type, listener) {
      live("on");
      return trace.on(type, listener);
    },
    async until(type, predicate, untilOptions) {
      live("until");
      return until(scheduler, trace, startTime, type, predicate, untilOptions);
    },
    async intercept() {
      live("intercept");
      const { requestHandler } = createClientConfig(services, context);
      return intercept({ region: context.region, requestHandler }, (stop) => interceptions.push(stop));
    },
    async report(path, reportOptions) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, renderReport(trace.events, { start: startTime, ...reportOptions }));
      return path;
    },
    async dispose() {
      if (disposed) return;
      trace.record("cloud.disposed", {});
      disposed = true;
      for (const stop of interceptions.splice(0)) stop();
      scheduler.dispose();
      trace.dispose();
      const pending = [...waiting];
      waiting.clear();
      for (const onDispose of pending) onDispose();
    },
    [Symbol.asyncDispose]() {
      return cloud.dispose();
    },
  };
  return cloud;
}

let fakeTimersWarned = false;
/** Once per process: a virtual cloud created under fake timers is almost always a test expecting them to drive it. */
function warnFakeTimers(): void {
  if (fakeTimersWarned) return;
  fakeTimersWarned = true;
  process.emitWarning(`simcloud: ${FAKE_TIMERS_ON_VIRTUAL_CLOUD}`, { code: "SIMCLOUD_FAKE_TIMERS" });
}
