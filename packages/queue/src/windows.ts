import type { Scheduler, TaskHandle } from "@simcloud/clock";

/**
 * Entries that each end a fixed time after they were set (the FIFO deduplication window, ReceiveRequestAttemptId
 * windows). Every entry lives the same length of time, so the Map's insertion order is also expiry order: one
 * background scheduler task, armed for the oldest entry, removes whatever is due and re-arms for the next.
 * Pure housekeeping: it never keeps runUntilIdle going.
 */
export class ExpiryWindow<V extends { expiresAt: number }> {
  private readonly entries = new Map<string, V>();
  private task: TaskHandle | undefined;
  private taskAt = Infinity;
  private readonly expire = (): void => this.prune();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly label: string,
  ) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Adds (or replaces, moving it to the end) an entry; its expiresAt must not precede any entry set before it. */
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    this.arm(value.expiresAt);
  }

  /** Forgets an entry early; the armed task, if it was for this one, finds nothing due and moves on. */
  delete(key: string): void {
    this.entries.delete(key);
  }

  values(): IterableIterator<V> {
    return this.entries.values();
  }

  clear(): void {
    this.entries.clear();
    this.task?.cancel();
    this.task = undefined;
    this.taskAt = Infinity;
  }

  private arm(at: number): void {
    if (this.task !== undefined && this.taskAt <= at) return;
    this.task?.cancel();
    this.taskAt = at;
    this.task = this.scheduler.at(at, this.expire, { label: this.label, background: true });
  }

  private prune(): void {
    this.task = undefined;
    this.taskAt = Infinity;
    const now = this.scheduler.now();
    for (const [key, value] of this.entries) {
      if (value.expiresAt > now) {
        this.arm(value.expiresAt);
        return;
      }
      this.entries.delete(key);
    }
  }
}
