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

  it("retain drops what it refuses and keeps (time, seq) order for the rest", () => {
    const heap = new MinHeap<HeapEntry>();
    const r = createRandom(10).stream("heap");
    const entries = Array.from({ length: 1000 }, (_, seq) => ({ time: r.int(50), seq, heapIndex: -1 }));
    for (const entry of entries) heap.push(entry);
    heap.retain((entry) => entry.seq % 3 !== 0);
    expect(heap.size).toBe(entries.filter((e) => e.seq % 3 !== 0).length);
    expect(entries.filter((e) => e.seq % 3 === 0).every((e) => e.heapIndex === -1)).toBe(true);
    const popped: number[] = [];
    for (let e = heap.pop(); e !== undefined; e = heap.pop()) popped.push(e.seq);
    const expected = entries.filter((e) => e.seq % 3 !== 0).sort((a, b) => a.time - b.time || a.seq - b.seq);
    expect(popped).toEqual(expected.map((e) => e.seq));
  });
});
