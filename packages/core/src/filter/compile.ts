/**
 * compileFilter: one entry point for EventBridge event patterns, Lambda FilterCriteria (EventBridge
 * dialect) and SNS filter policies. Validation happens once here; `matches` only walks the tree.
 */
import type { DialectRules, FilterDialect } from "./dialect";
import { EVENTBRIDGE_RULES } from "./eventbridge";
import { jsonSize, readPattern } from "./input";
import { isRecord, parseJson } from "./json";
import { compileMatcher } from "./match";
import { PatternCompiler, type Node } from "./pattern";
import { SNS_ATTRIBUTE_RULES, SNS_BODY_RULES, attributeValue, bodyAsEvent, checkSnsComplexity, checkSnsLimits, type SnsFilterInput } from "./sns";

/** What `matches` takes: an EventBridge event (object or its exact JSON text), or an SNS message with its attributes. */
export type FilterInput<D extends FilterDialect> = D extends "eventbridge" ? object | string : SnsFilterInput;

export interface CompiledFilter<D extends FilterDialect = FilterDialect> {
  readonly dialect: D;
  /** Never throws: input that cannot match (unparseable text, wrong shape) gives false. */
  matches(input: FilterInput<D>): boolean;
}

const RULES: Record<FilterDialect, DialectRules> = {
  eventbridge: EVENTBRIDGE_RULES,
  "sns-attributes": SNS_ATTRIBUTE_RULES,
  "sns-body": SNS_BODY_RULES,
};

/**
 * Validates `pattern` (an object, or JSON text) and returns its matcher. Throws AwsError
 * InvalidEventPatternException (eventbridge) or InvalidParameterException/InvalidParameter (SNS).
 */
export function compileFilter<D extends FilterDialect>(pattern: object | string, dialect: D): CompiledFilter<D> {
  if (!Object.hasOwn(RULES, dialect)) throw new TypeError(`Unknown filter dialect ${JSON.stringify(String(dialect))}`);
  const rules = RULES[dialect];
  const read = readPattern(pattern);
  if ("syntaxError" in read) throw rules.invalid(read.syntaxError);
  if ("shapeError" in read) {
    // SNS words a size refusal its own way; the rest is the dialect's invalid-pattern error.
    if (read.shapeError.reason === "size" && dialect !== "eventbridge") checkSnsLimits({}, Number.POSITIVE_INFINITY, dialect as "sns-attributes" | "sns-body");
    throw rules.invalid(read.shapeError.message);
  }
  const policy = read.value;
  if (dialect !== "eventbridge") {
    const size = typeof pattern === "string" ? Buffer.byteLength(pattern, "utf8") : jsonSize(policy);
    checkSnsLimits(policy, size, dialect as "sns-attributes" | "sns-body");
  }
  const root = new PatternCompiler(rules).compileRoot(policy);
  if (dialect !== "eventbridge") checkSnsComplexity(policy);
  return { dialect, matches: matcherFor(dialect, root, rules) as CompiledFilter<D>["matches"] };
}

function matcherFor(dialect: FilterDialect, root: Node, rules: DialectRules): (input: unknown) => boolean {
  const limits = rules.numbers;
  // Parsed JSON: null-prototype objects, NumberText numbers.
  const parsed = { limits, numberText: true, ownRead: false };
  switch (dialect) {
    case "eventbridge": {
      // The common case, an event object, is matched as it is: Object.hasOwn reads, JavaScript numbers.
      const matchObject = compileMatcher(root, { limits, numberText: false, ownRead: true });
      const matchText = compileMatcher(root, parsed);
      return (input) => {
        // (isRecord's checks, less NumberText: callers never hold one, the class is internal to the parser.)
        if (typeof input === "object") return input !== null && !Array.isArray(input) && matchObject(input as Record<string, unknown>);
        // Text is parsed once per call, keeping number spellings.
        if (typeof input !== "string") return false;
        const event = parseEvent(input);
        return isRecord(event) && matchText(event);
      };
    }
    case "sns-attributes": {
      // Only the attributes the policy names are read and converted (Number attributes become NumberText).
      const match = compileMatcher(root, { limits, numberText: true, ownRead: true }, (attributes, name) => attributeValue(attributes, name));
      const acceptsAll = root.fields.length === 0 && root.ors.length === 0;
      return (input) => {
        if (!isRecord(input)) return false;
        const attributes = Object.hasOwn(input, "attributes") ? input["attributes"] : undefined;
        // "Key matching" (Amazon SNS): "exists": false only matches if at least one attribute is present; an empty
        // set of attributes makes the filter not match. Every other attribute-scope condition needs an attribute
        // anyway; only the empty policy, which filters nothing, accepts a message without attributes.
        if (!isRecord(attributes) || !hasOwnKey(attributes)) return acceptsAll;
        return match(attributes);
      };
    }
    case "sns-body": {
      const match = compileMatcher(root, parsed);
      return (input) => {
        const body = isRecord(input) && Object.hasOwn(input, "message") ? bodyAsEvent(input["message"]) : undefined;
        return body !== undefined && match(body);
      };
    }
  }
}

function hasOwnKey(record: Record<string, unknown>): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

function parseEvent(text: string): unknown {
  try {
    return parseJson(text);
  } catch {
    return undefined;
  }
}
