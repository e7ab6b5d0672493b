/** Something with a deadline, ordered by (due, dueSeq): a strict total order, so ties keep the order they were set in. */
export interface Deadline {
  due: number;
  dueSeq: number;
  /** Position in the heap, -1 when not in it (set it to -1 when creating the item). */
  heapIndex: number;
}

/**
 * An indexed binary min-heap of deadlines (delay ends, visibility expiries, Wait states, retry back-offs, retention).
 * A resource arms one scheduler task for the top (see ArmedTask) instead of one per item; `remove` and `update` are
 * O(log n) through the index stored in each item. The keys are copied into parallel arrays of numbers, so
 * comparisons never touch the items (with many items stored, each item read is a cache miss); an item is written
 * only when it moves.
 */
export class DeadlineHeap<T extends Deadline> {
  private readonly items: T[] = [];
  private readonly dues: number[] = [];
  private readonly seqs: number[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.items.length;
  }

  /** The earliest due time, Infinity when empty. */
  get nextDue(): number {
    return this.items.length === 0 ? Infinity : (this.dues[0] as number);
  }

  peek(): T | undefined {
    return this.items[0];
  }

  has(item: T): boolean {
    const index = item.heapIndex;
    return index >= 0 && this.items[index] === item;
  }

  /**
   * Sets the item's deadline to `due` with a fresh sequence number (so it runs after every deadline set before it at
   * the same time) and inserts it, or moves it when it is already in the heap.
   */
  set(item: T, due: number): void {
    item.due = due;
    item.dueSeq = this.nextSeq++;
    if (this.has(item)) this.update(item);
    else this.insert(item);
  }

  /** Inserts an item whose `due` and `dueSeq` the caller has set. */
  insert(item: T): void {
    const index = this.items.length;
    this.items.push(item);
    this.dues.push(item.due);
    this.seqs.push(item.dueSeq);
    this.siftUp(index, item, item.due, item.dueSeq);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top === undefined) return undefined;
    this.removeAt(0);
    top.heapIndex = -1;
    return top;
  }

  /** Removes the item; harmless when it is not in the heap. */
  remove(item: T): boolean {
    if (!this.has(item)) return false;
    this.removeAt(item.heapIndex);
    item.heapIndex = -1;
    return true;
  }

  /** Re-positions an item whose (due, dueSeq) the caller changed. */
  update(item: T): void {
    if (!this.has(item)) return;
    const index = item.heapIndex;
    const due = item.due;
    const seq = item.dueSeq;
    if (index > 0 && earlier(due, seq, this.dues[(index - 1) >> 1] as number, this.seqs[(index - 1) >> 1] as number)) {
      this.siftUp(index, item, due, seq);
    } else this.siftDown(index, item, due, seq);
  }

  /** Pops every item due at or before `now`, in (due, dueSeq) order. */
  popDue(now: number): T[] {
    const out: T[] = [];
    while (this.items.length > 0 && (this.dues[0] as number) <= now) out.push(this.pop() as T);
    return out;
  }

  clear(): void {
    for (const item of this.items) item.heapIndex = -1;
    this.items.length = 0;
    this.dues.length = 0;
    this.seqs.length = 0;
  }

  private removeAt(index: number): void {
    const last = this.items.pop() as T;
    const due = this.dues.pop() as number;
    const seq = this.seqs.pop() as number;
    if (index === this.items.length) return;
    if (index > 0 && earlier(due, seq, this.dues[(index - 1) >> 1] as number, this.seqs[(index - 1) >> 1] as number)) {
      this.siftUp(index, last, due, seq);
    } else this.siftDown(index, last, due, seq);
  }

  /** Places `item` (keys due, seq) at or above `index`, moving larger parents down. */
  private siftUp(index: number, item: T, due: number, seq: number): void {
    const { items, dues, seqs } = this;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentDue = dues[parent] as number;
      const parentSeq = seqs[parent] as number;
      if (!earlier(due, seq, parentDue, parentSeq)) break;
      const moved = items[parent] as T;
      items[index] = moved;
      dues[index] = parentDue;
      seqs[index] = parentSeq;
      moved.heapIndex = index;
      index = parent;
    }
    items[index] = item;
    dues[index] = due;
    seqs[index] = seq;
    item.heapIndex = index;
  }

  /** Places `item` (keys due, seq) at or below `index`, moving smaller children up. */
  private siftDown(index: number, item: T, due: number, seq: number): void {
    const { items, dues, seqs } = this;
    const length = items.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      let child = left;
      let childDue = dues[left] as number;
      let childSeq = seqs[left] as number;
      const right = left + 1;
      if (right < length) {
        const rightDue = dues[right] as number;
        const rightSeq = seqs[right] as number;
        if (earlier(rightDue, rightSeq, childDue, childSeq)) {
          child = right;
          childDue = rightDue;
          childSeq = rightSeq;
        }
      }
      if (!earlier(childDue, childSeq, due, seq)) break;
      const moved = items[child] as T;
      items[index] = moved;
      dues[index] = childDue;
      seqs[index] = childSeq;
      moved.heapIndex = index;
      index = child;
    }
    items[index] = item;
    dues[index] = due;
    seqs[index] = seq;
    item.heapIndex = index;
  }
}

function earlier(due: number, seq: number, otherDue: number, otherSeq: number): boolean {
  return due < otherDue || (due === otherDue && seq < otherSeq);
}
