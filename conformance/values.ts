/**
 * Values in scenario steps: `${name.path}` interpolation and the input directives
 * (`$bytes`, `$json`, `$repeat`, `$repeatString`, `$date`), as specified in
 * ../shared/conformance/scenarios/README.md ("Values").
 */

/** What interpolation can see: saved values, the virtual epoch, the clock, and the repeat round. */
export interface Scope {
  /** Virtual epoch ms the cloud started at (`${$start}`). */
  readonly start: number;
  /** Current virtual epoch ms (`${$now}`). */
  now(): number;
  /** Values stored by `save` (steps and the `save` op). */
  readonly saved: Map<string, unknown>;
  /** The current `repeat` round or `$repeat` item index (`${$i}`), 0-based. */
  readonly round?: number;
}

export class ValueError extends Error {
  override readonly name = "ValueError";
}

const WHOLE = /^\$\{([^}]+)\}$/;
const PART = /\$\{([^}]+)\}/g;

/** Looks up `name.path.0` in the scope; unknown names or dead paths are errors, never "undefined". */
export function lookup(reference: string, scope: Scope): unknown {
  const [head, ...path] = reference.trim().split(".");
  let value: unknown;
  if (head === "$start") value = scope.start;
  else if (head === "$now") value = scope.now();
  else if (head === "$i") {
    if (scope.round === undefined) throw new ValueError(`\${$i} used outside a repeat`);
    value = scope.round;
  } else if (head !== undefined && scope.saved.has(head)) value = scope.saved.get(head);
  else {
    const known = [...scope.saved.keys()].join(", ") || "none";
    throw new ValueError(`\${${reference}}: no saved value named ${JSON.stringify(head)} (saved: ${known})`);
  }
  let walked = head ?? "";
  for (const key of path) {
    if (value === null || typeof value !== "object") {
      throw new ValueError(`\${${reference}}: ${walked} is ${describe(value)}, it has no ${JSON.stringify(key)}`);
    }
    const next: unknown = (value as Record<string, unknown>)[key];
    if (next === undefined) {
      const keys = Array.isArray(value) ? `an array of ${value.length}` : `keys ${Object.keys(value).join(", ")}`;
      throw new ValueError(`\${${reference}}: ${walked} has no ${JSON.stringify(key)} (${keys})`);
    }
    walked += `.${key}`;
    value = next;
  }
  return value;
}

/** `"${x}"` is the value itself (any type); inside a longer string the value is written as text. */
export function interpolate(text: string, scope: Scope): unknown {
  const whole = WHOLE.exec(text);
  if (whole?.[1] !== undefined) return lookup(whole[1], scope);
  if (!text.includes("${")) return text;
  return text.replace(PART, (_, reference: string) => asText(lookup(reference, scope)));
}

function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Date) return String(value.getTime());
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export type ResolveMode =
  /** Request inputs: directives produce what the SDK sends (bytes, JSON text, Dates). */
  | "input"
  /**
   * Expectations: `$json` stays a matcher (parse, then match); the other directives produce the normalised
   * form of what they would produce as input (text for `$bytes`, epoch ms for `$date`).
   */
  | "expectation";

/** Runner-internal directive: the value is used verbatim (no interpolation, no directives). */
export const LITERAL = "$literal";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The directive an object is, if its keys are exactly a directive's keys. */
function directiveOf(value: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  const has = (...allowed: string[]) => keys.every((k) => allowed.includes(k));
  if ("$bytes" in value && has("$bytes")) return "$bytes";
  if ("$json" in value && has("$json")) return "$json";
  if ("$repeat" in value && "item" in value && has("$repeat", "item")) return "$repeat";
  if ("$repeatString" in value && "times" in value && has("$repeatString", "times")) return "$repeatString";
  if ("$date" in value && has("$date", "base")) return "$date";
  if (LITERAL in value && has(LITERAL)) return LITERAL;
  return undefined;
}

/** Resolves interpolation and directives everywhere inside a value. Never mutates it. */
export function resolve(value: unknown, scope: Scope, mode: ResolveMode): unknown {
  if (typeof value === "string") return interpolate(value, scope);
  if (Array.isArray(value)) return value.map((item) => resolve(item, scope, mode));
  if (!isPlainObject(value)) return value;
  switch (directiveOf(value)) {
    case LITERAL:
      return value[LITERAL];
    case "$bytes": {
      const bytes = toBytes(resolve(value.$bytes, scope, "input"));
      return mode === "input" ? bytes : new TextDecoder().decode(bytes);
    }
    case "$json":
      if (mode === "input") return JSON.stringify(resolve(value.$json, scope, "input"));
      return { $json: resolve(value.$json, scope, mode) };
    case "$repeat": {
      const count = toCount(resolve(value.$repeat, scope, mode), "$repeat");
      return Array.from({ length: count }, (_, round) => resolve(value.item, { ...scope, round }, mode));
    }
    case "$repeatString": {
      const text = resolve(value.$repeatString, scope, mode);
      if (typeof text !== "string") throw new ValueError(`$repeatString needs a string, got ${describe(text)}`);
      return text.repeat(toCount(resolve(value.times, scope, mode), "$repeatString times"));
    }
    case "$date": {
      const offset = toNumber(resolve(value.$date, scope, mode), "$date");
      const base = value.base === undefined ? scope.start : toEpochMs(resolve(value.base, scope, mode), "$date base");
      return mode === "input" ? new Date(base + offset) : base + offset;
    }
    default: {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        Object.defineProperty(out, key, { value: resolve(item, scope, mode), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}

/** UTF-8 bytes of a string; other values (objects, numbers) as JSON text. Bytes pass through. */
export function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  return new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));
}

/** Epoch ms from a number, a numeric string, a Date or ISO-8601 text. */
export function toEpochMs(value: unknown, what: string): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string") {
    const ms = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : Date.parse(value);
    if (Number.isFinite(ms)) return ms;
  }
  throw new ValueError(`${what} needs a time (epoch ms, Date or ISO text), got ${describe(value)}`);
}

export function toNumber(value: unknown, what: string): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) throw new ValueError(`${what} needs a number, got ${describe(value)}`);
  return n;
}

function toCount(value: unknown, what: string): number {
  const n = toNumber(value, what);
  if (!Number.isInteger(n) || n < 0) throw new ValueError(`${what} needs a whole number ≥ 0, got ${n}`);
  return n;
}

/** Short text for values in messages. */
export function describe(value: unknown, limit = 300): string {
  if (value === undefined) return "absent";
  if (typeof value === "string") return clip(JSON.stringify(value), limit);
  if (value instanceof Uint8Array) return `bytes(${value.length})`;
  try {
    return clip(JSON.stringify(value) ?? String(value), limit);
  } catch {
    return String(value);
  }
}

function clip(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}… (${text.length} chars)` : text;
}
