/**
 * Validation and compilation of a pattern into a matcher tree. Rules and error texts follow
 * aws/event-ruler's JsonRuleCompiler (the library behind EventBridge); SNS filter policies share the
 * grammar with the differences held in DialectRules. Validation walks the pattern in document order so
 * the first problem reported is the one AWS reports.
 */
import { compileWildcard, wildcardMatches, WildcardSyntaxError, type WildcardMatcher } from "./wildcard";
import { cidrContains, ipv4Number, ipv4Value, parseCidr, parseIp, sameIp, type CidrBlock, type IpAddress } from "./cidr";
import { numericKey, type NumericRange } from "./numeric";
import { NumberText, isRecord } from "./json";
import type { DialectRules } from "./dialect";

/** A value at a leaf of an event: what a condition is tested against. */
export type Scalar = string | number | boolean | null | NumberText;

/** A condition on string values. */
export type StringTest = (value: string) => boolean;
/**
 * A condition on number values. `key` is the value's fixed-point key in the dialect (undefined when it
 * has no numeric form), `text` its JSON spelling: undefined for a JavaScript number, whose spelling is
 * String(value), computed only by the conditions that need it.
 */
export type NumberTest = (key: number | undefined, value: number, text: string | undefined) => boolean;

/**
 * One value or match expression of a value list, split by the type of the event value it meets, so the
 * matcher runs only the conditions that can apply: `true`/`false` stand for "every value of that type".
 */
export interface Condition {
  readonly string: StringTest | boolean;
  readonly number: NumberTest | boolean;
  readonly onTrue: boolean;
  readonly onFalse: boolean;
  readonly onNull: boolean;
  /** The negation of `string`, when it has a faster form than !string(v). */
  readonly notString?: StringTest;
}

const NEVER: Condition = { string: false, number: false, onTrue: false, onFalse: false, onNull: false };
const stringCondition = (test: StringTest): Condition => ({ ...NEVER, string: test });
const numberCondition = (test: NumberTest): Condition => ({ ...NEVER, number: test });

/** anything-but: every value the inner condition refuses. */
function negate(inner: Condition): Condition {
  const string = inner.string;
  const number = inner.number;
  return {
    string: typeof string === "boolean" ? !string : (inner.notString ?? ((v) => !string(v))),
    number: typeof number === "boolean" ? !number : (k, v, t) => !number(k, v, t),
    onTrue: !inner.onTrue,
    onFalse: !inner.onFalse,
    onNull: !inner.onNull,
  };
}

export interface Leaf {
  /** Exact strings, tested with one Set lookup. */
  readonly strings: ReadonlySet<string> | undefined;
  /** The other conditions on strings; `anyString` when one of them accepts every string. */
  readonly stringTests: readonly StringTest[];
  readonly anyString: boolean;
  readonly numberTests: readonly NumberTest[];
  readonly anyNumber: boolean;
  readonly onTrue: boolean;
  readonly onFalse: boolean;
  readonly onNull: boolean;
  readonly existsTrue: boolean;
  readonly existsFalse: boolean;
  /** Whether the list holds anything but exists:false. */
  readonly positive: boolean;
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
        positive ||= field.leaf.positive;
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
    const stringTests: StringTest[] = [];
    const numberTests: NumberTest[] = [];
    let anyString = false;
    let anyNumber = false;
    let onTrue = false;
    let onFalse = false;
    let onNull = false;
    let existsTrue = false;
    let existsFalse = false;
    let positive = false;
    const add = (condition: Condition): void => {
      positive = true;
      if (condition.string === true) anyString = true;
      else if (condition.string !== false) stringTests.push(condition.string);
      if (condition.number === true) anyNumber = true;
      else if (condition.number !== false) numberTests.push(condition.number);
      onTrue ||= condition.onTrue;
      onFalse ||= condition.onFalse;
      onNull ||= condition.onNull;
    };
    for (const value of values) {
      if (typeof value === "string") {
        const ip = parseIp(value);
        if (ip === undefined) {
          positive = true;
          strings.add(value);
        } else add(stringCondition(exactIp(value, ip)));
      } else if (value instanceof NumberText) {
        add(numberCondition(this.exactNumber(value)));
      } else if (value === null) {
        add({ ...NEVER, onNull: true });
      } else if (typeof value === "boolean") {
        add({ ...NEVER, onTrue: value, onFalse: !value });
      } else if (isPatternObject(value)) {
        const test = this.expression(value);
        if (test === true) {
          positive = true;
          existsTrue = true;
        } else if (test === false) existsFalse = true;
        else add(test);
      } else {
        this.fail("Match value must be String, number, true, false, or null");
      }
    }
    if (values.length === 0) this.fail("Empty arrays are not allowed");
    return {
      strings: strings.size > 0 ? strings : undefined,
      stringTests,
      anyString,
      numberTests,
      anyNumber,
      onTrue,
      onFalse,
      onNull,
      existsTrue,
      existsFalse,
      positive,
    };
  }

  /** A plain number in a value list matches the same spelling, and numerically when it has a numeric form. */
  private exactNumber(pattern: NumberText): NumberTest {
    const limits = this.rules.numbers;
    const key = numericKey(pattern.value, pattern.text, limits);
    const literal = pattern.text;
    // Equal spellings give equal keys, so with a key the numeric test covers the literal one.
    if (typeof key === "number") return (k) => k === key;
    return (_k, v, t) => (t ?? String(v)) === literal;
  }

  /** A key from a number written in a pattern, or the rejection event-ruler gives. */
  private patternKey(value: NumberText): number {
    const limits = this.rules.numbers;
    const key = numericKey(value.value, value.text, limits);
    if (key === "range") this.fail(`Value must be between ${limits.lowText} and ${limits.highText}, inclusive`);
    if (key === "decimals") this.fail(`Only values upto ${limits.decimals} decimals are supported`);
    return key;
  }

  /** Returns a condition, or true/false for `exists`. */
  private expression(expression: PatternObject): Condition | boolean {
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
          return stringCondition(test);
        }
        if (typeof value !== "string") this.fail(`${op} match pattern must be a string`);
        onlyKey();
        return stringCondition(op === "prefix" ? startsWith(value) : endsWith(value));
      }
      case "equals-ignore-case": {
        if (typeof value !== "string") this.fail("equals-ignore-case match pattern must be a string");
        onlyKey();
        return stringCondition(this.ignoreCase("equals", value));
      }
      case "wildcard": {
        if (typeof value !== "string") this.fail("wildcard match pattern must be a string");
        const matcher = this.wildcard(value);
        onlyKey();
        return stringCondition(wildcardTest(matcher));
      }
      case "numeric": {
        if (!Array.isArray(value)) this.fail("Value of numeric must be an array.");
        const range = this.numeric(value);
        onlyKey("Too many elements in numeric expression");
        return numberCondition(rangeTest(range));
      }
      case "anything-but": {
        const inner = this.anythingBut(value);
        onlyKey("Too many elements in numeric expression");
        return negate(inner);
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
        return stringCondition(cidrTest(block));
      }
      default:
        return this.fail(`Unrecognized match type ${op}`);
    }
  }

  private affixIgnoreCase(op: "prefix" | "suffix", value: PatternObject): StringTest {
    const keys = Object.keys(value);
    const inner = keys[0];
    const Name = op === "prefix" ? "Prefix" : "Suffix";
    if (inner === undefined) this.fail(`${Name} expression name not found`);
    if (inner !== "equals-ignore-case") this.fail(`Unsupported ${op} pattern: ${inner}`);
    const text = value[inner];
    if (typeof text !== "string") this.fail("equals-ignore-case match pattern must be a string");
    if (keys.length > 1) this.fail("Only one key allowed in match expression");
    return this.ignoreCase(op, text);
  }

  /**
   * Case-insensitive equals/prefix/suffix. EventBridge follows event-ruler's EqualsIgnoreCaseParser:
   * each character of the pattern matches its own lower- or upper-case form (Locale.ROOT), and the
   * value is not folded: "k" does not match the Kelvin sign, "ß" matches "SS". SNS compares lowercased text.
   */
  private ignoreCase(kind: "equals" | "prefix" | "suffix", text: string): StringTest {
    if (this.rules.dialect === "eventbridge") return perCharIgnoreCase(kind, text);
    const lower = text.toLowerCase();
    return kind === "equals" ? equalsIgnoreCase(lower) : kind === "prefix" ? prefixIgnoreCase(lower) : suffixIgnoreCase(lower);
  }

  private wildcard(text: string): ReturnType<typeof compileWildcard> {
    try {
      return compileWildcard(text);
    } catch (error) {
      if (error instanceof WildcardSyntaxError) this.fail(error.message);
      throw error;
    }
  }

  /** The condition that anything-but negates. */
  private anythingBut(value: PatternValue): Condition {
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

  private anythingButValues(operand: PatternValue, isList: boolean): Condition {
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
    return {
      ...NEVER,
      string: stringIn(strings),
      notString: stringIn(strings, true),
      number: keys.size === 0 ? false : (k, v, t) => (k !== undefined ? keys.has(k) : literals.has(t ?? String(v))),
    };
  }

  private anythingButSet(kind: string, items: PatternValue[]): Condition {
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
        return stringCondition(anyOf(texts.map(startsWith)));
      case "suffix":
        return stringCondition(anyOf(texts.map(endsWith)));
      case "equals-ignore-case": {
        if (this.rules.dialect === "eventbridge") return stringCondition(anyOf(texts.map((t) => this.ignoreCase("equals", t))));
        const lower = new Set(texts.map((t) => t.toLowerCase()));
        if (lower.size === 1) return stringCondition(equalsIgnoreCase(lower.values().next().value as string));
        return stringCondition((v) => lower.has(v.toLowerCase()));
      }
      default:
        return stringCondition(anyOf(texts.map((t) => wildcardTest(this.wildcard(t)))));
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
function exactIp(text: string, ip: IpAddress): StringTest {
  if (ip.version === 4) {
    const address = ipv4Value(ip.bytes);
    return (v) => v === text || ipv4Number(v) === address;
  }
  return (v) => {
    if (v === text) return true;
    if (v.length > 45 || !v.includes(":")) return false;
    const other = parseIp(v);
    return other !== undefined && sameIp(ip, other);
  };
}

/** An IPv4 block becomes a mask and a network number; an address is read without allocating. */
function cidrTest(block: CidrBlock): StringTest {
  if (block.version === 4) {
    const mask = block.bits === 0 ? 0 : (0xffffffff << (32 - block.bits)) >>> 0;
    const network = (ipv4Value(block.bytes) & mask) >>> 0;
    return (v) => {
      const address = ipv4Number(v);
      return address >= 0 && (address & mask) >>> 0 === network;
    };
  }
  // Text without ":" is IPv4, which an IPv6 block never holds.
  return (v) => {
    if (v.length > 45 || !v.includes(":")) return false;
    const ip = parseIp(v);
    return ip !== undefined && cidrContains(block, ip);
  };
}

/** Precomputed bounds over fixed-point keys. */
function rangeTest(range: NumericRange): NumberTest {
  const { low, high } = range;
  if (range.lowOpen) return range.highOpen ? (k) => k !== undefined && k > low && k < high : (k) => k !== undefined && k > low && k <= high;
  return range.highOpen ? (k) => k !== undefined && k >= low && k < high : (k) => k !== undefined && k >= low && k <= high;
}

function wildcardTest(matcher: WildcardMatcher): StringTest {
  const { segments } = matcher;
  if (segments.length === 2) {
    // One star: a prefix and a suffix that do not overlap.
    const [first, last] = segments as [string, string];
    const least = first.length + last.length;
    const starts = startsWith(first);
    const ends = endsWith(last);
    return (v) => v.length >= least && starts(v) && ends(v);
  }
  return (v) => wildcardMatches(matcher, v);
}

/*
 * startsWith/endsWith are builtin calls that TurboFan does not inline; most values that fail a prefix
 * or suffix differ in the character next to its far end (com.example.service1 vs …service2), so that
 * character is compared first, and a value as long as the affix is compared with ===.
 */
function startsWith(prefix: string): StringTest {
  const n = prefix.length;
  if (n === 0) return () => true;
  const last = prefix.charCodeAt(n - 1);
  return (v) => v.length >= n && v.charCodeAt(n - 1) === last && (v.length === n ? v === prefix : v.startsWith(prefix));
}

function endsWith(suffix: string): StringTest {
  const n = suffix.length;
  if (n === 0) return () => true;
  const first = suffix.charCodeAt(0);
  return (v) => v.length >= n && v.charCodeAt(v.length - n) === first && (v.length === n ? v === suffix : v.endsWith(suffix));
}

/** Membership in a few strings (or its negation): === on each beats hashing the value for a Set lookup. */
export function stringIn(strings: ReadonlySet<string>, negated = false): StringTest {
  const list = [...strings];
  const [a, b, c, d] = list as [string, string, string, string];
  if (negated) {
    switch (list.length) {
      case 0:
        return () => true;
      case 1:
        return (v) => v !== a;
      case 2:
        return (v) => v !== a && v !== b;
      case 3:
        return (v) => v !== a && v !== b && v !== c;
      default:
        return (v) => !strings.has(v);
    }
  }
  switch (list.length) {
    case 0:
      return () => false;
    case 1:
      return (v) => v === a;
    case 2:
      return (v) => v === a || v === b;
    case 3:
      return (v) => v === a || v === b || v === c;
    case 4:
      return (v) => v === a || v === b || v === c || v === d;
    default:
      return (v) => strings.has(v);
  }
}

function anyOf(tests: StringTest[]): StringTest {
  if (tests.length === 1) return tests[0] as StringTest;
  return (v) => {
    for (let i = 0; i < tests.length; i++) if ((tests[i] as StringTest)(v)) return true;
    return false;
  };
}

/*
 * Case-insensitive comparisons without building v.toLowerCase() for ASCII text. Only non-ASCII
 * characters change length or depend on context when lowercased (İ, final sigma), so a value whose
 * compared characters are all ASCII is folded character by character; any other value takes the
 * exact toLowerCase() route, as before.
 */
const isAscii = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
};

/** -1: a non-ASCII character was met (decide with toLowerCase); 0: differs; 1: equal, folding A–Z. */
function foldCompare(v: string, from: number, lower: string): number {
  for (let i = 0; i < lower.length; i++) {
    let c = v.charCodeAt(from + i);
    if (c >= 0x80) return -1;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== lower.charCodeAt(i)) return 0;
  }
  return 1;
}

function equalsIgnoreCase(lower: string): StringTest {
  if (!isAscii(lower)) return (v) => v.toLowerCase() === lower;
  return (v) => {
    if (v.length !== lower.length) return !isAscii(v) && v.toLowerCase() === lower;
    const r = foldCompare(v, 0, lower);
    return r < 0 ? v.toLowerCase() === lower : r === 1;
  };
}

function prefixIgnoreCase(lower: string): StringTest {
  if (!isAscii(lower)) return (v) => v.toLowerCase().startsWith(lower);
  return (v) => {
    if (v.length < lower.length) return !isAscii(v) && v.toLowerCase().startsWith(lower);
    const r = foldCompare(v, 0, lower);
    return r < 0 ? v.toLowerCase().startsWith(lower) : r === 1;
  };
}

function suffixIgnoreCase(lower: string): StringTest {
  if (!isAscii(lower)) return (v) => v.toLowerCase().endsWith(lower);
  return (v) => {
    if (v.length < lower.length) return !isAscii(v) && v.toLowerCase().endsWith(lower);
    const r = foldCompare(v, v.length - lower.length, lower);
    return r < 0 ? v.toLowerCase().endsWith(lower) : r === 1;
  };
}

/**
 * event-ruler's ignore-case matching (EqualsIgnoreCaseParser): pattern character c (a UTF-16 unit, as a
 * Java char) matches exactly c.toLowerCase() or c.toUpperCase() in the value. An ASCII pattern only
 * ever matches ASCII text of its own length, compared with an A–Z fold and no allocation. A non-ASCII
 * pattern can have alternatives of different lengths (ß / SS), so the few offsets reachable after each
 * pattern character are tracked.
 */
function perCharIgnoreCase(kind: "equals" | "prefix" | "suffix", text: string): StringTest {
  if (isAscii(text)) {
    const lower = text.toLowerCase();
    const n = lower.length;
    const fold = (v: string, from: number): boolean => {
      for (let i = 0; i < n; i++) {
        let c = v.charCodeAt(from + i);
        if (c >= 0x41 && c <= 0x5a) c += 0x20;
        if (c !== lower.charCodeAt(i)) return false;
      }
      return true;
    };
    if (kind === "equals") return (v) => v.length === n && fold(v, 0);
    if (kind === "prefix") return (v) => v.length >= n && fold(v, 0);
    return (v) => v.length >= n && fold(v, v.length - n);
  }
  const forms: (readonly string[])[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const lower = c.toLowerCase();
    const upper = c.toUpperCase();
    forms.push(lower === upper ? [lower] : [lower, upper]);
  }
  if (kind === "suffix") {
    return (v) => {
      let ends = [v.length];
      for (let i = forms.length - 1; i >= 0 && ends.length > 0; i--) {
        const next: number[] = [];
        for (const end of ends) {
          for (const form of forms[i] as readonly string[]) {
            const start = end - form.length;
            if (start >= 0 && v.startsWith(form, start) && !next.includes(start)) next.push(start);
          }
        }
        ends = next;
      }
      return ends.length > 0;
    };
  }
  const whole = kind === "equals";
  return (v) => {
    let starts = [0];
    for (let i = 0; i < forms.length && starts.length > 0; i++) {
      const next: number[] = [];
      for (const start of starts) {
        for (const form of forms[i] as readonly string[]) {
          const end = start + form.length;
          if (v.startsWith(form, start) && !next.includes(end)) next.push(end);
        }
      }
      starts = next;
    }
    return whole ? starts.includes(v.length) : starts.length > 0;
  };
}
