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
  if (limits.strictDecimals) {
    // event-ruler reads the number's text as a BigDecimal: the key is exact, not value × 10^6 rounded
    // (which is off by one for about 1% of six-decimal values above 1e9).
    if (!Number.isFinite(value) || Math.abs(value) > 2 * limits.max) return "range";
    const key = exactKey(text, limits.decimals);
    if (key === "decimals") return key;
    const bound = limits.max * 10 ** limits.decimals;
    return key < -bound || key > bound ? "range" : key;
  }
  if (!Number.isFinite(value) || value < -limits.max || value > limits.max) return "range";
  return Math.round(value * 10 ** limits.decimals);
}

/**
 * A number's text × 10^decimals, computed on its digits (no floating-point product), or "decimals"
 * when it has more decimal places than that. `text` is a JSON number or String(n); callers bound its
 * magnitude first, so the digit string stays short.
 */
export function exactKey(text: string, decimals: number): number | "decimals" {
  let i = 0;
  const negative = text.charCodeAt(0) === 0x2d;
  if (negative) i = 1;
  let digits = "";
  let fraction = 0;
  let dot = false;
  let exponent = 0;
  for (; i < text.length; i++) {
    const c = text[i] as string;
    if (c === ".") dot = true;
    else if (c === "e" || c === "E") {
      exponent = Number(text.slice(i + 1));
      break;
    } else {
      digits += c;
      if (dot) fraction++;
    }
  }
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 0x30) end--;
  if (end === 0) return 0;
  const shift = exponent - fraction + (digits.length - end) + decimals;
  if (!(shift >= 0)) return "decimals";
  const key = Number(digits.slice(0, end) + "0".repeat(shift));
  return negative ? -key : key;
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
