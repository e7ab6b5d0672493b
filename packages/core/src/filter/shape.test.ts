import { describe, expect, it } from "vitest";
import { isAwsError } from "../errors";
import { compileFilter } from "./compile";
import type { FilterDialect } from "./dialect";

/** A pattern whose every level reuses one sub-object twice: 2^depth leaves as JSON, `depth` objects in memory. */
function shared(depth: number): object {
  let node: object = { leaf: ["x"] };
  for (let i = 0; i < depth; i++) node = { a: node, b: node };
  return node;
}

function failure(run: () => unknown): { code: string; message: string } | undefined {
  try {
    run();
  } catch (error) {
    if (isAwsError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  return undefined;
}

const dialects: FilterDialect[] = ["eventbridge", "sns-body", "sns-attributes"];

describe("JavaScript pattern objects are read as JSON: linear time, no cycles", () => {
  for (const dialect of dialects) {
    it(`${dialect}: a cyclic pattern object is the dialect's invalid-pattern error`, () => {
      const cyclic: Record<string, unknown> = { detail: { state: ["on"] } };
      (cyclic["detail"] as Record<string, unknown>)["self"] = cyclic;
      const error = failure(() => compileFilter(cyclic, dialect));
      expect(error?.code).toBe(dialect === "eventbridge" ? "InvalidEventPatternException" : "InvalidParameterException");
    });

    it(`${dialect}: sub-objects reused 40 levels deep are refused by size, without expanding them`, () => {
      const error = failure(() => compileFilter(shared(40), dialect));
      expect(error).toBeDefined();
      expect(error?.message).toMatch(/too large|nest|cycl/i);
    });
  }

  it("a small pattern that reuses a sub-object compiles as its JSON copy would", () => {
    const values = ["on", "off"];
    const filter = compileFilter({ detail: { a: values, b: values } }, "eventbridge");
    expect(filter.matches({ detail: { a: "on", b: "off" } })).toBe(true);
    expect(filter.matches({ detail: { a: "on", b: "maybe" } })).toBe(false);
  });
});
