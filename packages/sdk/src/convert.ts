/** Turns JSON-decoded input into the values services take: base64 text → bytes, epoch seconds → Date. */
import { fromBase64, toBase64 } from "./wire";
import { isPlainObject, memberShape, record, type Shape, type StructureShape } from "./shapes";

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

export function fromJsonStructure(value: Record<string, unknown>, shape: StructureShape | undefined): Record<string, unknown> {
  if (shape === undefined) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const member = memberShape(shape, key);
    if (member === undefined) out[key] = item;
    else out[key] = fromJson(item, member);
  }
  return out;
}

/**
 * JSON text of an output as the JSON protocols send it: blobs base64, timestamps epoch seconds. The replacer
 * looks at the holder's raw value because Date and Buffer run their own toJSON before a replacer sees them.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? {}, function replace(this: Record<string, unknown>, key: string, item: unknown) {
    const raw = this[key];
    if (raw instanceof Uint8Array) return toBase64(raw);
    if (raw instanceof Date) return raw.getTime() / 1000;
    return item;
  });
}
