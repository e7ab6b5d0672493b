/**
 * AWS Query input: a flat form (`Topics.member.1=…`, `Attributes.entry.1.key=…`) read back into the nested input a
 * service takes. Lists and maps announce themselves by their `member`/`entry` steps; the shapes say the rest (empty
 * lists sent as `X=`, renamed map parts, booleans, numbers, blobs, timestamps).
 */
import { AwsError } from "@simcloud/core";
import { fromBase64 } from "../wire";
import { memberShape, record, type Shape, type StructureShape } from "../shapes";

interface FormNode {
  value?: string;
  children?: Map<string, FormNode>;
}

export function parseForm(body: string): Map<string, string> {
  const fields = new Map<string, string>();
  if (body === "") return fields;
  for (const pair of body.split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const name = decodeComponent(equals === -1 ? pair : pair.slice(0, equals));
    fields.set(name, decodeComponent(equals === -1 ? "" : pair.slice(equals + 1)));
  }
  return fields;
}

function decodeComponent(component: string): string {
  try {
    return decodeURIComponent(component.replace(/\+/g, " "));
  } catch {
    throw new AwsError("MalformedQueryString", "The query string contains a syntax error.", { statusCode: 404 });
  }
}

export function formToInput(fields: ReadonlyMap<string, string>, shape: StructureShape | undefined, skip: ReadonlySet<string>): Record<string, unknown> {
  const root: FormNode = { children: new Map() };
  for (const [name, value] of fields) {
    if (skip.has(name)) continue;
    let node = root;
    for (const step of name.split(".")) {
      node.children ??= new Map();
      let child = node.children.get(step);
      if (child === undefined) node.children.set(step, (child = {}));
      node = child;
    }
    node.value = value;
  }
  return readStructure(root, shape);
}

function read(node: FormNode, shape: Shape | undefined): unknown {
  const kind = shape?.kind ?? inferKind(node);
  switch (kind) {
    case "list":
      return readList(node, shape?.kind === "list" ? shape.member : undefined, shape?.kind === "list" && shape.flattened === true);
    case "map":
      return readMap(node, shape?.kind === "map" ? shape : undefined);
    case "structure":
      return readStructure(node, shape?.kind === "structure" ? shape : undefined);
    case "boolean":
      return node.value === "true";
    case "number":
      return Number(node.value);
    case "blob":
      return fromBase64(node.value ?? "");
    case "timestamp":
      return new Date(/^\d+(\.\d+)?$/.test(node.value ?? "") ? Number(node.value) * 1000 : (node.value ?? ""));
    default:
      return node.value ?? "";
  }
}

function inferKind(node: FormNode): Shape["kind"] {
  if (node.children === undefined) return "string";
  if (node.children.size === 1 && node.children.has("member")) return "list";
  if (node.children.size === 1 && node.children.has("entry")) return "map";
  return "structure";
}

function numbered(node: FormNode | undefined): FormNode[] {
  if (node?.children === undefined) return [];
  return [...node.children.entries()]
    .filter(([index]) => /^\d+$/.test(index))
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, child]) => child);
}

function readList(node: FormNode, member: Shape | undefined, flattened: boolean): unknown[] {
  const items = numbered(flattened ? node : node.children?.get("member"));
  return items.map((item) => read(item, member));
}

function readMap(node: FormNode, shape: Extract<Shape, { kind: "map" }> | undefined): Record<string, unknown> {
  const out = record<unknown>();
  for (const entry of numbered(node.children?.get("entry"))) {
    const keyName = shape?.keyName ?? (entry.children?.has("Name") ? "Name" : "key");
    const valueName = shape?.valueName ?? (keyName === "Name" ? "Value" : "value");
    const key = entry.children?.get(keyName)?.value;
    const value = entry.children?.get(valueName);
    if (key !== undefined && value !== undefined) out[key] = read(value, shape?.value);
  }
  return out;
}

function readStructure(node: FormNode, shape: StructureShape | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, child] of node.children ?? []) out[name] = read(child, memberShape(shape, name));
  return out;
}
