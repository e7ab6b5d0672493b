const BITS = 10;
const CHUNK = 1 << BITS;

interface Chunk<T> {
  readonly slots: (T | undefined)[];
  live: number;
}

/**
 * The queue's messages by key. Keys are handed out in increasing order (1, 2, 3 …), so instead of a Map (whose
 * set/delete dominated sending and deleting) the table is an array of 1,024-key chunks: a lookup is two array
 * reads, and a chunk is dropped as soon as its last message goes. Memory follows the live messages, plus one
 * directory slot per 1,024 keys between the oldest live chunk and the newest. Iteration is in key (= insertion) order.
 */
export class KeyTable<T> {
  private chunks: (Chunk<T> | undefined)[] = [];
  /** Chunk number of chunks[0]. */
  private first = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: number): T | undefined {
    const index = Math.floor(key / CHUNK) - this.first;
    if (!(index >= 0 && index < this.chunks.length)) return undefined;
    return this.chunks[index]?.slots[key % CHUNK];
  }

  /** Adds a value under a new key, greater than every key added before. */
  add(key: number, value: T): void {
    const number = Math.floor(key / CHUNK);
    if (this.chunks.length === 0) this.first = number;
    const index = number - this.first;
    while (this.chunks.length <= index) this.chunks.push(undefined);
    let chunk = this.chunks[index];
    if (chunk === undefined) {
      chunk = { slots: new Array<T | undefined>(CHUNK).fill(undefined), live: 0 };
      this.chunks[index] = chunk;
    }
    chunk.slots[key % CHUNK] = value;
    chunk.live++;
    this.count++;
  }

  delete(key: number): void {
    const index = Math.floor(key / CHUNK) - this.first;
    const chunk = index >= 0 ? this.chunks[index] : undefined;
    if (chunk === undefined) return;
    const slot = key % CHUNK;
    if (chunk.slots[slot] === undefined) return;
    chunk.slots[slot] = undefined;
    this.count--;
    if (--chunk.live > 0) return;
    this.chunks[index] = undefined;
    // Drop empty chunks at the front of the directory, in batches so the shifting stays amortised O(1).
    let empty = 0;
    while (empty < this.chunks.length && this.chunks[empty] === undefined) empty++;
    if (empty === this.chunks.length) {
      this.chunks = [];
      this.first = 0;
    } else if (empty >= 64 || empty * 2 >= this.chunks.length) {
      this.chunks = this.chunks.slice(empty);
      this.first += empty;
    }
  }

  *values(): IterableIterator<T> {
    for (const chunk of this.chunks) {
      if (chunk === undefined) continue;
      for (const value of chunk.slots) if (value !== undefined) yield value;
    }
  }
}
