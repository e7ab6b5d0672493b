/**
 * Intrinsic functions (ASL spec "Intrinsic Functions"; AWS guide "Intrinsic functions for
 * JSONPath"). Calls are parsed into a tree (no code execution); arguments are string
 * literals with `\'`, `\{`, `\}`, `\\` escapes, numbers, booleans, null, paths and nested
 * calls. Failures raise States.Runtime, the name AWS's recordings report (the spec's
 * States.IntrinsicFailure is not what the service emits today).
 */
import { createHash } from "node:crypto";
import { deepEqual, PathError } from "./jsonpath";
import { surelyExceedsBytes } from "./json-size";

export type IntrinsicArg =
  | { t: "lit"; value: unknown }
  | { t: "path"; path: string }
  | { t: "call"; name: string; args: IntrinsicArg[] };

export type IntrinsicCall = { t: "call"; name: string; args: IntrinsicArg[] };

/** Function name → [min args, max args]. */
const ARITY: Record<string, [number, number]> = {
  "States.Format": [1, Infinity],
  "States.StringToJson": [1, 1],
  "States.JsonToString": [1, 1],
  "States.Array": [0, Infinity],
  "States.ArrayPartition": [2, 2],
  "States.ArrayContains": [2, 2],
  "States.ArrayRange": [3, 3],
  "States.ArrayGetItem": [2, 2],
  "States.ArrayLength": [1, 1],
  "States.ArrayUnique": [1, 1],
  "States.Base64Encode": [1, 1],
  "States.Base64Decode": [1, 1],
  "States.Hash": [2, 2],
  "States.JsonMerge": [3, 3],
  "States.MathRandom": [2, 3],
  "States.MathAdd": [2, 2],
  "States.StringSplit": [2, 2],
  "States.UUID": [0, 0],
};

export class IntrinsicSyntaxError extends Error {}

/** Whether `text` looks like an intrinsic call (starts with `States.` and a `(`). */
export function looksLikeIntrinsic(text: string): boolean {
  return /^\s*States\.[A-Za-z0-9]+\s*\(/.test(text);
}

const parsed = new Map<string, IntrinsicCall>();

/** Parses an intrinsic call; throws IntrinsicSyntaxError. */
export function parseIntrinsic(text: string): IntrinsicCall {
  const hit = parsed.get(text);
  if (hit !== undefined) return hit;
  let i = 0;
  const s = text;
  const fail = (why: string): never => {
    throw new IntrinsicSyntaxError(`${why} in '${text}'`);
  };
  const spaces = (): void => {
    while (s[i] === " " || s[i] === "\t") i++;
  };
  const call = (): IntrinsicCall => {
    const m = /^States\.[A-Za-z0-9]+/.exec(s.slice(i));
    if (m === null) fail("expected an intrinsic function");
    const name = (m as RegExpExecArray)[0];
    if (!Object.prototype.hasOwnProperty.call(ARITY, name)) fail(`unknown function ${name}`);
    i += name.length;
    spaces();
    if (s[i] !== "(") fail("expected (");
    i++;
    const args: IntrinsicArg[] = [];
    spaces();
    if (s[i] === ")") i++;
    else
      for (;;) {
        spaces();
        args.push(arg());
        spaces();
        if (s[i] === ",") {
          i++;
          continue;
        }
        if (s[i] === ")") {
          i++;
          break;
        }
        fail("expected , or )");
      }
    const [min, max] = ARITY[name] as [number, number];
    if (args.length < min || args.length > max) fail(`wrong number of arguments for ${name}`);
    return { t: "call", name, args };
  };
  const arg = (): IntrinsicArg => {
    const c = s[i];
    if (c === "'") {
      i++;
      let out = "";
      while (i < s.length && s[i] !== "'") {
        if (s[i] === "\\" && i + 1 < s.length) {
          // Only \' \{ \} \\ are escapes in intrinsic strings; AWS rejects others (\" included, test_illegal_escapes).
          if (!"'{}\\".includes(s[i + 1] as string)) fail("illegal escape sequence");
          // Keep \{ and \} escaped for States.Format; unescape the rest.
          if (s[i + 1] === "{" || s[i + 1] === "}") out += "\\";
          i++;
        }
        out += s[i];
        i++;
      }
      if (s[i] !== "'") fail("unterminated string");
      i++;
      return { t: "lit", value: out };
    }
    if (c === "$") {
      const start = i;
      // A path runs to the next top-level , or ) outside brackets/quotes.
      let depth = 0;
      let quote: string | undefined;
      while (i < s.length) {
        const ch = s[i] as string;
        if (quote !== undefined) {
          if (ch === "\\") i++;
          else if (ch === quote) quote = undefined;
        } else if (ch === "'" || ch === '"') quote = ch;
        else if (ch === "[" || ch === "(") depth++;
        else if (ch === "]" || (ch === ")" && depth > 0)) depth--;
        else if (depth === 0 && (ch === "," || ch === ")")) break;
        i++;
      }
      return { t: "path", path: s.slice(start, i).trim() };
    }
    if (s.startsWith("States.", i)) return call();
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(s.slice(i));
    if (m === null) fail("bad argument");
    i += (m as RegExpExecArray)[0].length;
    return { t: "lit", value: JSON.parse((m as RegExpExecArray)[0]) as unknown };
  };
  spaces();
  const out = call();
  spaces();
  if (i !== s.length) fail("trailing characters");
  if (parsed.size > 5000) parsed.clear();
  parsed.set(text, out);
  return out;
}

export interface IntrinsicEnv {
  resolvePath(path: string): unknown;
  random(): number;
  uuid(): string;
  /** Raises the runtime failure with AWS's prefix (state name, event id). */
  fail(detail: string): never;
  /** Raises States.DataLimitExceeded for a result that cannot fit the payload quota. */
  tooLarge?(): never;
}

const typeName = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "object" ? "object" : typeof v);

// Argument checks as plain functions: a closure per call would cost an allocation (and, under tsx, a name) per evaluation.
function bad(env: IntrinsicEnv, name: string, why: string): never {
  return env.fail(`The ${name} function ${why}`);
}
function num(env: IntrinsicEnv, name: string, v: unknown, what: string): number {
  return typeof v === "number" && Number.isFinite(v) ? v : bad(env, name, `expects ${what} to be a number, but was ${typeName(v)}`);
}
function int(env: IntrinsicEnv, name: string, v: unknown, what: string): number {
  return typeof v === "number" && Number.isInteger(v) ? v : bad(env, name, `expects ${what} to be an integer, but was ${JSON.stringify(v)}`);
}
function str(env: IntrinsicEnv, name: string, v: unknown, what: string): string {
  return typeof v === "string" ? v : bad(env, name, `expects ${what} to be a string, but was ${typeName(v)}`);
}
function arr(env: IntrinsicEnv, name: string, v: unknown, what: string): unknown[] {
  return Array.isArray(v) ? v : bad(env, name, `expects ${what} to be an array, but was ${typeName(v)}`);
}

const HASH_ALGORITHMS: Record<string, string> = { MD5: "md5", "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };

/** Evaluates a parsed intrinsic call. */
export function evaluateIntrinsic(call: IntrinsicCall, env: IntrinsicEnv): unknown {
  const args: unknown[] = new Array(call.args.length);
  for (let i = 0; i < args.length; i++) args[i] = evalArg(call.args[i] as IntrinsicArg, env);
  const name = call.name;
  switch (name) {
    case "States.Format": {
      const template = str(env, name, args[0], "the format string");
      const values = args.slice(1);
      let out = "";
      let k = 0;
      for (let i = 0; i < template.length; i++) {
        const c = template[i];
        if (c === "\\" && (template[i + 1] === "{" || template[i + 1] === "}" || template[i + 1] === "\\" || template[i + 1] === "'")) {
          out += template[i + 1];
          i++;
        } else if (c === "{" && template[i + 1] === "}") {
          if (k >= values.length) bad(env, name, "has more placeholders than arguments");
          out += javaString(values[k++]);
          i++;
        } else out += c;
      }
      if (k !== values.length) bad(env, name, "has fewer placeholders than arguments");
      return out;
    }
    case "States.StringToJson": {
      const text = str(env, name, args[0], "its argument");
      if (text.trim() === "") return null;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return bad(env, name, `could not parse its argument as JSON: ${text}`);
      }
    }
    case "States.JsonToString":
      // A selection of shared subtrees can be hundreds of MB as text: refuse it before serializing.
      if (surelyExceedsBytes(args[0], 262_144)) return env.tooLarge?.() ?? env.fail("The result of States.JsonToString exceeds the payload size quota");
      return JSON.stringify(args[0]);
    case "States.Array":
      return args;
    case "States.ArrayPartition": {
      const a = arr(env, name, args[0], "the first argument");
      const size = int(env, name, args[1], "the chunk size");
      if (size <= 0) bad(env, name, "expects a positive chunk size");
      const out: unknown[][] = [];
      for (let i = 0; i < a.length; i += size) out.push(a.slice(i, i + size));
      return out;
    }
    case "States.ArrayContains": {
      const a = arr(env, name, args[0], "the first argument");
      return a.some((x) => deepEqual(x, args[1]));
    }
    case "States.ArrayRange": {
      const start = int(env, name, args[0], "the start");
      const end = int(env, name, args[1], "the end");
      const stepBy = int(env, name, args[2], "the step");
      if (stepBy === 0) bad(env, name, "expects a non-zero step");
      const count = Math.floor((end - start) / stepBy) + 1;
      if (count > 1000) bad(env, name, "cannot produce more than 1000 items");
      const out: number[] = [];
      for (let v = start; stepBy > 0 ? v <= end : v >= end; v += stepBy) out.push(v);
      return out;
    }
    case "States.ArrayGetItem": {
      const a = arr(env, name, args[0], "the first argument");
      const index = int(env, name, args[1], "the index");
      if (index < 0 || index >= a.length) bad(env, name, `index ${index} is out of bounds for an array of length ${a.length}`);
      return a[index];
    }
    case "States.ArrayLength":
      return arr(env, name, args[0], "its argument").length;
    case "States.ArrayUnique": {
      const out: unknown[] = [];
      for (const x of arr(env, name, args[0], "its argument")) if (!out.some((y) => deepEqual(x, y))) out.push(x);
      return out;
    }
    case "States.Base64Encode": {
      const text = str(env, name, args[0], "its argument");
      if (text.length > 10000) bad(env, name, "accepts at most 10000 characters");
      return Buffer.from(text, "utf8").toString("base64");
    }
    case "States.Base64Decode": {
      const text = str(env, name, args[0], "its argument");
      if (text.length > 10000) bad(env, name, "accepts at most 10000 characters");
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) bad(env, name, "expects a base64 string");
      return Buffer.from(text, "base64").toString("utf8");
    }
    case "States.Hash": {
      const data = args[0];
      if (data === null || data === undefined) bad(env, name, "expects data to be non-null");
      const text = typeof data === "string" ? data : JSON.stringify(data);
      if (text.length > 10000) bad(env, name, "accepts at most 10000 characters");
      const algorithm = str(env, name, args[1], "the algorithm");
      const node = HASH_ALGORITHMS[algorithm];
      if (node === undefined || !Object.prototype.hasOwnProperty.call(HASH_ALGORITHMS, algorithm)) return bad(env, name, `does not support the algorithm '${algorithm}'; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512`);
      return createHash(node).update(text, "utf8").digest("hex");
    }
    case "States.JsonMerge": {
      const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
      const a = args[0];
      const b = args[1];
      if (!isObj(a) || !isObj(b)) bad(env, name, "expects two JSON objects");
      if (typeof args[2] !== "boolean") bad(env, name, "expects the deep merge flag to be a boolean");
      if (args[2] === true) bad(env, name, "does not support deep merge; the flag must be false");
      const out = Object.create(null) as Record<string, unknown>;
      for (const k of Object.keys(a as object)) out[k] = (a as Record<string, unknown>)[k];
      for (const k of Object.keys(b as object)) out[k] = (b as Record<string, unknown>)[k];
      return out;
    }
    case "States.MathRandom": {
      const start = Math.trunc(num(env, name, args[0], "the start"));
      const end = Math.trunc(num(env, name, args[1], "the end"));
      if (end <= start) bad(env, name, "expects the end to be greater than the start");
      if (args.length === 3) num(env, name, args[2], "the seed");
      // The seed argument is accepted; draws still come from the simulation's seeded source.
      return start + Math.floor(env.random() * (end - start));
    }
    case "States.MathAdd": {
      // AWS rounds each operand to an integer the Java way (half up: 2.5 → 3, -2.5 → -2), as recorded.
      const a = Math.floor(num(env, name, args[0], "the first argument") + 0.5);
      const b = Math.floor(num(env, name, args[1], "the second argument") + 0.5);
      return a + b;
    }
    case "States.StringSplit": {
      const text = str(env, name, args[0], "the first argument");
      const delimiters = str(env, name, args[1], "the delimiter");
      // Java's StringTokenizer semantics: every character of the delimiter splits; empty tokens dropped.
      const out: string[] = [];
      let cur = "";
      for (const ch of text) {
        if (delimiters.includes(ch)) {
          if (cur !== "") out.push(cur);
          cur = "";
        } else cur += ch;
      }
      if (cur !== "") out.push(cur);
      return out;
    }
    case "States.UUID":
      return env.uuid();
  }
  return bad(env, name, "is not supported");
}

/** Java's String.valueOf as AWS's States.Format renders arguments: maps as {k=v, …}, lists as [a, b]. */
function javaString(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return `[${v.map(javaString).join(", ")}]`;
  if (typeof v === "object") return `{${Object.keys(v).map((k) => `${k}=${javaString((v as Record<string, unknown>)[k])}`).join(", ")}}`;
  return String(v);
}

function evalArg(a: IntrinsicArg, env: IntrinsicEnv): unknown {
  if (a.t === "lit") return a.value;
  if (a.t === "call") return evaluateIntrinsic(a, env);
  try {
    return env.resolvePath(a.path);
  } catch (e) {
    if (e instanceof PathError) return env.fail(`The JSONPath '${a.path}' could not be found in the input`);
    throw e;
  }
}
