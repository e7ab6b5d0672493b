import type { Scheduler, TaskHandle } from "./scheduler";

export interface ArmedTaskOptions {
  /** Names the task in loop-limit errors and failure reports, e.g. "sqs:orders visibility". */
  label: string;
  /** Housekeeping (retention, dedup windows): runs when time reaches it but never keeps runUntilIdle going. */
  background?: boolean;
}

/**
 * One armed scheduler task for the earliest deadline of a resource. The resource keeps its deadlines itself
 * (a DeadlineHeap, an ordered list) and arms this for the earliest one; the task is disarmed before `fire` runs,
 * so `fire` handles what is due and re-arms for whatever is next.
 */
export class ArmedTask {
  private handle: TaskHandle | undefined;
  private at = Infinity;
  private readonly run = (): unknown => {
    this.handle = undefined;
    this.at = Infinity;
    return this.fire();
  };

  constructor(
    private readonly scheduler: Scheduler,
    private readonly fire: () => unknown,
    private readonly options: ArmedTaskOptions,
  ) {}

  /** The time the task is armed for, Infinity when disarmed. */
  get armedAt(): number {
    return this.at;
  }

  get armed(): boolean {
    return this.handle !== undefined;
  }

  /** Arms the task for exactly `due` (Infinity disarms), moving it if it was armed for another time. */
  arm(due: number, label?: string): void {
    if (due === this.at) return;
    this.disarm();
    if (due === Infinity) return;
    this.at = due;
    this.handle = this.scheduler.at(due, this.run, { label: label ?? this.options.label, background: this.options.background ?? false });
  }

  /**
   * Makes sure the task runs no later than `due`: a task armed at or before it is kept. For deadlines that are
   * dropped often (deleted messages): the early task finds nothing due and re-arms, which costs less than moving
   * the task on every drop.
   */
  armBy(due: number, label?: string): void {
    if (this.handle !== undefined && this.at <= due) return;
    this.arm(due, label);
  }

  disarm(): void {
    this.handle?.cancel();
    this.handle = undefined;
    this.at = Infinity;
  }
}
