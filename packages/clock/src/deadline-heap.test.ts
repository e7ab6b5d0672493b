import { describe, expect, it } from "vitest";
import { createRandom } from "./random";
import { DeadlineHeap, type Deadline } from "./deadline-heap";

interface Item extends Deadline {
  id: number;
}

const item = (id: number): Item => ({ id, due: 0, dueSeq: 0, heapIndex: -1 });

function drain(heap: DeadlineHeap<Item>): number[] {
  const out: number[] = [];
  for (let next = heap.pop(); next !== undefined; next = heap.pop()) out.push(next.id);
  return out;
}

describe("DeadlineHeap", () => {
  it("pops in (due, order set) order; ties keep the order they were set in", () => {
    const heap = new DeadlineHeap<Item>();
    const [a, b, c, d] = [item(1), item(2), item(3), item(4)];
    heap.set(a, 20);
    heap.set(b, 10);
    heap.set(c, 20);
    heap.set(d, 5);
    expect(heap.nextDue).toBe(5);
    expect(heap.peek()).toBe(d);
    expect(drain(heap)).toEqual([4, 2, 1, 3]);
    expect(heap.nextDue).toBe(Infinity);
    expect(heap.pop()).toBeUndefined();
  });

  it("set on an item already in the heap moves it, behind others due at the same time", () => {
    const heap = new DeadlineHeap<Item>();
    const [a, b, c] = [item(1), item(2), item(3)];
    heap.set(a, 10);
    heap.set(b, 10);
    heap.set(c, 30);
    heap.set(a, 10);
    heap.set(c, 1);
    expect(heap.size).toBe(3);
    expect(drain(heap)).toEqual([3, 2, 1]);
  });

  it("remove is harmless for items not in the heap, and popDue takes what is due", () => {
    const heap = new DeadlineHeap<Item>();
    const items = [item(1), item(2), item(3), item(4)];
    items.forEach((it, i) => heap.set(it, (i + 1) * 10));
    expect(heap.remove(items[1] as Item)).toBe(true);
    expect(heap.remove(items[1] as Item)).toBe(false);
    expect(heap.remove(item(9))).toBe(false);
    expect(heap.popDue(30).map((x) => x.id)).toEqual([1, 3]);
    expect(heap.has(items[3] as Item)).toBe(true);
    heap.clear();
    expect(heap.size).toBe(0);
    expect((items[3] as Item).heapIndex).toBe(-1);
  });

  it("matches a sorted model under random inserts, updates and removes", () => {
    const r = createRandom(7).stream("deadline-heap");
    const heap = new DeadlineHeap<Item>();
    const model = new Map<Item, number>();
    const pool = Array.from({ length: 300 }, (_, i) => item(i));
    let order = 0;
    const seqOf = new Map<Item, number>();
    for (let step = 0; step < 5000; step++) {
      const target = pool[r.int(pool.length)] as Item;
      const op = r.int(3);
      if (op < 2) {
        const due = r.int(50);
        heap.set(target, due);
        model.set(target, due);
        seqOf.set(target, order++);
      } else {
        heap.remove(target);
        model.delete(target);
      }
      expect(heap.size).toBe(model.size);
    }
    const expected = [...model.entries()].sort((x, y) => x[1] - y[1] || (seqOf.get(x[0]) as number) - (seqOf.get(y[0]) as number)).map(([it]) => it.id);
    expect(drain(heap)).toEqual(expected);
  });
});
