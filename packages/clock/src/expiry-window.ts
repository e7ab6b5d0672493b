import { ArmedTask } from "./armed-task";
import type { Scheduler } from "./scheduler";

export interface ExpiryWindowOptions<K, V> {
  /** How long each key is remembered, in ms. */
  windowMs: number;
  label: string;
  /** Default true: expiry is housekeeping and never keeps runUntilIdle going. */
  background?: boolean;
  /** Told about each key as it expires (not when deleted or replaced). */
  onExpire?: (key: K, value: V) => void;
}

interface Held<V> {
  value: V;
  expiresAt: number;
}

/**
 * Keys remembered for a fixed window (FIFO deduplication ids, receive-attempt ids, shard iterators). Every key lives
 * the same length of time, so the Map's insertion order is expiry order: one armed task for the oldest key removes
 * whatever is due and re-arms for the next. A key is forgotten at exactly `set time + windowMs`, also before its task
 * has run at that instant.
 */
export class ExpiryWindow<K, V = true> {
  private readonly entries = new Map<K, Held<V>>();
  private readonly task: ArmedTask;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly options: ExpiryWindowOptions<K, V>,
  ) {
    if (!(options.windowMs >= 0) || !Number.isFinite(options.windowMs)) throw new RangeError(`windowMs must be a finite number ≥ 0, got ${options.windowMs}`);
    this.task = new ArmedTask(scheduler, () => this.prune(), { label: options.label, background: options.background ?? true });
  }

  /** Live keys (an expired key still in the map is not counted once its time has come). */
  get size(): number {
    this.prune();
    return this.entries.size;
  }

  /** Remembers `key` for the window from now; setting it again restarts its window. */
  set(key: K, value: V = true as V): void {
    const expiresAt = this.scheduler.now() + this.options.windowMs;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt });
    this.task.armBy(expiresAt);
  }

  get(key: K): V | undefined {
    return this.live(key)?.value;
  }

  has(key: K): boolean {
    return this.live(key) !== undefined;
  }

  /** When the key will be forgotten, undefined when it is not remembered. */
  expiresAt(key: K): number | undefined {
    return this.live(key)?.expiresAt;
  }

  /** Forgets a key early; the armed task, if it was for this one, finds nothing due and moves on. */
  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  /** Live entries, oldest first. */
  *entriesInOrder(): IterableIterator<[K, V]> {
    const now = this.scheduler.now();
    for (const [key, held] of this.entries) if (held.expiresAt > now) yield [key, held.value];
  }

  clear(): void {
    this.entries.clear();
    this.task.disarm();
  }

  private live(key: K): Held<V> | undefined {
    const held = this.entries.get(key);
    return held === undefined || held.expiresAt <= this.scheduler.now() ? undefined : held;
  }

  private prune(): void {
    const now = this.scheduler.now();
    for (const [key, held] of this.entries) {
      if (held.expiresAt > now) {
        this.task.armBy(held.expiresAt);
        return;
      }
      this.entries.delete(key);
      this.options.onExpire?.(key, held.value);
    }
    this.task.disarm();
  }
}
