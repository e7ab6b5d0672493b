import { describe, expect, it } from "vitest";
import { createIds } from "./ids";
import { createRandom } from "./random";

describe("seeded random source", () => {
  it("gives the same numbers for the same seed and stream, on every run", () => {
    const a = createRandom(7).stream("sqs");
    const b = createRandom(7).stream("sqs");
    const drawsA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(drawsA);
    for (const x of drawsA) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it("keeps named streams independent: drawing from one never shifts another", () => {
    const quiet = createRandom(1);
    const busy = createRandom(1);
    for (let i = 0; i < 100; i++) busy.stream("lambda").next();
    expect(busy.stream("sqs").next()).toBe(quiet.stream("sqs").next());
    expect(createRandom(1).stream("a").next()).not.toBe(createRandom(1).stream("b").next());
    expect(createRandom(1).stream("a").next()).not.toBe(createRandom(2).stream("a").next());
  });

  it("draws integers in range and roughly uniformly", () => {
    const r = createRandom("seed").stream("dice");
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[r.int(6)]!++;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
    expect(() => r.int(0)).toThrow(RangeError);
  });

  it("fills byte arrays of any length", () => {
    const r = createRandom(3).stream("bytes");
    expect(r.bytes(0)).toHaveLength(0);
    expect(r.bytes(7)).toHaveLength(7);
  });
});

describe("id factory", () => {
  it("makes RFC 4122 version-4 UUIDs, deterministically", () => {
    const ids = createIds(createRandom(1));
    const first = ids.uuid("sqs.ids");
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(createIds(createRandom(1)).uuid("sqs.ids")).toBe(first);
    expect(ids.uuid("sqs.ids")).not.toBe(first);
  });

  it("makes nanoid-style ids from nanoid's custom generator, hex and digit strings", () => {
    const ids = createIds(createRandom(1));
    expect(ids.nanoid("x")).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(ids.nanoid("x", 8, "abc")).toMatch(/^[abc]{8}$/);
    expect(ids.hex(32)).toMatch(/^[0-9a-f]{32}$/);
    expect(ids.hex(5)).toMatch(/^[0-9a-f]{5}$/);
    expect(ids.digits(21)).toMatch(/^[1-9]\d{20}$/);
    const again = createIds(createRandom(1));
    expect(again.nanoid("x")).toBe(createIds(createRandom(1)).nanoid("x"));
  });
});
