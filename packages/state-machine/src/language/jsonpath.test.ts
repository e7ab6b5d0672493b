import { describe, expect, it } from "vitest";
import { evaluatePath, isReferencePath, isValidPath, PathError, parsePath, roots, setAtReferencePath } from "./jsonpath";

const data = {
  store: {
    book: [
      { title: "A", price: 8, tags: ["x"] },
      { title: "B", price: 12, isbn: "1" },
      { title: "C", price: 20, isbn: "2" },
    ],
    bike: { color: "red", price: 19 },
  },
  "odd key": 1,
  __proto__x: 2,
};

describe("ASL spec 'Paths' (Jayway JSONPath dialect)", () => {
  it("$ and dotted names select one node", () => {
    expect(evaluatePath("$", data)).toBe(data);
    expect(evaluatePath("$.store.bike.color", data)).toBe("red");
  });
  it("bracket names, indexes and negative indexes", () => {
    expect(evaluatePath("$['odd key']", data)).toBe(1);
    expect(evaluatePath("$.store.book[1].title", data)).toBe("B");
    expect(evaluatePath("$.store.book[-1].title", data)).toBe("C");
    expect(evaluatePath("$.store.book[(@.length-1)].title", data)).toBe("C");
  });
  it("[*], .*, slices and unions return arrays", () => {
    expect(evaluatePath("$.store.book[*].title", data)).toEqual(["A", "B", "C"]);
    expect(evaluatePath("$.store.book[-1:].title", data)).toEqual(["C"]);
    expect(evaluatePath("$.store.book[0:2].title", data)).toEqual(["A", "B"]);
    expect(evaluatePath("$.store.book[::2].title", data)).toEqual(["A", "C"]);
    expect(evaluatePath("$.store.book[0,2].title", data)).toEqual(["A", "C"]);
    expect(evaluatePath("$.store.bike.*", data)).toEqual(["red", 19]);
  });
  it("deep scan '..' visits every descendant once", () => {
    expect(evaluatePath("$..price", data)).toEqual([8, 12, 20, 19]);
    expect(evaluatePath("$..book[0].title", data)).toEqual(["A"]);
  });
  it("filters compare without executing code", () => {
    expect(evaluatePath("$.store.book[?(@.price > 10)].title", data)).toEqual(["B", "C"]);
    expect(evaluatePath("$.store.book[?(@.isbn)].title", data)).toEqual(["B", "C"]);
    expect(evaluatePath("$.store.book[?(@.price >= 12 && @.title != 'C')].title", data)).toEqual(["B"]);
    expect(evaluatePath("$.store.book[?(@.title == 'A' || @.price == 20)].title", data)).toEqual(["A", "C"]);
    expect(() => parsePath("$.a[?(@.x; process.exit())]")).toThrow(PathError);
  });
  it("a definite path that selects nothing fails with Jayway's wording", () => {
    expect(() => evaluatePath("$.missing", data)).toThrow("No results for path: $['missing']");
    expect(() => evaluatePath("$.no.such", data)).toThrow("Missing property in path $['no']");
  });
  it("indefinite paths that select nothing return []", () => {
    expect(evaluatePath("$.store.book[?(@.price > 100)]", data)).toEqual([]);
  });
  it("__proto__ and constructor are data, never prototype members", () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "a": {}}') as unknown;
    expect(evaluatePath("$.__proto__.polluted", parsed)).toBe(true);
    expect(() => evaluatePath("$.a.constructor", parsed)).toThrow(PathError);
    expect(() => evaluatePath("$.a.toString", parsed)).toThrow(PathError);
    const out = setAtReferencePath("$.__proto__", {}, { p: 1 }) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(out, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>)["p"]).toBeUndefined();
  });
  it("roots: $$ is the context object, $name a variable", () => {
    const r = roots({ input: { a: 1 }, context: { State: { Name: "S" } }, variable: (n) => (n === "v" ? { found: true, value: { x: 3 } } : { found: false }) });
    expect(evaluatePath("$$.State.Name", r)).toBe("S");
    expect(evaluatePath("$v.x", r)).toBe(3);
    expect(() => evaluatePath("$nope", r)).toThrow(PathError);
  });
  it("filters may compare with absolute paths, evaluated once per evaluation", () => {
    expect(evaluatePath("$.store.book[?(@.price == $.store.bike.price)]", data)).toEqual([]);
    expect(evaluatePath("$.store.book[?(@.price < $.store.bike.price)].title", data)).toEqual(["A", "B"]);
  });
  it("chained deep scans stop at a visit budget instead of running quadratically", () => {
    let deep: unknown = 0;
    for (let i = 0; i < 3000; i++) deep = { c: deep };
    // The cause says the evaluation was cut off (not that the path matched nothing).
    expect(() => evaluatePath("$..*..*", deep)).toThrow(expect.objectContaining({ error: "States.Runtime", cause: expect.stringMatching(/^The JSONPath '\$\.\.\*\.\.\*' was not evaluated: it visited more than 2,000,000 nodes/) }));
    expect((evaluatePath("$..c", deep) as unknown[]).length).toBe(3000);
  });
  it("deep scan handles a large document (each node visited once)", () => {
    const big = { xs: Array.from({ length: 20_000 }, (_, i) => ({ v: i })) };
    expect((evaluatePath("$..v", big) as unknown[]).length).toBe(20_000);
  });
});

describe("ASL spec 'Reference Paths' (ResultPath)", () => {
  it("only names and non-negative indexes from $", () => {
    expect(isReferencePath("$.a.b[0]")).toBe(true);
    expect(isReferencePath("$.a[*]")).toBe(false);
    expect(isReferencePath("$$.a")).toBe(false);
    expect(isValidPath("$.a[*]")).toBe(true);
    expect(isValidPath("a.b")).toBe(false);
  });
  it("writes into a copy, creating objects on the way", () => {
    const input = { a: { b: 1 } };
    expect(setAtReferencePath("$.a.c.d", input, 5)).toEqual({ a: { b: 1, c: { d: 5 } } });
    expect(input).toEqual({ a: { b: 1 } });
    expect(setAtReferencePath("$", input, 7)).toBe(7);
  });
  it("fails when a scalar is in the way", () => {
    expect(() => setAtReferencePath("$.a.b", { a: 3 }, 1)).toThrow(PathError);
  });
});
