import type { TaskHandle } from "@simcloud/clock";
import { runWithLineage, type Lineage, type SimContext } from "@simcloud/core";
import type { ConcurrencyLimiter } from "./concurrency";
import { HandlerLoadError, loadHandler, type ExecutionEnvironment } from "./environment";
import type { LambdaFunction } from "./function";
import type { ResolvedTarget } from "./records";
import { LIMITS } from "./limits";
import type { ModuleLoader } from "./module-loader";
import { runInScope, type LogLevel, type RuntimeScope } from "./runtime-scope";
import type { FunctionHandler, LambdaClientContext, LambdaContext } from "./types";
import "./trace";


export interface InvokerOptions {
  /** Write handler console output to the host's stdout as well as capturing it. */
  printLogs: boolean;
  /** Virtual milliseconds a cold start's init phase takes (default 0: an invocation takes no virtual time). */
  coldStartMs: number;
  /** This service's module loader (see newModuleLoader). */
  modules: ModuleLoader;
}

export interface InvocationRequest {
  fn: LambdaFunction;
  target: ResolvedTarget;
  event: unknown;
  requestId: string;
  invocationType: "RequestResponse" | "Event";
  clientContext: unknown;
  /** The request chain this invocation belongs to (recursive loop detection), this invocation included. */
  lineage: Lineage;
}

export interface InvocationOutcome {
  requestId: string;
  executedVersion: string;
  /** The response payload as JSON text: the result, or the error document when functionError is set. */
  payload: string;
  functionError: "Unhandled" | undefined;
  errorType: string | undefined;
  errorMessage: string | undefined;
  durationMs: number;
  timedOut: boolean;
  /** The invocation's log lines, formatted when first read (LogType Tail, getFunctionLogs). */
  log: InvocationLines;
}

interface ConsoleLine {
  readonly time: number;
  readonly level: LogLevel;
  readonly text: string;
}

/**
 * One invocation's CloudWatch Logs lines (START, console lines, END, REPORT), kept as data and formatted only
 * when someone reads them: most invocations' logs are never read, and formatting dates and durations per line
 * was a large share of an invocation's cost.
 */
export class InvocationLines {
  /** Console lines as data; runtime lines (timeout, invoke error) already as text. */
  readonly body: (ConsoleLine | string)[] = [];
  report = "";
  private text: string[] | undefined;

  constructor(
    readonly requestId: string,
    readonly version: string,
  ) {}

  consoleLine(line: ConsoleLine): string {
    return `${new Date(line.time).toISOString()}\t${this.requestId}\t${line.level}\t${line.text}`;
  }

  /** Sets the REPORT fields; the line itself is built on first read. */
  finish(durationMs: number, memoryMb: number, cold: boolean, initMs: number, timedOut: boolean): void {
    this.durationMs = durationMs;
    this.memoryMb = memoryMb;
    this.cold = cold;
    this.initMs = initMs;
    this.timedOut = timedOut;
  }

  private durationMs = 0;
  private memoryMb = 0;
  private cold = false;
  private initMs = 0;
  private timedOut = false;

  lines(): string[] {
    if (this.text !== undefined) return this.text;
    const { requestId } = this;
    const out = [`START RequestId: ${requestId} Version: ${this.version}`];
    for (const line of this.body) out.push(typeof line === "string" ? line : this.consoleLine(line));
    out.push(`END RequestId: ${requestId}`);
    const billed = Math.max(1, Math.ceil(this.durationMs));
    out.push(
      `REPORT RequestId: ${requestId}\tDuration: ${this.durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: ${this.memoryMb} MB` +
        (this.cold ? `\tInit Duration: ${this.initMs.toFixed(2)} ms` : "") +
        (this.timedOut ? "\tStatus: timeout" : ""),
    );
    this.text = out;
    return out;
  }
}

export interface ErrorDocument {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

/** Runs invocations: one execution environment per invocation, a timeout task, START/END/REPORT logs. */
export class Invoker {
  constructor(
    private readonly ctx: SimContext,
    private readonly limiter: ConcurrencyLimiter,
    private readonly options: InvokerOptions,
  ) {}

  /** Why an invocation would be throttled now (and counts the throttle), or undefined. */
  throttle(fn: LambdaFunction, invocationType: "RequestResponse" | "Event"): string | undefined {
    const reason = this.limiter.throttleReason(fn);
    if (reason !== undefined) {
      fn.metrics.Throttles++;
      this.ctx.trace.record("lambda.invocation.throttled", { functionName: fn.name, reason, invocationType });
    }
    return reason;
  }

  /** Starts the handler now, in an execution environment; the caller has checked `throttle` first. */
  start(request: InvocationRequest): Promise<InvocationOutcome> {
    const { ctx } = this;
    const { fn, target } = request;
    const version = target.version;
    this.limiter.acquire(fn);
    const startedAt = ctx.clock.now();
    let env = fn.environments.takeWarm(version, startedAt);
    const cold = env === undefined;
    if (env === undefined) {
      const stream = `${logDate(startedAt)}/[${version.version}]${ctx.ids.hex(32, "lambda.streams")}`;
      env = fn.environments.create(ctx.ids.uuid("lambda.environments"), version, stream, runtimeVariables(ctx, fn, version.version, version.config, stream), false);
      fn.metrics.ColdStarts++;
    }
    fn.metrics.Invocations++;
    if (ctx.trace.active) {
      ctx.trace.record("lambda.invocation.started", {
        functionName: fn.name,
        requestId: request.requestId,
        version: version.version,
        invocationType: request.invocationType,
        coldStart: cold,
        environmentId: env.id,
        event: request.event,
      });
    }
    const run = new Run(ctx, this.limiter, this.options, request, env, cold, startedAt);
    return new Promise<InvocationOutcome>((resolve) => {
      run.resolve = resolve;
      // Whatever the handler sends or invokes belongs to this invocation's chain.
      runWithLineage(request.lineage, () => runInScope(run, () => run.begin()));
    });
  }
}

type Result = { ok: true; value: unknown } | { ok: false; error: unknown } | { timeout: true };

/**
 * One running invocation. It is its own runtime scope (the environment's variables, the log sink), and its
 * completion callbacks are bound once and shared by the handler's callback, the context's legacy methods and the
 * returned promise: an invocation is on every hot path, so it allocates as little as it can.
 */
class Run implements RuntimeScope {
  readonly vars: Record<string, string>;
  readonly lines: InvocationLines;
  readonly timeoutMs: number;
  deadline: number;
  initMs = 0;
  done = false;
  timer: TaskHandle;
  resolve: (outcome: InvocationOutcome) => void = noop;
  readonly reserved: boolean;
  // Bound, not arrow fields: the source build names every arrow it creates, a measurable cost per invocation.
  readonly ok: (value?: unknown) => void = this.succeeded.bind(this);
  readonly fail: (error?: unknown) => void = this.failed.bind(this);
  readonly callback: (error?: unknown, value?: unknown) => void = this.called.bind(this);
  private readonly onTimeout: () => void = this.timedOut.bind(this);
  private readonly remainingMs: () => number = this.remaining.bind(this);

  constructor(
    private readonly ctx: SimContext,
    private readonly limiter: ConcurrencyLimiter,
    private readonly options: InvokerOptions,
    private readonly request: InvocationRequest,
    private readonly environment: ExecutionEnvironment,
    private readonly cold: boolean,
    private readonly startedAt: number,
  ) {
    this.vars = environment.vars;
    this.reserved = request.fn.reservedConcurrency !== undefined;
    this.lines = new InvocationLines(request.requestId, request.target.version.version);
    this.timeoutMs = request.target.version.config.Timeout * 1000;
    this.deadline = startedAt + this.timeoutMs;
    // A handler that settles before the caller moves time reports first: advance/settle begin by letting the
    // caller's pending microtasks run (see docs/decisions/scheduler-flushing.md).
    this.timer = ctx.scheduler.at(this.deadline, this.onTimeout, { label: `lambda:${request.fn.name} timeout` });
  }

  /** RuntimeScope: receives every console line the handler writes. */
  log(level: LogLevel, text: string): void {
    const line = { time: this.ctx.clock.now(), level, text };
    this.lines.body.push(line);
    if (this.options.printLogs) process.stdout.write(`${this.lines.consoleLine(line)}\n`);
  }

  private succeeded(value?: unknown): void {
    this.finish({ ok: true, value });
  }

  private failed(error?: unknown): void {
    this.finish({ ok: false, error });
  }

  private called(error?: unknown, value?: unknown): void {
    if (error !== undefined && error !== null) this.finish({ ok: false, error });
    else this.finish({ ok: true, value });
  }

  private timedOut(): void {
    this.finish({ timeout: true });
  }

  begin(): void {
    const { environment } = this;
    try {
      if (environment.initialized && environment.handler !== undefined) {
        this.invoke(environment.handler);
        return;
      }
      const code = this.request.target.version.code;
      if (code.handler !== undefined && this.options.coldStartMs === 0) {
        environment.handler = code.handler;
        environment.initialized = true;
        this.invoke(code.handler);
        return;
      }
      this.initialise();
    } catch (error) {
      this.finish({ ok: false, error });
    }
  }

  private initialise(): void {
    const { ctx, environment, request } = this;
    const { fn } = request;
    const { code, config } = request.target.version;
    const coldStartMs = this.options.coldStartMs;
    const initStart = ctx.clock.now();
    const init = async (): Promise<FunctionHandler> => {
      // Loading a module is real work the cloud awaits: autoAdvance must not move time meanwhile.
      const release = ctx.scheduler.hold();
      let handler: FunctionHandler;
      try {
        handler = await loadHandler(code, config.Handler, environment.id, this.options.modules);
      } finally {
        release();
      }
      if (coldStartMs > 0) await ctx.scheduler.sleep(coldStartMs, `lambda:${fn.name} init`);
      return handler;
    };
    init().then(
      (handler) => {
        if (this.done) return;
        environment.handler = handler;
        environment.initialized = true;
        // Init has its own budget; the handler's timeout starts once it ends.
        this.initMs = ctx.clock.now() - initStart;
        ctx.trace.record("lambda.environment.initialized", {
          functionName: fn.name,
          environmentId: environment.id,
          version: request.target.version.version,
          initDurationMs: this.initMs,
          provisioned: false,
        });
        if (this.initMs > 0) {
          this.deadline += this.initMs;
          this.timer.cancel();
          this.timer = ctx.scheduler.at(this.deadline, this.onTimeout, { label: `lambda:${fn.name} timeout` });
        }
        runInScope(this, () => {
          try {
            this.invoke(handler);
          } catch (error) {
            this.finish({ ok: false, error });
          }
        });
      },
      this.fail,
    );
  }

  private invoke(handler: FunctionHandler): void {
    const returned: unknown = handler(this.request.event, this.context(), this.callback);
    if (isThenable(returned)) {
      returned.then(this.ok, this.fail);
    } else if (handler.length < 3) {
      // As the Node.js runtime does: a non-async handler without a callback parameter ends when its event loop
      // is empty, and whatever it returned is ignored — the response is null ("Define Lambda function handler
      // in Node.js"). Returning a value from a sync handler is a bug in AWS, so it is one here too.
      this.finish({ ok: true, value: null });
    }
  }

  private remaining(): number {
    return Math.max(0, this.deadline - this.ctx.clock.now());
  }

  private context(): LambdaContext {
    const { request } = this;
    const { fn, target } = request;
    return {
      functionName: fn.name,
      functionVersion: target.version.version,
      invokedFunctionArn: target.invokedArn,
      memoryLimitInMB: String(target.version.config.MemorySize),
      awsRequestId: request.requestId,
      logGroupName: `/aws/lambda/${fn.name}`,
      logStreamName: this.environment.logStreamName,
      // The decoded ClientContext JSON, passed on as sent (its shape is the caller's; the type is AWS's).
      ...(request.clientContext === undefined || request.clientContext === null ? {} : { clientContext: request.clientContext as LambdaClientContext }),
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: this.remainingMs,
      done: this.callback,
      succeed: this.ok,
      fail: this.fail,
    };
  }

  finish(result: Result): void {
    if (this.done) return;
    this.done = true;
    this.timer.cancel();
    const { ctx, request, lines: log, environment, startedAt, initMs, timeoutMs } = this;
    const { fn, requestId } = request;
    const version = request.target.version;
    const config = version.config;
    const endedAt = ctx.clock.now();
    const durationMs = Math.max(0, endedAt - startedAt - initMs);
    const timedOut = "timeout" in result;
    let payload: string;
    let errorDoc: { errorType: string; errorMessage: string } | undefined;
    if (timedOut) {
      const seconds = (timeoutMs / 1000).toFixed(2);
      log.body.push(`${new Date(endedAt).toISOString()} ${requestId} Task timed out after ${seconds} seconds`);
      errorDoc = { errorType: "Sandbox.Timedout", errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds} seconds` };
      payload = JSON.stringify(errorDoc);
    } else if (result.ok) {
      const serialised = serialise(result.value);
      // A UTF-8 string is at most 3 bytes per UTF-16 unit: short results skip counting their bytes.
      if (typeof serialised === "string" && (serialised.length * 3 <= LIMITS.syncPayloadBytes || Buffer.byteLength(serialised) <= LIMITS.syncPayloadBytes)) {
        payload = serialised;
      } else {
        errorDoc =
          typeof serialised === "string"
            ? {
                errorType: "Function.ResponseSizeTooLarge",
                errorMessage: `Response payload size exceeded maximum allowed payload size (${LIMITS.syncPayloadBytes} bytes).`,
              }
            : { errorType: "Runtime.MarshalError", errorMessage: `Unable to marshal response: ${serialised.message}` };
        payload = JSON.stringify(errorDoc);
      }
    } else {
      const doc = errorDocument(result.error);
      errorDoc = doc;
      payload = JSON.stringify(doc);
      log.body.push(
        `${new Date(endedAt).toISOString()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify({ errorType: doc.errorType, errorMessage: doc.errorMessage, stack: doc.trace })}`,
      );
    }
    log.finish(durationMs, config.MemorySize, this.cold, initMs, timedOut);
    // A timed-out environment is torn down (the next invocation is a cold start), as is one whose init failed.
    if (!timedOut && environment.initialized) fn.environments.release(environment, endedAt);
    this.limiter.release(fn, this.reserved);
    const metrics = fn.metrics;
    if (errorDoc !== undefined) metrics.Errors++;
    metrics.Duration.Sum += durationMs;
    metrics.Duration.Maximum = Math.max(metrics.Duration.Maximum, durationMs);
    metrics.Duration.Minimum = metrics.Duration.SampleCount === 0 ? durationMs : Math.min(metrics.Duration.Minimum, durationMs);
    metrics.Duration.SampleCount++;
    fn.recordLog({ startTime: startedAt, durationMs, functionError: errorDoc === undefined ? undefined : "Unhandled", log });
    if (ctx.trace.active) {
      ctx.trace.record("lambda.invocation.completed", {
        functionName: fn.name,
        requestId,
        version: version.version,
        durationMs,
        ...(errorDoc === undefined ? {} : { functionError: "Unhandled", errorType: errorDoc.errorType }),
        timedOut,
      });
    }
    // Completion is progress the scheduler cannot see otherwise: a poller or a caller may now move on.
    ctx.scheduler.touch();
    this.resolve({
      requestId,
      executedVersion: version.version,
      payload,
      functionError: errorDoc === undefined ? undefined : "Unhandled",
      errorType: errorDoc?.errorType,
      errorMessage: errorDoc?.errorMessage,
      durationMs,
      timedOut,
      log,
    });
  }
}

function noop(): void {}

/**
 * The Node.js runtime's error document (errorType from the error's name, the stack as `trace`). Total: whatever
 * was thrown (a revoked Proxy, an Error whose getters throw, a symbol), reading it never throws, so the
 * invocation always ends and releases its concurrency slot.
 */
export function errorDocument(error: unknown): ErrorDocument {
  if (attempt(() => error instanceof HandlerLoadError, false)) {
    const failed = error as HandlerLoadError;
    return { errorType: failed.errorType, errorMessage: failed.message, trace: [] };
  }
  if (attempt(() => error instanceof Error, false)) {
    const failed = error as Error;
    const name = attempt(() => textOf(failed.name), undefined) ?? "Error";
    const message = attempt(() => textOf(failed.message), undefined) ?? "";
    const stack = attempt(() => textOf(failed.stack), undefined) ?? `${name}: ${message}`;
    return { errorType: name, errorMessage: message, trace: stack.split("\n") };
  }
  if (error !== null && (typeof error === "object" || typeof error === "function")) {
    const text = attempt(() => JSON.stringify(error), undefined) ?? attempt(() => String(error), undefined) ?? "[unprintable object]";
    return { errorType: typeof error, errorMessage: text, trace: [] };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

function attempt<T, F>(read: () => T, fallback: F): T | F {
  try {
    return read();
  } catch {
    return fallback;
  }
}

function textOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** JSON text of a handler's result; `undefined` becomes null as the Node.js runtime sends it. */
function serialise(value: unknown): string | Error {
  try {
    return JSON.stringify(value === undefined ? null : value) ?? "null";
  } catch (error) {
    const message = attempt(() => (error instanceof Error ? error.message : String(error)), undefined) ?? "the value cannot be serialised";
    return new Error(message);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

function logDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10).replace(/-/g, "/");
}

/** Lambda Developer Guide: "Defined runtime environment variables". */
export function runtimeVariables(
  ctx: SimContext,
  fn: LambdaFunction,
  version: string,
  config: { MemorySize: number; Handler?: string; Runtime?: string },
  stream: string,
): Record<string, string> {
  return {
    AWS_REGION: ctx.region,
    AWS_DEFAULT_REGION: ctx.region,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.MemorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: stream,
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_EXECUTION_ENV: `AWS_Lambda_${config.Runtime ?? "nodejs20.x"}`,
    _HANDLER: config.Handler ?? "index.handler",
    LAMBDA_TASK_ROOT: "/var/task",
    LAMBDA_RUNTIME_DIR: "/var/runtime",
  };
}
