/**
 * Partial deep matching with the matchers of scenarios/README.md ("Values"): objects need only the listed
 * keys, arrays must have the same length and match element-wise, scalars must be equal (===).
 * An object whose keys are all matcher names (`$json`, `$absent`, …) is a matcher; several matcher keys in
 * one object must all hold. Any other object is a partial object (its `$`-keys are plain keys, so a filter
 * policy's `$or` is data).
 */
import { describe } from "./values";

export interface Mismatch {
  /** Where in the actual value, e.g. `$.Messages[0].Body`. */
  readonly path: string;
  readonly message: string;
}

export interface MatchContext {
  /** Virtual epoch of the cloud, for `$time`. */
  readonly start: number;
}

export const MATCHERS = [
  "$json",
  "$absent",
  "$exists",
  "$empty",
  "$regex",
  "$len",
  "$gte",
  "$gt",
  "$lte",
  "$lt",
  "$bigGt",
  "$contains",
  "$unordered",
  "$anyOf",
  "$not",
  "$time",
  "$type",
] as const;
export type MatcherName = (typeof MATCHERS)[number];
const MATCHER_SET: ReadonlySet<string> = new Set(MATCHERS);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isMatcher(value: unknown): value is Partial<Record<MatcherName, unknown>> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => MATCHER_SET.has(key));
}

export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** The first mismatch between an expectation and an actual (normalised) value, or undefined when it matches. */
export function match(expected: unknown, actual: unknown, context: MatchContext, path = "$"): Mismatch | undefined {
  if (isMatcher(expected)) {
    for (const [name, argument] of Object.entries(expected)) {
      const problem = applyMatcher(name as MatcherName, argument, actual, context, path);
      if (problem) return problem;
    }
    return undefined;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return fail(path, `expected an array of ${expected.length}, got ${describe(actual)}`);
    if (actual.length !== expected.length) {
      return fail(path, `expected an array of ${expected.length}, got ${actual.length} items: ${describe(actual)}`);
    }
    for (let i = 0; i < expected.length; i++) {
      const problem = match(expected[i], actual[i], context, childPath(path, i));
      if (problem) return problem;
    }
    return undefined;
  }
  if (isPlainObject(expected)) {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) {
      return fail(path, `expected an object with ${Object.keys(expected).join(", ") || "any keys"}, got ${describe(actual)}`);
    }
    const record = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected)) {
      const present = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
      const at = childPath(path, key);
      if (present === undefined && !isMatcher(value)) {
        return fail(at, `missing (expected ${describe(value)}); present keys: ${Object.keys(record).join(", ") || "none"}`);
      }
      const problem = match(value, present, context, at);
      if (problem) return problem;
    }
    return undefined;
  }
  if (expected === actual) return undefined;
  return fail(path, `expected ${describe(expected)}, got ${describe(actual)}`);
}

function fail(path: string, message: string): Mismatch {
  return { path, message };
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value === undefined) return "absent";
  return typeof value;
}

/** Actual numbers may be numeric text: SQS attributes are strings ("3"). */
function numeric(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

function timeOf(value: unknown): number | undefined {
  const n = numeric(value);
  if (n !== undefined) return n;
  if (typeof value === "string") {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

function bigOf(value: unknown): bigint | undefined {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return BigInt(value.trim());
  return undefined;
}

function list(argument: unknown): unknown[] {
  return Array.isArray(argument) ? argument : [argument];
}

const COMPARE = {
  $gte: [(a: number, b: number) => a >= b, "≥"],
  $gt: [(a: number, b: number) => a > b, ">"],
  $lte: [(a: number, b: number) => a <= b, "≤"],
  $lt: [(a: number, b: number) => a < b, "<"],
} as const;

function applyMatcher(name: MatcherName, argument: unknown, actual: unknown, context: MatchContext, path: string): Mismatch | undefined {
  switch (name) {
    case "$json": {
      if (typeof actual !== "string") return fail(path, `expected JSON text, got ${describe(actual)}`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(actual);
      } catch (error) {
        return fail(path, `expected JSON text, got ${describe(actual)} (${(error as Error).message})`);
      }
      const problem = match(argument, parsed, context, `${path}<json>`);
      return problem && { path: problem.path, message: `${problem.message}; whole JSON: ${describe(parsed, 600)}` };
    }
    case "$absent":
      if (argument === false) return applyMatcher("$exists", true, actual, context, path);
      return actual === undefined ? undefined : fail(path, `expected absent, got ${describe(actual)}`);
    case "$exists":
      if (argument === false) return applyMatcher("$absent", true, actual, context, path);
      return actual !== undefined ? undefined : fail(path, "expected to exist, but it is absent");
    case "$empty": {
      const empty = actual === undefined || (Array.isArray(actual) && actual.length === 0);
      if (argument === false) return !empty && Array.isArray(actual) ? undefined : fail(path, `expected a non-empty array, got ${describe(actual)}`);
      return empty ? undefined : fail(path, `expected absent or [], got ${describe(actual)}`);
    }
    case "$regex": {
      if (typeof argument !== "string") return fail(path, `bad matcher: $regex needs a string, got ${describe(argument)}`);
      const text = typeof actual === "number" || typeof actual === "boolean" ? String(actual) : actual;
      if (typeof text !== "string") return fail(path, `expected text matching /${argument}/, got ${describe(actual)}`);
      return new RegExp(argument).test(text) ? undefined : fail(path, `expected text matching /${argument}/, got ${describe(actual)}`);
    }
    case "$len": {
      const length = Array.isArray(actual) || typeof actual === "string" ? actual.length : undefined;
      if (length === undefined) return fail(path, `expected an array or text of length ${describe(argument)}, got ${describe(actual)}`);
      const problem = match(argument, length, context, `${path}.length`);
      return problem && fail(path, `expected length ${describe(argument)}, got ${length}: ${describe(actual)}`);
    }
    case "$gte":
    case "$gt":
    case "$lte":
    case "$lt": {
      const [test, symbol] = COMPARE[name];
      const bound = numeric(argument);
      if (bound === undefined) return fail(path, `bad matcher: ${name} needs a number, got ${describe(argument)}`);
      const n = numeric(actual);
      if (n === undefined) return fail(path, `expected a number ${symbol} ${bound}, got ${describe(actual)}`);
      return test(n, bound) ? undefined : fail(path, `expected a number ${symbol} ${bound}, got ${describe(actual)}`);
    }
    case "$bigGt": {
      const bound = bigOf(argument);
      if (bound === undefined) return fail(path, `bad matcher: $bigGt needs a decimal integer, got ${describe(argument)}`);
      const n = bigOf(actual);
      if (n === undefined) return fail(path, `expected a decimal integer > ${bound}, got ${describe(actual)}`);
      return n > bound ? undefined : fail(path, `expected a decimal integer > ${bound}, got ${describe(actual)}`);
    }
    case "$contains": {
      if (typeof actual === "string") {
        for (const part of list(argument)) {
          if (typeof part !== "string" || !actual.includes(part)) return fail(path, `expected text containing ${describe(part)}, got ${describe(actual)}`);
        }
        return undefined;
      }
      if (!Array.isArray(actual)) return fail(path, `expected an array containing ${describe(argument)}, got ${describe(actual)}`);
      for (const wanted of list(argument)) {
        if (!actual.some((item, i) => match(wanted, item, context, childPath(path, i)) === undefined)) {
          return fail(path, `no element matches ${describe(wanted)}; elements: ${describe(actual, 800)}`);
        }
      }
      return undefined;
    }
    case "$unordered":
      return matchUnordered(list(argument), actual, context, path);
    case "$anyOf": {
      const problems: string[] = [];
      for (const alternative of list(argument)) {
        const problem = match(alternative, actual, context, path);
        if (!problem) return undefined;
        problems.push(`${problem.path}: ${problem.message}`);
      }
      return fail(path, `no alternative of $anyOf matches: ${problems.join(" | ")}`);
    }
    case "$not":
      return match(argument, actual, context, path) === undefined ? fail(path, `expected not to match ${describe(argument)}, got ${describe(actual)}`) : undefined;
    case "$time": {
      const offset = numeric(argument);
      if (offset === undefined) return fail(path, `bad matcher: $time needs a number of ms, got ${describe(argument)}`);
      const ms = timeOf(actual);
      const want = context.start + offset;
      if (ms === undefined) return fail(path, `expected a time at start + ${offset} ms (${new Date(want).toISOString()}), got ${describe(actual)}`);
      if (ms === want) return undefined;
      return fail(path, `expected start + ${offset} ms (${new Date(want).toISOString()}), got start + ${ms - context.start} ms (${describe(actual)})`);
    }
    case "$type": {
      const got = typeName(actual);
      const wanted = list(argument);
      return wanted.includes(got) ? undefined : fail(path, `expected type ${wanted.join(" or ")}, got ${got}: ${describe(actual)}`);
    }
  }
}

/** Same length, and a one-to-one assignment of expected items to actual items (augmenting paths). */
function matchUnordered(expected: unknown[], actual: unknown, context: MatchContext, path: string): Mismatch | undefined {
  if (!Array.isArray(actual)) return fail(path, `expected an array of ${expected.length} (any order), got ${describe(actual)}`);
  if (actual.length !== expected.length) {
    return fail(path, `expected ${expected.length} items (any order), got ${actual.length}: ${describe(actual, 800)}`);
  }
  const fits = expected.map((wanted) => actual.map((item, j) => match(wanted, item, context, childPath(path, j)) === undefined));
  const owner: (number | undefined)[] = new Array<number | undefined>(actual.length).fill(undefined);
  const assign = (i: number, seen: boolean[]): boolean => {
    for (let j = 0; j < actual.length; j++) {
      if (!fits[i]?.[j] || seen[j]) continue;
      seen[j] = true;
      const current = owner[j];
      if (current === undefined || assign(current, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < expected.length; i++) {
    if (!assign(i, new Array<boolean>(actual.length).fill(false))) {
      const candidates = fits[i]?.filter(Boolean).length ?? 0;
      const why = candidates === 0 ? "no element matches it" : "the elements it matches are taken by other expected items";
      return fail(path, `expected item ${i} ${describe(expected[i])}: ${why}; elements: ${describe(actual, 800)}`);
    }
  }
  return undefined;
}
