/**
 * Turning what a caller passed as a pattern (JSON text or a JavaScript object) into plain pattern data.
 * Objects are read through property descriptors: a getter, a toJSON method or a Proxy-free prototype
 * chain never runs user code, and `__proto__` stays an ordinary key of a null-prototype copy.
 */
import { JsonSyntaxError, NumberText, parseJson, MAX_JSON_DEPTH } from "./json";
import { NotJson, type PatternObject, type PatternValue } from "./pattern";

/** The most JSON text a pattern object may stand for: SNS's policy limit (256 KB), beyond any AWS pattern size. */
export const MAX_PATTERN_TEXT = 256 * 1024;

/** A pattern object that is no JSON document: it contains itself, or its JSON text would be too large. */
export class PatternShapeError extends Error {
  constructor(readonly reason: "cycle" | "size") {
    super(reason === "cycle" ? "The pattern object contains itself: it is not a JSON document" : "The pattern is too large");
  }
}

interface Walk {
  /** Characters of JSON text the copy stands for so far. */
  size: number;
  /** Objects and arrays on the path from the root: one met again is a cycle. */
  readonly path: Set<object>;
}

/**
 * A plain copy of a JavaScript pattern, as its JSON text would parse. Shared sub-objects are copied each time
 * they appear, as JSON.stringify would write them, but the copy stops at MAX_PATTERN_TEXT: a pattern that
 * reuses sub-objects cannot make compiling exponential, and a cyclic one is refused.
 */
export function fromObject(value: unknown): PatternValue {
  return copy(value, 0, { size: 0, path: new Set() });
}

function copy(value: unknown, depth: number, walk: Walk): PatternValue {
  if (depth > MAX_JSON_DEPTH) return new NotJson("nested too deeply");
  if (++walk.size > MAX_PATTERN_TEXT) throw new PatternShapeError("size");
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "string") {
    walk.size += value.length + 1;
    return value;
  }
  if (typeof value === "number") return Number.isFinite(value) ? new NumberText(String(value), value) : new NotJson(String(value));
  if (value instanceof NumberText) return value;
  if (typeof value !== "object") return new NotJson(typeof value);
  if (walk.path.has(value)) throw new PatternShapeError("cycle");
  walk.path.add(value);
  try {
    if (Array.isArray(value)) {
      const out: PatternValue[] = [];
      for (let i = 0; i < value.length; i++) {
        const descriptor = Object.getOwnPropertyDescriptor(value, i);
        out.push(descriptor !== undefined && "value" in descriptor ? copy(descriptor.value, depth + 1, walk) : new NotJson("getter"));
      }
      return out;
    }
    const out = Object.create(null) as PatternObject;
    for (const key of Object.keys(value)) {
      walk.size += key.length + 3;
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      out[key] = descriptor !== undefined && "value" in descriptor ? copy(descriptor.value, depth + 1, walk) : new NotJson("getter");
    }
    return out;
  } finally {
    walk.path.delete(value);
  }
}

/** Parses pattern text, or returns the parser's complaint. */
export function readPattern(pattern: unknown): { value: PatternValue } | { syntaxError: string } | { shapeError: PatternShapeError } {
  if (typeof pattern !== "string") {
    try {
      return { value: fromObject(pattern) };
    } catch (error) {
      if (error instanceof PatternShapeError) return { shapeError: error };
      throw error;
    }
  }
  try {
    return { value: parseJson(pattern) };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { syntaxError: error.message };
    throw error;
  }
}

/** UTF-8 size of the pattern as JSON text, without running any user code. */
export function jsonSize(value: PatternValue): number {
  if (value === null || typeof value === "boolean") return String(value).length;
  if (typeof value === "string") return Buffer.byteLength(JSON.stringify(value), "utf8");
  if (value instanceof NumberText) return value.text.length;
  if (value instanceof NotJson) return 4;
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + jsonSize(item) + 1, 1);
  let size = 2;
  for (const key of Object.keys(value)) size += Buffer.byteLength(JSON.stringify(key), "utf8") + 2 + jsonSize(value[key] as PatternValue);
  return size;
}
