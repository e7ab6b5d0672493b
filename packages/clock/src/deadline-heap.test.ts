import fc from "fast-check";
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

  // Moved from the queue's own heap (issue #11): pops interleaved with inserts, removals and caller-set re-timings
  // (insert/update with the item's own keys), checking size and peek after every step.
  it("pops in (due, dueSeq) order through inserts, removals, re-timings and pops (fast-check against a sorted list)", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("insert" as const), due: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("update" as const), pick: fc.nat(), due: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ kind: fc.constant("pop" as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const heap = new DeadlineHeap<Item>();
        const live: Item[] = [];
        let seq = 0;
        let id = 0;
        const order = (a: Item, b: Item) => a.due - b.due || a.dueSeq - b.dueSeq;
        for (const step of ops) {
          if (step.kind === "insert") {
            const entry = { id: id++, due: step.due, dueSeq: seq++, heapIndex: -1 };
            heap.insert(entry);
            live.push(entry);
          } else if (step.kind === "remove" && live.length > 0) {
            const [entry] = live.splice(step.pick % live.length, 1);
            heap.remove(entry!);
            expect(entry!.heapIndex).toBe(-1);
          } else if (step.kind === "update" && live.length > 0) {
            const entry = live[step.pick % live.length]!;
            entry.due = step.due;
            entry.dueSeq = seq++;
            heap.update(entry);
          } else if (step.kind === "pop") {
            live.sort(order);
            expect(heap.pop()).toBe(live.shift());
          }
          expect(heap.size).toBe(live.length);
          expect(heap.peek()).toBe([...live].sort(order)[0]);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
