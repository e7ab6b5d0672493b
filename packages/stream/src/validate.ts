import { errors } from "./errors";

/** AWS's JSON-protocol constraint wording: "1 validation error detected: Value 'x' at 'member' failed to satisfy constraint: …". */
export function constraint(value: unknown, member: string, rule: string): ReturnType<(typeof errors)["ValidationException"]> {
  const shown = value instanceof Uint8Array ? "" : `'${String(value)}' `;
  return errors.ValidationException(`1 validation error detected: Value ${shown}at '${member}' failed to satisfy constraint: ${rule}`);
}

export function required<T>(value: T | undefined | null, member: string): T {
  if (value === undefined || value === null) {
    throw errors.ValidationException(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

export function intRange(value: unknown, member: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw constraint(value, member, "Member must be an integer");
  if (value < min) throw constraint(value, member, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw constraint(value, member, `Member must have value less than or equal to ${max}`);
  return value;
}

export function textLength(value: unknown, member: string, min: number, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw constraint(value, member, "Member must be a string");
  if (value.length < min) throw constraint(value, member, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw constraint(value, member, `Member must have length less than or equal to ${max}`);
  return value;
}

const STREAM_NAME = /^[a-zA-Z0-9_.-]+$/;

export function streamName(value: unknown, member = "streamName"): string | undefined {
  const name = textLength(value, member, 1, 128);
  if (name !== undefined && !STREAM_NAME.test(name)) throw constraint(name, member, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  return name;
}

const SEQUENCE = /^0|([1-9]\d{0,128})$/;

export function sequenceNumber(value: unknown, member: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !/^(0|[1-9]\d{0,128})$/.test(value) || !SEQUENCE.test(value)) {
    throw constraint(value, member, "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})");
  }
  return value;
}

export function oneOf<T extends string>(value: unknown, member: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw constraint(value, member, `Member must satisfy enum value set: [${allowed.join(", ")}]`);
  }
  return value as T;
}

const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@%]*$/u;

/** Tag keys 1–128 and values 0–256 characters of letters, digits, spaces and _ . : / = + - @ % (Tagging your Kinesis resources). */
export function checkTags(tags: Record<string, string>, streamLabel: string): void {
  for (const [key, value] of Object.entries(tags)) {
    if (key.length < 1 || key.length > 128 || String(value ?? "").length > 256 || !TAG_CHARS.test(key) || !TAG_CHARS.test(String(value ?? ""))) {
      throw errors.InvalidArgumentException(
        `Failed to add tags to stream ${streamLabel} because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@','%'.`,
      );
    }
    if (key.startsWith("aws:")) throw errors.InvalidArgumentException("Tag key cannot start with 'aws:'.");
  }
}
