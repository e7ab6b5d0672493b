/**
 * Choice state (ASL spec "Choice State"; AWS guide "Choice workflow state"): rules are tried
 * in order, the first match wins, else Default, else the execution fails with States.Runtime
 * (AWS's recorded name; the spec's States.NoChoiceMatched is not what the service emits).
 */
import type { Bindings } from "./bindings";
import { siteOf } from "./bindings";
import { runtimeError } from "./errors";
import { evaluateJsonata, evaluateTemplate, templateExpression, type StatesVar } from "./jsonata-eval";
import { PathError } from "./jsonpath";
import { applyPayloadTemplate, pathOrFail, resolvePath } from "./payload";
import { parseTimestamp } from "./timestamp";
import type { ChoiceRule, ChoiceState } from "./types";

type Kind = "String" | "Numeric" | "Boolean" | "Timestamp";
type Op = "Equals" | "LessThan" | "GreaterThan" | "LessThanEquals" | "GreaterThanEquals" | "Matches";

/** Every data-test operator name → [kind, op, isPath]. */
export const COMPARISON_OPERATORS: ReadonlyMap<string, [Kind | "Is", string, boolean]> = (() => {
  const m = new Map<string, [Kind | "Is", string, boolean]>();
  const ops: Op[] = ["Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"];
  for (const kind of ["String", "Numeric", "Timestamp"] as Kind[])
    for (const op of ops) {
      m.set(`${kind}${op}`, [kind, op, false]);
      m.set(`${kind}${op}Path`, [kind, op, true]);
    }
  m.set("StringMatches", ["String", "Matches", false]);
  m.set("BooleanEquals", ["Boolean", "Equals", false]);
  m.set("BooleanEqualsPath", ["Boolean", "Equals", true]);
  for (const is of ["IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"]) m.set(is, ["Is", is, false]);
  return m;
})();

const emptyObject = (): Record<string, unknown> => Object.create(null) as Record<string, unknown>;

/**
 * StringMatches (AWS guide "Choice workflow state"): `*` matches any run of characters,
 * `\*` a literal star, `\\` a literal backslash. Split on unescaped stars and match the
 * literal pieces leftmost-first: no backtracking, linear in practice.
 */
export function stringMatches(value: string, pattern: string): boolean {
  const pieces: string[] = [];
  let current = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "\\" && i + 1 < pattern.length) {
      current += pattern[i + 1];
      i++;
    } else if (c === "*") {
      pieces.push(current);
      current = "";
    } else current += c;
  }
  pieces.push(current);
  if (pieces.length === 1) return value === pieces[0];
  const first = pieces[0] as string;
  const last = pieces[pieces.length - 1] as string;
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  let at = first.length;
  const end = value.length - last.length;
  for (let k = 1; k < pieces.length - 1; k++) {
    const piece = pieces[k] as string;
    const found = value.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

function compare(kind: Kind, op: string, a: unknown, b: unknown): boolean {
  switch (kind) {
    case "String":
      if (typeof a !== "string" || typeof b !== "string") return false;
      if (op === "Matches") return stringMatches(a, b);
      return ordered(op, a < b ? -1 : a > b ? 1 : 0);
    case "Numeric":
      if (typeof a !== "number" || typeof b !== "number") return false;
      return ordered(op, a < b ? -1 : a > b ? 1 : 0);
    case "Boolean":
      return typeof a === "boolean" && typeof b === "boolean" && a === b;
    case "Timestamp": {
      const x = parseTimestamp(a);
      const y = parseTimestamp(b);
      if (x === undefined || y === undefined) return false;
      return ordered(op, x < y ? -1 : x > y ? 1 : 0);
    }
  }
}

function ordered(op: string, c: number): boolean {
  switch (op) {
    case "Equals":
      return c === 0;
    case "LessThan":
      return c < 0;
    case "GreaterThan":
      return c > 0;
    case "LessThanEquals":
      return c <= 0;
    default:
      return c >= 0;
  }
}

function isTest(test: string, present: boolean, value: unknown): boolean {
  switch (test) {
    case "IsPresent":
      return present;
    case "IsNull":
      return present && value === null;
    case "IsNumeric":
      return present && typeof value === "number";
    case "IsString":
      return present && typeof value === "string";
    case "IsBoolean":
      return present && typeof value === "boolean";
    default:
      return present && parseTimestamp(value) !== undefined;
  }
}

/** Evaluates one JSONPath rule (Boolean expression or data-test expression) against the effective input. */
export function evaluateRule(rule: ChoiceRule, input: unknown, b: Bindings): boolean {
  if (rule.And !== undefined) return rule.And.every((r) => evaluateRule(r, input, b));
  if (rule.Or !== undefined) return rule.Or.some((r) => evaluateRule(r, input, b));
  if (rule.Not !== undefined) return !evaluateRule(rule.Not, input, b);
  const variable = rule.Variable as string;
  for (const key of Object.keys(rule)) {
    const spec = COMPARISON_OPERATORS.get(key);
    if (spec === undefined) continue;
    const [kind, op, isPath] = spec;
    let present = true;
    let value: unknown;
    try {
      value = resolvePath(variable, input, b);
    } catch (e) {
      if (!(e instanceof PathError)) throw e;
      present = false;
    }
    if (kind === "Is") {
      const expected = rule[key] === true;
      return isTest(op, present, value) === expected;
    }
    if (!present) throw runtimeError(siteOf(b), `Invalid path '${variable}': The choice state's condition path references an invalid value.`);
    let operand = rule[key];
    if (isPath) {
      try {
        operand = resolvePath(operand as string, input, b);
      } catch (e) {
        if (!(e instanceof PathError)) throw e;
        throw runtimeError(siteOf(b), `Invalid path '${String(rule[key])}': The choice state's condition path references an invalid value.`);
      }
    }
    return compare(kind, op, value, operand);
  }
  return false;
}

/**
 * The first matching rule's Next (else Default), the Assign of the matched rule (or of the
 * state on Default) and the state's output: JSONPath — OutputPath over the effective input;
 * JSONata — the matched rule's (or on Default the state's) Output, else the input.
 * `rawInput` is the state's raw input; InputPath is applied here. Use `output` instead of
 * calling stateOutput for Choice states.
 */
export async function chooseNext(state: ChoiceState, rawInput: unknown, b: Bindings): Promise<Chosen> {
  return chooseNextEager(state, rawInput, b);
}

export interface Chosen {
  next: string;
  assign: Record<string, unknown>;
  output: unknown;
}

/** chooseNext, synchronous for JSONPath (it throws rather than rejects). */
export function chooseNextEager(state: ChoiceState, rawInput: unknown, b: Bindings): Chosen | Promise<Chosen> {
  if (b.queryLanguage === "JSONata") return chooseNextJsonata(state, rawInput, b);
  return chooseNextPath(state, rawInput, b);
}

async function chooseNextJsonata(state: ChoiceState, rawInput: unknown, b: Bindings): Promise<Chosen> {
  {
    const states: StatesVar = { input: rawInput, context: b.context };
    for (let i = 0; i < state.Choices.length; i++) {
      const rule = state.Choices[i] as ChoiceRule;
      const field = `Choices/${i}/Condition`;
      const expr = templateExpression(rule.Condition);
      const value = expr !== undefined ? await evaluateJsonata(expr, states, b, field) : rule.Condition;
      if (typeof value !== "boolean") {
        throw runtimeError(siteOf(b), `The JSONata expression '${expr ?? JSON.stringify(rule.Condition)}' specified for the field '${field}' returned an unexpected result type. Expected 'boolean', but was '${typeof value}' for value: ${JSON.stringify(value)}`, "States.QueryEvaluationError", field);
      }
      if (value) return { next: rule.Next as string, ...(await jsonataSide(rule, states, b, rawInput)) };
    }
    if (state.Default === undefined) throw noMatch(b);
    return { next: state.Default, ...(await jsonataSide(state as unknown as ChoiceRule, states, b, rawInput)) };
  }
}

function chooseNextPath(state: ChoiceState, rawInput: unknown, b: Bindings): Chosen {
  const s = state as ChoiceState & Record<string, unknown>;
  const input = s.InputPath === null ? emptyObject() : s.InputPath === undefined ? rawInput : pathOrFail(s.InputPath as string, rawInput, b);
  const output = s.OutputPath === null ? emptyObject() : s.OutputPath === undefined ? input : pathOrFail(s.OutputPath as string, input, b);
  for (const rule of state.Choices) {
    if (evaluateRule(rule, input, b)) return { next: rule.Next as string, assign: rule.Assign ? (applyPayloadTemplate(rule.Assign, input, b) as Record<string, unknown>) : emptyObject(), output };
  }
  if (state.Default === undefined) throw noMatch(b);
  return { next: state.Default, assign: s.Assign ? (applyPayloadTemplate(s.Assign, input, b) as Record<string, unknown>) : emptyObject(), output };
}

async function jsonataSide(holder: { Assign?: Record<string, unknown>; Output?: unknown }, states: StatesVar, b: Bindings, rawInput: unknown): Promise<{ assign: Record<string, unknown>; output: unknown }> {
  const assign = emptyObject();
  if (holder.Assign !== undefined) for (const k of Object.keys(holder.Assign)) assign[k] = await evaluateTemplate(holder.Assign[k], states, b, `Assign/${k}`);
  const output = holder.Output !== undefined ? await evaluateTemplate(holder.Output, states, b, "Output") : rawInput;
  return { assign, output };
}

function noMatch(b: Bindings) {
  return runtimeError(siteOf(b), `No Matches!`);
}
