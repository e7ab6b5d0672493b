import { afterEach, describe, expect, it, vi } from "vitest";
import { ClockModeError, ScheduledTaskError, SchedulerDisposedError, SchedulerLoopLimitError } from "./errors";
import { DEFAULT_START, Scheduler } from "./scheduler";

const T0 = DEFAULT_START;

describe("Scheduler: virtual time", () => {
  it("starts at 2025-01-01T00:00:00Z by default and at the given start otherwise", () => {
    expect(new Scheduler().now()).toBe(Date.UTC(2025, 0, 1));
    expect(new Scheduler({ start: 42 }).now()).toBe(42);
  });

  it("runs tasks in time order, moving now to each task's time, then to the target", async () => {
    const s = new Scheduler();
    const seen: number[] = [];
    s.after(300, () => seen.push(s.now() - T0));
    s.after(100, () => seen.push(s.now() - T0));
    s.after(200, () => seen.push(s.now() - T0));
    await s.advance(250);
    expect(seen).toEqual([100, 200]);
    expect(s.now()).toBe(T0 + 250);
    await s.advance(50);
    expect(seen).toEqual([100, 200, 300]);
  });

  it("breaks ties by insertion order", async () => {
    const s = new Scheduler();
    const seen: string[] = [];
    for (const name of ["a", "b", "c", "d"]) s.at(T0 + 10, () => seen.push(name));
    s.at(T0 + 5, () => s.at(T0 + 10, () => seen.push("late")));
    await s.advance(10);
    expect(seen).toEqual(["a", "b", "c", "d", "late"]);
  });

  it("runs a task scheduled in the past at the current time, and never moves time backwards", async () => {
    const s = new Scheduler();
    await s.advance(1000);
    let ranAt = 0;
    const handle = s.at(T0, () => (ranAt = s.now()));
    expect(handle.time).toBe(T0 + 1000);
    await s.settle();
    expect(ranAt).toBe(T0 + 1000);
    await s.advanceTo(T0);
    expect(s.now()).toBe(T0 + 1000);
  });

  it("cancels with a handle; cancelling twice or after running is harmless", async () => {
    const s = new Scheduler();
    const seen: string[] = [];
    const a = s.after(10, () => seen.push("a"));
    const b = s.after(20, () => seen.push("b"));
    expect(a.cancel()).toBe(true);
    expect(a.cancel()).toBe(false);
    expect(a.active).toBe(false);
    expect(s.pendingTasks).toBe(1);
    await s.advance(30);
    expect(seen).toEqual(["b"]);
    expect(b.active).toBe(false);
    expect(b.cancel()).toBe(false);
    expect(s.pendingTasks).toBe(0);
  });

  it("many tasks cancelled far ahead (timeouts of work that finished) leave the rest to run in order", async () => {
    const s = new Scheduler();
    const seen: number[] = [];
    const handles = Array.from({ length: 1000 }, (_, i) => s.after(1000 - (i % 7), () => seen.push(i)));
    for (const [i, handle] of handles.entries()) if (i % 10 !== 0) expect(handle.cancel()).toBe(true);
    expect(handles[1]?.cancel()).toBe(false);
    expect(s.pendingTasks).toBe(100);
    await s.advance(1000);
    const kept = handles.map((_, i) => i).filter((i) => i % 10 === 0);
    expect(seen).toEqual([...kept].sort((a, b) => 1000 - (a % 7) - (1000 - (b % 7)) || a - b));
    expect(s.pendingTasks).toBe(0);
  });

  it("lets a task cancel a later task due at the same time", async () => {
    const s = new Scheduler();
    const seen: string[] = [];
    let second: { cancel(): boolean } | undefined;
    s.after(10, () => {
      seen.push("first");
      second?.cancel();
    });
    second = s.after(10, () => seen.push("second"));
    await s.advance(10);
    expect(seen).toEqual(["first"]);
  });

  it("runs a recursive chain of tasks each at its own time", async () => {
    const s = new Scheduler();
    const times: number[] = [];
    const tick = (left: number): void => {
      times.push(s.now() - T0);
      if (left > 0) s.after(1000, () => tick(left - 1));
    };
    s.after(0, () => tick(4));
    await s.advance(10_000);
    expect(times).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it("lets async tasks progress at their own virtual time without blocking advance", async () => {
    const s = new Scheduler();
    const log: string[] = [];
    s.after(100, async () => {
      log.push(`a:${s.now() - T0}`);
      await s.sleep(1000);
      log.push(`a resumed:${s.now() - T0}`);
    });
    s.after(200, () => log.push(`b:${s.now() - T0}`));
    await s.advance(500);
    expect(log).toEqual(["a:100", "b:200"]);
    await s.advance(1000);
    expect(log).toEqual(["a:100", "b:200", "a resumed:1100"]);
  });

  it("runs work caused by a task (promise continuations, new tasks due now) before later tasks", async () => {
    const s = new Scheduler();
    const log: string[] = [];
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    void gate.then(async () => {
      await Promise.resolve();
      await Promise.resolve();
      log.push(`continuation:${s.now() - T0}`);
      s.after(0, () => log.push(`scheduled by continuation:${s.now() - T0}`));
    });
    s.after(10, () => release?.());
    s.after(20, () => log.push(`next:${s.now() - T0}`));
    await s.advance(30);
    expect(log).toEqual(["continuation:10", "scheduled by continuation:10", "next:20"]);
  });

  it("settle() completes work that can complete at the current time, without moving time", async () => {
    const s = new Scheduler();
    const log: string[] = [];
    s.after(0, async () => {
      for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
      log.push("done");
    });
    s.after(1, () => log.push("later"));
    await s.settle();
    expect(log).toEqual(["done"]);
    expect(s.now()).toBe(T0);
  });

  it("advance first lets work the caller started just before run at the current time", async () => {
    const s = new Scheduler();
    const log: string[] = [];
    const timeout = s.after(10, () => log.push("timed out"));
    // Started, not awaited: settles a few microtasks later, then cancels its own timeout, as a finished call would.
    void (async () => {
      await Promise.resolve();
      await Promise.resolve();
      await Promise.resolve();
      await Promise.resolve();
      timeout.cancel();
      log.push(`finished at ${s.now() - T0}`);
    })();
    await s.advance(100);
    expect(log).toEqual(["finished at 0"]);
  });

  it("does not wait for a task whose promise never settles", async () => {
    const s = new Scheduler();
    const log: string[] = [];
    s.after(10, () => new Promise(() => undefined));
    s.after(20, () => log.push("after the stuck one"));
    await s.advance(30);
    expect(log).toEqual(["after the stuck one"]);
  });

  it("handles long chains: 10,000 sequential async hops", async () => {
    const s = new Scheduler();
    let hops = 0;
    s.after(0, async () => {
      for (let i = 0; i < 10_000; i++) {
        await s.sleep(1);
        hops++;
      }
    });
    await s.advance(10_000);
    expect(hops).toBe(10_000);
    expect(s.now()).toBe(T0 + 10_000);
  });

  it("records a failing task, keeps time moving, runs later tasks, and rethrows the first failure at the end", async () => {
    const failures: string[] = [];
    const s = new Scheduler({ onTaskError: (error, label) => failures.push(`${label}:${(error as Error).message}`) });
    const log: string[] = [];
    s.after(10, () => {
      throw new Error("boom");
    }, { label: "sync-failure" });
    s.after(20, async () => {
      throw new Error("async boom");
    }, { label: "async-failure" });
    s.after(30, () => log.push("still runs"));
    const error = await s.advance(100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScheduledTaskError);
    expect((error as ScheduledTaskError).label).toBe("sync-failure");
    expect(log).toEqual(["still runs"]);
    expect(failures).toEqual(["sync-failure:boom", "async-failure:async boom"]);
    expect(s.now()).toBe(T0 + 100);
    await expect(s.advance(10)).resolves.toBeUndefined();
  });

  it("throws SchedulerLoopLimitError naming the last tasks when a task keeps rescheduling itself", async () => {
    const s = new Scheduler({ loopLimit: 500 });
    const again = (): void => {
      s.after(0, again, { label: "queue:orders poll" });
    };
    s.after(0, again, { label: "queue:orders poll" });
    const error = await s.settle().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchedulerLoopLimitError);
    expect((error as Error).message).toContain("queue:orders poll");
    expect((error as SchedulerLoopLimitError).limit).toBe(500);
  });

  it("counts steps of a chain that feeds itself through promises alone: the drive fails, the chain parks, host timers fire", async () => {
    const s = new Scheduler({ loopLimit: 300 });
    let hops = 0;
    const chain = async (): Promise<void> => {
      for (;;) {
        hops++;
        const step = s.step("lambda:loop invoke");
        if (step !== undefined) await step;
      }
    };
    void chain();
    // The chain yields to the host every few steps, so these real timers fire instead of starving. On a loaded machine
    // a timer can fire before the chain's own host turn, so wait for the limit (bounded), then check it stays parked.
    const hostTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));
    for (let turns = 0; hops < 300 + 1 && turns < 10_000; turns++) await hostTurn();
    for (let turns = 0; turns < 5; turns++) await hostTurn();
    expect(hops).toBe(300 + 1);
    const error = await s.settle().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchedulerLoopLimitError);
    expect((error as Error).message).toContain("lambda:loop invoke");
    // Parked at the limit; settle() gave it one more budget, and it parked again.
    expect(hops).toBe(2 * 300 + 2);
    s.dispose();
  });

  it("runUntilIdle jumps from task to task until no one-shot task remains", async () => {
    const s = new Scheduler();
    const log: number[] = [];
    s.after(5_000, () => {
      log.push(s.now() - T0);
      s.after(86_400_000, () => log.push(s.now() - T0));
    });
    await s.runUntilIdle();
    expect(log).toEqual([5_000, 86_405_000]);
    expect(s.now()).toBe(T0 + 86_405_000);
  });

  it("runUntilIdle is not kept alive by recurring tasks, but runs them while one-shot work remains", async () => {
    const s = new Scheduler();
    const ticks: number[] = [];
    s.every(1000, () => ticks.push(s.now() - T0), { label: "rate(1 second)" });
    s.after(3500, () => undefined);
    await s.runUntilIdle();
    expect(ticks).toEqual([1000, 2000, 3000]);
    expect(s.now()).toBe(T0 + 3500);
    await s.runUntilIdle();
    expect(s.now()).toBe(T0 + 3500);
  });

  it("runUntilIdle honours maxTime and maxTasks", async () => {
    const s = new Scheduler();
    const log: number[] = [];
    s.after(1000, () => log.push(1000));
    s.after(10_000, () => log.push(10_000));
    await s.runUntilIdle({ maxTime: 5000 });
    expect(log).toEqual([1000]);
    expect(s.now()).toBe(T0 + 5000);
    const chatty = new Scheduler();
    const loop = (): void => void chatty.after(1, loop, { label: "chatty" });
    loop();
    await expect(chatty.runUntilIdle({ maxTasks: 50 })).rejects.toBeInstanceOf(SchedulerLoopLimitError);
  });

  it("recurring tasks follow their next-time function and end when it returns undefined", async () => {
    const s = new Scheduler();
    const seen: number[] = [];
    const handle = s.recurring(T0 + 10, (previous) => (previous - T0 < 40 ? previous + 10 : undefined), () => seen.push(s.now() - T0));
    await s.advance(100);
    expect(seen).toEqual([10, 20, 30, 40]);
    expect(handle.active).toBe(false);
    const ticks: number[] = [];
    const every = s.every(5, () => ticks.push(s.now() - T0));
    await s.advance(12);
    every.cancel();
    await s.advance(100);
    expect(ticks).toEqual([105, 110]);
  });

  it("dispose() cancels everything and refuses further work; it is idempotent", async () => {
    const s = new Scheduler();
    let ran = false;
    s.after(10, () => (ran = true));
    s.dispose();
    s.dispose();
    expect(s.isDisposed).toBe(true);
    expect(s.pendingTasks).toBe(0);
    await expect(s.advance(100)).rejects.toBeInstanceOf(SchedulerDisposedError);
    // Work still in flight schedules into the void: an inert handle that never runs, not an unhandled exception.
    let late = false;
    const handle = s.after(1, () => (late = true));
    expect(handle.active).toBe(false);
    expect(ran).toBe(false);
    expect(late).toBe(false);
  });

  it("rejects bad arguments clearly", async () => {
    const s = new Scheduler();
    await expect(s.advance(-1)).rejects.toThrow(RangeError);
    expect(() => s.at(Number.NaN, () => undefined)).toThrow(RangeError);
    expect(() => s.every(0, () => undefined)).toThrow(RangeError);
  });
});

describe("Scheduler: autoAdvance", () => {
  it("jumps to the next task only when an awaited promise cannot otherwise progress", async () => {
    const s = new Scheduler({ autoAdvance: true });
    const started = performance.now();
    await s.waitFor(s.sleep(20_000));
    expect(s.now()).toBe(T0 + 20_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("runs earlier tasks in order on the way and leaves later ones alone", async () => {
    const s = new Scheduler({ autoAdvance: true });
    const log: number[] = [];
    s.after(5, () => log.push(5));
    s.after(60_000, () => log.push(60_000));
    await s.waitFor(s.sleep(10));
    expect(log).toEqual([5]);
    expect(s.now()).toBe(T0 + 10);
  });

  it("does not jump while held, and resumes when released", async () => {
    const s = new Scheduler({ autoAdvance: true });
    const release = s.hold();
    let done = false;
    const waiting = s.waitFor(s.sleep(1000)).then(() => (done = true));
    for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    expect(s.now()).toBe(T0);
    release();
    release();
    await waiting;
    expect(s.now()).toBe(T0 + 1000);
  });

  it("an explicit advance still works, and auto mode carries on afterwards", async () => {
    const s = new Scheduler({ autoAdvance: true });
    const log: number[] = [];
    s.after(100, () => log.push(s.now() - T0));
    await s.advance(50);
    expect(log).toEqual([]);
    await s.waitFor(s.sleep(100));
    expect(log).toEqual([100]);
    expect(s.now()).toBe(T0 + 150);
  });

  it("is refused with the system clock", () => {
    expect(() => new Scheduler({ mode: "system", autoAdvance: true })).toThrow(ClockModeError);
  });
});

describe("Scheduler: beforeCall (autoAdvance serves a call after the work due now)", () => {
  it("is undefined (serve at once) without autoAdvance, or when nothing is due now", async () => {
    const virtual = new Scheduler();
    virtual.after(0, () => undefined);
    expect(virtual.beforeCall()).toBeUndefined();
    const auto = new Scheduler({ autoAdvance: true });
    expect(auto.beforeCall()).toBeUndefined();
    auto.after(1, () => undefined);
    expect(auto.beforeCall()).toBeUndefined();
    auto.after(0, () => undefined).cancel();
    expect(auto.beforeCall()).toBeUndefined();
  });

  it("runs what is due now and the async work it starts, leaves later tasks alone, and does not move time", async () => {
    const s = new Scheduler({ autoAdvance: true });
    const log: string[] = [];
    s.after(0, async () => {
      log.push("due");
      await new Promise<void>((resolve) => setImmediate(resolve));
      s.after(0, () => log.push("caused"));
    });
    s.after(1, () => log.push("later"));
    await s.beforeCall();
    expect(log).toEqual(["due", "caused"]);
    expect(s.now()).toBe(T0);
    expect(s.pendingTasks).toBe(1);
  });

  it("callers arriving meanwhile share one catch-up; work it runs is served at once", async () => {
    const s = new Scheduler({ autoAdvance: true });
    let inner: Promise<void> | undefined | "unset" = "unset";
    s.after(0, () => {
      s.after(0, () => undefined);
      inner = s.beforeCall();
    });
    const first = s.beforeCall();
    expect(s.beforeCall()).toBe(first);
    await first;
    expect(inner).toBeUndefined();
    expect(s.beforeCall()).toBeUndefined();
  });

  it("a caller arriving after the catch-up took the last due task off the heap still waits for it (calls keep their order)", async () => {
    const s = new Scheduler({ autoAdvance: true });
    s.after(0, () => undefined);
    const first = s.beforeCall();
    expect(first).toBeDefined();
    expect(s.beforeCall()).toBe(first);
    await first;
    expect(s.beforeCall()).toBeUndefined();
  });

  it("is undefined while an explicit drive runs", async () => {
    const s = new Scheduler({ autoAdvance: true });
    let during: Promise<void> | undefined | "unset" = "unset";
    s.after(10, () => {
      s.after(0, () => undefined);
      during = s.beforeCall();
    });
    await s.advance(10);
    expect(during).toBeUndefined();
  });

  it("rejects with SchedulerLoopLimitError when the work due now never ends, and reports failing tasks without rethrowing them", async () => {
    const failures: string[] = [];
    const s = new Scheduler({ autoAdvance: true, loopLimit: 20, onTaskError: (_error, label) => failures.push(label) });
    s.after(0, () => {
      throw new Error("boom");
    }, { label: "fails" });
    await s.beforeCall();
    expect(failures).toEqual(["fails"]);
    const spin = (): void => void s.after(0, spin, { label: "spin" });
    spin();
    await expect(s.beforeCall()).rejects.toBeInstanceOf(SchedulerLoopLimitError);
    s.dispose();
  });

  it("a pending autoAdvance wait does not move time during a catch-up, and carries on after it", async () => {
    const s = new Scheduler({ autoAdvance: true });
    const log: string[] = [];
    s.after(0, async () => {
      log.push(`due@${s.now() - T0}`);
      for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
      log.push(`done@${s.now() - T0}`);
    });
    const sleeping = s.waitFor(s.sleep(1000)).then(() => log.push(`woke@${s.now() - T0}`));
    await s.beforeCall();
    await sleeping;
    expect(log).toEqual(["due@0", "done@0", "woke@1000"]);
  });
});

describe("Scheduler: system clock driven by fake timers", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reads Date.now and arms the global setTimeout looked up at call time", async () => {
    vi.useFakeTimers({ now: T0 });
    const s = new Scheduler({ mode: "system" });
    expect(s.now()).toBe(T0);
    const log: number[] = [];
    s.after(30_000, () => log.push(s.now() - T0));
    s.after(10_000, async () => {
      log.push(s.now() - T0);
      await s.sleep(5_000);
      log.push(s.now() - T0);
    });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(log).toEqual([10_000, 15_000]);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual([10_000, 15_000, 30_000]);
  });

  it("refuses virtual-only operations with a clear error", async () => {
    const s = new Scheduler({ mode: "system" });
    await expect(s.advance(1)).rejects.toBeInstanceOf(ClockModeError);
    await expect(s.runUntilIdle()).rejects.toBeInstanceOf(ClockModeError);
    s.dispose();
  });

  it("never moves time backwards when the system clock is set back", () => {
    vi.useFakeTimers({ now: T0 + 1000 });
    const s = new Scheduler({ mode: "system" });
    vi.setSystemTime(T0);
    expect(s.now()).toBe(T0 + 1000);
    s.dispose();
  });
});
