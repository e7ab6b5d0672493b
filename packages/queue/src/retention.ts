import { ArmedTask, type Scheduler } from "@simcloud/clock";
import type { StoredMessage } from "./message";

/**
 * Every stored message of a queue, oldest enqueue time first, with one background task for the oldest's retention
 * deadline. Retention deadlines follow enqueue order, so a list (not a heap) covers them; messages link through
 * their own `older`/`newer` fields, so adding and removing are O(1) for messages in send order.
 */
export class RetentionList {
  private oldest: StoredMessage | undefined;
  private newest: StoredMessage | undefined;
  private readonly task: ArmedTask;

  constructor(
    private readonly scheduler: Scheduler,
    label: string,
    /** The queue's MessageRetentionPeriod in ms (read when the task runs: SetQueueAttributes may change it). */
    private readonly periodMs: () => number,
    /** Takes an expired message out of the queue; it must `remove` it from this list. */
    private readonly expire: (message: StoredMessage) => void,
  ) {
    this.task = new ArmedTask(scheduler, () => this.due(), { label, background: true });
  }

  /** Links a new message in: at the end, unless a moved message kept an older enqueue time. */
  add(message: StoredMessage): void {
    let after = this.newest;
    // Only a standard DLQ receives messages that keep their (older) enqueue time; walk back past newer ones.
    while (after !== undefined && after.enqueuedAt > message.enqueuedAt) after = after.older;
    message.older = after;
    if (after === undefined) {
      message.newer = this.oldest;
      this.oldest = message;
    } else {
      message.newer = after.newer;
      after.newer = message;
    }
    if (message.newer === undefined) this.newest = message;
    else message.newer.older = message;
    if (message.older === undefined) this.arm(false);
  }

  remove(message: StoredMessage): void {
    const { older, newer } = message;
    if (older === undefined) this.oldest = newer;
    else older.newer = newer;
    if (newer === undefined) this.newest = older;
    else newer.older = older;
    message.older = undefined;
    message.newer = undefined;
    // The armed task may now be early: it finds nothing due and re-arms for the new oldest.
  }

  /**
   * Arms the task for the oldest message. A task armed at or before that time is kept (it re-arms when it finds
   * nothing due), so deletes in send order cost no scheduler work; `exact` re-times it (a new retention period).
   */
  arm(exact: boolean): void {
    const oldest = this.oldest;
    if (oldest === undefined) return;
    const at = oldest.enqueuedAt + this.periodMs();
    if (exact) this.task.arm(at);
    else this.task.armBy(at);
  }

  disarm(): void {
    this.task.disarm();
  }

  private due(): void {
    const period = this.periodMs();
    const now = this.scheduler.now();
    for (let message = this.oldest; message !== undefined && message.enqueuedAt + period <= now; message = this.oldest) this.expire(message);
    this.arm(false);
  }
}
