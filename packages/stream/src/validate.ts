import type { TagInput, TagRules } from "@simcloud/core";
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

const HASH_KEY = /^(0|[1-9]\d{0,38})$/;

/** A hash key's wire shape (ExplicitHashKey, NewStartingHashKey): the 128-bit range is checked by the caller. */
export function hashKeyText(value: unknown, member: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !HASH_KEY.test(value)) throw constraint(value, member, "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})");
  return value;
}

export function oneOf<T extends string>(value: unknown, member: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw constraint(value, member, `Member must satisfy enum value set: [${allowed.join(", ")}]`);
  }
  return value as T;
}

/**
 * Kinesis's tag rules on the shared TagSet (Kinesis Developer Guide, "Tag your Amazon Kinesis Data Streams
 * resources"): 50 tags per stream, 10 per AddTagsToStream call, and `%` allowed beside the usual characters.
 */
const KINESIS_TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@%]*$/u;

export function kinesisTagRules(streamLabel: string, perCall?: number): TagRules {
  return {
    maxTags: 50,
    ...(perCall === undefined ? {} : { maxTagsPerCall: perCall }),
    checkCharacters: false,
    invalid: (message) => errors.InvalidArgumentException(message),
    tooMany: () =>
      errors.InvalidArgumentException(`Failed to add tags to stream ${streamLabel} because a given stream cannot have more than 50 tags associated with it.`),
  };
}

/** The characters TagSet leaves to the service when `checkCharacters` is off. */
export function checkTagCharacters(tags: TagInput | undefined, streamLabel: string): void {
  if (tags === undefined || tags === null || typeof tags !== "object") return;
  const pairs = Array.isArray(tags) ? tags.map((tag) => [tag?.Key, tag?.Value]) : Object.keys(tags).map((key) => [key, (tags as Record<string, unknown>)[key]]);
  for (const [key, value] of pairs) {
    if ((typeof key === "string" && !KINESIS_TAG_CHARS.test(key)) || (typeof value === "string" && !KINESIS_TAG_CHARS.test(value))) {
      throw errors.InvalidArgumentException(
        `Failed to add tags to stream ${streamLabel} because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@','%'.`,
      );
    }
  }
}
