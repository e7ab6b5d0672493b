/**
 * Map state inputs (AWS guide "Map state in inline mode" / "ItemsPath", "ItemSelector",
 * "ItemBatcher"): which items, each iteration's input, and the concurrency/tolerance limits.
 */
import type { Bindings } from "./bindings";
import { siteOf } from "./bindings";
import { runtimeError } from "./errors";
import { evaluateTemplate, templateExpression, typeOfJson } from "./jsonata-eval";
import { applyPayloadTemplate, pathOrFail } from "./payload";
import type { MapState } from "./types";

export interface MapLimits {
  /** 0 = unbounded. */
  maxConcurrency: number;
  toleratedFailurePercentage?: number;
  toleratedFailureCount?: number;
}

/**
 * The items a Map iterates: ItemsPath over the effective input (JSONPath) or Items
 * (JSONata, default the raw input), then grouped by ItemBatcher when present.
 */
export async function mapItems(state: MapState, input: unknown, b: Bindings): Promise<unknown[]> {
  return mapItemsEager(state, input, b);
}

/** mapItems, synchronous for JSONPath without an ItemBatcher (it throws rather than rejects). */
export function mapItemsEager(state: MapState, input: unknown, b: Bindings): unknown[] | Promise<unknown[]> {
  if (b.queryLanguage === "JSONata" && state.Items !== undefined) return jsonataItems(state, input, b);
  const items = state.ItemsPath !== undefined && state.ItemsPath !== "$" ? pathOrFail(state.ItemsPath, input, b) : input;
  if (!Array.isArray(items)) throw runtimeError(siteOf(b), `Map state input must be an array but was: ${JSON.stringify(items)}`, b.queryLanguage === "JSONata" ? "States.QueryEvaluationError" : "States.Runtime");
  if (state.ItemBatcher === undefined) return items;
  return batch(state, items, input, b);
}

async function jsonataItems(state: MapState, input: unknown, b: Bindings): Promise<unknown[]> {
  const items = await evaluateTemplate(state.Items, { input, context: b.context }, b, "Items");
  if (!Array.isArray(items)) {
    const expr = templateExpression(state.Items) ?? JSON.stringify(state.Items);
    throw runtimeError(siteOf(b), `The JSONata expression '${expr}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${typeOfJson(items)}' for value: ${JSON.stringify(items)}`, "States.QueryEvaluationError", "Items");
  }
  if (state.ItemBatcher === undefined) return items;
  return batch(state, items, input, b);
}

export async function numberField(holder: Record<string, unknown>, field: string, input: unknown, b: Bindings, kind: "integer" | "float"): Promise<number | undefined> {
  const pathField = `${field}Path`;
  let value: unknown;
  let path: string | undefined;
  if (holder[field] !== undefined) {
    value = holder[field];
    if (b.queryLanguage === "JSONata" && typeof value === "string") value = await evaluateTemplate(value, { input, context: b.context }, b, field);
  } else if (typeof holder[pathField] === "string") {
    path = holder[pathField] as string;
    value = pathOrFail(path, input, b);
  } else return undefined;
  // AWS accepts numeric strings here ("1" from a variable, test_reference_in_map_state).
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) value = Number(value);
  const ok = typeof value === "number" && (kind === "float" || Number.isInteger(value));
  if (!ok) {
    const shown = typeof value === "string" ? value : JSON.stringify(value);
    throw runtimeError(siteOf(b), `The ${path !== undefined ? pathField : field} field refers to value "${shown}" which is not a valid ${kind}${path !== undefined ? `: ${path}` : ""}`);
  }
  return value as number;
}

export async function batch(state: MapState, items: unknown[], input: unknown, b: Bindings): Promise<unknown[]> {
  const batcher = (state.ItemBatcher ?? {}) as Record<string, unknown>;
  const maxItems = (await numberField(batcher, "MaxItemsPerBatch", input, b, "integer")) ?? Infinity;
  const maxBytes = (await numberField(batcher, "MaxInputBytesPerBatch", input, b, "integer")) ?? 256 * 1024;
  let batchInput: unknown;
  if (batcher["BatchInput"] !== undefined) {
    batchInput = b.queryLanguage === "JSONata" ? await evaluateTemplate(batcher["BatchInput"], { input, context: b.context }, b, "ItemBatcher/BatchInput") : applyPayloadTemplate(batcher["BatchInput"], input, b);
  }
  const out: unknown[] = [];
  let current: unknown[] = [];
  let bytes = 0;
  const flush = (): void => {
    if (current.length === 0) return;
    const group = Object.create(null) as Record<string, unknown>;
    if (batchInput !== undefined) group["BatchInput"] = batchInput;
    group["Items"] = current;
    out.push(group);
    current = [];
    bytes = 0;
  };
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item) ?? "null", "utf8");
    if (current.length > 0 && (current.length >= maxItems || bytes + size > maxBytes)) flush();
    current.push(item);
    bytes += size;
  }
  flush();
  return out;
}

/**
 * One iteration's input. Set `b.context.Map = { Item: { Index, Value } }` first. JSONPath:
 * ItemSelector (or legacy Parameters) over the Map's effective input `mapInput`; JSONata:
 * ItemSelector with `$states.input` = the Map's raw input; without a selector, the item.
 */
export async function mapItemInput(state: MapState, mapInput: unknown, b: Bindings): Promise<unknown> {
  return mapItemInputEager(state, mapInput, b);
}

/** Whether iterations get their input from a selector (which reads `$$.Map.Item`), rather than being the item itself. */
export function hasItemSelector(state: MapState, queryLanguage: Bindings["queryLanguage"]): boolean {
  return queryLanguage === "JSONata" ? state.ItemSelector !== undefined : (state.ItemSelector ?? state.Parameters) !== undefined;
}

/** mapItemInput, synchronous for JSONPath (it throws rather than rejects). */
export function mapItemInputEager(state: MapState, mapInput: unknown, b: Bindings): unknown {
  const item = b.context.Map?.Item.Value;
  if (b.queryLanguage === "JSONata") {
    if (state.ItemSelector === undefined) return item;
    return evaluateTemplate(state.ItemSelector, { input: mapInput, context: b.context }, b, "ItemSelector");
  }
  const selector = state.ItemSelector ?? state.Parameters;
  if (selector === undefined) return item;
  return applyPayloadTemplate(selector, mapInput, b);
}

const LIMIT_FIELDS = ["MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath"];

/** mapLimits, without a promise for a Map that sets none of its limit fields. */
export function mapLimitsEager(state: MapState, input: unknown, b: Bindings): MapLimits | Promise<MapLimits> {
  const holder = state as unknown as Record<string, unknown>;
  for (const field of LIMIT_FIELDS) if (holder[field] !== undefined) return mapLimits(state, input, b);
  return { maxConcurrency: 0 };
}

/** MaxConcurrency(Path) and ToleratedFailure*(Path), with AWS's recorded causes. */
export async function mapLimits(state: MapState, input: unknown, b: Bindings): Promise<MapLimits> {
  const holder = state as unknown as Record<string, unknown>;
  const site = siteOf(b);
  const maxConcurrency = (await numberField(holder, "MaxConcurrency", input, b, "integer")) ?? 0;
  if (maxConcurrency < 0) throw runtimeError(site, "MaxConcurrency cannot be negative.");
  const limits: MapLimits = { maxConcurrency };
  const percentage = await numberField(holder, "ToleratedFailurePercentage", input, b, "float");
  if (percentage !== undefined) {
    if (percentage < 0 || percentage > 100) throw runtimeError(site, "ToleratedFailurePercentage must be between 0 and 100.");
    limits.toleratedFailurePercentage = percentage;
  }
  const count = await numberField(holder, "ToleratedFailureCount", input, b, "integer");
  if (count !== undefined) {
    if (count < 0) throw runtimeError(site, "ToleratedFailureCount cannot be negative.");
    limits.toleratedFailureCount = count;
  }
  return limits;
}
