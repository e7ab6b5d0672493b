/**
 * SNS's dialect: subscription filter policies ("Amazon SNS subscription filter policies", "Filter policy
 * constraints in Amazon SNS"). The grammar is event-ruler's, narrowed: no wildcard, no
 * equals-ignore-case inside prefix/suffix, anything-but takes values or a prefix; numbers within ±1e9
 * with five decimals of accuracy; at most five keys (for MessageBody, every nested leaf key counts),
 * 150 combinations, 256 KB. Errors are InvalidParameter with "Invalid parameter: FilterPolicy: …".
 */
import { defineErrors } from "../errors";
import type { DialectRules } from "./dialect";
import { NumberText, isRecord, parseJson } from "./json";
import { SNS_NUMBERS } from "./numeric";
import { isPatternObject, type PatternObject, type PatternValue } from "./pattern";

/** The awsQuery code is InvalidParameter; SDK v3 raises it as InvalidParameterException. */
export const snsErrors = defineErrors({ InvalidParameterException: { statusCode: 400, queryCode: "InvalidParameter" } });

export const MAX_POLICY_KEYS = 5;
export const MAX_POLICY_COMBINATIONS = 150;
export const MAX_POLICY_BYTES = 256 * 1024;

const invalid = (reason: string) => snsErrors.InvalidParameterException(`Invalid parameter: FilterPolicy: ${reason}`);

const SNS_COMMON = {
  numbers: SNS_NUMBERS,
  invalid,
  operators: new Set(["prefix", "suffix", "equals-ignore-case", "numeric", "anything-but", "exists", "cidr"]),
  anythingButOperators: new Set(["prefix"]),
  affixIgnoreCase: false,
  anythingButMixed: true,
  emptyPatternMatchesAll: true,
} as const;

export const SNS_ATTRIBUTE_RULES: DialectRules = { ...SNS_COMMON, dialect: "sns-attributes" };
export const SNS_BODY_RULES: DialectRules = { ...SNS_COMMON, dialect: "sns-body" };

const isObject = isPatternObject;

/** The policy-wide limits, checked before the grammar as SNS does. */
export function checkSnsLimits(policy: PatternValue, size: number, scope: "sns-attributes" | "sns-body"): void {
  if (size > MAX_POLICY_BYTES) throw invalid("Filter policy is too large");
  if (!isObject(policy)) return;
  if (scope === "sns-attributes" && hasNesting(policy)) {
    throw snsErrors.InvalidParameterException("Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy");
  }
  const keys = new Set<string>();
  collectKeys(policy, "", scope === "sns-body", keys);
  if (keys.size > MAX_POLICY_KEYS) throw invalid(`Filter policy can not have more than ${MAX_POLICY_KEYS} keys`);
}

/** Checked after the grammar, once every array is known to be a value list. */
export function checkSnsComplexity(policy: PatternValue): void {
  if (isObject(policy) && combinations(policy, 1, 1) > MAX_POLICY_COMBINATIONS) throw invalid("Filter policy is too complex");
}

function hasNesting(policy: PatternObject): boolean {
  for (const key of Object.keys(policy)) {
    const value = policy[key];
    if (key === "$or" && Array.isArray(value)) {
      if (value.some((branch) => isObject(branch) && hasNesting(branch))) return true;
    } else if (isObject(value)) return true;
  }
  return false;
}

function collectKeys(policy: PatternObject, prefix: string, nested: boolean, into: Set<string>): void {
  for (const key of Object.keys(policy)) {
    const value = policy[key];
    if (key === "$or" && Array.isArray(value)) {
      for (const branch of value) if (isObject(branch)) collectKeys(branch, prefix, nested, into);
    } else if (nested && isObject(value)) {
      collectKeys(value, `${prefix}${key}.`, nested, into);
    } else {
      into.add(prefix + key);
    }
  }
}

/**
 * "Filter policy constraints in Amazon SNS": multiply the number of values in each array; for a
 * nested body policy each array also counts its depth (the documented example: four values three
 * levels deep and three values two levels deep give 3 × 4 × 2 × 3 = 72). `$or` branches add up.
 */
function combinations(policy: PatternObject, depth: number, start: number): number {
  let total = start;
  for (const key of Object.keys(policy)) {
    const value = policy[key];
    if (key === "$or" && Array.isArray(value)) {
      let sum = 0;
      for (const branch of value) if (isObject(branch)) sum += combinations(branch, depth, total);
      total = sum;
    } else if (Array.isArray(value)) {
      total *= value.length * depth;
    } else if (isObject(value)) {
      total = combinations(value, depth + 1, total);
    }
  }
  return total;
}

/** An SNS message attribute as Publish receives it; BinaryValue may be bytes or base64 text. */
export interface SnsFilterAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array | string;
  StringListValues?: string[];
  BinaryListValues?: Uint8Array[];
}

export interface SnsFilterInput {
  message: string;
  attributes?: Record<string, SnsFilterAttribute>;
}

const NUMBER_TEXT = /^\s*-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/**
 * Attributes as the values a policy sees: String as a string, Number as a number, String.Array as its
 * JSON elements (matched element-wise), Binary left out — "Amazon SNS subscription filter policies"
 * compares only String, String.Array and Number attributes.
 */
export function attributesAsEvent(attributes: unknown): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  if (!isRecord(attributes)) return out;
  for (const name of Object.keys(attributes)) {
    const value = attributeValue(attributes, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * One attribute as attributesAsEvent would give it, or undefined: what the matcher reads, so only the
 * attributes a policy names are converted. Only own enumerable data properties count (as Object.keys
 * and a property descriptor read them); an accessor is never called.
 */
export function attributeValue(attributes: Record<string, unknown>, name: string): unknown {
  if (!Object.hasOwn(attributes, name)) return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(attributes, name);
  if (descriptor === undefined || descriptor.enumerable !== true) return undefined;
  const attribute = descriptor.value as unknown;
  if (!isRecord(attribute)) return undefined;
  const dataType = Object.hasOwn(attribute, "DataType") ? attribute["DataType"] : undefined;
  const text = Object.hasOwn(attribute, "StringValue") ? attribute["StringValue"] : undefined;
  if (typeof dataType !== "string" || typeof text !== "string") return undefined;
  if (dataType.startsWith("String.Array")) return parseArray(text) ?? text;
  if (dataType === "Number" || dataType.startsWith("Number.")) return NUMBER_TEXT.test(text) ? new NumberText(text.trim(), Number(text)) : text;
  if (dataType === "String" || dataType.startsWith("String.")) return text;
  return undefined;
}

function parseArray(text: string): unknown[] | undefined {
  try {
    const value = parseJson(text);
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** "Amazon SNS message filtering": body policies assume the payload is a well-formed JSON object. */
export function bodyAsEvent(message: unknown): Record<string, unknown> | undefined {
  if (typeof message !== "string") return undefined;
  try {
    const value = parseJson(message);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
