/** Input checks shared by the actions, each throwing the AwsError AWS answers with, before any state changes. */
import { errors, constraintError } from "./errors";
import { LIMITS, NAME_PATTERN } from "./limits";
import type { Tag } from "./shapes";

export function requireName(value: unknown, at: string, pattern: RegExp = NAME_PATTERN, max: number = LIMITS.nameLength): string {
  if (typeof value !== "string" || value.length === 0) throw constraintError(value ?? "null", at, "Member must not be null");
  if (!pattern.test(value)) throw constraintError(value, at, `Member must satisfy regular expression pattern: ${patternText(pattern)}`);
  if (value.length > max) throw constraintError(value, at, `Member must have length less than or equal to ${max}`);
  return value;
}

function patternText(pattern: RegExp): string {
  return pattern.source.replace(/^\^/, "").replace(/\$$/, "");
}

export function requireString(value: unknown, at: string): string {
  if (typeof value !== "string" || value.length === 0) throw constraintError(value ?? "null", at, "Member must not be null");
  return value;
}

export function checkLimit(value: unknown, at: string, max: number = LIMITS.listMax): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw constraintError(value, at, "Member must have value greater than or equal to 1");
  if (value > max) throw constraintError(value, at, `Member must have value less than or equal to ${max}`);
  return value;
}

export function validateTags(tags: readonly Tag[] | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const tag of tags ?? []) {
    if (typeof tag?.Key !== "string" || tag.Key.length === 0 || tag.Key.length > 128) throw constraintError(tag?.Key ?? "null", "tags.member.key", "Member must have length between 1 and 128");
    if (typeof tag.Value !== "string" || tag.Value.length > 256) throw constraintError(tag.Value ?? "null", "tags.member.value", "Member must have length between 0 and 256");
    map.set(tag.Key, tag.Value);
  }
  if (map.size > 50) throw errors.LimitExceededException("The requested resource exceeds the maximum number allowed.");
  return map;
}

export function tagList(tags: ReadonlyMap<string, string>): Tag[] {
  return [...tags].map(([Key, Value]) => ({ Key, Value }));
}

/** Opaque tokens over a sorted listing: the position to resume at. */
export function page<T>(items: readonly T[], limit: number | undefined, token: string | undefined): { items: T[]; next?: string } {
  let start = 0;
  if (token !== undefined && token !== null) {
    const decoded = /^p(\d{1,9})$/.exec(Buffer.from(String(token), "base64").toString("utf8"));
    if (decoded === null) throw errors.ValidationException("The NextToken provided is invalid.");
    start = Number(decoded[1]);
  }
  const size = limit ?? LIMITS.listMax;
  const slice = items.slice(start, start + size);
  const end = start + slice.length;
  return end < items.length ? { items: slice, next: Buffer.from(`p${end}`).toString("base64") } : { items: slice };
}
