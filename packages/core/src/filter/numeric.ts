/**
 * Numbers as the two dialects compare them. event-ruler ("Content filtering in Amazon EventBridge event
 * patterns", numeric matching) turns a number into a fixed-point key: at most six decimals, within
 * ±5.0e9. SNS ("Filter policy constraints in Amazon SNS") compares within ±1e9 with five digits of
 * accuracy after the decimal point. Keys are integers (value × 10^decimals), exact below 2^53.
 */

export interface NumericLimits {
  /** Largest absolute value that has a numeric form. */
  readonly max: number;
  /** Decimal places kept. */
  readonly decimals: number;
  /** Whether more decimals than `decimals` leave a number without a numeric form (event-ruler) or are rounded (SNS). */
  readonly strictDecimals: boolean;
  /** How the limits are spelled in error messages, e.g. "-5.0E9" / "5.0E9". */
  readonly lowText: string;
  readonly highText: string;
}

export const EVENTBRIDGE_NUMBERS: NumericLimits = { max: 5e9, decimals: 6, strictDecimals: true, lowText: "-5.0E9", highText: "5.0E9" };
export const SNS_NUMBERS: NumericLimits = { max: 1e9, decimals: 5, strictDecimals: false, lowText: "-1.0E9", highText: "1.0E9" };

/** Digits after the decimal point once trailing zeros are dropped and the exponent applied: "3.0e2" → 0, "1.25" → 2. */
export function decimalScale(text: string): number {
  let mantissa = text;
  let exponent = 0;
  const e = text.search(/[eE]/);
  if (e >= 0) {
    mantissa = text.slice(0, e);
    exponent = Number(text.slice(e + 1));
  }
  const dot = mantissa.indexOf(".");
  if (dot < 0) {
    // Trailing zeros of an integer mantissa count against a negative exponent: "100e-2" has scale 0.
    let zeros = 0;
    for (let i = mantissa.length - 1; i >= 0 && mantissa[i] === "0"; i--) zeros++;
    return Math.max(0, -exponent - zeros);
  }
  let end = mantissa.length;
  while (end > dot + 1 && mantissa[end - 1] === "0") end--;
  const fraction = end - dot - 1;
  if (fraction === 0) {
    let zeros = 0;
    for (let i = dot - 1; i >= 0 && mantissa[i] === "0"; i--) zeros++;
    return Math.max(0, -exponent - zeros);
  }
  return Math.max(0, fraction - exponent);
}

export type NumericProblem = "range" | "decimals";

/**
 * The fixed-point key of a number, or why it has none. `text` is its JSON spelling (String(value) for
 * numbers that came from JavaScript objects).
 */
export function numericKey(value: number, text: string, limits: NumericLimits): number | NumericProblem {
  if (!Number.isFinite(value) || value < -limits.max || value > limits.max) return "range";
  if (!Number.isInteger(value) && limits.strictDecimals && decimalScale(text) > limits.decimals) return "decimals";
  return Math.round(value * 10 ** limits.decimals);
}

export interface NumericRange {
  readonly low: number;
  readonly lowOpen: boolean;
  readonly high: number;
  readonly highOpen: boolean;
}

export function inRange(key: number, range: NumericRange): boolean {
  if (range.lowOpen ? key <= range.low : key < range.low) return false;
  return range.highOpen ? key < range.high : key <= range.high;
}

/** The key of an event value without allocating: undefined for non-numbers and numbers without a numeric form. */
export function scalarKey(value: unknown, limits: NumericLimits): number | undefined {
  let key: number | NumericProblem;
  if (typeof value === "number") {
    if (Number.isInteger(value)) return value >= -limits.max && value <= limits.max ? value * 10 ** limits.decimals : undefined;
    key = numericKey(value, String(value), limits);
  } else if (typeof value === "object" && value !== null && "text" in value && "value" in value) {
    const n = value as { text: string; value: number };
    key = numericKey(n.value, n.text, limits);
  } else return undefined;
  return typeof key === "number" ? key : undefined;
}
