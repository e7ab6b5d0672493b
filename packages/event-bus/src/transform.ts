/**
 * What a target receives ("Amazon EventBridge input transformation", PutTargets API reference): the event, or
 * Input verbatim, or the InputPath selection, or the InputTransformer's template with `<var>` placeholders.
 * Templates are compiled once at PutTargets into literal and placeholder parts; nothing is evaluated as code.
 */
import { errors } from "./errors";
import { parseJsonPath, type JsonPath } from "./json-path";
import type { Target } from "./shapes";

export interface EventContext {
  /** The event object as delivered. */
  readonly event: Record<string, unknown>;
  /** Its JSON text (computed once per event). */
  readonly json: string;
  readonly ruleName: string;
  readonly ruleArn: string;
  readonly ingestionTime: string;
}

/** The target's input; undefined when the template renders invalid JSON, which AWS drops without delivering. */
export type InputBuilder = (context: EventContext) => string | undefined;

const PREDEFINED = new Set(["aws.events.rule-arn", "aws.events.rule-name", "aws.events.event.ingestion-time", "aws.events.event", "aws.events.event.json"]);
const PLACEHOLDER = /<([A-Za-z0-9_.\-]+)>/g;

type Part = { literal: string } | { name: string; quoted: boolean };

/** Validates the target's input settings and returns how to build its input. Throws ValidationException. */
export function compileInput(target: Target): InputBuilder | undefined {
  const id = String(target.Id);
  const set = [target.Input, target.InputPath, target.InputTransformer].filter((value) => value !== undefined && value !== null);
  if (set.length > 1) throw errors.ValidationException(`Only one of Input, InputPath, or InputTransformer must be provided for target ${id}.`);
  if (typeof target.Input === "string") {
    if (!isJson(target.Input)) throw errors.ValidationException(`Input for target ${id} must be a valid JSON text.`);
    const input = target.Input;
    return () => input;
  }
  if (typeof target.InputPath === "string") {
    const path = parseJsonPath(target.InputPath);
    if (path === undefined) throw errors.ValidationException(`InputPath for target ${id} is invalid.`);
    return (context) => JSON.stringify(path.read(context.event) ?? null);
  }
  if (target.InputTransformer !== undefined && target.InputTransformer !== null) return compileTransformer(id, target.InputTransformer);
  return undefined;
}

function compileTransformer(id: string, transformer: NonNullable<Target["InputTransformer"]>): InputBuilder {
  const template = transformer.InputTemplate;
  if (typeof template !== "string" || template.length === 0) throw errors.ValidationException(`InputTemplate for target ${id} must not be empty.`);
  const paths = new Map<string, JsonPath>();
  const map = transformer.InputPathsMap ?? {};
  const keys = Object.keys(map);
  if (keys.length > 100) throw errors.ValidationException(`InputPathsMap for target ${id} has more than 100 keys.`);
  for (const key of keys) {
    if (key.startsWith("aws.")) throw errors.ValidationException(`Input path map key ${key} for target ${id} must not start with "aws.", which is reserved.`);
    const path = parseJsonPath(map[key] as string);
    if (path === undefined) throw errors.ValidationException(`Input path ${String(map[key])} for target ${id} is invalid.`);
    paths.set(key, path);
  }
  const parts = splitTemplate(template);
  for (const part of parts) {
    if ("name" in part && !paths.has(part.name) && !PREDEFINED.has(part.name)) {
      throw errors.ValidationException(`InputTemplate for target ${id} contains invalid placeholder ${part.name}.`);
    }
  }
  const jsonTemplate = template.trimStart().startsWith("{");
  return (context) => {
    let out = "";
    for (const part of parts) {
      if ("literal" in part) {
        out += part.literal;
        continue;
      }
      const value = valueOf(part.name, paths, context);
      // AWS's recorded answers: an object or list inside quotes of a JSON template is invalid JSON, never delivered.
      if (part.quoted && jsonTemplate && typeof value === "object" && value !== null) return undefined;
      // A path the event lacks renders as an empty JSON string in a JSON template (recorded in
      // test_put_events_with_input_transformer_input_template_json); a JSON null in the event stays null.
      out += part.quoted ? inQuotes(value) : jsonTemplate ? (value === undefined ? '""' : JSON.stringify(value)) : bare(value);
    }
    return out;
  };
}

/** Splits at placeholders, noting whether each sits inside a JSON string literal (after an unescaped `"`). */
function splitTemplate(template: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  let quoted = false;
  let scanned = 0;
  const advanceQuotes = (until: number) => {
    for (let i = scanned; i < until; i++) {
      const c = template.charCodeAt(i);
      if (c === 92) i++;
      else if (c === 34) quoted = !quoted;
    }
    scanned = Math.max(scanned, until);
  };
  for (const match of template.matchAll(PLACEHOLDER)) {
    const at = match.index;
    advanceQuotes(at);
    if (at > last) parts.push({ literal: template.slice(last, at) });
    parts.push({ name: match[1] as string, quoted });
    last = at + match[0].length;
    scanned = last;
  }
  if (last < template.length) parts.push({ literal: template.slice(last) });
  return parts;
}

function valueOf(name: string, paths: Map<string, JsonPath>, context: EventContext): unknown {
  const path = paths.get(name);
  if (path !== undefined) return path.read(context.event);
  switch (name) {
    case "aws.events.rule-arn":
      return context.ruleArn;
    case "aws.events.rule-name":
      return context.ruleName;
    case "aws.events.event.ingestion-time":
      return context.ingestionTime;
    case "aws.events.event.json":
      return context.event;
    default: {
      // aws.events.event: the event without its detail, keyed and ordered as AWS's recorded answer shows it
      // (detailType, and the ingestion time).
      const event = context.event;
      return { id: event.id, account: event.account, detailType: event["detail-type"], time: context.ingestionTime, source: event.source, region: event.region, resources: event.resources, version: event.version };
    }
  }
}

/**
 * Inside a JSON string: a string's characters, escaped. Objects and lists lose their quotes, as AWS's recorded answers
 * show (`"<payload>"` → `{acc_id:0a787ecb-4015,sf_id:baz}`, `[ACTIVE,INACTIVE]`).
 */
function inQuotes(value: unknown): string {
  if (value === undefined || value === null) return "";
  return JSON.stringify(unquoted(value)).slice(1, -1);
}

function unquoted(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(unquoted).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.entries(value).map(([key, item]) => `${key}:${unquoted(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** In a plain-text template: strings as they are, anything else as JSON. */
function bare(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
