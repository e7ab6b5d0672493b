/**
 * Member types of AWS action inputs, as the service models declare them, checked at a service's boundary so that a
 * wrong-typed value from a native caller (`MessageAttributeNames: [123]`, a `null` batch entry) is the service's
 * validation error, never a TypeError from deep inside, and never after part of a batch was stored. Whether a member
 * is required, and what values it allows, stay each action's own checks: here an absent member (undefined or null)
 * always fits, and unknown members are ignored.
 */
export type Shape = "string" | "number" | "boolean" | "blob" | ListShape | MapShape | StructShape;
export interface ListShape {
  readonly list: Shape;
}
/** String keys; every value (null included) must fit. */
export interface MapShape {
  readonly map: Shape;
}
export interface StructShape {
  readonly struct: Readonly<Record<string, Shape>>;
}

export interface ShapeMismatch {
  /** Where, as the query protocol numbers it: `Entries.2.MessageBody`, `MessageAttributes.color.DataType`. */
  path: string;
  value: unknown;
  expected: "string" | "number" | "boolean" | "blob" | "list" | "map" | "structure";
}

/** The first member of `value` whose type does not fit `shape`, or undefined when everything fits. */
export function findMismatch(value: unknown, shape: Shape, path: string): ShapeMismatch | undefined {
  // Every call of every action passes here and almost every input fits: check without building member paths first.
  return fits(value, shape) ? undefined : locate(value, shape, path);
}

function fits(value: unknown, shape: Shape): boolean {
  if (typeof shape === "string") return shape === "blob" ? value instanceof Uint8Array : typeof value === shape;
  try {
    return compositeFits(value, shape);
  } catch {
    return false;
  }
}

function memberFits(value: unknown, shape: Shape): boolean {
  if (typeof shape === "string") return shape === "blob" ? value instanceof Uint8Array : typeof value === shape;
  return compositeFits(value, shape);
}

function compositeFits(value: unknown, shape: Exclude<Shape, string>): boolean {
  const isList = "list" in shape;
  if (typeof value !== "object" || value === null || Array.isArray(value) !== isList || value instanceof Uint8Array) return false;
  if (isList) {
    const items = value as readonly unknown[];
    for (let i = 0; i < items.length; i++) if (!memberFits(items[i], shape.list)) return false;
    return true;
  }
  const record = value as Record<string, unknown>;
  if ("map" in shape) {
    for (const key of Object.keys(record)) if (!memberFits(record[key], shape.map)) return false;
    return true;
  }
  for (const key in shape.struct) {
    const member = record[key];
    if (member !== undefined && member !== null && !memberFits(member, shape.struct[key] as Shape)) return false;
  }
  return true;
}

/** The mismatch with its path, once `fits` has found there is one. */
function locate(value: unknown, shape: Shape, path: string): ShapeMismatch | undefined {
  if (typeof shape === "string") {
    if (shape === "blob" ? value instanceof Uint8Array : typeof value === shape) return undefined;
    return { path, value, expected: shape };
  }
  const expected = "list" in shape ? "list" : "map" in shape ? "map" : "structure";
  try {
    return findInComposite(value, shape, path, expected);
  } catch {
    // A throwing getter or Proxy trap, a revoked Proxy: the member cannot be read, so it does not fit.
    return { path, value: UNREADABLE, expected };
  }
}

/** What a mismatch reports as the value of a member that threw when read. */
const UNREADABLE = "(unreadable value)";

function findInComposite(value: unknown, shape: Exclude<Shape, string>, path: string, expected: ShapeMismatch["expected"]): ShapeMismatch | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value) !== (expected === "list") || value instanceof Uint8Array) {
    return { path, value, expected };
  }
  if ("list" in shape) {
    const items = value as readonly unknown[];
    for (let i = 0; i < items.length; i++) {
      const found = locate(items[i], shape.list, `${path}.${i + 1}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const record = value as Record<string, unknown>;
  if ("map" in shape) {
    for (const key of Object.keys(record)) {
      const found = locate(record[key], shape.map, `${path}.${key}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key in shape.struct) {
    const member = record[key];
    if (member === undefined || member === null) continue;
    const found = locate(member, shape.struct[key] as Shape, path === "" ? key : `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A value for an error message, whatever it is (a cyclic object or a symbol must not make the error path throw). */
export function showValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return UNREADABLE;
    }
  }
}

type Action = (input: unknown, ...rest: unknown[]) => Promise<unknown>;

/**
 * Puts an input check in front of each action named in `shapes` (in place; returns the service): an input whose
 * members do not fit is rejected with `reject(mismatch)` before the action runs, so it changes nothing.
 */
export function guardInputs<S extends object>(service: S, shapes: { readonly [K in keyof S]?: StructShape }, reject: (mismatch: ShapeMismatch) => Error): S {
  const table = service as unknown as Record<string, Action>;
  for (const name of Object.keys(shapes)) {
    const shape = (shapes as Record<string, StructShape>)[name] as StructShape;
    const action = table[name] as Action;
    table[name] = (input: unknown, ...rest: unknown[]) => {
      if (input !== undefined && input !== null) {
        const mismatch = findMismatch(input, shape, "");
        if (mismatch !== undefined) return Promise.reject(reject(mismatch.path === "" ? { ...mismatch, path: "input" } : mismatch));
      }
      // An absent input is an empty one: each action then reports its first missing parameter.
      try {
        return action.call(service, input ?? {}, ...rest);
      } catch (error) {
        // An action returns a promise: whatever goes wrong rejects it, never throws at the caller.
        return Promise.reject(error);
      }
    };
  }
  return service;
}

/** A member path: struct and map keys, list indexes. */
export type MemberPath = readonly (string | number)[];

/**
 * Every member path `shape` declares, walking into `example`'s last list item and first map entry (members absent from
 * the example are listed too, without their insides). For input fuzzing: change one member at a time.
 */
export function memberPaths(shape: Shape, example: unknown, prefix: MemberPath = []): MemberPath[] {
  if (typeof shape === "string") return [];
  const out: MemberPath[] = [];
  const record = typeof example === "object" && example !== null ? (example as Record<string, unknown>) : undefined;
  if ("struct" in shape) {
    for (const [key, member] of Object.entries(shape.struct)) {
      out.push([...prefix, key], ...memberPaths(member, record?.[key], [...prefix, key]));
    }
  } else if ("list" in shape) {
    if (Array.isArray(example) && example.length > 0) {
      const last = example.length - 1;
      out.push([...prefix, last], ...memberPaths(shape.list, example[last], [...prefix, last]));
    }
  } else if (record !== undefined) {
    const first = Object.keys(record)[0];
    if (first !== undefined) out.push([...prefix, first], ...memberPaths(shape.map, record[first], [...prefix, first]));
  }
  return out;
}

/** A copy of `value` with the member at `path` replaced by `by` (copies only along the path). */
export function withMember(value: unknown, path: MemberPath, by: unknown): unknown {
  if (path.length === 0) return by;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head] = withMember((value as Record<string | number, unknown> | undefined)?.[head], rest, by);
  return copy;
}

/** Values of every JSON type and then some, for fuzzing native inputs. */
export const WRONG_TYPED_VALUES: readonly unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  Number.NaN,
  1e12,
  "",
  "x",
  true,
  [],
  [null],
  [123],
  ["x"],
  {},
  { a: 1 },
  { a: null },
  { DataType: "String", StringValue: "v" },
  new Uint8Array([120]),
  Symbol("s"),
];
