import type { Scheduler, TaskHandle } from "@simcloud/clock";
import type { Message } from "./types";
import type { ReceiveRules } from "./validate";

/** A ReceiveMessage long poll waiting for messages. */
export interface Waiter {
  readonly rules: ReceiveRules;
  readonly resolve: (messages: Message[]) => void;
  timer: TaskHandle | undefined;
  done: boolean;
}

/**
 * A queue's long polls in arrival order, served first come first served. Finished waiters stay in the array until
 * they reach its head (a timed-out poll in the middle is only marked done), so finishing is O(1).
 */
export class Waiters {
  private list: Waiter[] = [];
  private head = 0;

  constructor(private readonly scheduler: Scheduler) {}

  /**
   * Starts a long poll of `ms`; `timedOut` runs when it ends with no messages. A `background` poll's timeout is a
   * background task, so it does not keep runUntilIdle going.
   */
  wait(rules: ReceiveRules, ms: number, label: string, background: boolean, timedOut: (waiter: Waiter) => void): Promise<Message[]> {
    return new Promise<Message[]>((resolve) => {
      const waiter: Waiter = { rules, resolve, timer: undefined, done: false };
      waiter.timer = this.scheduler.after(ms, () => timedOut(waiter), { label, background });
      this.list.push(waiter);
    });
  }

  /** The longest-waiting poll still open, undefined when none is. */
  first(): Waiter | undefined {
    while (this.head < this.list.length && (this.list[this.head] as Waiter).done) this.head++;
    if (this.head === this.list.length && this.head > 0) {
      this.list = [];
      this.head = 0;
    }
    // Checked, not read past the end: an out-of-bounds read takes V8's slow path, and this runs on every wake-up.
    return this.head < this.list.length ? this.list[this.head] : undefined;
  }

  /** Answers a poll (once; later calls are ignored) and cancels its timeout. */
  finish(waiter: Waiter, messages: Message[]): void {
    if (waiter.done) return;
    waiter.done = true;
    waiter.timer?.cancel();
    waiter.timer = undefined;
    this.scheduler.touch();
    waiter.resolve(messages);
  }

  /** Answers every open poll with `messages` (DeleteQueue: an empty answer). */
  finishAll(messages: Message[]): void {
    for (let waiter = this.first(); waiter !== undefined; waiter = this.first()) this.finish(waiter, messages);
  }
}
