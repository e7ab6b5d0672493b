/** Input checks shared by the actions, each throwing the AwsError AWS answers with, before any state changes. */
import { paginate, validateTags as validateCoreTags, type AwsError, type TagInput } from "@simcloud/core";
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

/** Tags through core's rules ("Tag naming limits and requirements"); too many is EventBridge's LimitExceededException. */
export function validateTags(tags: TagInput | undefined, invalid: (message: string) => AwsError = (message) => errors.ValidationException(message)): Map<string, string> {
  return validateCoreTags(tags, { invalid, tooMany: (message) => errors.LimitExceededException(message) });
}

export function tagList(tags: ReadonlyMap<string, string>): Tag[] {
  return [...tags].map(([Key, Value]) => ({ Key, Value }));
}

/**
 * One page of a listing through core's `paginate` (one token format for every service). `scope` names the listing
 * and its filters; `keyOf` makes it keyset-paged (items sorted by that key), else pages are offsets.
 */
export function page<T>(
  items: readonly T[],
  limit: number | undefined,
  token: string | undefined,
  scope: string,
  keyOf?: (item: T) => string,
  invalid: (message: string) => AwsError = (message) => errors.ValidationException(message),
): { items: T[]; next?: string } {
  const result = paginate(items, {
    maxResults: limit,
    nextToken: token ?? undefined,
    defaultLimit: LIMITS.listMax,
    scope,
    invalidToken: invalid,
    ...(keyOf === undefined ? {} : { keyOf }),
  });
  return result.nextToken === undefined ? { items: result.items } : { items: result.items, next: result.nextToken };
}
