/** An entry in the scheduler's heap. Ordered by (time, seq): a strict total order, so ties run in insertion order. */
export interface HeapEntry {
  time: number;
  seq: number;
  heapIndex: number;
}

/** A binary min-heap over (time, seq). Plain arrays and integer comparisons: this is the hot path. */
export class MinHeap<T extends HeapEntry> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(entry: T): void {
    entry.heapIndex = this.items.length;
    this.items.push(entry);
    this.siftUp(entry.heapIndex);
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    if (top === undefined) return undefined;
    const last = items.pop() as T;
    if (items.length > 0) {
      items[0] = last;
      last.heapIndex = 0;
      this.siftDown(0);
    }
    top.heapIndex = -1;
    return top;
  }

  /** Drops every entry `keep` refuses and restores the heap in O(n); pop order of the rest is unchanged. */
  retain(keep: (entry: T) => boolean): void {
    const items = this.items;
    let kept = 0;
    for (const item of items) {
      if (keep(item)) items[kept++] = item;
      else item.heapIndex = -1;
    }
    items.length = kept;
    for (let i = 0; i < kept; i++) (items[i] as T).heapIndex = i;
    for (let i = (kept >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  clear(): void {
    for (const item of this.items) item.heapIndex = -1;
    this.items.length = 0;
  }

  private siftUp(index: number): void {
    const items = this.items;
    const entry = items[index] as T;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex] as T;
      if (!before(entry, parent)) break;
      items[index] = parent;
      parent.heapIndex = index;
      index = parentIndex;
    }
    items[index] = entry;
    entry.heapIndex = index;
  }

  private siftDown(index: number): void {
    const items = this.items;
    const length = items.length;
    const entry = items[index] as T;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && before(items[right] as T, items[left] as T)) child = right;
      const childEntry = items[child] as T;
      if (!before(childEntry, entry)) break;
      items[index] = childEntry;
      childEntry.heapIndex = index;
      index = child;
    }
    items[index] = entry;
    entry.heapIndex = index;
  }
}

function before(a: HeapEntry, b: HeapEntry): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
