/**
 * EventBridge's dialect: event patterns as aws/event-ruler compiles them ("Amazon EventBridge event
 * patterns", "Content filtering in Amazon EventBridge event patterns"). Errors are
 * InvalidEventPatternException with EventBridge's "Event pattern is not valid. Reason: …" wording.
 */
import { defineErrors } from "../errors";
import type { DialectRules } from "./dialect";
import { EVENTBRIDGE_NUMBERS } from "./numeric";

export const eventBridgeErrors = defineErrors({ InvalidEventPatternException: { statusCode: 400 } });

export const EVENTBRIDGE_RULES: DialectRules = {
  dialect: "eventbridge",
  numbers: EVENTBRIDGE_NUMBERS,
  invalid: (reason) => eventBridgeErrors.InvalidEventPatternException(`Event pattern is not valid. Reason: ${reason}`),
  operators: new Set(["prefix", "suffix", "equals-ignore-case", "wildcard", "numeric", "anything-but", "exists", "cidr"]),
  anythingButOperators: new Set(["equals-ignore-case", "prefix", "suffix", "wildcard"]),
  affixIgnoreCase: true,
  anythingButMixed: false,
  emptyPatternMatchesAll: false,
};
