import { ArmedTask, DeadlineHeap, type Scheduler } from "@simcloud/clock";
import { DELAYED, INFLIGHT, type StoredMessage } from "./message";

/** What the deadlines tell their queue: a message's delay or visibility timeout has ended. */
export interface DeadlineOwner {
  delayEnded(message: StoredMessage): void;
  visibilityExpired(message: StoredMessage): void;
}

/**
 * A queue's pending delay ends and visibility expiries: one DeadlineHeap, one scheduler task armed for its top
 * (labelled after what the top is waiting for), so no message owns a task.
 */
export class MessageDeadlines {
  private readonly heap = new DeadlineHeap<StoredMessage>();
  private readonly task: ArmedTask;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly labels: { readonly delay: string; readonly visibility: string },
    private readonly owner: DeadlineOwner,
  ) {
    this.task = new ArmedTask(scheduler, () => this.runDue(), { label: labels.visibility });
  }

  /** Sets (or moves) the message's pending delay end or visibility expiry. */
  set(message: StoredMessage, at: number): void {
    this.heap.set(message, at);
    this.arm();
  }

  clear(message: StoredMessage): void {
    if (message.heapIndex < 0) return;
    this.heap.remove(message);
    this.arm();
  }

  /** Whether a deadline has come that its task has not applied yet (a long poll ending at the same instant). */
  anyDue(): boolean {
    return this.heap.nextDue <= this.scheduler.now();
  }

  /** Applies every deadline due by now, in the order they were set; also called ahead of the task. */
  runDue(): void {
    // Called ahead of its task, the task must not run again.
    this.task.disarm();
    const now = this.scheduler.now();
    const heap = this.heap;
    while (heap.nextDue <= now) {
      const message = heap.pop() as StoredMessage;
      // The message's state says which deadline it was waiting for.
      if (message.state === DELAYED) this.owner.delayEnded(message);
      else if (message.state === INFLIGHT) this.owner.visibilityExpired(message);
    }
    this.arm();
  }

  /** Keeps exactly one scheduler task, at the earliest deadline (none when there is none). */
  private arm(): void {
    const at = this.heap.nextDue;
    if (at === this.task.armedAt) return;
    this.task.arm(at, this.heap.peek()?.state === DELAYED ? this.labels.delay : this.labels.visibility);
  }
}
