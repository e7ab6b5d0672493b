/** Something with a deadline: ordered by (due, dueSeq), a strict total order, so ties keep the order they were set in. */
export interface Timed {
  due: number;
  dueSeq: number;
  /** Position in the heap, -1 when not in it. */
  heapIndex: number;
}

/**
 * An indexed binary min-heap of per-queue deadlines (delay ends, visibility expiries). The queue arms one scheduler
 * task for the top instead of one per message; `remove` and `update` are O(log n) through the stored index. The
 * keys are copied into parallel arrays of numbers, so comparisons never touch the items themselves (with many
 * messages stored, each item read is a cache miss); an item is written only when it moves.
 */
export class DeadlineHeap<T extends Timed> {
  private readonly items: T[] = [];
  private readonly dues: number[] = [];
  private readonly seqs: number[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** The earliest due time, Infinity when empty. */
  get nextDue(): number {
    return this.items.length === 0 ? Infinity : (this.dues[0] as number);
  }

  push(item: T): void {
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

  remove(item: T): void {
    const index = item.heapIndex;
    if (index < 0) return;
    this.removeAt(index);
    item.heapIndex = -1;
  }

  /** Re-positions an item whose (due, dueSeq) changed. */
  update(item: T): void {
    const index = item.heapIndex;
    if (index < 0) return;
    const due = item.due;
    const seq = item.dueSeq;
    if (index > 0 && earlier(due, seq, this.dues[(index - 1) >> 1] as number, this.seqs[(index - 1) >> 1] as number)) {
      this.siftUp(index, item, due, seq);
    } else this.siftDown(index, item, due, seq);
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
