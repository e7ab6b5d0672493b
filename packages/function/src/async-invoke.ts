import type { RandomStream } from "@simcloud/clock";
import type { Lineage, SimContext } from "@simcloud/core";
import { deliverDeadLetter, deliverRecord, type InvocationRecord } from "./destinations";
import type { LambdaFunction } from "./function";
import type { InvocationOutcome, Invoker } from "./invocation";
import { LIMITS } from "./limits";
import { enterChain, RECURSION_MESSAGE, type RecursionSource } from "./recursion";
import "./trace";

/** Lambda Developer Guide, "How Lambda handles errors and retries with asynchronous invocation": one minute, then two. */
export const ASYNC_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];
/** Throttled events go back to the queue: from 1 second, doubling, up to 5 minutes. */
const THROTTLE_BACKOFF_FIRST_MS = 1_000;
const THROTTLE_BACKOFF_MAX_MS = 300_000;

interface QueuedEvent {
  readonly fn: LambdaFunction;
  readonly qualifier: string | undefined;
  readonly event: unknown;
  readonly payload: string;
  readonly requestId: string;
  readonly queuedAt: number;
  readonly lineage: Lineage | undefined;
  readonly source: RecursionSource;
  invokeCount: number;
  throttles: number;
  last: InvocationOutcome | undefined;
}

/** Lambda's internal event queue for asynchronous invocations, on the scheduler. */
export class AsyncInvoker {
  constructor(
    private readonly ctx: SimContext,
    private readonly invoker: Invoker,
    private readonly routing: RandomStream,
  ) {}

  enqueue(
    fn: LambdaFunction,
    qualifier: string | undefined,
    event: unknown,
    payload: string,
    requestId: string,
    lineage: Lineage | undefined,
    source: RecursionSource,
  ): void {
    const queued: QueuedEvent = { fn, qualifier, event, payload, requestId, queuedAt: this.ctx.clock.now(), lineage, source, invokeCount: 0, throttles: 0, last: undefined };
    this.schedule(queued, 0, "initial");
  }

  private schedule(queued: QueuedEvent, delayMs: number, reason: "initial" | "error" | "throttle"): void {
    this.ctx.trace.record("lambda.async.queued", { functionName: queued.fn.name, requestId: queued.requestId, delayMs, attempt: queued.invokeCount + 1, reason });
    this.ctx.scheduler.after(delayMs, () => this.attempt(queued), { label: `lambda:${queued.fn.name} async invoke` });
  }

  private settings(queued: QueuedEvent): { retries: number; maxAgeMs: number; onSuccess?: string; onFailure?: string } {
    const config = queued.fn.eventInvokeConfig(queued.qualifier ?? "$LATEST");
    const retries = config?.maximumRetryAttempts ?? LIMITS.retryAttemptsMax;
    const maxAgeMs = (config?.maximumEventAgeInSeconds ?? LIMITS.eventAgeMaxSeconds) * 1000;
    const onSuccess = config?.destinationConfig.OnSuccess?.Destination;
    const onFailure = config?.destinationConfig.OnFailure?.Destination;
    return { retries, maxAgeMs, ...(onSuccess ? { onSuccess } : {}), ...(onFailure ? { onFailure } : {}) };
  }

  private async attempt(queued: QueuedEvent): Promise<void> {
    const { fn } = queued;
    if (fn.deleted) return;
    const settings = this.settings(queued);
    if (this.ctx.clock.now() - queued.queuedAt > settings.maxAgeMs) {
      await this.fail(queued, "EventAgeExceeded", settings.onFailure);
      return;
    }
    if (this.invoker.throttle(fn, "Event") !== undefined) {
      if (fn.reservedConcurrency === 0) {
        // "Capturing records of Lambda asynchronous invocations": with reserved concurrency zero, Lambda sends
        // new events to the dead-letter queue or on-failure destination at once, without any retries.
        await this.fail(queued, "RetriesExhausted", settings.onFailure);
        return;
      }
      const backoff = Math.min(THROTTLE_BACKOFF_MAX_MS, THROTTLE_BACKOFF_FIRST_MS * 2 ** queued.throttles);
      queued.throttles++;
      this.schedule(queued, backoff, "throttle");
      return;
    }
    let target;
    try {
      target = fn.resolve(queued.qualifier, this.routing);
    } catch {
      return; // the version or alias went away while the event waited: AWS discards it
    }
    const lineage = enterChain(this.ctx, fn, queued.lineage, queued.source);
    if (lineage === undefined) {
      // "Lambda sends the event from the stopped invocation to the on-failure destination or dead-letter queue."
      await this.fail(queued, "RecursiveInvocationDetected", settings.onFailure);
      return;
    }
    queued.invokeCount++;
    const outcome = await this.invoker.start({ fn, target, event: queued.event, requestId: queued.requestId, invocationType: "Event", clientContext: undefined, lineage });
    queued.last = outcome;
    if (outcome.functionError === undefined) {
      if (settings.onSuccess !== undefined) await this.sendRecord(queued, "Success", settings.onSuccess);
      return;
    }
    if (queued.invokeCount <= settings.retries) {
      const delay = ASYNC_RETRY_DELAYS_MS[queued.invokeCount - 1] ?? ASYNC_RETRY_DELAYS_MS[ASYNC_RETRY_DELAYS_MS.length - 1] ?? 0;
      this.schedule(queued, delay, "error");
      return;
    }
    await this.fail(queued, "RetriesExhausted", settings.onFailure);
  }

  private async fail(queued: QueuedEvent, condition: "RetriesExhausted" | "EventAgeExceeded" | "RecursiveInvocationDetected", onFailure: string | undefined): Promise<void> {
    const { fn } = queued;
    this.ctx.trace.record("lambda.async.discarded", { functionName: fn.name, requestId: queued.requestId, condition });
    if (onFailure !== undefined) await this.sendRecord(queued, condition, onFailure);
    // "Function versions use the same dead-letter queue settings as the unpublished version ($LATEST)."
    const dlq = fn.latest.config.DeadLetterConfig?.TargetArn;
    if (dlq !== undefined && dlq !== "") {
      const stopped = condition === "RecursiveInvocationDetected";
      const throttled = queued.last === undefined && !stopped;
      const message = stopped ? RECURSION_MESSAGE : (queued.last?.errorMessage ?? (throttled ? "Rate Exceeded." : condition));
      const ok = await deliverDeadLetter(this.ctx, fn.name, fn.arn, dlq, queued.requestId, queued.payload, message, stopped ? 400 : throttled ? 429 : 200);
      if (!ok) fn.metrics.DeadLetterErrors++;
    }
  }

  private async sendRecord(queued: QueuedEvent, condition: InvocationRecord["requestContext"]["condition"], destination: string): Promise<void> {
    const { fn, last } = queued;
    const executedVersion = last?.executedVersion ?? "$LATEST";
    const record: InvocationRecord = {
      version: "1.0",
      timestamp: new Date(this.ctx.clock.now()).toISOString(),
      requestContext: {
        requestId: queued.requestId,
        functionArn: `${fn.arn}:${executedVersion}`,
        condition,
        approximateInvokeCount: queued.invokeCount,
      },
      requestPayload: queued.event,
      responseContext: {
        statusCode: last !== undefined ? 200 : condition === "RecursiveInvocationDetected" ? 400 : 429,
        executedVersion,
        ...(last?.functionError === undefined ? {} : { functionError: last.functionError }),
      },
      responsePayload: last === undefined ? null : parseJson(last.payload),
    };
    const ok = await deliverRecord(this.ctx, fn.name, fn.arn, destination, record);
    if (!ok) fn.metrics.DestinationDeliveryFailures++;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
