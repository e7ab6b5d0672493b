import { describe, expect, it } from "vitest";
import { surelyExceedsBytes } from "./json-size";

describe("surelyExceedsBytes (the 256 KiB payload quota, decided before serializing)", () => {
  it("is a lower bound: never true for a value that serializes within the limit", () => {
    const values: unknown[] = [null, 0, -1.5e-7, true, "", "x".repeat(100), "é\u0000\"", [], {}, [1, [2, [3, {}]]], { a: undefined, b: [undefined, null] }, { "ключ": { "__proto__": 1 } }];
    for (const value of values) {
      const bytes = Buffer.byteLength(JSON.stringify(value), "utf8");
      expect(surelyExceedsBytes(value, bytes)).toBe(false);
      expect(surelyExceedsBytes(value, bytes * 6 + 8)).toBe(false);
    }
  });

  it("says yes for a value of shared subtrees whose text would be hundreds of MB, after a walk bounded by the limit", () => {
    let chain: unknown = 1;
    for (let i = 0; i < 200; i++) chain = { a: chain };
    const shared = Array.from({ length: 1_000_000 }, () => chain);
    expect(surelyExceedsBytes(shared, 262_144)).toBe(true);
    expect(surelyExceedsBytes("x".repeat(262_144), 262_144)).toBe(true);
  });
});
