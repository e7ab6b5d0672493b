/**
 * Property tests: any pattern either compiles or is refused with the dialect's documented AwsError;
 * compiled filters never throw on any input; a pattern means the same as an object and as JSON text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AwsError } from "../errors";
import { compileFilter, type CompiledFilter } from "./compile";
import type { FilterDialect } from "./dialect";

const keys = fc.constantFrom("a", "b", "detail", "$or", "__proto__", "constructor", "prefix", "x.y");
const scalars = fc.oneof(
  fc.constantFrom("", "a", "ab*", "10.0.0.1", "2001:db8::1", "\\*", "A"),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -10, max: 10 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const operators = fc.constantFrom("prefix", "suffix", "equals-ignore-case", "wildcard", "numeric", "anything-but", "exists", "cidr", "contains");
const operands = fc.oneof(
  scalars,
  fc.constantFrom("*.png", "a**", "10.0.0.0/8", "::/0", "1.2.3/4"),
  fc.array(fc.oneof(fc.constantFrom(">", ">=", "<", "<=", "=", "!="), fc.integer({ min: -100, max: 100 })), { maxLength: 5 }),
  fc.record({ prefix: fc.string({ maxLength: 3 }) }),
  fc.record({ "equals-ignore-case": fc.string({ maxLength: 3 }) }),
  fc.record({ wildcard: fc.constantFrom("*a", "a\\b", "x*") }),
  fc.array(scalars, { maxLength: 3 }),
);
const expression = fc.tuple(operators, operands).map(([op, value]) => ({ [op]: value }));
const valueList = fc.array(fc.oneof(scalars, expression), { maxLength: 4 });
const pattern: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.dictionary(keys, fc.oneof({ depthSize: "small" }, valueList, tie("node"), fc.array(tie("node"), { maxLength: 3 }), scalars), { maxKeys: 4 }),
})).node;
const eventValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, scalars, fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(keys, tie("value"), { maxKeys: 4 })),
})).value;
const dialects = fc.constantFrom<FilterDialect>("eventbridge", "sns-attributes", "sns-body");
const EXPECTED_CODE: Record<FilterDialect, string> = {
  eventbridge: "InvalidEventPatternException",
  "sns-attributes": "InvalidParameterException",
  "sns-body": "InvalidParameterException",
};

function tryCompile(source: object | string, dialect: FilterDialect): CompiledFilter | AwsError {
  try {
    return compileFilter(source, dialect);
  } catch (error) {
    if (error instanceof AwsError) return error;
    throw error;
  }
}

describe("fuzz", () => {
  it("compiles or refuses with the documented error; object and text forms agree; matching never throws", () => {
    fc.assert(
      fc.property(pattern, dialects, fc.array(eventValue, { maxLength: 3 }), (raw, dialect, events) => {
        const fromObject = tryCompile(raw as object, dialect);
        const fromText = tryCompile(JSON.stringify(raw), dialect);
        if (fromObject instanceof AwsError) {
          expect(fromObject.code).toBe(EXPECTED_CODE[dialect]);
          expect(fromObject.statusCode).toBe(400);
          expect(fromText).toBeInstanceOf(AwsError);
          expect((fromText as AwsError).message).toBe(fromObject.message);
          return;
        }
        expect(fromText).not.toBeInstanceOf(AwsError);
        for (const value of events) {
          const inputs: unknown[] =
            dialect === "eventbridge"
              ? [value, JSON.stringify(value) ?? "null"]
              : [{ message: JSON.stringify(value) ?? "", attributes: { a: { DataType: "String", StringValue: typeof value === "string" ? value : (JSON.stringify(value) ?? "") } } }, { message: 5 }, null];
          for (const input of inputs) {
            const a = fromObject.matches(input as never);
            expect(typeof a).toBe("boolean");
            expect((fromText as CompiledFilter).matches(input as never)).toBe(a);
          }
        }
      }),
      { numRuns: 3000, seed: 20250101 },
    );
  });

  it("arbitrary non-JSON values in patterns are refused, never executed", () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true }), dialects, (raw, dialect) => {
        const result = tryCompile({ a: [raw], b: raw } as object, dialect);
        if (result instanceof AwsError) expect(result.code).toBe(EXPECTED_CODE[dialect]);
        else expect(typeof result.matches({ message: "{}", attributes: {} } as never)).toBe("boolean");
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
