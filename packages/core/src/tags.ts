import type { AwsError } from "./errors";

/** Tags as AWS APIs take them: a map (Lambda, SQS, Step Functions' output) or a list of {Key, Value} (SNS, Kinesis, EventBridge). */
export type TagInput = Readonly<Record<string, string>> | readonly { readonly Key?: string; readonly Value?: string }[];

/** Which rule a tag broke, so a service can pick its error where AWS uses more than one. */
export type TagRule = "key-length" | "value-length" | "key-characters" | "value-characters" | "reserved-prefix" | "duplicate-key" | "too-many" | "malformed-key" | "malformed-value";

export interface TagRules {
  /** Tags per resource (default 50, "Tag naming limits and requirements"); `aws:` tags do not count. */
  maxTags?: number;
  /** Tags per call where a service has a lower limit (Kinesis AddTagsToStream: 10). */
  maxTagsPerCall?: number;
  /** Default true: keys and values are limited to letters, numbers, spaces and `_ . : / = + - @`. */
  checkCharacters?: boolean;
  /** The service's error for a broken rule, with an AWS-like message. */
  invalid: (message: string, rule: TagRule) => AwsError;
  /** The error for too many tags where AWS uses a separate one (SNS TagLimitExceeded); `invalid` otherwise. */
  tooMany?: (message: string) => AwsError;
}

export const TAG_LIMITS = { maxTags: 50, maxKeyLength: 128, maxValueLength: 256 } as const;

// "Tag naming limits and requirements" (AWS Tagging Best Practices): letters, numbers and spaces representable in
// UTF-8, plus + - = . _ : / @.
const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const RESERVED = /^aws:/i;

function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Reads and checks tags against AWS's rules: key 1–128 characters, value 0–256, the allowed characters, `aws:`
 * reserved (in any case), no key twice in one list. Returns them in input order as a Map; throws the service's error
 * for the first broken rule. Counting against the resource's limit is TagSet.apply's job.
 */
export function validateTags(input: TagInput | undefined, rules: TagRules): Map<string, string> {
  const out = new Map<string, string>();
  if (input === undefined || input === null) return out;
  const pairs: [unknown, unknown][] = Array.isArray(input)
    ? (input as readonly { Key?: unknown; Value?: unknown }[]).map((tag) => [tag?.Key, tag?.Value ?? ""])
    : typeof input === "object"
      ? Object.keys(input).map((key) => [key, (input as Record<string, unknown>)[key]])
      : [[undefined, undefined]];
  if (rules.maxTagsPerCall !== undefined && pairs.length > rules.maxTagsPerCall) {
    throw tooMany(rules, `Failed to add tags: you can add at most ${rules.maxTagsPerCall} tags in one request.`);
  }
  for (const [key, value] of pairs) {
    if (typeof key !== "string") throw rules.invalid("A tag key must be a string.", "malformed-key");
    if (typeof value !== "string") throw rules.invalid(`The value of tag ${key} must be a string.`, "malformed-value");
    validateTagKey(key, rules);
    if (charLength(value) > TAG_LIMITS.maxValueLength) {
      throw rules.invalid(`Tag value exceeds the maximum length of ${TAG_LIMITS.maxValueLength} characters: ${key}`, "value-length");
    }
    if (rules.checkCharacters !== false && !ALLOWED.test(value)) {
      throw rules.invalid(`Tag value of ${key} contains invalid characters; allowed are letters, numbers, spaces and _ . : / = + - @`, "value-characters");
    }
    if (out.has(key)) throw rules.invalid(`Duplicate tag key: ${key}`, "duplicate-key");
    out.set(key, value);
  }
  return out;
}

/** Checks tag keys alone (UntagResource): the key rules of validateTags. */
export function validateTagKeys(keys: readonly unknown[] | undefined, rules: TagRules): string[] {
  const out: string[] = [];
  for (const key of keys ?? []) {
    if (typeof key !== "string") throw rules.invalid("A tag key must be a string.", "malformed-key");
    validateTagKey(key, rules);
    out.push(key);
  }
  return out;
}

function validateTagKey(key: string, rules: TagRules): void {
  const length = charLength(key);
  if (length < 1 || length > TAG_LIMITS.maxKeyLength) {
    throw rules.invalid(`Tag key must be between 1 and ${TAG_LIMITS.maxKeyLength} characters long: ${JSON.stringify(key)}`, "key-length");
  }
  if (rules.checkCharacters !== false && !ALLOWED.test(key)) {
    throw rules.invalid(`Tag key ${key} contains invalid characters; allowed are letters, numbers, spaces and _ . : / = + - @`, "key-characters");
  }
  if (RESERVED.test(key)) throw rules.invalid(`Tag keys beginning with the aws: prefix are reserved for AWS use: ${key}`, "reserved-prefix");
}

function tooMany(rules: TagRules, message: string): AwsError {
  return rules.tooMany === undefined ? rules.invalid(message, "too-many") : rules.tooMany(message);
}

/** One resource's tags. Every change is validated in full before any tag changes. */
export class TagSet {
  private readonly tags = new Map<string, string>();

  constructor(
    private readonly rules: TagRules,
    initial?: TagInput,
  ) {
    if (initial !== undefined) this.apply(initial);
  }

  get size(): number {
    return this.tags.size;
  }

  get(key: string): string | undefined {
    return this.tags.get(key);
  }

  /** Adds or overwrites tags (TagResource); the resulting count must stay within the limit. */
  apply(input: TagInput | undefined): void {
    const incoming = validateTags(input, this.rules);
    const max = this.rules.maxTags ?? TAG_LIMITS.maxTags;
    let count = this.tags.size;
    for (const key of incoming.keys()) if (!this.tags.has(key)) count++;
    if (count > max) throw tooMany(this.rules, `Could not complete request: tag quota of per resource exceeded (at most ${max} tags).`);
    for (const [key, value] of incoming) this.tags.set(key, value);
  }

  /** Removes tags by key (UntagResource); keys not present are ignored, as AWS does. */
  remove(keys: readonly unknown[] | undefined): void {
    for (const key of validateTagKeys(keys, this.rules)) this.tags.delete(key);
  }

  /** A null-prototype record (`__proto__` stays a tag). */
  toRecord(): Record<string, string> {
    const out = Object.create(null) as Record<string, string>;
    for (const [key, value] of this.tags) out[key] = value;
    return out;
  }

  toList(): { Key: string; Value: string }[] {
    return [...this.tags].map(([Key, Value]) => ({ Key, Value }));
  }

  entries(): IterableIterator<[string, string]> {
    return this.tags.entries();
  }
}
