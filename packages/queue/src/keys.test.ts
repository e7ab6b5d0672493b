import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeyTable } from "./keys";

describe("KeyTable", () => {
  it("behaves like a Map for increasing keys (fast-check), iterating in key order", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("add" as const), gap: fc.integer({ min: 1, max: 3_000 }) }),
      fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("get" as const), key: fc.integer({ min: -5, max: 200_000 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000 }), fc.array(op, { maxLength: 300 }), (start, ops) => {
        const table = new KeyTable<string>();
        const map = new Map<number, string>();
        let next = start;
        for (const step of ops) {
          if (step.kind === "add") {
            table.add(next, `v${next}`);
            map.set(next, `v${next}`);
            next += step.gap;
          } else if (step.kind === "delete") {
            const keys = [...map.keys()];
            const key = keys.length === 0 ? next + 1 : (keys[step.pick % keys.length] as number);
            table.delete(key);
            map.delete(key);
          } else {
            expect(table.get(step.key)).toBe(map.get(step.key));
          }
          expect(table.size).toBe(map.size);
        }
        expect([...table.values()]).toEqual([...map.values()]);
        for (const key of map.keys()) expect(table.get(key)).toBe(map.get(key));
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
