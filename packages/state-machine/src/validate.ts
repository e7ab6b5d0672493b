import { parseArn, utf8Length } from "@simcloud/core";
import { errors } from "./errors";
import type { Tag } from "./types";

/** Step Functions quotas (developer guide "Step Functions service quotas", 2025 figures). */
export const SFN_LIMITS = {
  nameLength: 80,
  /** Maximum input or result data size for a task, state, or execution: 256 KiB of UTF-8. */
  payloadBytes: 256 * 1024,
  /** Maximum execution history size. */
  historyEvents: 25_000,
  /** JSON nesting depth of an execution input or task output (Jackson's StreamReadConstraints default). */
  maxNestingDepth: 1000,
  definitionBytes: 1024 * 1024,
  tagsPerResource: 50,
  tagKeyLength: 128,
  tagValueLength: 256,
  pageSize: 1000,
  defaultPageSize: 100,
  /** GetActivityTask's long poll. */
  activityPollSeconds: 60,
  /** A STANDARD execution runs at most a year. */
  maxExecutionSeconds: 365 * 24 * 60 * 60,
  /** An EXPRESS execution runs at most five minutes. */
  maxExpressSeconds: 5 * 60,
  aliasesPerMachine: 4,
  versionsPerMachine: 1000,
} as const;

// Developer guide, "Naming resources": no whitespace, brackets, wildcards, the listed punctuation or control characters.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

export function isValidName(name: unknown): name is string {
  return typeof name === "string" && name.length >= 1 && name.length <= SFN_LIMITS.nameLength && !FORBIDDEN_NAME.test(name);
}

export function requireName(name: unknown, what = "Name"): string {
  if (typeof name !== "string" || name.length === 0) throw errors.ValidationException(`1 validation error detected: Value null at '${what.toLowerCase()}' failed to satisfy constraint: Member must not be null`);
  if (!isValidName(name)) throw errors.InvalidName(`Invalid Name: '${name}'`);
  return name;
}

export function requireString(value: unknown, member: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw errors.ValidationException(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

/** An ARN of the given Step Functions resource type in any form (InvalidArn otherwise). */
export function requireArnOf(value: unknown, member: string, resourceTypes: readonly string[]): string {
  const text = requireString(value, member);
  const arn = parseArn(text);
  if (arn === undefined || arn.service !== "states" || !resourceTypes.includes(arn.resource.split(":")[0] ?? "")) {
    throw errors.InvalidArn(`Invalid Arn: 'Resource type not valid in this context: ${arn?.resource.split(":")[0] ?? text}'`);
  }
  return text;
}

export function requirePayload(text: string | undefined, member: "input" | "output"): string {
  const value: unknown = text ?? "{}";
  if (typeof value !== "string") {
    throw errors.ValidationException(`1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must be a string`);
  }
  if (utf8Length(value) > SFN_LIMITS.payloadBytes) {
    throw errors.ValidationException(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${SFN_LIMITS.payloadBytes}`);
  }
  try {
    const depth = nestingDepthOver(value, SFN_LIMITS.maxNestingDepth);
    if (depth !== undefined) {
      throw new Error(`Document nesting depth (${depth}) exceeds the maximum allowed (${SFN_LIMITS.maxNestingDepth}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`);
    }
    JSON.parse(value);
  } catch (error) {
    const message = `Invalid State Machine Execution Input: '${(error as Error).message}'`;
    throw member === "input" ? errors.InvalidExecutionInput(message) : errors.InvalidOutput(`Invalid State Machine Execution Output: '${(error as Error).message}'`);
  }
  return value;
}

/**
 * The nesting depth past `max` at which a JSON text first goes, or undefined. Linear, outside strings only. AWS parses
 * payloads with Jackson (the recorded parse errors are Jackson's wording), whose StreamReadConstraints refuse documents
 * nested deeper than 1,000 levels.
 */
export function nestingDepthOver(text: string, max: number): number | undefined {
  if (text.length <= max) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return depth;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}

export function requireTags(tags: unknown): Tag[] {
  if (tags === undefined) return [];
  if (!Array.isArray(tags)) throw errors.ValidationException("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must be a list");
  for (const tag of tags as Tag[]) {
    if (typeof tag?.key !== "string" || tag.key.length < 1 || tag.key.length > SFN_LIMITS.tagKeyLength) {
      throw errors.ValidationException(`1 validation error detected: Value at 'tags.member.key' failed to satisfy constraint: Member must have length between 1 and ${SFN_LIMITS.tagKeyLength}`);
    }
    if (tag.value !== undefined && (typeof tag.value !== "string" || tag.value.length > SFN_LIMITS.tagValueLength)) {
      throw errors.ValidationException(`1 validation error detected: Value at 'tags.member.value' failed to satisfy constraint: Member must have length less than or equal to ${SFN_LIMITS.tagValueLength}`);
    }
  }
  return tags as Tag[];
}

export function requireMaxResults(value: unknown): number {
  if (value === undefined || value === 0) return SFN_LIMITS.defaultPageSize;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > SFN_LIMITS.pageSize) {
    throw errors.ValidationException(`1 validation error detected: Value '${String(value)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${SFN_LIMITS.pageSize}`);
  }
  return value;
}

/**
 * One page of `items` after the opaque `nextToken` (the offset, base64-wrapped with the listing's key so a token from
 * another listing is refused as AWS refuses it).
 */
export function page<T>(items: readonly T[], input: { maxResults?: number; nextToken?: string }, listing: string): { items: T[]; nextToken?: string } {
  const size = requireMaxResults(input.maxResults);
  let start = 0;
  if (input.nextToken !== undefined && input.nextToken !== null) {
    const token = String(input.nextToken);
    // The API model's PageToken is 1024 characters; ListExecutions' (and ListMapRuns') 3096, as recorded.
    const limit = listing.startsWith("executions:") ? 3096 : 1024;
    if (token.length > limit) {
      throw errors.ValidationException(`1 validation error detected: Value '${token}' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to ${limit}`);
    }
    const decoded = Buffer.from(token, "base64url").toString("utf8");
    const [key, offset] = decoded.split("|");
    start = Number(offset);
    if (key !== listing || !Number.isInteger(start) || start < 0) throw errors.InvalidToken("Invalid Token: 'Invalid token'");
  }
  const slice = items.slice(start, start + size);
  const next = start + size < items.length ? Buffer.from(`${listing}|${start + size}`, "utf8").toString("base64url") : undefined;
  return next === undefined ? { items: slice } : { items: slice, nextToken: next };
}
