import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_START, Scheduler } from "./scheduler";

const T0 = DEFAULT_START;

/**
 * How a test moves time in each clock mode: the behaviour under test is written once. This is the one clock-mode
 * harness outside `@simcloud/core/testing` (`inEveryClockMode`), on purpose: core depends on clock, so clock importing
 * core, even as a test-only devDependency, would make a cycle in the workspace's package graph (pnpm reports it, and
 * `pnpm -r` can no longer order the builds), and core's harness builds subjects from SimContextOptions, which a bare
 * Scheduler does not take.
 */
interface Mode {
  name: string;
  create(): Scheduler;
  /** Lets `ms` of virtual time pass, then returns what `awaited` resolved to. */
  run<T>(scheduler: Scheduler, ms: number, awaited: Promise<T>): Promise<T>;
}

const modes: Mode[] = [
  {
    name: "virtual",
    create: () => new Scheduler(),
    async run(s, ms, awaited) {
      await s.advance(ms);
      return awaited;
    },
  },
  {
    name: "autoAdvance",
    create: () => new Scheduler({ autoAdvance: true }),
    run: (s, _ms, awaited) => s.waitFor(awaited),
  },
  {
    name: "system clock under vi.useFakeTimers()",
    create() {
      vi.useFakeTimers({ now: T0 });
      return new Scheduler({ mode: "system" });
    },
    async run(_s, ms, awaited) {
      await vi.advanceTimersByTimeAsync(ms);
      return awaited;
    },
  },
];

describe.each(modes)("the same behaviour in $name mode", (mode) => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a retry loop with back-off completes at the right virtual times", async () => {
    const s = mode.create();
    const attempts: number[] = [];
    const retrying = (async () => {
      for (let attempt = 0; ; attempt++) {
        attempts.push(s.now() - T0);
        if (attempt === 3) return "ok";
        await s.sleep(1000 * 2 ** attempt, "backoff");
      }
    })();
    expect(await mode.run(s, 7000, retrying)).toBe("ok");
    expect(attempts).toEqual([0, 1000, 3000, 7000]);
    s.dispose();
  });

  it("a cancelled timeout never fires, and a waiter wakes when its event arrives", async () => {
    const s = mode.create();
    const woke = new Promise<string>((resolve) => {
      const timeout = s.after(20_000, () => resolve("timed out"), { label: "long poll timeout" });
      s.after(5_000, () => {
        timeout.cancel();
        resolve(`message at ${s.now() - T0}`);
      });
    });
    expect(await mode.run(s, 5000, woke)).toBe("message at 5000");
    expect(s.pendingTasks).toBe(0);
    s.dispose();
  });
});
