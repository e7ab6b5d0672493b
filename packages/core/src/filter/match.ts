/**
 * Matching a compiled tree against an event. The walk is array-consistent, as EventBridge's
 * event-ruler is: the fields of one pattern object must all be found in the same element of an event
 * array. Every event value is visited at most once per pattern field, so matching is linear in
 * event size × pattern size. Keys are read with Object.hasOwn: `__proto__` or `constructor` in an
 * event is data, never an inherited property.
 */
import { NumberText, isRecord } from "./json";
import type { Leaf, Node, Scalar } from "./pattern";

type EventObject = Record<string, unknown>;

function isScalar(value: unknown): value is Scalar {
  const type = typeof value;
  return type === "string" || type === "number" || type === "boolean" || value === null || value instanceof NumberText;
}

function testScalar(leaf: Leaf, value: Scalar): boolean {
  if (leaf.strings !== undefined && typeof value === "string" && leaf.strings.has(value)) return true;
  const tests = leaf.tests;
  for (let i = 0; i < tests.length; i++) if ((tests[i] as (v: Scalar) => boolean)(value)) return true;
  return false;
}

/** Scalars anywhere in a (nested) array: the leaf values of that path. */
function arrayLeaf(leaf: Leaf, values: readonly unknown[], state: { seen: boolean }): boolean {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (Array.isArray(value)) {
      if (arrayLeaf(leaf, value, state)) return true;
    } else if (isScalar(value)) {
      state.seen = true;
      if (testScalar(leaf, value)) return true;
    }
  }
  return false;
}

export function matchLeaf(leaf: Leaf, value: unknown): boolean {
  if (isScalar(value)) return leaf.existsTrue || testScalar(leaf, value);
  if (Array.isArray(value)) {
    const state = { seen: false };
    if (arrayLeaf(leaf, value, state)) return true;
    return state.seen ? leaf.existsTrue : leaf.existsFalse;
  }
  // Absent, an object (not a leaf in the event), or something JSON has no word for.
  return leaf.existsFalse;
}

function own(object: EventObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export function matchObject(node: Node, object: EventObject): boolean {
  const fields = node.fields;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as Node["fields"][number];
    const value = own(object, field.key);
    if (field.leaf !== undefined) {
      if (!matchLeaf(field.leaf, value)) return false;
    } else if (!matchValue(field.node, value)) return false;
  }
  const ors = node.ors;
  for (let g = 0; g < ors.length; g++) {
    const group = ors[g] as readonly Node[];
    let any = false;
    for (let b = 0; b < group.length && !any; b++) any = matchObject(group[b] as Node, object);
    if (!any) return false;
  }
  return true;
}

/**
 * A pattern object against an event value. For an array, a pattern with positive conditions needs one
 * element that satisfies it whole; a pattern made only of exists:false needs the field absent from
 * every element, because event-ruler checks absence against every element the match is not tied to.
 */
export function matchValue(node: Node, value: unknown): boolean {
  if (Array.isArray(value)) return node.positive ? someElement(node, value) : everyElement(node, value);
  if (isRecord(value)) return matchObject(node, value);
  return node.matchesEmpty;
}

function someElement(node: Node, values: readonly unknown[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (Array.isArray(value) ? someElement(node, value) : isRecord(value) ? matchObject(node, value) : node.matchesEmpty) return true;
  }
  return false;
}

function everyElement(node: Node, values: readonly unknown[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!(Array.isArray(value) ? everyElement(node, value) : isRecord(value) ? matchObject(node, value) : node.matchesEmpty)) return false;
  }
  return true;
}
