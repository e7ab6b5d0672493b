import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { AwsError } from "./errors";

// ajv-formats ships CommonJS; under ESM interop the plugin may sit on .default.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

const ajv = addFormats(new Ajv({ allErrors: false, strict: false, useDefaults: false }));
const compiled = new WeakMap<object, ValidateFunction>();

/** Compiles a JSON schema once (cached by schema identity) and returns its validator. */
export function compileSchema(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Validates `value` against `schema`, throwing what `toError` makes of the first problem. */
export function assertSchema(schema: object, value: unknown, toError: (problem: string, error: ErrorObject) => AwsError): void {
  const validate = compileSchema(schema);
  if (validate(value)) return;
  const error = (validate.errors ?? [])[0];
  if (error === undefined) return;
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, ".") : "input";
  throw toError(`${where} ${error.message ?? "is invalid"}`, error);
}

/** Throws `error(message)` unless `condition` holds. */
export function check(condition: unknown, error: () => AwsError): asserts condition {
  if (!condition) throw error();
}

export function isInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

/** Parses an integer attribute the way AWS's string-typed attributes carry them ("30"); undefined if not one. */
export function parseIntegerText(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
  if (typeof value !== "string" || !/^-?\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

/** UTF-8 byte length, the unit AWS counts message sizes in. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Copies own enumerable properties into a null-prototype object: `__proto__` keys from users stay plain data. */
export function safeRecord<T>(source: Record<string, T> | undefined): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (source === undefined || source === null) return out;
  for (const key of Object.keys(source)) out[key] = source[key] as T;
  return out;
}
