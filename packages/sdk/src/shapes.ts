/**
 * The little each codec must know about an operation's members beyond what JSON or JS values say by themselves:
 * which members are blobs or timestamps (JSON carries them as base64 text and epoch seconds), and for the query
 * protocol which are lists, maps, booleans and numbers (a form carries only text). Members left undeclared are
 * taken as they come. This is the data half of "services are data, protocols are code".
 */
export type Shape =
  | { readonly kind: "string" | "boolean" | "number" | "blob" | "timestamp" }
  | { readonly kind: "list"; readonly member: Shape; readonly flattened?: boolean }
  | { readonly kind: "map"; readonly value: Shape; readonly keyName: string; readonly valueName: string }
  | { readonly kind: "structure"; readonly members: Readonly<Record<string, Shape>> };

export type StructureShape = Extract<Shape, { kind: "structure" }>;
export type ListShape = Extract<Shape, { kind: "list" }>;
export type MapShape = Extract<Shape, { kind: "map" }>;

export const string: Shape = { kind: "string" };
export const boolean: Shape = { kind: "boolean" };
export const number: Shape = { kind: "number" };
export const blob: Shape = { kind: "blob" };
export const timestamp: Shape = { kind: "timestamp" };

export function list(member: Shape = string, options: { flattened?: boolean } = {}): ListShape {
  return { kind: "list", member, ...options };
}

/** Query maps name their parts `key`/`value` unless the model renames them (SNS message attributes: Name/Value). */
export function map(value: Shape = string, names: { key?: string; value?: string } = {}): MapShape {
  return { kind: "map", value, keyName: names.key ?? "key", valueName: names.value ?? "value" };
}

export function structure(members: Record<string, Shape> = {}): StructureShape {
  return { kind: "structure", members };
}

export const EMPTY: StructureShape = structure();

export function memberShape(shape: StructureShape | undefined, name: string): Shape | undefined {
  return shape !== undefined && Object.hasOwn(shape.members, name) ? shape.members[name] : undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A record that keeps user keys such as `__proto__` as plain data. */
export function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
