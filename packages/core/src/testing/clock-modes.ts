import { DEFAULT_START, type Scheduler } from "@simcloud/clock";
import { afterEach, describe, vi } from "vitest";
import type { SimContextOptions } from "../context";

export type ClockModeName = "virtual" | "autoAdvance" | "system";
/** The three clock modes every simcloud behaviour must work in. */
export const CLOCK_MODES: readonly ClockModeName[] = ["virtual", "autoAdvance", "system"];

/** What a factory builds: a SimContext, a cloud, or anything that exposes the scheduler it runs on. */
export interface ModeSubject {
  readonly scheduler: Scheduler;
}

export interface ModeHarness<T extends ModeSubject> {
  readonly mode: ClockModeName;
  /** What the factory returned for this test. */
  readonly subject: T;
  /** Lets `ms` of time pass: scheduler.advance, or the fake timers in system mode. */
  advance(ms: number): Promise<void>;
  /** Runs what is due now and all the work it causes, without moving time. */
  settle(): Promise<void>;
  /**
   * Lets up to `ms` pass and returns what `awaited` resolves to: virtual advances by `ms`; autoAdvance awaits it
   * through the scheduler, which jumps the clock as far as needed; system advances the fake timers by `ms`.
   */
  within<R>(ms: number, awaited: Promise<R>): Promise<R>;
  /** ms since the subject was created. */
  elapsed(): number;
}

/**
 * Creates a subject in one clock mode. In system mode this installs vitest's fake timers first (at `options.start`,
 * default 2025-01-01) so the scheduler reads the faked `Date`; `inEveryClockMode` restores real timers after each test.
 */
export function createModeHarness<T extends ModeSubject>(mode: ClockModeName, factory: (options: SimContextOptions) => T, options: SimContextOptions = {}): ModeHarness<T> {
  if (mode === "system") vi.useFakeTimers({ now: epochOf(options.start) });
  const subject = factory({ ...options, ...(mode === "autoAdvance" ? { autoAdvance: true } : {}), ...(mode === "system" ? { clock: "system" } : {}) });
  const scheduler = subject.scheduler;
  const start = scheduler.now();
  const advance = async (ms: number): Promise<void> => {
    if (mode === "system") await vi.advanceTimersByTimeAsync(ms);
    else await scheduler.advance(ms);
  };
  return {
    mode,
    subject,
    advance,
    async settle() {
      if (mode === "system") await vi.advanceTimersByTimeAsync(0);
      await scheduler.settle();
    },
    async within(ms, awaited) {
      if (mode === "autoAdvance") return scheduler.waitFor(awaited);
      await advance(ms);
      return awaited;
    },
    elapsed: () => scheduler.now() - start,
  };
}

/**
 * One behavioural suite, run in the three clock modes: `describe`s `name [<mode> clock]` for each, and hands `body`
 * a `setup` that builds a fresh subject (through `factory`) in that mode. Subjects are disposed and real timers
 * restored after each test.
 *
 *   inEveryClockMode("visibility timeout", createSimContext, (setup) => {
 *     it("makes the message visible again", async () => {
 *       const { subject: ctx, advance } = setup();
 *       const sqs = createQueueService(ctx);
 *       …
 *       await advance(30_000);
 *     });
 *   });
 */
export function inEveryClockMode<T extends ModeSubject>(
  name: string,
  factory: (options: SimContextOptions) => T,
  body: (setup: (options?: SimContextOptions) => ModeHarness<T>) => void,
): void {
  describe.each(CLOCK_MODES)(`${name} [%s clock]`, (mode) => {
    const made: T[] = [];
    afterEach(async () => {
      for (const subject of made.splice(0)) await disposeSubject(subject);
      vi.useRealTimers();
    });
    body((options) => {
      const harness = createModeHarness(mode, factory, options);
      made.push(harness.subject);
      return harness;
    });
  });
}

async function disposeSubject(subject: ModeSubject): Promise<void> {
  const disposable = subject as ModeSubject & { dispose?: () => unknown };
  if (typeof disposable.dispose === "function") await disposable.dispose();
  else if (!subject.scheduler.isDisposed) subject.scheduler.dispose();
}

function epochOf(start: SimContextOptions["start"]): number {
  if (start === undefined) return DEFAULT_START;
  return start instanceof Date ? start.getTime() : typeof start === "string" ? Date.parse(start) : start;
}
