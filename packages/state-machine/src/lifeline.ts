import type { Scheduler, TaskHandle } from "@simcloud/clock";

/** Why a piece of an execution was cut short: the execution stopped or timed out, or a sibling branch failed. */
export class Cancelled extends Error {
  override readonly name = "Cancelled";
  constructor(readonly reason: unknown) {
    super("cancelled");
  }
}

/**
 * The life of an execution, a Parallel branch or a Map iteration. Cancelling one cancels its children, drops its
 * pending timers (so a stopped execution leaves nothing scheduled) and rejects whatever it is awaiting.
 */
export class Lifeline {
  private cancelled: Cancelled | undefined;
  // Created on first use: most lives (a Map iteration of Pass states) never hold a timer, waiter or child.
  private children: Set<Lifeline> | undefined;
  private timers: Set<TaskHandle> | undefined;
  private waiters: Set<(error: Cancelled) => void> | undefined;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly parent?: Lifeline,
  ) {
    if (parent !== undefined) (parent.children ??= new Set()).add(this);
    if (parent?.cancelled !== undefined) this.cancelled = parent.cancelled;
  }

  get isCancelled(): boolean {
    return this.cancelled !== undefined;
  }

  child(): Lifeline {
    return new Lifeline(this.scheduler, this);
  }

  /** Detaches a finished child so long Maps do not keep every iteration alive. */
  end(): void {
    this.parent?.children?.delete(this);
  }

  cancel(reason: unknown): void {
    if (this.cancelled !== undefined) return;
    this.cancelled = new Cancelled(reason);
    const { timers, waiters, children } = this;
    this.timers = undefined;
    this.waiters = undefined;
    if (timers !== undefined) for (const timer of timers) timer.cancel();
    if (waiters !== undefined) for (const waiter of waiters) waiter(this.cancelled);
    if (children !== undefined) for (const child of [...children]) child.cancel(reason);
  }

  /** Ends a life that finished normally: drops its timers and children without making a cancellation error. */
  close(): void {
    if (this.timers !== undefined) for (const timer of this.timers) timer.cancel();
    this.timers = undefined;
    this.waiters = undefined;
    this.children = undefined;
    this.end();
  }

  throwIfCancelled(): void {
    if (this.cancelled !== undefined) throw this.cancelled;
  }

  /** Settles with `promise`, or rejects with Cancelled as soon as this life is cancelled. */
  guard<T>(promise: Promise<T>): Promise<T> {
    if (this.cancelled !== undefined) {
      promise.catch(() => undefined);
      return Promise.reject(this.cancelled);
    }
    return new Promise<T>((resolve, reject) => {
      const waiter = (error: Cancelled): void => reject(error);
      (this.waiters ??= new Set()).add(waiter);
      promise.then(
        (value) => {
          this.waiters?.delete(waiter);
          resolve(value);
        },
        (error: unknown) => {
          this.waiters?.delete(waiter);
          reject(error);
        },
      );
    });
  }

  /** Waits until virtual time `time` (one scheduler task, cancelled with this life). */
  sleepUntil(time: number, label: string): Promise<void> {
    if (time <= this.scheduler.now()) return this.guard(Promise.resolve());
    let handle: TaskHandle | undefined;
    const done = new Promise<void>((resolve) => {
      handle = this.scheduler.at(time, () => {
        if (handle !== undefined) this.timers?.delete(handle);
        resolve();
        // The execution continues on microtasks: tell the scheduler, so it lets them run before its next task.
        this.scheduler.touch();
      }, { label });
    });
    if (handle !== undefined) (this.timers ??= new Set()).add(handle);
    return this.guard(done);
  }

  /** Runs `fn` at `time` unless this life ends first; returns the handle to cancel it earlier. */
  at(time: number, fn: () => void, label: string): TaskHandle {
    const handle = this.scheduler.at(time, () => {
      this.timers?.delete(handle);
      fn();
      this.scheduler.touch();
    }, { label });
    (this.timers ??= new Set()).add(handle);
    return handle;
  }

  forget(handle: TaskHandle): void {
    handle.cancel();
    this.timers?.delete(handle);
  }
}
