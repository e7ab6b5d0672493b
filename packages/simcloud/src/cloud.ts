import type { Clock, RunUntilIdleOptions, Scheduler } from "@simcloud/clock";
import {
  CloudDisposedError,
  createSimContext,
  type SimContext,
  type SimContextOptions,
  type Trace,
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
import { guardDisposed, type DisposalWatch } from "./guard";

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
  lambda: FunctionService;
  sqs: QueueService;
  sns: TopicService;
  kinesis: StreamService;
  /** EventBridge: buses, rules, targets, schedules, archives and replays. */
  events: EventBridgeService;
  /** EventBridge Scheduler (`cloud.scheduler` is the clock's): schedules that fire on virtual time. */
  schedules: SchedulerService;
  /** EventBridge Pipes: SQS → filter → enrichment → target. */
  pipes: PipesService;
  sfn: StateMachineService;
}

function createServices(context: SimContext, options: CloudOptions, disposal: DisposalWatch): CloudServices {
  const guard = <T extends object>(service: T, name: string): T => guardDisposed(service, name, disposal);
  return {
    lambda: guard(createFunctionService(context, options.lambda), "lambda"),
    sqs: guard(createQueueService(context, options.sqs), "sqs"),
    sns: guard(createTopicService(context, options.sns), "sns"),
    kinesis: guard(createStreamService(context, options.kinesis), "kinesis"),
    events: guard(createEventBridgeService(context), "events"),
    schedules: guard(createSchedulerService(context), "schedules"),
    pipes: guard(createPipesService(context), "pipes"),
    sfn: guard(createStateMachineService(context, options.sfn), "sfn"),
  };
}

/** One simulated AWS account and region: every service on one virtual clock. */
export interface Cloud extends CloudServices, AsyncDisposable {
  readonly context: SimContext;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly trace: Trace;
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
   * Settings for any AWS SDK v3 client, served in-process by this cloud's services on its clock:
   * `new SQSClient(cloud.clientConfig())`. `maxAttempts` is 1 unless overridden (see @simcloud/sdk).
   */
  clientConfig<O extends object = Record<never, never>>(overrides?: O): Omit<SimcloudClientConfig, keyof O> & O;
  /** Cancels everything scheduled; later calls throw CloudDisposedError. Idempotent. */
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
  const services = createServices(context, options, disposal);
  const cloud: Cloud = {
    ...services,
    context,
    clock: context.clock,
    scheduler,
    trace,
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
    async dispose() {
      if (disposed) return;
      trace.record("cloud.disposed", {});
      disposed = true;
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
