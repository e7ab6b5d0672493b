import { yieldMacrotask, type Scheduler } from "@simcloud/clock";
import type { Trace, TraceEvent, TraceType } from "@simcloud/core";
import { formatEvents } from "./timeline";

export interface UntilOptions {
  /** Virtual milliseconds to wait for the event (default 15 minutes, Lambda's longest timeout). */
  timeoutMs?: number;
}

/** `cloud.until(type)` saw no matching event before its virtual deadline. Its message ends with the timeline. */
export class UntilTimeoutError extends Error {
  override readonly name = "UntilTimeoutError";
  constructor(
    readonly type: string,
    readonly timeoutMs: number,
    reason: string,
    timeline: string,
  ) {
    super(`cloud.until("${type}"): no matching event within ${timeoutMs / 1000} virtual seconds (${reason}).\n\nTimeline:\n${timeline}`);
  }
}

export const DEFAULT_UNTIL_TIMEOUT_MS = 15 * 60_000;

/**
 * Resolves with the first event of `type` (matching `predicate`) recorded from now on. In virtual modes it drives
 * the clock task by task, stopping at the instant the event happens; in system mode it waits (the host's timers,
 * fake or real, move time) and a scheduler task enforces the deadline.
 */
export async function until<K extends TraceType>(
  scheduler: Scheduler,
  trace: Trace,
  start: number,
  type: K | "*",
  predicate: ((event: TraceEvent<K>) => boolean) | undefined,
  options: UntilOptions = {},
): Promise<TraceEvent<K>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_UNTIL_TIMEOUT_MS;
  if (!(timeoutMs >= 0)) throw new RangeError(`until() needs a non-negative timeoutMs, got ${timeoutMs}`);
  const deadline = scheduler.now() + timeoutMs;
  let found: TraceEvent<K> | undefined;
  let resolveFound: (() => void) | undefined;
  const stop = trace.on(type, (event) => {
    if (found !== undefined || (predicate !== undefined && !predicate(event))) return;
    found = event;
    resolveFound?.();
  });
  const fail = (reason: string): UntilTimeoutError =>
    new UntilTimeoutError(type, timeoutMs, reason, formatEvents(trace.events, { start, last: 40 }));
  try {
    if (scheduler.mode === "system") {
      await new Promise<void>((resolve, reject) => {
        const timer = scheduler.at(deadline, () => reject(fail("the deadline passed")), { label: `until ${type}` });
        resolveFound = () => {
          timer.cancel();
          resolve();
        };
      });
    } else {
      await settleHeld(scheduler);
      while (found === undefined) {
        const next = scheduler.nextTaskTime();
        if (next === undefined) {
          // Nothing scheduled can cause it: time stays where it is.
          if (found === undefined) throw fail("nothing was left scheduled");
          break;
        }
        if (next > deadline) {
          await scheduler.advanceTo(deadline);
          if (found === undefined) throw fail("the deadline passed");
          break;
        }
        await scheduler.advanceTo(next);
        await settleHeld(scheduler);
      }
    }
    return found as TraceEvent<K>;
  } finally {
    stop();
  }
}

/**
 * Runs what is due now, and waits for real work the simulation holds time for (a handler module loading, a real
 * HTTP request), so time never jumps past work that has not had its chance, e.g. to an invocation's timeout.
 */
async function settleHeld(scheduler: Scheduler): Promise<void> {
  await scheduler.settle();
  while (scheduler.heldCount > 0 && !scheduler.isDisposed) {
    await yieldMacrotask();
    await scheduler.settle();
  }
}
