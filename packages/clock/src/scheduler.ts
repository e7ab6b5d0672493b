import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
import { ClockModeError, ScheduledTaskError, SchedulerDisposedError, SchedulerLoopLimitError } from "./errors";
import { MinHeap, type HeapEntry } from "./heap";
import { afterMacrotask, yieldMacrotask } from "./native";

/** 2025-01-01T00:00:00Z, the default start of virtual time. */
export const DEFAULT_START = Date.UTC(2025, 0, 1);
export const DEFAULT_LOOP_LIMIT = 100_000;

export type ClockMode = "virtual" | "system";
export type TaskFn = () => unknown;

export interface ScheduleOptions {
  /** Names the task in loop-limit errors and task-failure reports, e.g. "sqs:orders visibility". */
  label?: string;
  /**
   * Housekeeping that should not by itself keep runUntilIdle going, like an unref'd Node timer: message
   * retention expiry, deduplication windows, idle environment reaping. It still runs when time reaches it.
   */
  background?: boolean;
}

export interface TaskHandle {
  readonly time: number;
  readonly label: string;
  /** False once the task ran (one-shot) or was cancelled. */
  readonly active: boolean;
  /** Returns true when this call cancelled it. Cancelling twice or after it ran is harmless. */
  cancel(): boolean;
}

export interface RunUntilIdleOptions {
  /** Stop once virtual time would pass now + maxTime ms (time is then moved to exactly that point). */
  maxTime?: number;
  /** Loop limit for this call; defaults to the scheduler's loopLimit. */
  maxTasks?: number;
}

export interface SchedulerOptions {
  mode?: ClockMode;
  start?: number;
  autoAdvance?: boolean;
  loopLimit?: number;
  /** Told about every task that throws or rejects; time keeps moving regardless. */
  onTaskError?: (error: unknown, label: string, time: number) => void;
}

/** A recurring task computes its next time from the time it last ran; undefined ends it. */
export type NextTime = (previous: number) => number | undefined;

/** A heap entry is also its own handle: one allocation per scheduled task. */
class Entry implements HeapEntry, TaskHandle {
  heapIndex = -1;
  state: "pending" | "done" | "cancelled" = "pending";
  constructor(
    public time: number,
    public seq: number,
    readonly fn: TaskFn,
    readonly label: string,
    readonly next: NextTime | undefined,
    /** Recurring and background tasks do not count as pending work. */
    readonly background: boolean,
    private readonly owner: Scheduler,
  ) {}

  get active(): boolean {
    return this.state === "pending";
  }

  cancel(): boolean {
    return this.owner.cancelEntry(this);
  }
}

/** How many native macrotasks a task's new promise gets to settle by itself before it counts as waiting on virtual time. */
const PATIENCE_ROUNDS = 20;
/** How many of the last task labels a loop-limit error names. */
const RECENT_LABELS = 5;
/** A chain of steps at one instant yields one native macrotask every this many steps, so host timers still fire. */
const STEPS_PER_YIELD = 64;
/** Service calls served within one native macrotask before the next one waits for the host (see pace()). */
const CALLS_PER_YIELD = 1024;
const CALLS_BEFORE_WATCH = 64;

/** The virtual clock: what services read time from. */
export interface Clock {
  now(): number;
}

/**
 * One scheduler per simulated cloud. Everything that happens "later" is an entry in one heap ordered by
 * (time, insertion sequence). Tasks never block the scheduler: a task that returns a promise is let run
 * by yielding to the real event loop, and whatever it waits on in virtual time waits for its own task.
 */
export class Scheduler implements Clock {
  readonly mode: ClockMode;
  readonly autoAdvance: boolean;
  loopLimit: number;

  private current: number;
  private seq = 0;
  private readonly heap = new MinHeap<Entry>();
  private oneShotPending = 0;
  /** Cancelled entries still in the heap (lazy deletion); see cancelEntry. */
  private cancelledInHeap = 0;
  /** Bumped by anything that may let other work progress; an unchanged value across a yield means quiescence. */
  private activity = 0;
  private holds = 0;
  private awaiters = 0;
  private driving = 0;
  private pumping = false;
  private disposed = false;
  private readonly recentLabels: string[] = [];
  private recentCount = 0;
  private errors: ScheduledTaskError[] = [];
  private readonly inflight = new Set<{ patient: boolean }>();
  /** The activity count when the scheduler last found everything quiet. */
  private quietAt = -1;
  private readonly onTaskError: SchedulerOptions["onTaskError"];
  private systemTimer: ReturnType<typeof setTimeout> | undefined;
  private systemTimerTime = Infinity;
  /** A system-timer pass is running (possibly waiting for async work between two due tasks). */
  private systemPass = false;
  /** Steps (see step()) taken at `stepInstant`: work that hops from promise to promise without a task. */
  private steps = 0;
  private stepInstant = -Infinity;
  /** Continuations of steps past the loop limit: they wait for the next drive or for time to move. */
  private parked: (() => void)[] = [];
  /** Set when steps at one instant passed the loop limit; the running drive turns it into a loop-limit error. */
  private overrun = false;
  private yielding: Promise<void> | undefined;
  /**
   * The async context the cloud was created in. Tasks the scheduler runs by itself (autoAdvance, system timers)
   * run in it, not in the context of whatever code happened to wake the scheduler (a handler's), so
   * AsyncLocalStorage values such as a handler's request chain never leak into unrelated tasks.
   */
  private readonly home = new AsyncResource("simcloud.scheduler");
  private disposers: (() => void)[] = [];
  /** Set in the async context of work the scheduler runs by itself (autoAdvance's jumps, a catch-up before a call). */
  private readonly selfDriven = new AsyncLocalStorage<true>();
  /** The catch-up in progress (see beforeCall); callers arriving meanwhile wait for the same one. */
  private catchingUp: Promise<void> | undefined;
  /** Calls paced (see pace()) since the host last ran a macrotask, counted from the CALLS_BEFORE_WATCH-th on. */
  private callsThisMacrotask = 0;
  private pacing: Promise<void> | undefined;

  constructor(options: SchedulerOptions = {}) {
    this.mode = options.mode ?? "virtual";
    this.autoAdvance = options.autoAdvance ?? false;
    this.loopLimit = options.loopLimit ?? DEFAULT_LOOP_LIMIT;
    this.onTaskError = options.onTaskError;
    this.current = this.mode === "system" ? globalThis.Date.now() : Math.floor(options.start ?? DEFAULT_START);
    if (this.mode === "system" && this.autoAdvance) {
      throw new ClockModeError("autoAdvance applies to the virtual clock; with clock: 'system' your timers drive time");
    }
  }

  now(): number {
    if (this.mode === "system") {
      // Fake timers may move Date backwards (setSystemTime); simulated time never does.
      const system = globalThis.Date.now();
      if (system > this.current) this.current = system;
    }
    return this.current;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Number of scheduled one-shot tasks (recurring and background ones are not counted: they never make a cloud busy). */
  get pendingTasks(): number {
    return this.oneShotPending;
  }

  /** Time of the earliest live task, if any. */
  nextTaskTime(): number | undefined {
    return this.peekLive()?.time;
  }

  at(time: number, fn: TaskFn, options: ScheduleOptions = {}): TaskHandle {
    return this.insert(time, fn, options.label, undefined, options.background === true);
  }

  after(ms: number, fn: TaskFn, options: ScheduleOptions = {}): TaskHandle {
    return this.insert(this.now() + Math.max(0, ms), fn, options.label, undefined, options.background === true);
  }

  /**
   * A recurring task (rate or cron schedule): first at `firstTime`, then at next(previousTime) until next
   * returns undefined. It does not keep runUntilIdle alive.
   */
  recurring(firstTime: number, next: NextTime, fn: TaskFn, options: ScheduleOptions = {}): TaskHandle {
    return this.insert(firstTime, fn, options.label, next, true);
  }

  every(intervalMs: number, fn: TaskFn, options: ScheduleOptions = {}): TaskHandle {
    if (!(intervalMs > 0)) throw new RangeError(`every() needs a positive interval, got ${intervalMs}`);
    return this.recurring(this.now() + intervalMs, (previous) => previous + intervalMs, fn, options);
  }

  /** Resolves after ms of virtual time. */
  sleep(ms: number, label = "sleep"): Promise<void> {
    return new Promise((resolve) => {
      this.after(
        ms,
        () => {
          resolve();
          this.activity++;
        },
        { label },
      );
    });
  }

  /**
   * Marks a promise as awaited by a caller. In autoAdvance mode, while any marked promise is pending and
   * nothing else can progress, virtual time jumps to the next task.
   */
  waitFor<T>(promise: Promise<T>): Promise<T> {
    if (!this.autoAdvance) return promise;
    this.awaiters++;
    this.kickPump();
    return promise.finally(() => {
      this.awaiters--;
      this.activity++;
    });
  }

  /**
   * Stops autoAdvance from moving time while real (non-simulated) work is in progress, e.g. real I/O in a
   * handler. Returns the release function; releasing twice is harmless.
   */
  hold(): () => void {
    this.holds++;
    this.activity++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.activity++;
      this.kickPump();
    };
  }

  /** How many hold()s are unreleased: real work (a module load, real I/O) the simulation is waiting on. */
  get heldCount(): number {
    return this.holds;
  }

  /** Anything that lets awaiting work progress without going through the scheduler may call this. */
  touch(): void {
    this.activity++;
  }

  /**
   * One hop of work that runs through promise continuations alone, without a task (a poller handing a batch to
   * a function, a function invoking another synchronously). Such a chain can feed itself forever at one
   * instant, so steps count against the loop limit like tasks: past it the chain is parked until the next
   * advance/settle (or until time moves) and the running drive fails with SchedulerLoopLimitError. Every
   * STEPS_PER_YIELD steps the chain also waits one native macrotask, so the host's timers (a test runner's
   * timeout) still fire. Returns undefined when the caller may go on at once.
   */
  step(label: string): Promise<void> | undefined {
    if (this.disposed) return undefined;
    if (this.current !== this.stepInstant) {
      this.stepInstant = this.current;
      this.steps = 0;
    }
    this.steps++;
    this.activity++;
    this.recentLabels[this.recentCount++ % RECENT_LABELS] = label;
    if (this.steps > this.loopLimit) {
      this.overrun = true;
      return new Promise((resolve) => this.parked.push(resolve));
    }
    // Steps taken while a yield is pending wait for the same one, so concurrent chains keep their order.
    if (this.yielding !== undefined) return this.yielding;
    if (this.steps % STEPS_PER_YIELD !== 0) return undefined;
    this.yielding = yieldMacrotask().then(() => {
      this.yielding = undefined;
    });
    return this.yielding;
  }

  /**
   * autoAdvance: a service call is served only after the work already due at the current instant has run, with
   * what it causes (as settle() runs it; time does not move), so a receive right after a publish sees the message.
   * Undefined when the call may be served at once: nothing is due, time is driven explicitly, or the call comes from
   * work the scheduler is running (a handler's own calls are part of that work and keep their order). Callers
   * arriving during a catch-up wait for the same one. Rejects with SchedulerLoopLimitError when the work due now
   * never ends; task failures go to onTaskError, as autoAdvance's do.
   */
  beforeCall(): Promise<void> | undefined {
    if (!this.autoAdvance || this.disposed || this.driving > 0 || this.selfDriven.getStore() === true) return undefined;
    // A catch-up in progress may already have taken every due task off the heap: a later caller still waits for it,
    // or it would be served before the callers already waiting.
    if (this.catchingUp !== undefined) return this.catchingUp;
    const next = this.peekLive();
    if (next === undefined || next.time > this.current) return undefined;
    return (this.catchingUp = this.catchUp());
  }

  /**
   * A service call's turn with the host. Calls are served in microtasks, so code that loops on calls alone
   * (`for (;;) await sqs.sendMessage(…)`) would never let the host run anything else: no test-runner timeout, no
   * dispose. Every CALLS_PER_YIELD calls within one native macrotask, the next call waits for one; this costs nothing
   * in time or order and does not count against the loop limit (a burst of calls is legitimate; it is the host's
   * starvation that is not). Undefined when the call may go on at once.
   */
  pace(): Promise<void> | undefined {
    if (this.disposed) return undefined;
    // The reset is armed only every CALLS_BEFORE_WATCH calls (not one native callback per macrotask with calls in it):
    // reaching CALLS_PER_YIELD before it has run means those calls all came within one macrotask.
    if (++this.callsThisMacrotask === CALLS_BEFORE_WATCH) afterMacrotask(() => (this.callsThisMacrotask = 0));
    if (this.pacing !== undefined) return this.pacing;
    if (this.callsThisMacrotask < CALLS_PER_YIELD) return undefined;
    return (this.pacing = yieldMacrotask().then(() => {
      this.pacing = undefined;
    }));
  }

  private async catchUp(): Promise<void> {
    try {
      await this.selfDriven.run(true, () => this.runThrough(this.current, this.loopLimit));
    } finally {
      this.catchingUp = undefined;
      // Nobody is there to rethrow task failures to (an explicit drive started meanwhile rethrows its own).
      if (this.driving === 0) this.errors = [];
      this.kickPump();
    }
  }

  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError(`advance() needs a non-negative number of milliseconds, got ${ms}`);
    this.requireVirtual("advance");
    await this.advanceTo(this.current + ms);
  }

  async advanceTo(time: number): Promise<void> {
    this.requireVirtual("advanceTo");
    this.requireLive("advanceTo");
    await this.drive(async () => {
      await this.runThrough(Math.max(time, this.current), this.loopLimit);
    });
  }

  /** Runs what is due now and all work it causes, without moving time. */
  async settle(): Promise<void> {
    this.requireLive("settle");
    await this.drive(async () => {
      await this.runThrough(this.now(), this.loopLimit);
    });
  }

  /** Jumps from task to task until no one-shot task remains; recurring schedules alone do not keep it running. */
  async runUntilIdle(options: RunUntilIdleOptions = {}): Promise<void> {
    this.requireVirtual("runUntilIdle");
    this.requireLive("runUntilIdle");
    const limit = options.maxTasks ?? this.loopLimit;
    const deadline = options.maxTime === undefined ? Infinity : this.current + options.maxTime;
    await this.drive(async () => {
      await this.runThrough(deadline, limit, { left: limit }, true);
    });
  }

  /** Runs `cleanup` when the scheduler (its cloud) is disposed; at once if it already is. */
  onDispose(cleanup: () => void): void {
    if (this.disposed) cleanup();
    else this.disposers.push(cleanup);
  }

  /** Cancels everything and refuses further work. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const disposers = this.disposers;
    this.disposers = [];
    for (const cleanup of disposers) {
      try {
        cleanup();
      } catch (error) {
        this.onTaskError?.(error, "dispose", this.current);
      }
    }
    this.heap.clear();
    this.cancelledInHeap = 0;
    this.oneShotPending = 0;
    // Parked chains stay parked: everything they would do next is refused now.
    this.parked = [];
    if (this.systemTimer !== undefined) {
      globalThis.clearTimeout(this.systemTimer);
      this.systemTimer = undefined;
    }
  }

  private insert(time: number, fn: TaskFn, label: string | undefined, next: NextTime | undefined, background: boolean): TaskHandle {
    if (typeof fn !== "function") throw new TypeError("a scheduled task must be a function");
    if (this.disposed) {
      // Work still in flight when the cloud went away (a handler finishing, a poller's next step) schedules into
      // the void: an inert handle, never run, rather than an exception nobody is there to catch.
      const inert = new Entry(this.current, this.seq++, fn, label ?? (fn.name || "task"), undefined, true, this);
      inert.state = "cancelled";
      return inert;
    }
    if (Number.isNaN(time)) throw new RangeError("cannot schedule a task at NaN");
    // Scheduling in the past runs at the current time.
    const now = this.now();
    const entry = new Entry(time > now ? Math.floor(time) : now, this.seq++, fn, label ?? (fn.name || "task"), next, background, this);
    this.heap.push(entry);
    if (!background) this.oneShotPending++;
    this.activity++;
    if (this.mode === "system") this.armSystemTimer();
    return entry;
  }

  /** @internal Called by a handle's cancel(). */
  cancelEntry(entry: Entry): boolean {
    if (entry.state !== "pending") return false;
    entry.state = "cancelled";
    if (!entry.background) this.oneShotPending--;
    this.activity++;
    // Lazy deletion: the entry stays in the heap and is dropped when it reaches the top. Entries cancelled far
    // ahead of time (an invocation's timeout, a visibility deadline) may never reach it while time stands still, so
    // once they are most of the heap it is rebuilt without them: the heap and what their tasks hold stay bounded.
    if (entry.heapIndex >= 0 && ++this.cancelledInHeap > 64 && this.cancelledInHeap * 2 > this.heap.size) {
      this.heap.retain((candidate) => candidate.state === "pending");
      this.cancelledInHeap = 0;
    }
    return true;
  }

  private peekLive(): Entry | undefined {
    let top = this.heap.peek();
    while (top !== undefined && top.state !== "pending") {
      this.heap.pop();
      this.cancelledInHeap--;
      top = this.heap.peek();
    }
    return top;
  }

  /**
   * Runs every task due at or before `target` in order, moving time to each task's time, letting async work
   * each task started progress at that time, and finally moves time to `target`.
   */
  private async runThrough(target: number, limit: number, budget = { left: limit }, untilIdle = false): Promise<void> {
    for (;;) {
      if (this.overrun) this.failOverrun(limit);
      let next = this.peekLive();
      // Idle: only what is due right now still runs (recurring and background work never moves time here).
      if (untilIdle && this.oneShotPending === 0 && next !== undefined && next.time > this.current) next = undefined;
      if (next !== undefined && next.time <= target) {
        if (budget.left-- <= 0) throw new SchedulerLoopLimitError(limit, this.lastLabels());
        const before = this.activity;
        const returned = this.runEntry(next);
        if (this.disposed) return;
        if (this.activity !== before || isThenable(returned)) await this.flush();
        else {
          // A plain task may still have resolved a promise: let short continuation chains run at this time.
          await null;
          await null;
          await null;
        }
        continue;
      }
      // Nothing more is due: give async work started so far a chance to schedule more at the current time.
      // Skipped when nothing could have started any since the last check (plain tasks only): the hot path.
      if ((this.activity !== this.quietAt || this.inflight.size > 0) && !(await this.quiet())) continue;
      if (this.disposed) return;
      if (this.overrun) this.failOverrun(limit);
      // runUntilIdle leaves time at its last task unless it stopped at its deadline with work remaining.
      if (untilIdle && this.oneShotPending === 0) return;
      break;
    }
    if (this.mode === "virtual" && target > this.current) this.current = target;
  }

  private failOverrun(limit: number): never {
    this.overrun = false;
    throw new SchedulerLoopLimitError(limit, this.lastLabels());
  }

  /** Lets parked step chains go on: a new drive or a new instant gives them a new budget. */
  private releaseParked(): void {
    this.overrun = false;
    this.steps = 0;
    if (this.parked.length === 0) return;
    const parked = this.parked;
    this.parked = [];
    for (const resume of parked) resume();
    this.activity++;
  }

  private runEntry(entry: Entry): unknown {
    this.heap.pop();
    if (entry.time > this.current) {
      this.current = entry.time;
      if (this.parked.length > 0) this.releaseParked();
    }
    if (entry.next === undefined) {
      entry.state = "done";
      if (!entry.background) this.oneShotPending--;
    } else {
      const following = entry.next(entry.time);
      if (following === undefined) entry.state = "done";
      else {
        entry.time = Math.max(following, entry.time);
        entry.seq = this.seq++;
        this.heap.push(entry);
      }
    }
    this.recentLabels[this.recentCount++ % RECENT_LABELS] = entry.label;
    const time = this.current;
    try {
      const returned = entry.fn();
      if (isThenable(returned)) this.track(returned, entry.label, time);
      return returned;
    } catch (error) {
      this.taskFailed(error, entry.label, time);
      return undefined;
    }
  }

  /** Follows a task's promise: its settling is activity, its rejection a task failure. */
  private track(promise: PromiseLike<unknown>, label: string, time: number): void {
    const inflight = { patient: false };
    this.inflight.add(inflight);
    const settled = (): void => {
      this.inflight.delete(inflight);
      this.activity++;
    };
    promise.then(settled, (error: unknown) => {
      settled();
      this.taskFailed(error, label, time);
    });
  }

  /**
   * True when nothing progressed across a native macrotask. A task promise that is new since the last check
   * gets a few more macrotasks to settle (real async work such as a dynamic import); one that outlasts them
   * is waiting on virtual time and is not waited for again.
   */
  private async quiet(): Promise<boolean> {
    const before = this.activity;
    await yieldMacrotask();
    if (this.activity !== before) return false;
    let impatient = false;
    for (const inflight of this.inflight) if (!inflight.patient) impatient = true;
    if (!impatient) {
      this.quietAt = this.activity;
      return true;
    }
    for (let round = 0; round < PATIENCE_ROUNDS; round++) {
      await yieldMacrotask();
      if (this.activity !== before) return false;
    }
    for (const inflight of this.inflight) inflight.patient = true;
    this.quietAt = this.activity;
    return true;
  }

  private taskFailed(error: unknown, label: string, time: number): void {
    this.errors.push(new ScheduledTaskError(label, time, error));
    this.activity++;
    this.onTaskError?.(error, label, time);
  }

  /** Lets microtasks and one native macrotask run, repeating while that work keeps causing activity. */
  private async flush(): Promise<void> {
    for (let rounds = 0; rounds < 1000; rounds++) {
      const before = this.activity;
      await yieldMacrotask();
      if (this.activity === before || this.disposed || this.overrun) return;
      const next = this.peekLive();
      // New work due now is run by the caller's loop, in order.
      if (next !== undefined && next.time <= this.current) return;
    }
  }

  /** Marks an explicit drive (which pauses autoAdvance) and rethrows the first task failure afterwards. */
  private async drive(body: () => Promise<void>): Promise<void> {
    this.driving++;
    if (this.parked.length > 0 || this.overrun) this.releaseParked();
    try {
      // Work the caller started just before (an invoke not yet awaited) runs at the current time first.
      await yieldMacrotask();
      await body();
    } finally {
      this.driving--;
      this.kickPump();
    }
    const [first] = this.errors;
    this.errors = [];
    if (first !== undefined) throw first;
  }

  private kickPump(): void {
    if (!this.autoAdvance || this.pumping || this.awaiters === 0 || this.disposed) return;
    this.pumping = true;
    this.home.runInAsyncScope(() => {
      void this.selfDriven.run(true, () => this.pump()).finally(() => {
        this.pumping = false;
      });
    });
  }

  /** The autoAdvance loop (tokio's paused clock): only when nothing else can progress, jump to the next task. */
  private async pump(): Promise<void> {
    let budget = this.loopLimit;
    while (this.awaiters > 0 && !this.disposed) {
      // release(), the end of the drive or of the catch-up kicks us again.
      if (this.holds > 0 || this.driving > 0 || this.catchingUp !== undefined) return;
      if (!(await this.quiet()) || this.holds > 0 || this.driving > 0 || this.catchingUp !== undefined || this.awaiters === 0) continue;
      // Real I/O in flight (a file read, a DNS lookup) will wake someone up in real time: wait for it, not for
      // virtual time. Open sockets and timers are not requests and do not count: those remain the user's to hold().
      if (realRequestsPending()) {
        await yieldMacrotask();
        continue;
      }
      const next = this.peekLive();
      if (next === undefined) return; // nothing can ever progress; the awaited promise stays pending
      if (budget-- <= 0 || this.overrun) {
        this.overrun = false;
        const error = new SchedulerLoopLimitError(this.loopLimit, this.lastLabels());
        this.onTaskError?.(error, "autoAdvance", this.current);
        return;
      }
      const ranAt = this.activity;
      const returned = this.runEntry(next);
      if (isThenable(returned) || this.activity !== ranAt) await this.flush();
      // Failures in auto mode are reported through onTaskError; nobody is there to rethrow them to.
      this.errors = [];
    }
  }

  private armSystemTimer(): void {
    const next = this.peekLive();
    if (next === undefined || this.disposed) return;
    if (this.systemTimer !== undefined && this.systemTimerTime <= next.time) return;
    if (this.systemTimer !== undefined) globalThis.clearTimeout(this.systemTimer);
    this.systemTimerTime = next.time;
    // Looked up at call time so that fake timers installed after the cloud was created still drive it.
    const delay = Math.max(0, next.time - this.now());
    this.systemTimer = this.home.runInAsyncScope(() => globalThis.setTimeout(() => this.onSystemTimer(), delay));
  }

  /**
   * Runs every task due by the host's clock. Tasks due in the same millisecond run in one pass (fake timers give a
   * zero-delay timer armed inside a tick the next millisecond, so re-arming between them would move time); when a
   * task starts async work and more tasks are due, the pass waits for that work to settle (native macrotasks, which
   * fake timers do not touch) before the next task, as a virtual drive does, so every mode runs the same steps.
   */
  private onSystemTimer(): void {
    this.systemTimer = undefined;
    this.systemTimerTime = Infinity;
    // A pass in progress picks up whatever became due, then re-arms.
    if (this.systemPass) return;
    this.systemPass = true;
    const pass = this.runSystemPass();
    if (pass !== undefined) {
      void pass.then(() => this.endSystemPass(false));
      return;
    }
    this.endSystemPass(true);
  }

  /** Runs due tasks; returns a promise only once it had to wait for async work between two of them. */
  private runSystemPass(budget = this.loopLimit): Promise<void> | undefined {
    for (let next = this.peekLive(); next !== undefined && next.time <= this.now(); next = this.peekLive()) {
      if (budget-- <= 0) {
        this.taskFailed(new SchedulerLoopLimitError(this.loopLimit, this.lastLabels()), "system timer", this.current);
        return undefined;
      }
      const ranAt = this.activity;
      const returned = this.runEntry(next);
      if (this.disposed) return undefined;
      const following = this.peekLive();
      if ((isThenable(returned) || this.activity !== ranAt) && following !== undefined && following.time <= this.now()) {
        const remaining = budget;
        return this.flush().then(() => this.runSystemPass(remaining));
      }
    }
    return undefined;
  }

  private endSystemPass(synchronous: boolean): void {
    this.systemPass = false;
    const [first] = this.errors;
    this.errors = [];
    this.armSystemTimer();
    if (first === undefined || this.onTaskError !== undefined) return;
    // Thrown from the timer callback, as the host reports timer errors; after a wait, from a fresh macrotask.
    if (synchronous) throw first;
    queueMicrotask(() => {
      throw first;
    });
  }

  private lastLabels(): string[] {
    const labels: string[] = [];
    const count = Math.min(this.recentCount, RECENT_LABELS);
    for (let i = this.recentCount - count; i < this.recentCount; i++) labels.push(this.recentLabels[i % RECENT_LABELS] as string);
    return labels;
  }

  private requireVirtual(operation: string): void {
    if (this.mode === "system") {
      throw new ClockModeError(
        `${operation}() drives the virtual clock; with clock: 'system' advance your timers instead (e.g. vi.advanceTimersByTimeAsync)`,
      );
    }
  }

  private requireLive(operation: string): void {
    if (this.disposed) throw new SchedulerDisposedError(operation);
  }
}

/** Node's names for in-flight I/O requests (libuv reqs), as `process.getActiveResourcesInfo()` lists them. */
const IO_REQUESTS = new Set(["FSReqCallback", "FSReqPromise", "CloseReq", "GetAddrInfoReqWrap", "GetNameInfoReqWrap", "QueryReqWrap", "TCPConnectWrap", "PipeConnectWrap"]);

function realRequestsPending(): boolean {
  const info = (process as { getActiveResourcesInfo?: () => string[] }).getActiveResourcesInfo;
  if (typeof info !== "function") return false;
  for (const kind of info.call(process)) if (IO_REQUESTS.has(kind)) return true;
  return false;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
