/**
 * compileFilter: one entry point for EventBridge event patterns, Lambda FilterCriteria (EventBridge
 * dialect) and SNS filter policies. Validation happens once here; `matches` only walks the tree.
 */
import type { DialectRules, FilterDialect } from "./dialect";
import { EVENTBRIDGE_RULES } from "./eventbridge";
import { jsonSize, readPattern } from "./input";
import { isRecord, parseJson } from "./json";
import { matchObject } from "./match";
import { PatternCompiler, type Node } from "./pattern";
import { SNS_ATTRIBUTE_RULES, SNS_BODY_RULES, attributesAsEvent, bodyAsEvent, checkSnsComplexity, checkSnsLimits, type SnsFilterInput } from "./sns";

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
  const policy = read.value;
  if (dialect !== "eventbridge") {
    const size = typeof pattern === "string" ? Buffer.byteLength(pattern, "utf8") : jsonSize(policy);
    checkSnsLimits(policy, size, dialect as "sns-attributes" | "sns-body");
  }
  const root = new PatternCompiler(rules).compileRoot(policy);
  if (dialect !== "eventbridge") checkSnsComplexity(policy);
  return { dialect, matches: matcherFor(dialect, root) as CompiledFilter<D>["matches"] };
}

function matcherFor(dialect: FilterDialect, root: Node): (input: unknown) => boolean {
  switch (dialect) {
    case "eventbridge":
      return (input) => {
        const event = typeof input === "string" ? parseEvent(input) : input;
        return isRecord(event) && matchObject(root, event);
      };
    case "sns-attributes":
      return (input) => isRecord(input) && matchObject(root, attributesAsEvent(Object.hasOwn(input, "attributes") ? input["attributes"] : undefined));
    case "sns-body":
      return (input) => {
        const body = isRecord(input) && Object.hasOwn(input, "message") ? bodyAsEvent(input["message"]) : undefined;
        return body !== undefined && matchObject(root, body);
      };
  }
}

function parseEvent(text: string): unknown {
  try {
    return parseJson(text);
  } catch {
    return undefined;
  }
}
