/** XML as AWS Query responses write it: lists of `<member>`, maps of `<entry><key/><value/></entry>`, ISO timestamps. */
import { toBase64 } from "../wire";
import { isPlainObject, memberShape, type Shape, type StructureShape } from "../shapes";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "\r": "&#xD;", "\n": "&#xA;" };

/** Carriage returns and line feeds are escaped too: XML parsers normalise literal ones, and message bodies must round-trip. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"'\r\n]/g, (character) => ESCAPES[character] as string);
}

export function xmlMembers(value: Record<string, unknown>, shape: StructureShape | undefined): string {
  let out = "";
  for (const [name, item] of Object.entries(value)) out += xmlElement(name, item, memberShape(shape, name));
  return out;
}

export function xmlElement(name: string, value: unknown, shape: Shape | undefined): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) {
    const member = shape?.kind === "list" ? shape.member : undefined;
    if (shape?.kind === "list" && shape.flattened) return value.map((item: unknown) => xmlElement(name, item, member)).join("");
    return `<${name}>${value.map((item: unknown) => xmlElement("member", item, member)).join("")}</${name}>`;
  }
  if (shape?.kind === "map" && isPlainObject(value)) {
    let entries = "";
    for (const [key, item] of Object.entries(value)) {
      entries += `<entry><${shape.keyName}>${escapeXml(key)}</${shape.keyName}>${xmlElement(shape.valueName, item, shape.value)}</entry>`;
    }
    return `<${name}>${entries}</${name}>`;
  }
  if (isPlainObject(value)) return `<${name}>${xmlMembers(value, shape?.kind === "structure" ? shape : undefined)}</${name}>`;
  return `<${name}>${scalar(value)}</${name}>`;
}

function scalar(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return toBase64(value);
  return escapeXml(String(value));
}
