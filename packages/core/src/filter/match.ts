/**
 * Matching, compiled. `compileMatcher` turns a validated pattern tree into closures once: one per
 * field, specialised by what the field's value list can match (one exact string is a `===`, a few are
 * compared in turn and more are a Set, numeric ranges are precomputed bounds over fixed-point keys,
 * each event value is dispatched by type so a string never meets a numeric condition). No code is
 * generated from the pattern: the closures are fixed functions over compile-time data.
 *
 * The walk is array-consistent, as EventBridge's event-ruler is: the fields of one pattern object must
 * all be found in the same element of an event array. It reads only the fields the pattern names, with
 * Object.hasOwn (`__proto__` or `constructor` in an event is data, never an inherited property), visits
 * every event value at most once per pattern field (linear in event size × pattern size), and allocates
 * nothing for plain-object events (but the String(n) spelling of a non-integer JavaScript number, when a
 * numeric condition needs its key).
 */
import { NumberText } from "./json";
import { numericKey, type NumericLimits } from "./numeric";
import { stringIn, type Leaf, type Node, type NumberTest, type StringTest } from "./pattern";

type EventObject = Record<string, unknown>;
/** A pattern object against an event object. */
export type ObjectMatcher = (object: EventObject) => boolean;
/** A value list or nested pattern object against a field's value (undefined when absent). */
type ValueMatcher = (value: unknown) => boolean;
/** A value list against one number: its value and JSON spelling (undefined for a JavaScript number). */
type NumberMatcher = (value: number, text: string | undefined) => boolean;
/** How an attribute-scoped root reads a field (SNS MessageAttributes): the value a policy sees, or undefined. */
export type FieldReader = (object: EventObject, key: string) => unknown;

const yes = (): boolean => true;
const no = (): boolean => false;

// Results of scanning an array for a leaf: no scalar in it, scalars but none matched, one matched.
const NO_SCALAR = 0;
const SEEN = 1;
const MATCHED = 2;

/**
 * What the compiled tree may meet. Events given as JavaScript objects hold no NumberText (the class
 * is internal) and need Object.hasOwn reads; events read by parseJson are null-prototype objects (an
 * absent key reads as undefined, never as an inherited property, and JSON has no undefined) whose
 * numbers are NumberText.
 */
export interface MatchMode {
  readonly limits: NumericLimits;
  /** Whether event numbers may be NumberText (JSON text) rather than only JavaScript numbers. */
  readonly numberText: boolean;
  /** Whether keys must be checked with Object.hasOwn (objects with a prototype) before reading. */
  readonly ownRead: boolean;
}

/**
 * Compiles a pattern tree. `read`, when given, reads the root object's fields (and its `$or` branches',
 * which test the same object) instead of Object.hasOwn: SNS attribute policies have no nesting.
 */
export function compileMatcher(root: Node, mode: MatchMode, read?: FieldReader): ObjectMatcher {
  return objectMatcher(root, mode, read);
}

function objectMatcher(node: Node, mode: MatchMode, read: FieldReader | undefined): ObjectMatcher {
  const parts: ObjectMatcher[] = [];
  for (const field of node.fields) {
    const key = field.key;
    if (read !== undefined) {
      const test = field.leaf !== undefined ? leafMatcher(field.leaf, mode) : valueMatcher(field.node, mode);
      parts.push((object) => test(read(object, key)));
    } else if (field.leaf !== undefined) {
      parts.push(leafField(key, field.leaf, mode));
    } else {
      parts.push(nodeField(key, field.node, mode));
    }
  }
  for (const group of node.ors) parts.push(any(group.map((branch) => objectMatcher(branch, mode, read))));
  return all(parts);
}

function all(parts: readonly ObjectMatcher[]): ObjectMatcher {
  const [a, b, c] = parts as [ObjectMatcher, ObjectMatcher, ObjectMatcher];
  switch (parts.length) {
    case 0:
      return yes;
    case 1:
      return a;
    case 2:
      return (o) => a(o) && b(o);
    case 3:
      return (o) => a(o) && b(o) && c(o);
    default:
      return (o) => {
        for (let i = 0; i < parts.length; i++) if (!(parts[i] as ObjectMatcher)(o)) return false;
        return true;
      };
  }
}

function any(parts: readonly ObjectMatcher[]): ObjectMatcher {
  const [a, b, c] = parts as [ObjectMatcher, ObjectMatcher, ObjectMatcher];
  switch (parts.length) {
    case 2:
      return (o) => a(o) || b(o);
    case 3:
      return (o) => a(o) || b(o) || c(o);
    default:
      return (o) => {
        for (let i = 0; i < parts.length; i++) if ((parts[i] as ObjectMatcher)(o)) return true;
        return false;
      };
  }
}

/**
 * A nested pattern object against an event value. For an array, a pattern with positive conditions
 * needs one element that satisfies it whole; a pattern made only of exists:false needs the field absent
 * from every element, because event-ruler checks absence against every element the match is not tied to.
 */
function valueMatcher(node: Node, mode: MatchMode, object = objectMatcher(node, mode, undefined)): ValueMatcher {
  const empty = node.matchesEmpty;
  const numberText = mode.numberText;
  const element = (value: unknown): boolean => {
    if (typeof value !== "object" || value === null || (numberText && value instanceof NumberText)) return empty;
    return Array.isArray(value) ? array(value) : object(value as EventObject);
  };
  const array = node.positive
    ? (values: readonly unknown[]): boolean => {
        for (let i = 0; i < values.length; i++) if (element(values[i])) return true;
        return false;
      }
    : (values: readonly unknown[]): boolean => {
        for (let i = 0; i < values.length; i++) if (!element(values[i])) return false;
        return true;
      };
  return element;
}

/** A field holding a nested pattern object; an event object there (the common case) is matched without a detour. */
function nodeField(key: string, node: Node, mode: MatchMode): ObjectMatcher {
  const object = objectMatcher(node, mode, undefined);
  const test = valueMatcher(node, mode, object);
  const absent = node.matchesEmpty;
  if (!mode.ownRead) {
    return (o) => {
      const value = o[key];
      if (typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof NumberText)) return object(value as EventObject);
      return value === undefined ? absent : test(value);
    };
  }
  if (!mode.numberText) {
    return (o) => {
      if (!Object.hasOwn(o, key)) return absent;
      const value = o[key];
      if (typeof value === "object" && value !== null && !Array.isArray(value)) return object(value as EventObject);
      return test(value);
    };
  }
  return (o) => {
    if (!Object.hasOwn(o, key)) return absent;
    const value = o[key];
    if (typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof NumberText)) return object(value as EventObject);
    return test(value);
  };
}

/** The value list's test on strings, without exists. */
function stringMatcher(leaf: Leaf): StringTest {
  if (leaf.anyString) return yes;
  const strings = leaf.strings;
  const tests = leaf.stringTests;
  if (tests.length === 0) return strings === undefined ? no : stringIn(strings);
  const first = tests[0] as StringTest;
  if (strings === undefined) {
    if (tests.length === 1) return first;
    return (v) => {
      for (let i = 0; i < tests.length; i++) if ((tests[i] as StringTest)(v)) return true;
      return false;
    };
  }
  return (v) => {
    if (strings.has(v)) return true;
    for (let i = 0; i < tests.length; i++) if ((tests[i] as StringTest)(v)) return true;
    return false;
  };
}

/** The dialect's fixed-point key of a number spelled `text`, undefined when it has none. */
function spelledKey(value: number, text: string, limits: NumericLimits): number | undefined {
  const key = numericKey(value, text, limits);
  return typeof key === "number" ? key : undefined;
}

/**
 * The value list's test on numbers, without exists. The key is computed once per value; a JavaScript
 * integer (the common case) gets it inline, without spelling it.
 */
function numberMatcher(leaf: Leaf, mode: MatchMode): NumberMatcher {
  if (leaf.anyNumber) return yes;
  const tests = leaf.numberTests;
  if (tests.length === 0) return no;
  const limits = mode.limits;
  const scale = 10 ** limits.decimals;
  const max = limits.max;
  if (tests.length === 1) {
    const test = tests[0] as NumberTest;
    return (value, text) => {
      if (text === undefined && Number.isInteger(value)) return test(value >= -max && value <= max ? value * scale : undefined, value, text);
      return test(spelledKey(value, text ?? String(value), limits), value, text);
    };
  }
  return (value, text) => {
    const key =
      text === undefined && Number.isInteger(value)
        ? value >= -max && value <= max
          ? value * scale
          : undefined
        : spelledKey(value, text ?? String(value), limits);
    for (let i = 0; i < tests.length; i++) if ((tests[i] as NumberTest)(key, value, text)) return true;
    return false;
  };
}

/** A value list against a field's value. */
function leafMatcher(leaf: Leaf, mode: MatchMode): ValueMatcher {
  const scan = arrayScanner(leaf, mode);
  const { existsTrue, existsFalse } = leaf;
  const string = existsTrue ? yes : stringMatcher(leaf);
  const number = existsTrue ? yes : numberMatcher(leaf, mode);
  const onTrue = existsTrue || leaf.onTrue;
  const onFalse = existsTrue || leaf.onFalse;
  const onNull = existsTrue || leaf.onNull;
  const numberText = mode.numberText;
  return (value) => {
    switch (typeof value) {
      case "string":
        return string(value);
      case "undefined":
        return existsFalse;
      case "number":
        return number(value, undefined);
      case "boolean":
        return value ? onTrue : onFalse;
      case "object": {
        if (value === null) return onNull;
        if (Array.isArray(value)) {
          const found = scan(value);
          return found === MATCHED || (found === SEEN ? existsTrue : existsFalse);
        }
        if (numberText && value instanceof NumberText) return number(value.value, value.text);
        // An object is not a leaf in the event.
        return existsFalse;
      }
      default:
        // Absent, or something JSON has no word for.
        return existsFalse;
    }
  };
}

/** Scalars anywhere in a (nested) array are the leaf values of that path. */
function arrayScanner(leaf: Leaf, mode: MatchMode): (values: readonly unknown[]) => number {
  const string = stringMatcher(leaf);
  const number = numberMatcher(leaf, mode);
  const { onTrue, onFalse, onNull } = leaf;
  const numberText = mode.numberText;
  const scan = (values: readonly unknown[]): number => {
    let found = NO_SCALAR;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      let hit: boolean;
      switch (typeof value) {
        case "string":
          hit = string(value);
          break;
        case "number":
          hit = number(value, undefined);
          break;
        case "boolean":
          hit = value ? onTrue : onFalse;
          break;
        case "object":
          if (value === null) hit = onNull;
          else if (Array.isArray(value)) {
            const inner = scan(value);
            if (inner === MATCHED) return MATCHED;
            if (inner === SEEN) found = SEEN;
            continue;
          } else if (numberText && value instanceof NumberText) hit = number(value.value, value.text);
          else continue;
          break;
        default:
          continue;
      }
      if (hit) return MATCHED;
      found = SEEN;
    }
    return found;
  };
  return scan;
}

/** A field holding a value list, read from an event object; a string value (the common case) is tested without the type dispatch. */
function leafField(key: string, leaf: Leaf, mode: MatchMode): ObjectMatcher {
  const test = leafMatcher(leaf, mode);
  const string = leaf.existsTrue ? yes : stringMatcher(leaf);
  const absent = leaf.existsFalse;
  const strings = leaf.strings;
  if (strings !== undefined && strings.size === 1 && !leaf.existsTrue && !leaf.anyString && leaf.stringTests.length === 0) {
    // The most common value list of all, one exact string: compared inline.
    const single = strings.values().next().value as string;
    if (!mode.ownRead) {
      return (object) => {
        const value = object[key];
        return typeof value === "string" ? value === single : value === undefined ? absent : test(value);
      };
    }
    return (object) => {
      if (!Object.hasOwn(object, key)) return absent;
      const value = object[key];
      return typeof value === "string" ? value === single : test(value);
    };
  }
  if (!mode.ownRead) {
    return (object) => {
      const value = object[key];
      return typeof value === "string" ? string(value) : value === undefined ? absent : test(value);
    };
  }
  return (object) => {
    if (!Object.hasOwn(object, key)) return absent;
    const value = object[key];
    return typeof value === "string" ? string(value) : test(value);
  };
}
