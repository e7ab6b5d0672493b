import { describe, expect, it } from "vitest";
import { chooseNext, stringMatches } from "./choice";
import { StatesError } from "./errors";
import { bindings } from "./test-support";
import type { ChoiceRule, ChoiceState } from "./types";

const choice = (rule: ChoiceRule, extra: Partial<ChoiceState> = {}): ChoiceState => ({ Type: "Choice", Choices: [{ ...rule, Next: "Yes" }], Default: "No", ...extra });
const pick = async (rule: ChoiceRule, input: unknown): Promise<string> => (await chooseNext(choice(rule), input, bindings())).next;

describe("ASL spec 'Choice State' comparison operators", () => {
  it("String*, Numeric*, Boolean*, Timestamp* and their Path variants", async () => {
    expect(await pick({ Variable: "$.s", StringLessThan: "b" }, { s: "a" })).toBe("Yes");
    expect(await pick({ Variable: "$.s", StringGreaterThanEquals: "a" }, { s: "a" })).toBe("Yes");
    expect(await pick({ Variable: "$.n", NumericLessThan: 1 }, { n: 1 })).toBe("No");
    expect(await pick({ Variable: "$.n", NumericGreaterThanEqualsPath: "$.m" }, { n: 2, m: 2 })).toBe("Yes");
    expect(await pick({ Variable: "$.b", BooleanEqualsPath: "$.c" }, { b: true, c: true })).toBe("Yes");
    expect(await pick({ Variable: "$.t", TimestampEquals: "2025-01-01T00:00:00Z" }, { t: "2025-01-01T01:00:00+01:00" })).toBe("Yes");
    expect(await pick({ Variable: "$.t", TimestampGreaterThanPath: "$.u" }, { t: "2025-01-02T00:00:00Z", u: "2025-01-01T00:00:00.5Z" })).toBe("Yes");
    expect(await pick({ Variable: "$.s", StringEqualsPath: "$$.State.Name" }, { s: "S" })).toBe("Yes");
  });
  it("a type mismatch is false, not an error", async () => {
    expect(await pick({ Variable: "$.n", NumericEquals: 1 }, { n: "1" })).toBe("No");
    expect(await pick({ Variable: "$.t", TimestampLessThan: "2025-01-01T00:00:00Z" }, { t: "yesterday" })).toBe("No");
  });
  it("Is* tests", async () => {
    expect(await pick({ Variable: "$.x", IsPresent: false }, {})).toBe("Yes");
    expect(await pick({ Variable: "$.x", IsNull: false }, { x: 0 })).toBe("Yes");
    expect(await pick({ Variable: "$.x", IsTimestamp: true }, { x: "2025-03-04T05:06:07Z" })).toBe("Yes");
    expect(await pick({ Variable: "$.x", IsNumeric: true }, { x: "3" })).toBe("No");
    expect(await pick({ Variable: "$.x", IsString: true }, {})).toBe("No");
  });
  it("And / Or / Not nest", async () => {
    const rule: ChoiceRule = { And: [{ Not: { Variable: "$.a", StringEquals: "x" } }, { Or: [{ Variable: "$.n", NumericEquals: 1 }, { Variable: "$.n", NumericEquals: 2 }] }] };
    expect(await pick(rule, { a: "y", n: 2 })).toBe("Yes");
    expect(await pick(rule, { a: "x", n: 2 })).toBe("No");
  });
  it("a missing Variable fails with States.Runtime", async () => {
    await expect(pick({ Variable: "$.nope", StringEquals: "x" }, {})).rejects.toMatchObject({ error: "States.Runtime" });
  });
  it("no match and no Default fails with States.Runtime (AWS's recorded name, not the spec's NoChoiceMatched)", async () => {
    const s: ChoiceState = { Type: "Choice", Choices: [{ Variable: "$.a", NumericEquals: 1, Next: "X" }] };
    const err = await chooseNext(s, { a: 2 }, bindings()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StatesError);
    expect((err as StatesError).error).toBe("States.Runtime");
  });
  it("InputPath/OutputPath shape the Choice output; the matched rule's Assign is returned", async () => {
    const s = choice({ Variable: "$.n", NumericEquals: 1, Assign: { "seen.$": "$.n" } }, { InputPath: "$.in", OutputPath: "$.n" });
    expect(await chooseNext(s, { in: { n: 1 } }, bindings())).toMatchObject({ next: "Yes", output: 1, assign: { seen: 1 } });
  });
  it("JSONata Condition, rule Output and Assign; Default uses the state's Assign", async () => {
    const s: ChoiceState = { Type: "Choice", Choices: [{ Condition: "{% $states.input.n > 1 %}", Next: "Big", Output: "{% 'big' %}", Assign: { k: "{% $states.input.n %}" } }], Default: "Small", Assign: { k: 0 } };
    const b = bindings({ queryLanguage: "JSONata" });
    expect(await chooseNext(s, { n: 5 }, b)).toMatchObject({ next: "Big", output: "big", assign: { k: 5 } });
    expect(await chooseNext(s, { n: 0 }, b)).toMatchObject({ next: "Small", output: { n: 0 }, assign: { k: 0 } });
    const bad: ChoiceState = { Type: "Choice", Choices: [{ Condition: "{% 'yes' %}", Next: "X" }] };
    await expect(chooseNext(bad, {}, b)).rejects.toMatchObject({ error: "States.QueryEvaluationError" });
  });
});

describe("AWS guide 'Choice workflow state': StringMatches", () => {
  it("* matches any run, \\* and \\\\ are literal", () => {
    expect(stringMatches("log-2025.txt", "log-*.txt")).toBe(true);
    expect(stringMatches("log.txt", "log-*.txt")).toBe(false);
    expect(stringMatches("a*b", "a\\*b")).toBe(true);
    expect(stringMatches("axb", "a\\*b")).toBe(false);
    expect(stringMatches("a\\b", "a\\\\b")).toBe(true);
    expect(stringMatches("abc", "*")).toBe(true);
    expect(stringMatches("", "*")).toBe(true);
    expect(stringMatches("aXbXc", "*b*c")).toBe(true);
    expect(stringMatches("abab", "a*b*a*b")).toBe(true);
    expect(stringMatches("ab", "a*b*a*b")).toBe(false);
  });
  it("never backtracks: a pathological pattern stays linear", () => {
    const value = "a".repeat(50_000);
    expect(stringMatches(value, `${"*a".repeat(200)}*b`)).toBe(false);
  });
});
