/**
 * Turning what a caller passed as a pattern (JSON text or a JavaScript object) into plain pattern data.
 * Objects are read through property descriptors: a getter, a toJSON method or a Proxy-free prototype
 * chain never runs user code, and `__proto__` stays an ordinary key of a null-prototype copy.
 */
import { JsonSyntaxError, NumberText, parseJson, MAX_JSON_DEPTH } from "./json";
import { NotJson, type PatternObject, type PatternValue } from "./pattern";

export function fromObject(value: unknown, depth = 0): PatternValue {
  if (depth > MAX_JSON_DEPTH) return new NotJson("nested too deeply");
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? new NumberText(String(value), value) : new NotJson(String(value));
  if (value instanceof NumberText) return value;
  if (Array.isArray(value)) {
    const out: PatternValue[] = [];
    for (let i = 0; i < value.length; i++) {
      const descriptor = Object.getOwnPropertyDescriptor(value, i);
      out.push(descriptor !== undefined && "value" in descriptor ? fromObject(descriptor.value, depth + 1) : new NotJson("getter"));
    }
    return out;
  }
  if (typeof value === "object") {
    const out = Object.create(null) as PatternObject;
    for (const key of Object.keys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      out[key] = descriptor !== undefined && "value" in descriptor ? fromObject(descriptor.value, depth + 1) : new NotJson("getter");
    }
    return out;
  }
  return new NotJson(typeof value);
}

/** Parses pattern text, or returns the parser's complaint. */
export function readPattern(pattern: unknown): { value: PatternValue } | { syntaxError: string } {
  if (typeof pattern !== "string") return { value: fromObject(pattern) };
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
