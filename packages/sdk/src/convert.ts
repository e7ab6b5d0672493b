/** Turns JSON-decoded input into the values services take: base64 text → bytes, epoch seconds → Date. */
import { fromBase64, toBase64 } from "./wire";
import { isPlainObject, record, type Shape, type StructureShape } from "./shapes";

export function fromJson(value: unknown, shape: Shape | undefined): unknown {
  if (shape === undefined || value === null || value === undefined) return value;
  switch (shape.kind) {
    case "blob":
      return typeof value === "string" ? fromBase64(value) : value;
    case "timestamp":
      if (typeof value === "number") return new Date(value * 1000);
      return typeof value === "string" ? new Date(value) : value;
    case "list":
      return Array.isArray(value) ? value.map((item) => fromJson(item, shape.member)) : value;
    case "map": {
      if (!isPlainObject(value)) return value;
      const out = record<unknown>();
      for (const [key, item] of Object.entries(value)) out[key] = fromJson(item, shape.value);
      return out;
    }
    case "structure":
      return isPlainObject(value) ? fromJsonStructure(value, shape) : value;
    default:
      return value;
  }
}

/**
 * Converts the declared members in place: `value` is always a fresh JSON.parse result the adapter owns. Walking the
 * few declared members rather than copying every key keeps undeclared ones (user keys such as `__proto__` included)
 * exactly as parsed.
 */
export function fromJsonStructure(value: Record<string, unknown>, shape: StructureShape | undefined): Record<string, unknown> {
  if (shape === undefined) return value;
  for (const name in shape.members) {
    if (Object.hasOwn(value, name)) value[name] = fromJson(value[name], shape.members[name]);
  }
  return value;
}

/**
 * JSON text of an output as the JSON protocols send it: blobs base64, timestamps epoch seconds. The replacer
 * looks at the holder's raw value because Date and Buffer run their own toJSON before a replacer sees them.
 */
export function toJson(value: unknown): string {
  // Most outputs hold neither: a plain stringify is several times faster than one calling a replacer per key.
  if (!holdsBytesOrDates(value)) return JSON.stringify(value ?? {});
  return JSON.stringify(value ?? {}, function replace(this: Record<string, unknown>, key: string, item: unknown) {
    const raw = this[key];
    if (raw instanceof Uint8Array) return toBase64(raw);
    if (raw instanceof Date) return raw.getTime() / 1000;
    return item;
  });
}

function holdsBytesOrDates(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (value instanceof Uint8Array || value instanceof Date) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (holdsBytesOrDates(item)) return true;
    return false;
  }
  for (const key in value) if (holdsBytesOrDates((value as Record<string, unknown>)[key])) return true;
  return false;
}
