import { describe, expect, it } from "vitest";
import { createRandom } from "./random";
import { MinHeap, type HeapEntry } from "./heap";

describe("MinHeap", () => {
  it("pops in (time, seq) order for random input", () => {
    const heap = new MinHeap<HeapEntry>();
    const r = createRandom(9).stream("heap");
    const entries = Array.from({ length: 2000 }, (_, seq) => ({ time: r.int(100), seq, heapIndex: -1 }));
    for (const entry of entries) heap.push(entry);
    const popped: HeapEntry[] = [];
    for (let e = heap.pop(); e !== undefined; e = heap.pop()) popped.push(e);
    const expected = [...entries].sort((a, b) => a.time - b.time || a.seq - b.seq);
    expect(popped.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
    expect(heap.size).toBe(0);
    expect(heap.pop()).toBeUndefined();
  });
});
