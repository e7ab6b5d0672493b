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
  if (typeof shape === "string") {
    if (shape === "blob" ? value instanceof Uint8Array : typeof value === shape) return undefined;
    return { path, value, expected: shape };
  }
  const expected = "list" in shape ? "list" : "map" in shape ? "map" : "structure";
  if (typeof value !== "object" || value === null || Array.isArray(value) !== (expected === "list") || value instanceof Uint8Array) {
    return { path, value, expected };
  }
  if ("list" in shape) {
    const items = value as readonly unknown[];
    for (let i = 0; i < items.length; i++) {
      const found = findMismatch(items[i], shape.list, `${path}.${i + 1}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const record = value as Record<string, unknown>;
  if ("map" in shape) {
    for (const key of Object.keys(record)) {
      const found = findMismatch(record[key], shape.map, `${path}.${key}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key in shape.struct) {
    const member = record[key];
    if (member === undefined || member === null) continue;
    const found = findMismatch(member, shape.struct[key] as Shape, path === "" ? key : `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A value for an error message, whatever it is (a cyclic object or a symbol must not make the error path throw). */
export function showValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
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
      // A null input is an absent one, so that actions' `input = {}` defaults apply.
      return action.call(service, input ?? undefined, ...rest);
    };
  }
  return service;
}
