/**
 * A Distributed Map's ItemReader and ResultWriter (guide "ItemReader (Map)", "ResultWriter (Map)"), in memory.
 * simcloud has no S3: the `arn:aws:states:::s3:getObject`, `s3:listObjectsV2` and `s3:putObject` calls go to the task
 * handler registered for them (`cloud.sfn.registerTaskHandler("arn:aws:states:::s3:*", store.handler)` with an
 * {@link InMemoryObjectStore}, or any handler of the user's).
 */
import { createHash } from "node:crypto";
import type { Integrations, TaskHandler, TaskHandlerRequest } from "./integrations";
import { StatesError, type Bindings, type MapState } from "./language/index";
import { evaluateTemplate } from "./language/jsonata-eval";
import { numberField } from "./language/map";
import { applyPayloadTemplate } from "./language/payload";

const MAX_ITEMS = 100_000_000;

export const readerFailed = (cause: string): StatesError => new StatesError("States.ItemReaderFailed", cause);

/** Parameters (JSONPath, `.$` keys resolved) or Arguments (JSONata) of an ItemReader / ResultWriter. */
async function parametersOf(holder: Record<string, unknown>, input: unknown, b: Bindings, field: string): Promise<Record<string, unknown>> {
  const template = b.queryLanguage === "JSONata" ? holder["Arguments"] : holder["Parameters"];
  if (template === undefined) return {};
  const value = b.queryLanguage === "JSONata" ? await evaluateTemplate(template, { input, context: b.context }, b, `${field}/Arguments`) : applyPayloadTemplate(template, input, b);
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

async function callStore(integrations: Integrations, resource: string, parameters: unknown, request: Omit<TaskHandlerRequest, "resource" | "parameters">, fail: (cause: string) => StatesError): Promise<unknown> {
  const handler = integrations.handlerFor(resource);
  if (handler === undefined) {
    throw fail(`simcloud has no S3: register a handler for '${resource}' with cloud.sfn.registerTaskHandler('arn:aws:states:::s3:*', new InMemoryObjectStore().handler) (or your own).`);
  }
  try {
    return await integrations.runHandler(handler, { resource, parameters, ...request });
  } catch (error) {
    const failure = error instanceof StatesError ? error : new StatesError("States.TaskFailed", String(error));
    throw fail(failure.cause || failure.error);
  }
}

function bodyText(answer: unknown): string {
  const body = answer !== null && typeof answer === "object" && "Body" in answer ? (answer as { Body: unknown }).Body : answer;
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return JSON.stringify(body ?? null);
}

const DELIMITERS: Readonly<Record<string, string>> = { COMMA: ",", PIPE: "|", SEMICOLON: ";", SPACE: " ", TAB: "\t" };

/** RFC 4180 rows: quoted fields may hold the delimiter, doubled quotes and line breaks. Linear in the text. */
export function csvRows(text: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

function csvItems(text: string, config: Record<string, unknown>): Record<string, string>[] {
  const delimiter = DELIMITERS[String(config["CSVDelimiter"] ?? "COMMA")] ?? ",";
  const rows = csvRows(text, delimiter);
  let headers: string[];
  if (config["CSVHeaderLocation"] === "GIVEN") {
    const given = config["CSVHeaders"];
    if (!Array.isArray(given)) throw readerFailed("CSVHeaders must be specified when CSVHeaderLocation is GIVEN.");
    headers = given.map(String);
  } else {
    headers = rows.shift() ?? [];
  }
  if (new Set(headers).size !== headers.length) throw readerFailed("CSV headers cannot contain duplicates.");
  // Fields past the last header are dropped, missing ones are empty (the recorded extra-field cases).
  return rows.map((row) => {
    const item = Object.create(null) as Record<string, string>;
    headers.forEach((header, index) => {
      item[header] = row[index] ?? "";
    });
    return item;
  });
}

/**
 * ItemReader: the items of a Distributed Map from the object store. CSV (headers from the first row or given), JSON
 * (an array), JSONL, or the object list of `s3:listObjectsV2`; ReaderConfig.MaxItems(Path) caps them. Failures are
 * `States.ItemReaderFailed` with AWS's recorded causes.
 */
export async function readItems(state: MapState, input: unknown, b: Bindings, integrations: Integrations, request: Omit<TaskHandlerRequest, "resource" | "parameters">): Promise<unknown[]> {
  const reader = state.ItemReader ?? {};
  const resource = String(reader["Resource"] ?? "");
  const config = (reader["ReaderConfig"] ?? {}) as Record<string, unknown>;
  const maxItems = (await numberField(config, "MaxItems", input, b, "integer")) ?? 0;
  if (maxItems < 0) throw readerFailed("field MaxItems must be positive");
  const parameters = await parametersOf(reader, input, b, "ItemReader");
  const action = resource.replace(/^arn:[^:]+:states:::/, "");
  let items: unknown[];
  if (action === "s3:listObjectsV2") {
    const answer = await callStore(integrations, resource, parameters, request, readerFailed);
    const contents = (answer as { Contents?: unknown } | null)?.Contents;
    items = (Array.isArray(contents) ? contents : []).map((object: Record<string, unknown>) => ({
      Etag: object["ETag"] ?? object["Etag"],
      Key: object["Key"],
      LastModified: object["LastModified"],
      Size: object["Size"],
      StorageClass: object["StorageClass"] ?? "STANDARD",
    }));
  } else if (action === "s3:getObject") {
    const text = bodyText(await callStore(integrations, resource, parameters, request, readerFailed));
    const type = String(config["InputType"] ?? "JSON");
    if (type === "CSV") items = csvItems(text, config);
    else if (type === "JSONL") {
      items = text.split(/\r?\n/).filter((line) => line.trim() !== "").map((line) => parseJson(line));
    } else if (type === "JSON") {
      const pointer = config["ItemsPointer"];
      const parsed = typeof pointer === "string" ? atPointer(parseJson(text), pointer) : parseJson(text);
      if (!Array.isArray(parsed)) throw readerFailed("Attempting to map over non-iterable node.");
      items = parsed;
    } else throw readerFailed(`simcloud does not read InputType '${type}' (MANIFEST and PARQUET need real S3 objects).`);
  } else {
    throw readerFailed(`The ItemReader resource '${resource}' is not supported: use arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2.`);
  }
  const cap = maxItems === 0 ? MAX_ITEMS : Math.min(maxItems, MAX_ITEMS);
  return items.length > cap ? items.slice(0, cap) : items;
}

/** RFC 6901 JSON Pointer (ReaderConfig.ItemsPointer: where in a JSON object the items array is). */
export function atPointer(document: unknown, pointer: string): unknown {
  if (pointer === "") return document;
  if (!pointer.startsWith("/")) throw readerFailed(`The ItemsPointer '${pointer}' is not a JSON Pointer (it must start with '/').`);
  let node = document;
  for (const raw of pointer.slice(1).split("/")) {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(token) && Number(token) < node.length) node = node[Number(token)];
    else if (node !== null && typeof node === "object" && !Array.isArray(node) && Object.hasOwn(node, token)) node = (node as Record<string, unknown>)[token];
    else throw readerFailed(`The ItemsPointer '${pointer}' selects nothing in the object.`);
  }
  return node;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw readerFailed(`The object is not valid JSON: ${(error as Error).message}`);
  }
}

/** One child execution's record in a ResultWriter file (DescribeExecution's fields, as AWS writes them). */
export interface ResultRecord {
  ExecutionArn: string;
  Input: string;
  InputDetails: { Included: true };
  Name: string;
  Output?: string;
  OutputDetails?: { Included: true };
  Error?: string;
  Cause?: string;
  RedriveCount: number;
  RedriveStatus: string;
  RedriveStatusReason?: string;
  StartDate: string;
  StateMachineArn: string;
  Status: string;
  StopDate?: string;
}

/** One child execution's outcome, for ResultWriter. */
export interface ChildResult {
  readonly succeeded: boolean;
  readonly output: unknown;
  readonly record: ResultRecord;
}

export type Transformation = "NONE" | "COMPACT" | "FLATTEN";

/**
 * ResultWriter.WriterConfig.Transformation (guide "ResultWriter (Map)"): NONE keeps each child's execution record,
 * COMPACT keeps its output, FLATTEN its output with arrays spread one level; a failed child keeps its record either way.
 */
export function transformResults(results: readonly ChildResult[], transformation: Transformation): unknown[] {
  if (transformation === "NONE") return results.map((result) => result.record);
  const out: unknown[] = [];
  for (const result of results) {
    if (!result.succeeded) out.push(result.record);
    else if (transformation === "FLATTEN" && Array.isArray(result.output)) out.push(...(result.output as unknown[]));
    else out.push(result.output);
  }
  return out;
}

/** WriterConfig with its defaults: NONE when exporting, COMPACT for a preview without Resource; JSON. */
export function writerConfig(state: MapState): { exports: boolean; transformation: Transformation; outputType: "JSON" | "JSONL" } {
  const writer = state.ResultWriter ?? {};
  const config = (writer["WriterConfig"] ?? {}) as Record<string, unknown>;
  const exports = writer["Resource"] !== undefined;
  const transformation = config["Transformation"] === "NONE" || config["Transformation"] === "COMPACT" || config["Transformation"] === "FLATTEN" ? config["Transformation"] : exports ? "NONE" : "COMPACT";
  return { exports, transformation, outputType: config["OutputType"] === "JSONL" ? "JSONL" : "JSON" };
}

/**
 * ResultWriter with a Resource: writes `<Prefix>/<map run id>/SUCCEEDED_0.json` (`.jsonl` for OutputType JSONL) and
 * `FAILED_0.json`, transformed as WriterConfig says, and `manifest.json`, through the `s3:putObject` handler; the Map's
 * result is `{ MapRunArn, ResultWriterDetails }`.
 */
export async function writeResults(
  state: MapState,
  input: unknown,
  b: Bindings,
  integrations: Integrations,
  request: Omit<TaskHandlerRequest, "resource" | "parameters">,
  mapRunArn: string,
  results: readonly ChildResult[],
): Promise<unknown> {
  const writer = state.ResultWriter ?? {};
  const { transformation, outputType } = writerConfig(state);
  const resource = String(writer["Resource"] ?? "arn:aws:states:::s3:putObject");
  const fail = (cause: string): StatesError => new StatesError("States.ResultWriterFailed", cause);
  const parameters = await parametersOf(writer, input, b, "ResultWriter");
  const bucket = String(parameters["Bucket"] ?? "");
  const prefix = typeof parameters["Prefix"] === "string" && parameters["Prefix"] !== "" ? `${String(parameters["Prefix"]).replace(/\/+$/, "")}/` : "";
  const runId = mapRunArn.split(":").pop() ?? "";
  const files: Record<"SUCCEEDED" | "FAILED" | "PENDING", { Key: string; Size: number }[]> = { SUCCEEDED: [], FAILED: [], PENDING: [] };
  const put = async (key: string, body: string): Promise<number> => {
    await callStore(integrations, resource, { Bucket: bucket, Key: key, Body: body }, request, fail);
    return Buffer.byteLength(body, "utf8");
  };
  const groups = [["SUCCEEDED", results.filter((result) => result.succeeded)], ["FAILED", results.filter((result) => !result.succeeded)]] as const;
  for (const [status, list] of groups) {
    if (list.length === 0) continue;
    const items = transformResults(list, transformation);
    const key = `${prefix}${runId}/${status}_0.${outputType === "JSONL" ? "jsonl" : "json"}`;
    const body = outputType === "JSONL" ? items.map((item) => JSON.stringify(item)).join("\n") : JSON.stringify(items);
    files[status].push({ Key: key, Size: await put(key, body) });
  }
  const manifestKey = `${prefix}${runId}/manifest.json`;
  await put(manifestKey, JSON.stringify({ DestinationBucket: bucket, MapRunArn: mapRunArn, ResultFiles: files }));
  return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
}

interface StoredObject {
  readonly body: string;
  readonly lastModified: number;
  readonly etag: string;
}

/**
 * An in-memory stand-in for the S3 objects a Distributed Map reads and writes. Register its handler for the S3
 * resources: `cloud.sfn.registerTaskHandler("arn:aws:states:::s3:*", store.handler)`.
 */
export class InMemoryObjectStore {
  private readonly buckets = new Map<string, Map<string, StoredObject>>();

  /** `now` stamps LastModified (epoch seconds in listObjectsV2 items); pass the cloud's clock for virtual time. */
  constructor(private readonly now: () => number = () => 0) {}

  put(bucket: string, key: string, body: string): void {
    let objects = this.buckets.get(bucket);
    if (objects === undefined) this.buckets.set(bucket, (objects = new Map()));
    objects.set(key, { body, lastModified: this.now(), etag: `"${createHash("md5").update(body).digest("hex")}"` });
  }

  get(bucket: string, key: string): string | undefined {
    return this.buckets.get(bucket)?.get(key)?.body;
  }

  /** Keys of a bucket, sorted as S3 lists them, optionally under a prefix. */
  keys(bucket: string, prefix = ""): string[] {
    return [...(this.buckets.get(bucket)?.keys() ?? [])].filter((key) => key.startsWith(prefix)).sort();
  }

  /** Serves `s3:getObject` (`{ Body }`), `s3:listObjectsV2` (`{ Contents }`) and `s3:putObject` (`{ ETag }`). */
  readonly handler: TaskHandler = (request) => {
    const parameters = (request.parameters ?? {}) as Record<string, unknown>;
    const bucket = String(parameters["Bucket"] ?? "");
    const key = String(parameters["Key"] ?? "");
    const action = request.resource.split(":").pop();
    const s3Error = (name: string, message: string): Error => Object.assign(new Error(message), { name });
    if (action === "putObject") {
      this.put(bucket, key, typeof parameters["Body"] === "string" ? parameters["Body"] : JSON.stringify(parameters["Body"] ?? null));
      return { ETag: this.buckets.get(bucket)?.get(key)?.etag };
    }
    if (!this.buckets.has(bucket)) throw s3Error("S3.NoSuchBucket", "The specified bucket does not exist");
    if (action === "getObject") {
      const object = this.buckets.get(bucket)?.get(key);
      if (object === undefined) throw s3Error("S3.NoSuchKey", "The specified key does not exist.");
      return { Body: object.body, ETag: object.etag, ContentLength: Buffer.byteLength(object.body, "utf8") };
    }
    if (action === "listObjectsV2") {
      const prefix = typeof parameters["Prefix"] === "string" ? parameters["Prefix"] : "";
      return {
        Contents: this.keys(bucket, prefix).map((name) => {
          const object = this.buckets.get(bucket)!.get(name)!;
          return { Key: name, ETag: object.etag, LastModified: Math.floor(object.lastModified / 1000), Size: Buffer.byteLength(object.body, "utf8"), StorageClass: "STANDARD" };
        }),
      };
    }
    throw s3Error("S3.UnsupportedOperation", `The in-memory object store does not serve ${request.resource}`);
  };
}
