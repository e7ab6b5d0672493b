import type { Queue } from "./queue";

/**
 * QueueUrl → queue on the hot path (every message action names its queue by URL). Only a queue's own URL is
 * cached: any host reaches a queue (the SDK rewrites endpoints), and caching every spelling would let the cache
 * grow without bound; other spellings are parsed each time.
 */
export class UrlCache {
  private readonly cache = new Map<string, Queue>();

  constructor(private readonly resolve: (url: string) => Queue | undefined) {}

  get(url: string): Queue | undefined {
    const cached = this.cache.get(url);
    if (cached !== undefined) return cached;
    const queue = this.resolve(url);
    if (queue !== undefined && queue.url === url) this.cache.set(url, queue);
    return queue;
  }

  forget(queue: Queue): void {
    this.cache.delete(queue.url);
  }

  /** Entries held, for tests. */
  get size(): number {
    return this.cache.size;
  }
}
