import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DeadlineHeap, type Timed } from "./deadlines";

interface Item extends Timed {
  id: number;
}

describe("DeadlineHeap", () => {
  it("pops in (due, dueSeq) order through pushes, removals and re-timings (fast-check against a sorted list)", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("push" as const), due: fc.integer({ min: 0, max: 20 }) }),
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
          if (step.kind === "push") {
            const item = { id: id++, due: step.due, dueSeq: seq++, heapIndex: -1 };
            heap.push(item);
            live.push(item);
          } else if (step.kind === "remove" && live.length > 0) {
            const [item] = live.splice(step.pick % live.length, 1);
            heap.remove(item!);
            expect(item!.heapIndex).toBe(-1);
          } else if (step.kind === "update" && live.length > 0) {
            const item = live[step.pick % live.length]!;
            item.due = step.due;
            item.dueSeq = seq++;
            heap.update(item);
          } else if (step.kind === "pop") {
            live.sort(order);
            const expected = live.shift();
            expect(heap.pop()).toBe(expected);
          }
          expect(heap.size).toBe(live.length);
          expect(heap.peek()).toBe([...live].sort(order)[0]);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
