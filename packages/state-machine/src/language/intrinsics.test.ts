import { describe, expect, it } from "vitest";
import { applyPayloadTemplate } from "./payload";
import { parseIntrinsic } from "./intrinsics";
import { bindings } from "./test-support";
import { StatesError } from "./errors";

const b = bindings();
const fn = (expr: string, input: unknown = {}): unknown => (applyPayloadTemplate({ "v.$": expr }, input, b) as { v: unknown }).v;
const fails = (expr: string, input: unknown = {}): StatesError => {
  try {
    fn(expr, input);
  } catch (e) {
    if (e instanceof StatesError) return e;
    throw e;
  }
  throw new Error("expected a failure");
};

describe("AWS guide 'Intrinsic functions for JSONPath'", () => {
  it("States.Format with escapes and mixed arguments", () => {
    expect(fn("States.Format('Hello, {}! \\{literal\\} it\\'s {}', $.n, 3)", { n: "Ada" })).toBe("Hello, Ada! {literal} it's 3");
    expect(fn("States.Format('{} {}', true, null)")).toBe("true null");
    expect(fn("States.Format('{} {}', $.o, $.l)", { o: { a: 1, b: [] }, l: [1, "x"] })).toBe("{a=1, b=[]} [1, x]");
    expect(fails("States.Format('{} {}', 1)").cause).toMatch(/^An error occurred while executing the state 'S' \(entered at the event id #2\)\. /);
  });
  it("JSON conversion", () => {
    expect(fn("States.StringToJson($.s)", { s: '{"a":[1]}' })).toEqual({ a: [1] });
    expect(fn("States.JsonToString($.o)", { o: { a: [1, "x"] } })).toBe('{"a":[1,"x"]}');
    expect(fails("States.StringToJson('{bad')").error).toBe("States.Runtime");
    expect(fn("States.StringToJson(' ')")).toBeNull();
  });
  it("arrays", () => {
    expect(fn("States.Array(1, 'a', $.x, States.Array())", { x: null })).toEqual([1, "a", null, []]);
    expect(fn("States.ArrayPartition(States.ArrayRange(1, 5, 1), 2)")).toEqual([[1, 2], [3, 4], [5]]);
    expect(fn("States.ArrayContains($.a, $.x)", { a: [{ k: 1 }], x: { k: 1 } })).toBe(true);
    expect(fn("States.ArrayRange(10, 0, -5)")).toEqual([10, 5, 0]);
    expect(fn("States.ArrayGetItem($.a, 0)", { a: ["z"] })).toBe("z");
    expect(fn("States.ArrayLength($.a)", { a: [] })).toBe(0);
    expect(fn("States.ArrayUnique($.a)", { a: [1, "1", 1, { a: 1 }, { a: 1 }] })).toEqual([1, "1", { a: 1 }]);
    expect(fails("States.ArrayGetItem($.a, 5)", { a: [1] }).error).toBe("States.Runtime");
    expect(fails("States.ArrayRange(1, 5000, 1)").error).toBe("States.Runtime");
    expect(fails("States.ArrayPartition($.a, 0)", { a: [1] }).error).toBe("States.Runtime");
  });
  it("encoding and hashing", () => {
    expect(fn("States.Base64Encode('Data to encode')")).toBe("RGF0YSB0byBlbmNvZGU=");
    expect(fn("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')")).toBe("Data to encode");
    expect(fn("States.Hash('input data', 'SHA-1')")).toBe("aaff4a450a104cd177d28d18d74485e8cae074b7");
    expect(fails("States.Hash('x', 'SHA-3')").error).toBe("States.Runtime");
  });
  it("JsonMerge is shallow; deep merge is refused", () => {
    expect(fn("States.JsonMerge($.a, $.b, false)", { a: { x: { p: 1 }, y: 1 }, b: { x: { q: 2 } } })).toEqual({ x: { q: 2 }, y: 1 });
    expect(fails("States.JsonMerge($.a, $.a, true)", { a: {} }).error).toBe("States.Runtime");
  });
  it("math, split and UUID draw from the seeded source", () => {
    const r = fn("States.MathRandom(1, 10)") as number;
    expect(r).toBeGreaterThanOrEqual(1);
    expect(r).toBeLessThan(10);
    expect(fn("States.MathAdd($.a, -1)", { a: 5 })).toBe(4);
    // test_math_operations: operands are rounded half up, Java style.
    expect(fn("States.MathAdd(1.49, 1.5)")).toBe(3);
    expect(fn("States.MathAdd(-2.5, 0)")).toBe(-2);
    expect(fn("States.StringSplit('a.b+c,,d', '.+,')")).toEqual(["a", "b", "c", "d"]);
    expect(fn("States.UUID()")).toMatch(/^[0-9a-f-]{36}$/);
    expect(fails("States.MathAdd('1', 2)").error).toBe("States.Runtime");
  });
  it("nested calls and a path that selects nothing", () => {
    expect(fn("States.ArrayLength(States.StringSplit(States.Format('{}-{}', 'a', 'b'), '-'))")).toBe(2);
    expect(fails("States.ArrayLength($.missing)").cause).toContain("$.missing");
  });
  it("syntax: unknown functions and wrong arity are rejected at parse time", () => {
    expect(() => parseIntrinsic("States.Nope(1)")).toThrow();
    expect(() => parseIntrinsic("States.ArrayLength(1, 2)")).toThrow();
    expect(() => parseIntrinsic("States.UUID(")).toThrow();
  });
});
