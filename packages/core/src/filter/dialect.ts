import type { AwsError } from "../errors";
import type { NumericLimits } from "./numeric";

export type FilterDialect = "eventbridge" | "sns-attributes" | "sns-body";

/** What differs between EventBridge event patterns and SNS filter policies, as data the shared compiler reads. */
export interface DialectRules {
  readonly dialect: FilterDialect;
  readonly numbers: NumericLimits;
  /** The AwsError for an invalid pattern, from event-ruler's reason text. */
  readonly invalid: (reason: string) => AwsError;
  /** Match types accepted inside a value list. */
  readonly operators: ReadonlySet<string>;
  /** Match types accepted inside `anything-but: { … }`. */
  readonly anythingButOperators: ReadonlySet<string>;
  /** Whether `prefix`/`suffix` accept `{ "equals-ignore-case": … }`. */
  readonly affixIgnoreCase: boolean;
  /** Whether an anything-but list may mix strings and numbers. */
  readonly anythingButMixed: boolean;
  /** Whether `{}` is accepted (and then matches everything). */
  readonly emptyPatternMatchesAll: boolean;
}
