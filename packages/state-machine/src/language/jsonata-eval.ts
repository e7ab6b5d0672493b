/**
 * JSONata evaluation for Step Functions (AWS guide "Transforming data with JSONata"): `{% %}`
 * templates, the `$states` reserved variable, workflow variables, and the functions AWS adds
 * ($partition, $range, $hash, $random, $uuid, $parse). `$now()`/`$millis()` read the virtual
 * clock. Bounded: a step budget through jsonata's evaluate-entry hook, a depth limit, a
 * sequence-length limit, and a regex engine that refuses patterns prone to catastrophic
 * backtracking. JSONata cannot reach JavaScript: only the functions bound here are callable.
 */
import { createHash } from "node:crypto";
import jsonata from "jsonata";
import type { Bindings } from "./bindings";
import { siteOf } from "./bindings";
import { runtimeError, StatesError } from "./errors";

const QEE = "States.QueryEvaluationError";
const DEFAULT_BUDGET = 100_000;

/** `{% expr %}` → the expression text, else undefined (a literal string). */
export function templateExpression(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  // Exactly "{%" … "%}": AWS treats " {% x %} " (outer spaces) as a literal string.
  if (value.length >= 4 && value.startsWith("{%") && value.endsWith("%}")) return value.slice(2, -2).trim();
  return undefined;
}

/** The `$states` value for one evaluation. */
export interface StatesVar {
  input: unknown;
  result?: unknown;
  errorOutput?: unknown;
  context: unknown;
}

// Patterns with a quantified group that itself contains a quantifier ((a+)+, (a|a)*), or
// backreferences, can backtrack exponentially; refuse them.
const unsafeRegex = /\((?:[^()\\]|\\.)*[*+}](?:[^()\\]|\\.)*\)[*+{?]|\\[1-9]/;
class SafeRegExp extends RegExp {
  constructor(pattern: string | RegExp, flags?: string) {
    const source = typeof pattern === "string" ? pattern : pattern.source;
    if (unsafeRegex.test(source)) throw { code: "D3140", message: "The regular expression is not supported (nested quantifiers or backreferences)" };
    super(pattern, flags);
  }
}

function randomFunctions(b: Bindings): Record<string, unknown> {
  return {
    partition: (array: unknown, size: unknown) => {
      if (!Array.isArray(array)) throw { code: "D3137", message: "$partition expects an array" };
      if (typeof size !== "number" || !Number.isInteger(size) || size <= 0) throw { code: "D3137", message: "$partition expects a positive integer size" };
      const out: unknown[][] = [];
      for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
      return out;
    },
    range: (start: unknown, end: unknown, step: unknown) => {
      if (typeof start !== "number" || typeof end !== "number" || typeof step !== "number" || step === 0) throw { code: "D3137", message: "$range expects numbers and a non-zero step" };
      const out: number[] = [];
      for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
        out.push(v);
        if (out.length > 1000) throw { code: "D3137", message: "$range cannot produce more than 1000 items" };
      }
      // A one-item sequence is its item in JSONata (test_array_range_jsonata records $range(1, 1, 1) = 1).
      return out.length === 1 ? out[0] : out;
    },
    hash: (value: unknown, algorithm: unknown) => {
      const algorithms: Record<string, string> = { MD5: "md5", "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };
      if (typeof algorithm !== "string" || !Object.prototype.hasOwnProperty.call(algorithms, algorithm)) throw { code: "D3137", message: `$hash does not support the algorithm ${String(algorithm)}` };
      const text = typeof value === "string" ? value : JSON.stringify(value);
      return createHash(algorithms[algorithm] as string).update(text ?? "", "utf8").digest("hex");
    },
    random: () => b.random(),
    uuid: () => b.uuid(),
    parse: (text: unknown) => {
      if (typeof text !== "string") throw { code: "D3137", message: "$parse expects a string" };
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw { code: "D3137", message: `$parse could not parse ${text}` };
      }
    },
    // $pad is jsonata's one function that allocates without a step per character; cap it at
    // the 256 KiB payload size so one call cannot exhaust memory.
    pad: (str: unknown, width: unknown, char?: unknown) => {
      if (str === undefined) return undefined;
      if (typeof str !== "string" || typeof width !== "number") throw { code: "T0410", message: "$pad expects a string and a number" };
      const w = Math.trunc(width);
      if (Math.abs(w) > 262_144) throw { code: "D3137", message: "$pad width exceeds the 256 KiB payload limit" };
      const fill = typeof char === "string" && char.length > 0 ? char : " ";
      const missing = Math.abs(w) - [...str].length;
      if (missing <= 0) return str;
      const padding = [...fill.repeat(Math.ceil(missing / fill.length))].slice(0, missing).join("");
      return w > 0 ? str + padding : padding + str;
    },
    // $append copies natively (no steps per item): cap its result like jsonata's sequence limit.
    append: (a: unknown, c: unknown) => {
      if (a === undefined) return c;
      if (c === undefined) return a;
      const left = Array.isArray(a) ? a : [a];
      const right = Array.isArray(c) ? c : [c];
      if (left.length + right.length > 100_000) throw { code: "D2015", message: "$append result exceeds 100000 items" };
      return [...left, ...right];
    },
    now: () => new Date(b.now()).toISOString(),
    millis: () => b.now(),
  };
}

function describe(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

// Compiled expressions are cached by text; each evaluation binds its own step budget under
// BUDGET, so concurrent evaluations never share one. A budget the hook cannot find (shadowed
// by a user lambda parameter) stops the evaluation rather than running unbounded.
const compiledCache = new Map<string, jsonata.Expression>();
const BUDGET = "__simcloud_step_budget";
const budgets = new WeakSet<object>();

function compile(expr: string): jsonata.Expression {
  let compiled = compiledCache.get(expr);
  if (compiled !== undefined) return compiled;
  compiled = jsonata(expr, { RegexEngine: SafeRegExp, stack: 200, sequence: 100_000 } as jsonata.JsonataOptions);
  compiled.assign(Symbol.for("jsonata.__evaluate_entry") as unknown as string, (_expr: unknown, _input: unknown, environment: jsonata.Environment) => {
    const budget = environment.lookup(BUDGET) as { left: number } | undefined;
    if (typeof budget !== "object" || budget === null || !budgets.has(budget) || --budget.left < 0) throw { code: "D1012", message: "Expression evaluation exceeded its step budget" };
  });
  if (compiledCache.size > 2000) compiledCache.clear();
  compiledCache.set(expr, compiled);
  return compiled;
}

/**
 * Evaluates one JSONata expression. `field` is the location AWS reports ("Output/result").
 * Errors become States.QueryEvaluationError with AWS's cause wording.
 */
export async function evaluateJsonata(expr: string, states: StatesVar, b: Bindings, field: string): Promise<unknown> {
  const site = siteOf(b);
  const fail = (detail: string): StatesError => runtimeError(site, `The JSONata expression '${expr}' specified for the field '${field}' ${detail}`, QEE, field);
  let compiled: jsonata.Expression;
  try {
    compiled = compile(expr);
  } catch (e) {
    throw fail(`threw an error during evaluation. ${errorText(e)}`);
  }
  const budget = { left: b.jsonataBudget ?? DEFAULT_BUDGET };
  // Null-prototype copies: `$states.input.constructor` is data (absent), never Object's constructor.
  const bindings = Object.create(null) as Record<string, unknown>;
  const vars = b.variables.visible();
  for (const k of Object.keys(vars)) bindings[k] = toSafe(vars[k]);
  Object.assign(bindings, randomFunctions(b));
  bindings["states"] = toSafe(states);
  budgets.add(budget);
  bindings[BUDGET] = budget;
  let value: unknown;
  try {
    value = await compiled.evaluate(undefined, bindings);
  } catch (e) {
    throw fail(`threw an error during evaluation. ${errorText(e)}`);
  }
  if (value === undefined) throw fail("returned nothing (undefined).");
  if (typeof value === "function" || isJsonataFunction(value)) throw fail("returned an unsupported result type.");
  return normalize(value);
}

/** A deep copy with null-prototype objects. */
export function toSafe(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toSafe);
  if (typeof v === "object" && v !== null) {
    const out = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(v)) out[k] = toSafe((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

function isJsonataFunction(v: unknown): boolean {
  return typeof v === "object" && v !== null && ((v as { _jsonata_lambda?: boolean })._jsonata_lambda === true || (v as { _jsonata_function?: boolean })._jsonata_function === true);
}

function errorText(e: unknown): string {
  if (typeof e === "object" && e !== null) {
    const { code, message } = e as { code?: string; message?: string };
    if (code !== undefined) return `${code}: ${message ?? ""}`.trim();
    if (message !== undefined) return message;
  }
  return String(e);
}

/** JSONata sequences are arrays with extra flags; results become plain JSON. */
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalize);
  if (typeof v === "object" && v !== null) {
    const out = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined && typeof x !== "function") out[k] = normalize(x);
    }
    return out;
  }
  if (typeof v === "number" && !Number.isFinite(v)) return null;
  return v;
}

/** Describes a value for "Expected 'array', but was 'object' for value: {...}". */
export function typeOfJson(v: unknown): string {
  return describe(v);
}

/**
 * Evaluates a JSONata template: any string `{% … %}` anywhere inside objects/arrays is
 * evaluated; everything else is literal. `field` is the top location ("Output", "Arguments").
 */
export async function evaluateTemplate(template: unknown, states: StatesVar, b: Bindings, field: string): Promise<unknown> {
  const expr = templateExpression(template);
  if (expr !== undefined) return evaluateJsonata(expr, states, b, field);
  if (Array.isArray(template)) {
    const out: unknown[] = [];
    for (let i = 0; i < template.length; i++) out.push(await evaluateTemplate(template[i], states, b, `${field}/${i}`));
    return out;
  }
  if (typeof template === "object" && template !== null) {
    const out = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(template)) out[k] = await evaluateTemplate((template as Record<string, unknown>)[k], states, b, `${field}/${k}`);
    return out;
  }
  return template;
}
