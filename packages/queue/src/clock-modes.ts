/**
 * Test support: one behavioural test, run in the three clock modes every simcloud behaviour must support —
 * virtual (`advance`), `autoAdvance: true`, and `clock: "system"` driven by `vi.useFakeTimers()`.
 */
import { DEFAULT_START } from "@simcloud/clock";
import { createSimContext, isAwsError, type SimContext, type SimContextOptions } from "@simcloud/core";
import { afterEach, describe, it, vi } from "vitest";
import { createQueueService, type QueueService, type QueueServiceOptions } from "./sqs";

export type ClockModeName = "virtual" | "autoAdvance" | "system";
export const CLOCK_MODES: readonly ClockModeName[] = ["virtual", "autoAdvance", "system"];

export interface Harness {
  readonly mode: ClockModeName;
  readonly ctx: SimContext;
  readonly sqs: QueueService;
  /** Moves time by ms: scheduler.advance, or the fake timers in system mode. */
  advance(ms: number): Promise<void>;
  settle(): Promise<void>;
  /** ms since the start of the test's cloud. */
  elapsed(): number;
}

export function createHarness(mode: ClockModeName, options: SimContextOptions = {}, service: QueueServiceOptions = {}): Harness {
  if (mode === "system") {
    vi.useFakeTimers({ now: DEFAULT_START });
  }
  const ctx = createSimContext({ ...options, ...(mode === "autoAdvance" ? { autoAdvance: true } : {}), ...(mode === "system" ? { clock: "system" } : {}) });
  const start = ctx.clock.now();
  return {
    mode,
    ctx,
    sqs: createQueueService(ctx, service),
    advance: async (ms) => {
      if (mode === "system") await vi.advanceTimersByTimeAsync(ms);
      else await ctx.scheduler.advance(ms);
    },
    settle: async () => {
      if (mode === "system") await vi.advanceTimersByTimeAsync(0);
      await ctx.scheduler.settle();
    },
    elapsed: () => ctx.clock.now() - start,
  };
}

/** `describe` over the three modes; each `body` gets a fresh harness per test through `setup`. */
export function inEveryClockMode(title: string, body: (setup: (options?: SimContextOptions, service?: QueueServiceOptions) => Harness) => void): void {
  describe.each(CLOCK_MODES)(`${title} [%s clock]`, (mode) => {
    afterEach(() => {
      vi.useRealTimers();
    });
    body((options, service) => createHarness(mode, options, service));
  });
}

/** The AwsError code a call fails with (test helper: fails the test if it succeeds or throws something else). */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAwsError(error)) return error.code;
    throw error;
  }
  throw new Error("expected an AwsError");
}

export { it };
