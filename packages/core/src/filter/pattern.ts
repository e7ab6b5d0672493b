/**
 * Validation and compilation of a pattern into a matcher tree. Rules and error texts follow
 * aws/event-ruler's JsonRuleCompiler (the library behind EventBridge); SNS filter policies share the
 * grammar with the differences held in DialectRules. Validation walks the pattern in document order so
 * the first problem reported is the one AWS reports.
 */
import { compileWildcard, wildcardMatches, WildcardSyntaxError } from "./wildcard";
import { cidrContains, parseCidr, parseIp, sameIp, type IpAddress } from "./cidr";
import { inRange, numericKey, scalarKey, type NumericRange } from "./numeric";
import { NumberText, isRecord } from "./json";
import type { DialectRules } from "./dialect";

/** A value at a leaf of an event: what a condition is tested against. */
export type Scalar = string | number | boolean | null | NumberText;
export type Test = (value: Scalar) => boolean;

export interface Leaf {
  /** Exact strings, tested with one Set lookup. */
  readonly strings: ReadonlySet<string> | undefined;
  readonly tests: readonly Test[];
  readonly existsTrue: boolean;
  readonly existsFalse: boolean;
}

export type Field = { readonly key: string; readonly leaf: Leaf; readonly node?: undefined } | { readonly key: string; readonly node: Node; readonly leaf?: undefined };

export interface Node {
  readonly fields: readonly Field[];
  /** Each group is one `$or`: some branch must match the same object. */
  readonly ors: readonly (readonly Node[])[];
  /** The result of matching an absent field, a scalar, or an object without any of the fields. */
  readonly matchesEmpty: boolean;
  /** Whether some condition asks for a value to be present (anything but exists:false). */
  readonly positive: boolean;
}

/** Anything a JavaScript pattern held that JSON cannot: functions, undefined, symbols, bigints, getters. */
export class NotJson {
  constructor(readonly what: string) {}
}

export type PatternValue = string | boolean | null | NumberText | NotJson | PatternValue[] | PatternObject;
export interface PatternObject {
  [key: string]: PatternValue;
}

const RESERVED_IN_OR = new Set([
  "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr", "html",
  "=", "<", "<=", ">", ">=", "regex", "not-wildcard", "not-equals-ignore-case",
  "date-after", "date-on-or-after", "date-before", "date-on-or-before", "in-date-range",
  "ip-address-in-range", "ip-address-not-in-range",
]);

/** Jackson's getText() for the token a message quotes. */
function tokenText(value: PatternValue | undefined): string {
  if (value === undefined) return "]";
  if (typeof value === "string") return value;
  if (value === null) return "null";
  if (typeof value === "boolean") return String(value);
  if (value instanceof NumberText) return value.text;
  if (value instanceof NotJson) return value.what;
  return Array.isArray(value) ? "[" : "{";
}

export function isPatternObject(value: PatternValue | undefined): value is PatternObject {
  return value !== undefined && isRecord(value) && !(value instanceof NotJson);
}

export function numberOf(value: Scalar): NumberText | undefined {
  if (typeof value === "number") return new NumberText(String(value), value);
  return value instanceof NumberText ? value : undefined;
}

export class PatternCompiler {
  constructor(private readonly rules: DialectRules) {}

  private fail(reason: string): never {
    throw this.rules.invalid(reason);
  }

  compileRoot(pattern: PatternValue): Node {
    if (!isPatternObject(pattern)) this.fail("Filter is not an object");
    if (Object.keys(pattern).length === 0 && this.rules.emptyPatternMatchesAll) {
      return { fields: [], ors: [], matchesEmpty: true, positive: false };
    }
    return this.object(pattern, false);
  }

  private object(pattern: PatternObject, insideOr: boolean): Node {
    const fields: Field[] = [];
    const ors: Node[][] = [];
    const keys = Object.keys(pattern);
    for (const key of keys) {
      const value = pattern[key] as PatternValue;
      if (key === "$or") {
        ors.push(this.or(value));
        continue;
      }
      if (insideOr && RESERVED_IN_OR.has(key)) this.fail(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
      if (Array.isArray(value)) fields.push({ key, leaf: this.leaf(value) });
      else if (isPatternObject(value)) fields.push({ key, node: this.object(value, insideOr) });
      else this.fail(`"${key}" must be an object or an array`);
    }
    if (keys.length === 0) this.fail("Empty objects are not allowed");
    let matchesEmpty = true;
    let positive = false;
    for (const field of fields) {
      if (field.leaf !== undefined) {
        matchesEmpty &&= field.leaf.existsFalse;
        positive ||= field.leaf.strings !== undefined || field.leaf.tests.length > 0 || field.leaf.existsTrue;
      } else {
        matchesEmpty &&= field.node.matchesEmpty;
        positive ||= field.node.positive;
      }
    }
    for (const group of ors) {
      matchesEmpty &&= group.some((branch) => branch.matchesEmpty);
      positive ||= group.some((branch) => branch.positive);
    }
    return { fields, ors, matchesEmpty, positive };
  }

  private or(value: PatternValue): Node[] {
    if (!Array.isArray(value)) this.fail("It must be an Array followed with $or.");
    const branches: Node[] = [];
    for (const item of value) {
      if (!isPatternObject(item)) this.fail("Only JSON object is allowed in array of $or relationship.");
      branches.push(this.object(item, true));
    }
    if (branches.length < 2) this.fail("There must have at least 2 Objects in $or relationship.");
    return branches;
  }

  private leaf(values: PatternValue[]): Leaf {
    const strings = new Set<string>();
    const tests: Test[] = [];
    let existsTrue = false;
    let existsFalse = false;
    for (const value of values) {
      if (typeof value === "string") {
        const ip = parseIp(value);
        if (ip === undefined) strings.add(value);
        else tests.push(exactIp(value, ip));
      } else if (value instanceof NumberText) {
        tests.push(this.exactNumber(value));
      } else if (value === null || typeof value === "boolean") {
        tests.push((v) => v === value);
      } else if (isPatternObject(value)) {
        const test = this.expression(value);
        if (test === true) existsTrue = true;
        else if (test === false) existsFalse = true;
        else tests.push(test);
      } else {
        this.fail("Match value must be String, number, true, false, or null");
      }
    }
    if (values.length === 0) this.fail("Empty arrays are not allowed");
    return { strings: strings.size > 0 ? strings : undefined, tests, existsTrue, existsFalse };
  }

  /** A plain number in a value list matches the same spelling, and numerically when it has a numeric form. */
  private exactNumber(pattern: NumberText): Test {
    const limits = this.rules.numbers;
    const key = numericKey(pattern.value, pattern.text, limits);
    const literal = pattern.text;
    // Equal spellings give equal keys, so with a key the numeric test covers the literal one.
    if (typeof key === "number") return (v) => scalarKey(v, limits) === key;
    return (v) => numberOf(v)?.text === literal;
  }

  /** A key from a number written in a pattern, or the rejection event-ruler gives. */
  private patternKey(value: NumberText): number {
    const limits = this.rules.numbers;
    const key = numericKey(value.value, value.text, limits);
    if (key === "range") this.fail(`Value must be between ${limits.lowText} and ${limits.highText}, inclusive`);
    if (key === "decimals") this.fail(`Only values upto ${limits.decimals} decimals are supported`);
    return key;
  }

  /** Returns a test, or true/false for `exists`. */
  private expression(expression: PatternObject): Test | boolean {
    const keys = Object.keys(expression);
    const op = keys[0];
    if (op === undefined) this.fail("Match expression name not found");
    const value = expression[op] as PatternValue;
    const onlyKey = (message = "Only one key allowed in match expression"): void => {
      if (keys.length > 1) this.fail(message);
    };
    if (!this.rules.operators.has(op)) this.fail(`Unrecognized match type ${op}`);
    switch (op) {
      case "prefix":
      case "suffix": {
        if (isPatternObject(value) && this.rules.affixIgnoreCase) {
          const test = this.affixIgnoreCase(op, value);
          onlyKey();
          return test;
        }
        if (typeof value !== "string") this.fail(`${op} match pattern must be a string`);
        onlyKey();
        return op === "prefix" ? (v) => typeof v === "string" && v.startsWith(value) : (v) => typeof v === "string" && v.endsWith(value);
      }
      case "equals-ignore-case": {
        if (typeof value !== "string") this.fail("equals-ignore-case match pattern must be a string");
        onlyKey();
        const lower = value.toLowerCase();
        return (v) => typeof v === "string" && v.toLowerCase() === lower;
      }
      case "wildcard": {
        if (typeof value !== "string") this.fail("wildcard match pattern must be a string");
        const matcher = this.wildcard(value);
        onlyKey();
        return (v) => typeof v === "string" && wildcardMatches(matcher, v);
      }
      case "numeric": {
        if (!Array.isArray(value)) this.fail("Value of numeric must be an array.");
        const range = this.numeric(value);
        onlyKey("Too many elements in numeric expression");
        const limits = this.rules.numbers;
        return (v) => {
          const key = scalarKey(v, limits);
          return key !== undefined && inRange(key, range);
        };
      }
      case "anything-but": {
        const test = this.anythingBut(value);
        onlyKey("Too many elements in numeric expression");
        return (v) => !test(v);
      }
      case "exists": {
        if (typeof value !== "boolean") this.fail("exists match pattern must be either true or false.");
        onlyKey();
        return value;
      }
      case "cidr": {
        if (typeof value !== "string") this.fail("prefix match pattern must be a string");
        const block = parseCidr(value);
        if (typeof block === "string") this.fail(block);
        onlyKey();
        return (v) => {
          if (typeof v !== "string" || v.length > 45) return false;
          const ip = parseIp(v);
          return ip !== undefined && cidrContains(block, ip);
        };
      }
      default:
        return this.fail(`Unrecognized match type ${op}`);
    }
  }

  private affixIgnoreCase(op: "prefix" | "suffix", value: PatternObject): Test {
    const keys = Object.keys(value);
    const inner = keys[0];
    const Name = op === "prefix" ? "Prefix" : "Suffix";
    if (inner === undefined) this.fail(`${Name} expression name not found`);
    if (inner !== "equals-ignore-case") this.fail(`Unsupported ${op} pattern: ${inner}`);
    const text = value[inner];
    if (typeof text !== "string") this.fail("equals-ignore-case match pattern must be a string");
    if (keys.length > 1) this.fail("Only one key allowed in match expression");
    const lower = text.toLowerCase();
    return op === "prefix"
      ? (v) => typeof v === "string" && v.toLowerCase().startsWith(lower)
      : (v) => typeof v === "string" && v.toLowerCase().endsWith(lower);
  }

  private wildcard(text: string): ReturnType<typeof compileWildcard> {
    try {
      return compileWildcard(text);
    } catch (error) {
      if (error instanceof WildcardSyntaxError) this.fail(error.message);
      throw error;
    }
  }

  /** The test that anything-but negates. */
  private anythingBut(value: PatternValue): Test {
    let kind = "values";
    let operand = value;
    if (isPatternObject(value)) {
      const keys = Object.keys(value);
      const inner = keys[0];
      if (inner === undefined) this.fail("Anything-But expression name not found");
      if (!this.rules.anythingButOperators.has(inner)) this.fail(`Unsupported anything-but pattern: ${inner}`);
      kind = inner;
      operand = value[inner] as PatternValue;
      if (!(Array.isArray(operand) || typeof operand === "string" || operand instanceof NumberText)) {
        this.fail("Value of anything-but must be an array or single string/number value.");
      }
      const test = this.anythingButSet(kind, Array.isArray(operand) ? operand : [operand]);
      if (keys.length > 1) this.fail("Too many elements in numeric expression");
      return test;
    }
    if (!(Array.isArray(operand) || typeof operand === "string" || operand instanceof NumberText)) {
      this.fail("Value of anything-but must be an array or single string/number value.");
    }
    return this.anythingButValues(operand, Array.isArray(operand));
  }

  private anythingButValues(operand: PatternValue, isList: boolean): Test {
    const items = isList ? (operand as PatternValue[]) : [operand];
    const strings = new Set<string>();
    const keys = new Set<number>();
    const literals = new Set<string>();
    for (const item of items) {
      if (typeof item === "string") strings.add(item);
      else if (item instanceof NumberText) {
        keys.add(this.patternKey(item));
        literals.add(item.text);
      } else {
        this.fail(isList ? "Inside anything but list, start|null|boolean is not supported." : "Inside anything-but list, start|null|boolean is not supported.");
      }
    }
    if (isList && !this.rules.anythingButMixed && ((strings.size > 0 && keys.size > 0) || (strings.size === 0 && keys.size === 0))) {
      this.fail("Inside anything but list, either all values are number or string, mixed type is not supported");
    }
    const limits = this.rules.numbers;
    return (v) => {
      if (typeof v === "string") return strings.has(v);
      if (keys.size === 0) return false;
      const key = scalarKey(v, limits);
      return key !== undefined ? keys.has(key) : literals.has(numberOf(v)?.text ?? "");
    };
  }

  private anythingButSet(kind: string, items: PatternValue[]): Test {
    const texts: string[] = [];
    for (const item of items) {
      if (typeof item !== "string") {
        if (kind === "equals-ignore-case") this.fail("Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.");
        if (kind === "wildcard") this.fail("wildcard match pattern must be a string");
        this.fail("prefix/suffix match pattern must be a string");
      }
      if ((kind === "prefix" || kind === "suffix") && item === "") this.fail("Null prefix/suffix not allowed");
      texts.push(item);
    }
    switch (kind) {
      case "prefix":
        return (v) => typeof v === "string" && texts.some((t) => v.startsWith(t));
      case "suffix":
        return (v) => typeof v === "string" && texts.some((t) => v.endsWith(t));
      case "equals-ignore-case": {
        const lower = new Set(texts.map((t) => t.toLowerCase()));
        return (v) => typeof v === "string" && lower.has(v.toLowerCase());
      }
      default: {
        const matchers = texts.map((t) => this.wildcard(t));
        return (v) => typeof v === "string" && matchers.some((m) => wildcardMatches(m, v));
      }
    }
  }

  private numeric(items: PatternValue[]): NumericRange {
    const limits = this.rules.numbers;
    const first = items[0];
    if (typeof first !== "string") this.fail(`Invalid member in numeric match: ${tokenText(first)}`);
    const operand = items[1];
    const operandKey = (op: string, value: PatternValue | undefined): number => {
      if (!(value instanceof NumberText)) this.fail(`Value of ${op} must be numeric`);
      return this.patternKey(value);
    };
    const open = { low: -Infinity, lowOpen: false, high: Infinity, highOpen: false };
    switch (first) {
      case "=": {
        const key = operandKey("equals", operand);
        if (items.length > 2) this.fail("Too many elements in numeric expression");
        return { low: key, lowOpen: false, high: key, highOpen: false };
      }
      case ">":
      case ">=": {
        const low = operandKey(first, operand);
        if (items.length === 2) return { ...open, low, lowOpen: first === ">" };
        const second = items[2];
        if (typeof second !== "string") this.fail(`Bad value in numeric range: ${tokenText(second)}`);
        if (second !== "<" && second !== "<=") this.fail(`Bad numeric range operator: ${second}`);
        const high = operandKey(second, items[3]);
        if (items.length > 4) this.fail("Too many terms in numeric range expression");
        if (low >= high) this.fail("Bottom must be less than top");
        return { low, lowOpen: first === ">", high, highOpen: second === "<" };
      }
      case "<":
      case "<=": {
        const high = operandKey(first, operand);
        if (items.length > 2) this.fail("Too many elements in numeric expression");
        return { ...open, high, highOpen: first === "<" };
      }
      default:
        return this.fail(`Unrecognized numeric range operator: ${first}`);
    }
  }
}

/** event-ruler turns an IP-shaped exact string into an address range, so "10.0.0.1" also matches other spellings of it. */
function exactIp(text: string, ip: IpAddress): Test {
  return (v) => {
    if (typeof v !== "string") return false;
    if (v === text) return true;
    const other = parseIp(v);
    return other !== undefined && sameIp(ip, other);
  };
}

