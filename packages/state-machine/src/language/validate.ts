/**
 * Definition validation (ASL spec "Structure of a State Machine", "State Types", "Paths",
 * "Intrinsic Functions", "Error Handling"; AWS guide "Transforming data with JSONata"), with
 * AWS's diagnostic codes and, where LocalStack's recordings show them, AWS's wording:
 * `SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] at /`. The checks are
 * hand-written rather than an ajv schema so every message names the state and the field the
 * way AWS does. Never throws.
 */
import jsonata from "jsonata";
import { looksLikeIntrinsic, parseIntrinsic } from "./intrinsics";
import { templateExpression } from "./jsonata-eval";
import { isReferencePath, isValidPath } from "./jsonpath";
import { COMPARISON_OPERATORS } from "./choice";
import { parseTimestamp } from "./timestamp";
import type { Definition, QueryLanguage } from "./types";

/** One problem found in a definition; the shape of ValidateStateMachineDefinition's diagnostics. */
export interface Diagnostic {
  severity: "ERROR" | "WARNING";
  /** e.g. "SCHEMA_VALIDATION_FAILED", "MISSING_TRANSITION_TARGET", "INVALID_JSON_DESCRIPTION". */
  code: string;
  message: string;
  /** JSON-pointer-like location, e.g. "/States/W". */
  location?: string;
}

export interface ValidateOptions {
  /** EXPRESS machines reject `.sync`, `.waitForTaskToken` and activities. */
  type?: "STANDARD" | "EXPRESS";
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

const STATE_TYPES = ["Task", "Wait", "Pass", "Succeed", "Fail", "Choice", "Parallel", "Map"];

/** Fields allowed per state type, in either language. */
const COMMON = ["Type", "Comment", "QueryLanguage"];
const FIELDS: Record<string, string[]> = {
  Pass: ["Next", "End", "InputPath", "OutputPath", "Parameters", "Result", "ResultPath", "Assign", "Output"],
  Task: ["Next", "End", "Resource", "InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector", "Retry", "Catch", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials", "Assign", "Arguments", "Output"],
  Choice: ["Choices", "Default", "InputPath", "OutputPath", "Assign", "Output"],
  Wait: ["Next", "End", "Seconds", "Timestamp", "SecondsPath", "TimestampPath", "InputPath", "OutputPath", "Assign", "Output"],
  Succeed: ["InputPath", "OutputPath", "Output"],
  Fail: ["Error", "Cause", "ErrorPath", "CausePath"],
  Parallel: ["Next", "End", "Branches", "InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector", "Retry", "Catch", "Assign", "Arguments", "Output"],
  Map: ["Next", "End", "ItemProcessor", "Iterator", "ItemsPath", "Items", "ItemSelector", "Parameters", "ItemReader", "ItemBatcher", "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath", "Label", "InputPath", "OutputPath", "ResultPath", "ResultSelector", "Retry", "Catch", "Assign", "Output", "Arguments"],
};
const JSONATA_ONLY = new Set(["Output", "Arguments", "Items"]);
const JSONPATH_ONLY = new Set(["InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector", "ItemsPath", "Result", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath"]);
const PATH_FIELDS = ["InputPath", "OutputPath", "ItemsPath", "SecondsPath", "TimestampPath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath"];
const TERMINAL_TYPES = new Set(["Succeed", "Fail", "Choice"]);

class Collector {
  readonly diagnostics: Diagnostic[] = [];
  error(code: string, message: string, location?: string): void {
    const d: Diagnostic = { severity: "ERROR", code, message };
    if (location !== undefined) d.location = location;
    this.diagnostics.push(d);
  }
  schema(message: string, location: string): void {
    this.error("SCHEMA_VALIDATION_FAILED", message, location);
  }
  warn(code: string, message: string, location: string): void {
    this.diagnostics.push({ severity: "WARNING", code, message, location });
  }
}

/** A Jackson-style description of a JSON syntax error (AWS parses definitions with Jackson). */
function jsonError(text: string, e: unknown): Diagnostic {
  const m = /position (\d+)/.exec(String((e as Error).message));
  let pos = m === null ? text.search(/\S/) : Number(m[1]);
  if (pos < 0) pos = text.length;
  // Jackson reports a bare word as a whole token and points just past it.
  let start = pos;
  while (start > 0 && /[A-Za-z_]/.test(text[start - 1] as string)) start--;
  const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(start))?.[0];
  const at = word !== undefined ? start + word.length : pos;
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  const column = at - before.lastIndexOf("\n");
  const source = `[Source: (String)${JSON.stringify(text.length > 500 ? `${text.slice(0, 500)}"[truncated ${text.length - 500} chars]` : text)}; line: ${line}, column: ${column}]`;
  const message =
    word !== undefined
      ? `Unrecognized token '${word}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at ${source}`
      : `Unexpected character or end-of-input\n at ${source}`;
  return { severity: "ERROR", code: "INVALID_JSON_DESCRIPTION", message, location: source };
}

/** Parses and validates a definition; never throws. `definition` is set only when there is no ERROR. */
export function validateDefinition(text: string, options: ValidateOptions = {}): { definition?: Definition; diagnostics: Diagnostic[] } {
  if (typeof text !== "string" || text.trim() === "") {
    return { diagnostics: [{ severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", message: "Definition must be a valid JSON object" }] };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { diagnostics: [jsonError(text, e)] };
  }
  if (!isObj(doc)) return { diagnostics: [{ severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", message: "Definition must be a valid JSON object" }] };
  const c = new Collector();
  try {
    checkTop(doc, c, options);
  } catch (e) {
    c.error("SCHEMA_VALIDATION_FAILED", `Definition could not be validated: ${(e as Error).message}`, "/");
  }
  const hasError = c.diagnostics.some((d) => d.severity === "ERROR");
  return hasError ? { diagnostics: c.diagnostics } : { definition: doc as unknown as Definition, diagnostics: c.diagnostics };
}

/**
 * The InvalidDefinition exception message for CreateStateMachine/UpdateStateMachine:
 * `Invalid State Machine Definition: 'CODE: message at /location, CODE: …'`.
 */
export function invalidDefinitionMessage(diagnostics: Diagnostic[]): string {
  const parts = diagnostics.filter((d) => d.severity === "ERROR").map((d) => `${d.code}: ${d.message}${d.location !== undefined && d.code !== "INVALID_JSON_DESCRIPTION" ? ` at ${d.location}` : ""}`);
  return `Invalid State Machine Definition: '${parts.join(", ")}'`;
}

function checkTop(doc: Obj, c: Collector, options: ValidateOptions): void {
  const missing = ["States", "StartAt"].filter((k) => !own(doc, k));
  if (missing.length > 0) {
    c.schema(`These fields are required: [${missing.join(", ")}]`, "/");
    return;
  }
  for (const k of Object.keys(doc)) {
    if (!["States", "StartAt", "Comment", "TimeoutSeconds", "Version", "QueryLanguage"].includes(k)) c.schema(`The field "${k}" is not supported by Step Functions`, "/");
  }
  if (own(doc, "TimeoutSeconds") && !(Number.isInteger(doc["TimeoutSeconds"]) && (doc["TimeoutSeconds"] as number) > 0 && (doc["TimeoutSeconds"] as number) <= 99_999_999)) {
    c.schema("The value for the field 'TimeoutSeconds' must be a positive integer", "/TimeoutSeconds");
  }
  if (own(doc, "Version") && typeof doc["Version"] !== "string") c.schema("The value for the field 'Version' must be a STRING", "/Version");
  if (own(doc, "Comment") && typeof doc["Comment"] !== "string") c.schema("The value for the field 'Comment' must be a STRING", "/Comment");
  let language: QueryLanguage = "JSONPath";
  if (own(doc, "QueryLanguage")) {
    if (doc["QueryLanguage"] !== "JSONPath" && doc["QueryLanguage"] !== "JSONata") c.schema("The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]", "/QueryLanguage");
    else language = doc["QueryLanguage"];
  }
  checkMachine(doc, "", language, language === "JSONata", c, options);
  checkUniqueNames(doc, c);
}

/** ASL spec: state names are unique across the whole machine, Parallel branches and Map processors included. */
function checkUniqueNames(doc: Obj, c: Collector): void {
  const seen = new Set<string>();
  const walk = (machine: unknown, base: string): void => {
    if (!isObj(machine) || !isObj(machine["States"])) return;
    const states = machine["States"];
    for (const name of Object.keys(states)) {
      const where = `${base}/States/${name}`;
      if (seen.has(name)) c.error("DUPLICATE_STATE_NAME", `Duplicate State name: ${name}`, where);
      seen.add(name);
      const st = states[name];
      if (!isObj(st)) continue;
      if (Array.isArray(st["Branches"])) st["Branches"].forEach((br, i) => walk(br, `${where}/Branches[${i}]`));
      if (isObj(st["ItemProcessor"])) walk(st["ItemProcessor"], `${where}/ItemProcessor`);
      if (isObj(st["Iterator"])) walk(st["Iterator"], `${where}/Iterator`);
    }
  };
  walk(doc, "");
}

/** Validates a (sub-)machine: StartAt, States, each state, transitions, reachability. */
function checkMachine(machine: Obj, base: string, language: QueryLanguage, topIsJsonata: boolean, c: Collector, options: ValidateOptions): void {
  const states = machine["States"];
  if (typeof machine["StartAt"] !== "string") {
    c.schema("The value for the field 'StartAt' must be a STRING", `${base}/StartAt`);
    return;
  }
  if (!isObj(states)) {
    c.schema("The value for the field 'States' must be an OBJECT", `${base}/States`);
    return;
  }
  const names = Object.keys(states);
  if (names.length === 0) {
    c.schema("Value cannot be empty", `${base}/States`);
    return;
  }
  const startAt = machine["StartAt"];
  if (!own(states, startAt)) c.error("MISSING_TRANSITION_TARGET", `Missing 'Next' target: ${startAt}`, `${base}/StartAt`);
  for (const name of names) {
    const where = `${base}/States/${name}`;
    if (name.length === 0 || name.length > 80) c.error("INVALID_STATE_NAME", `State name '${name}' must be between 1 and 80 characters`, where);
    const state = states[name];
    if (!isObj(state)) {
      c.schema("The value for the field must be an OBJECT", where);
      continue;
    }
    checkState(name, state, states, where, language, topIsJsonata, c, options);
  }
  // Reachability from StartAt (ASL: every state must be reachable).
  const seen = new Set<string>();
  const queue: string[] = own(states, startAt) ? [startAt] : [];
  while (queue.length > 0) {
    const n = queue.pop() as string;
    if (seen.has(n)) continue;
    seen.add(n);
    const st = states[n];
    if (!isObj(st)) continue;
    for (const t of transitions(st)) if (own(states, t) && !seen.has(t)) queue.push(t);
  }
  for (const name of names) if (!seen.has(name) && own(states, startAt)) c.error("MISSING_TRANSITION_TARGET", `State "${name}" is not reachable.`, `${base}/States/${name}`);
  const hasTerminal = names.some((n) => {
    const st = states[n];
    return isObj(st) && (st["End"] === true || st["Type"] === "Succeed" || st["Type"] === "Fail");
  });
  if (!hasTerminal) c.error("MISSING_END_STATE", "Workflow has no terminal state", base === "" ? "/" : base);
}

function transitions(st: Obj): string[] {
  const out: string[] = [];
  if (typeof st["Next"] === "string") out.push(st["Next"]);
  if (typeof st["Default"] === "string") out.push(st["Default"]);
  if (Array.isArray(st["Choices"])) for (const r of st["Choices"]) if (isObj(r) && typeof r["Next"] === "string") out.push(r["Next"]);
  if (Array.isArray(st["Catch"])) for (const r of st["Catch"]) if (isObj(r) && typeof r["Next"] === "string") out.push(r["Next"]);
  return out;
}

function checkState(name: string, st: Obj, states: Obj, where: string, inherited: QueryLanguage, topIsJsonata: boolean, c: Collector, options: ValidateOptions): void {
  if (!own(st, "Type")) {
    c.schema("These fields are required: [Type]", where);
    return;
  }
  const type = st["Type"];
  if (typeof type !== "string" || !STATE_TYPES.includes(type)) {
    c.schema(`The field 'Type' should have one of these values: [${STATE_TYPES.join(", ")}]`, `${where}/Type`);
    return;
  }
  let language = inherited;
  if (own(st, "QueryLanguage")) {
    const q = st["QueryLanguage"];
    if (q !== "JSONPath" && q !== "JSONata") c.schema("The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]", `${where}/QueryLanguage`);
    else if (q === "JSONPath" && topIsJsonata) c.schema("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", where);
    else language = q;
  }
  const allowed = new Set([...COMMON, ...(FIELDS[type] as string[])]);
  for (const key of Object.keys(st)) {
    if (!allowed.has(key)) c.schema(`The field "${key}" is not supported by Step Functions`, where);
    else if (language === "JSONata" && JSONPATH_ONLY.has(key)) c.schema(`The field "${key}" is not supported by Step Functions in JSONata states`, where);
    else if (language === "JSONPath" && JSONATA_ONLY.has(key)) c.schema(`The field "${key}" is not supported by Step Functions in JSONPath states`, where);
  }
  // Transitions.
  if (type !== "Choice" && !TERMINAL_TYPES.has(type)) {
    const hasNext = own(st, "Next");
    const end = st["End"] === true;
    if (hasNext && end) c.schema("The fields 'Next' and 'End' are mutually exclusive", where);
    else if (!hasNext && !end) c.schema("These fields are required: [Next] or 'End' must be true", where);
  }
  if (own(st, "End") && typeof st["End"] !== "boolean") c.schema("The value for the field 'End' must be a BOOLEAN", `${where}/End`);
  if (own(st, "Next")) {
    if (typeof st["Next"] !== "string") c.schema("The value for the field 'Next' must be a STRING", `${where}/Next`);
    else if (!own(states, st["Next"])) c.error("MISSING_TRANSITION_TARGET", `Missing 'Next' target: ${st["Next"]}`, `${where}/Next`);
  }
  if (own(st, "Comment") && typeof st["Comment"] !== "string") c.schema("The value for the field 'Comment' must be a STRING", `${where}/Comment`);
  // Paths.
  for (const f of PATH_FIELDS) {
    if (!own(st, f)) continue;
    const v = st[f];
    if (v === null && (f === "InputPath" || f === "OutputPath")) continue;
    if (typeof v !== "string" || !isValidPath(v)) c.schema(`The value for the field '${f}' must be a valid JSONPath`, `${where}/${f}`);
  }
  if (own(st, "ResultPath") && st["ResultPath"] !== null && (typeof st["ResultPath"] !== "string" || !isReferencePath(st["ResultPath"]))) {
    c.schema("The value for the field 'ResultPath' must be a valid ReferencePath", `${where}/ResultPath`);
  }
  // Templates.
  for (const f of ["Parameters", "ResultSelector", "ItemSelector"]) if (own(st, f) && language === "JSONPath") checkPayload(st[f], `${where}/${f}`, c);
  for (const f of ["Output", "Arguments", "Items", "ItemSelector"]) if (own(st, f) && language === "JSONata") checkJsonataTemplate(st[f], `${where}/${f}`, c);
  if (own(st, "Assign")) checkAssign(st["Assign"], `${where}/Assign`, language, c);
  if (own(st, "Retry")) checkRetry(st["Retry"], `${where}/Retry`, c);
  if (own(st, "Catch")) checkCatch(st["Catch"], states, `${where}/Catch`, language, c);
  switch (type) {
    case "Task":
      checkTask(st, where, language, c, options);
      break;
    case "Choice":
      checkChoice(st, states, where, language, c);
      break;
    case "Wait":
      checkWait(st, where, language, c);
      break;
    case "Fail":
      checkFail(st, where, language, c);
      break;
    case "Parallel": {
      const branches = st["Branches"];
      if (!own(st, "Branches")) c.schema("These fields are required: [Branches]", where);
      else if (!Array.isArray(branches)) c.schema("The value for the field 'Branches' must be an ARRAY", `${where}/Branches`);
      else if (branches.length === 0) c.schema("Value cannot be empty", `${where}/Branches`);
      else
        branches.forEach((branch, i) => {
          if (!isObj(branch)) c.schema("The value for the field must be an OBJECT", `${where}/Branches[${i}]`);
          else checkSubMachine(branch, `${where}/Branches[${i}]`, language, topIsJsonata, c, options, ["StartAt", "States", "Comment", "QueryLanguage"]);
        });
      break;
    }
    case "Map":
      checkMap(st, where, language, topIsJsonata, c, options);
      break;
    case "Pass":
      if (language === "JSONPath" && own(st, "Result")) {
        // AWS warns when a Pass Result looks like it meant to select from the input.
        const r = st["Result"];
        if (isObj(r) && Object.keys(r).some((k) => k.endsWith(".$"))) c.warn("PASS_RESULT_IS_STATIC", "Attempt to use a path in the result of a pass state.", `${where}/Result`);
      }
      break;
  }
  void name;
}

function checkSubMachine(sub: Obj, where: string, language: QueryLanguage, topIsJsonata: boolean, c: Collector, options: ValidateOptions, fields: string[]): void {
  const missing = ["StartAt", "States"].filter((k) => !own(sub, k));
  if (missing.length > 0) {
    c.schema(`These fields are required: [${missing.join(", ")}]`, where);
    return;
  }
  for (const k of Object.keys(sub)) if (!fields.includes(k)) c.schema(`The field "${k}" is not supported by Step Functions`, where);
  let lang = language;
  if (sub["QueryLanguage"] === "JSONata" || sub["QueryLanguage"] === "JSONPath") lang = sub["QueryLanguage"];
  checkMachine(sub, where, lang, topIsJsonata, c, options);
}

function checkMap(st: Obj, where: string, language: QueryLanguage, topIsJsonata: boolean, c: Collector, options: ValidateOptions): void {
  const hasProcessor = own(st, "ItemProcessor");
  const hasIterator = own(st, "Iterator");
  if (hasProcessor === hasIterator) {
    c.schema(hasProcessor ? "The fields 'ItemProcessor' and 'Iterator' are mutually exclusive" : "These fields are required: [ItemProcessor]", where);
  } else {
    const field = hasProcessor ? "ItemProcessor" : "Iterator";
    const proc = st[field];
    if (!isObj(proc)) c.schema(`The value for the field '${field}' must be an OBJECT`, `${where}/${field}`);
    else {
      const config = proc["ProcessorConfig"];
      if (config !== undefined) {
        if (!isObj(config)) c.schema("The value for the field 'ProcessorConfig' must be an OBJECT", `${where}/${field}/ProcessorConfig`);
        else {
          if (config["Mode"] !== undefined && config["Mode"] !== "INLINE" && config["Mode"] !== "DISTRIBUTED") c.schema("The field 'Mode' should have one of these values: [INLINE, DISTRIBUTED]", `${where}/${field}/ProcessorConfig/Mode`);
          if (config["ExecutionType"] !== undefined && config["ExecutionType"] !== "STANDARD" && config["ExecutionType"] !== "EXPRESS") c.schema("The field 'ExecutionType' should have one of these values: [STANDARD, EXPRESS]", `${where}/${field}/ProcessorConfig/ExecutionType`);
          if (config["Mode"] === "DISTRIBUTED" && config["ExecutionType"] === undefined) c.schema("These fields are required: [ExecutionType]", `${where}/${field}/ProcessorConfig`);
        }
      }
      checkSubMachine(proc, `${where}/${field}`, language, topIsJsonata, c, options, ["StartAt", "States", "Comment", "QueryLanguage", "ProcessorConfig"]);
    }
  }
  for (const f of ["MaxConcurrency", "ToleratedFailureCount"]) {
    const v = st[f];
    if (v === undefined || (language === "JSONata" && typeof v === "string" && templateExpression(v) !== undefined)) continue;
    if (!Number.isInteger(v) || (v as number) < 0) c.schema(`The value for the field '${f}' must be a non-negative integer`, `${where}/${f}`);
  }
  const p = st["ToleratedFailurePercentage"];
  if (p !== undefined && !(language === "JSONata" && typeof p === "string") && !(typeof p === "number" && p >= 0 && p <= 100)) c.schema("The value for the field 'ToleratedFailurePercentage' must be a number between 0 and 100", `${where}/ToleratedFailurePercentage`);
  const label = st["Label"];
  if (label !== undefined) {
    if (typeof label !== "string" || label.length === 0) c.schema("Label cannot be empty", `${where}/Label`);
    else if (label.length > 40) c.schema("Label cannot exceed 40 characters", `${where}/Label`);
    else {
      const bad = /[\s"#%&*,:;<>?[\\\]^`{|}~$\u0000-\u001f\u007f-\u009f]/.exec(label);
      if (bad !== null) c.schema(`Label contains invalid character: '${bad[0]}'`, `${where}/Label`);
    }
  }
}

function checkTask(st: Obj, where: string, language: QueryLanguage, c: Collector, options: ValidateOptions): void {
  if (!own(st, "Resource")) c.schema("These fields are required: [Resource]", where);
  else if (typeof st["Resource"] !== "string" || !st["Resource"].startsWith("arn:")) {
    c.schema(`The resource provided ${String(st["Resource"])} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`, `${where}/Resource`);
  } else if (/^arn:[^:]+:states:::dynamodb:/.test(st["Resource"]) && !/^arn:[^:]+:states:::dynamodb:(getItem|putItem|updateItem|deleteItem)$/.test(st["Resource"])) {
    // Only these four DynamoDB operations are optimized integrations (others go through aws-sdk:dynamodb:*), as recorded by test_invalid_integration.
    c.schema(`The resource provided ${st["Resource"]} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`, `${where}/Resource`);
  } else if (options.type === "EXPRESS") {
    const r = st["Resource"];
    if (r.endsWith(".waitForTaskToken")) c.schema("Express state machine does not support '.waitForTaskToken' service integration ", `${where}/Resource`);
    else if (/\.sync(:\d+)?$/.test(r)) c.schema("Express state machine does not support '.sync' service integration", `${where}/Resource`);
    else if (/^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(r)) c.schema("Express state machine does not support Activity ARN", `${where}/Resource`);
  }
  for (const [f, pf] of [["TimeoutSeconds", "TimeoutSecondsPath"], ["HeartbeatSeconds", "HeartbeatSecondsPath"]] as const) {
    if (own(st, f) && own(st, pf)) c.schema(`The fields '${f}' and '${pf}' are mutually exclusive`, where);
    const v = st[f];
    if (v === undefined) continue;
    if (language === "JSONata" && typeof v === "string" && templateExpression(v) !== undefined) {
      checkJsonataTemplate(v, `${where}/${f}`, c);
      continue;
    }
    if (!Number.isInteger(v) || (v as number) <= 0 || (v as number) > 99_999_999) c.schema(`The value for the field '${f}' must be a positive integer`, `${where}/${f}`);
  }
  if (typeof st["TimeoutSeconds"] === "number" && typeof st["HeartbeatSeconds"] === "number" && st["HeartbeatSeconds"] >= st["TimeoutSeconds"]) {
    c.schema("The value of 'HeartbeatSeconds' must be less than the value of 'TimeoutSeconds'", `${where}/HeartbeatSeconds`);
  }
  if (own(st, "Credentials")) {
    const cr = st["Credentials"];
    if (!isObj(cr) || (!own(cr, "RoleArn") && !own(cr, "RoleArn.$"))) c.schema("The field 'RoleArn' is required but was missing", `${where}/Credentials`);
  }
}

function checkWait(st: Obj, where: string, language: QueryLanguage, c: Collector): void {
  const present = ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"].filter((f) => own(st, f));
  if (present.length !== 1) {
    c.schema(present.length === 0 ? "These fields are required: [Seconds, Timestamp, SecondsPath, TimestampPath] (exactly one)" : `The fields ${present.map((f) => `'${f}'`).join(", ")} are mutually exclusive`, where);
    return;
  }
  const f = present[0] as string;
  const v = st[f];
  if (language === "JSONata" && typeof v === "string" && templateExpression(v) !== undefined) {
    checkJsonataTemplate(v, `${where}/${f}`, c);
    return;
  }
  if (f === "Seconds" && (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 99_999_999)) c.schema("The value for the field 'Seconds' must be a non-negative integer no greater than 99999999", `${where}/Seconds`);
  if (f === "Timestamp" && parseTimestamp(v) === undefined) c.schema("String does not match RFC3339 timestamp", `${where}/Timestamp`);
}

function checkFail(st: Obj, where: string, language: QueryLanguage, c: Collector): void {
  if (own(st, "Error") && own(st, "ErrorPath")) c.schema("The fields 'Error' and 'ErrorPath' are mutually exclusive", where);
  if (own(st, "Cause") && own(st, "CausePath")) c.schema("The fields 'Cause' and 'CausePath' are mutually exclusive", where);
  for (const f of ["Error", "Cause"]) {
    if (!own(st, f)) continue;
    if (typeof st[f] !== "string") c.schema(`The value for the field '${f}' must be a STRING`, `${where}/${f}`);
    else if (language === "JSONata") checkJsonataTemplate(st[f], `${where}/${f}`, c);
  }
  for (const f of ["ErrorPath", "CausePath"]) {
    if (!own(st, f)) continue;
    const v = st[f];
    if (typeof v !== "string" || !(isValidPath(v) || (looksLikeIntrinsic(v) && intrinsicOk(v)))) c.schema(`The value for the field '${f}' must be a valid JSONPath or a valid intrinsic function call`, `${where}/${f}`);
  }
}

function checkChoice(st: Obj, states: Obj, where: string, language: QueryLanguage, c: Collector): void {
  const choices = st["Choices"];
  if (!own(st, "Choices")) {
    c.schema("These fields are required: [Choices]", where);
    return;
  }
  if (!Array.isArray(choices) || choices.length === 0) {
    c.schema(Array.isArray(choices) ? "Value cannot be empty" : "The value for the field 'Choices' must be an ARRAY", `${where}/Choices`);
    return;
  }
  if (own(st, "Default")) {
    if (typeof st["Default"] !== "string") c.schema("The value for the field 'Default' must be a STRING", `${where}/Default`);
    else if (!own(states, st["Default"])) c.error("MISSING_TRANSITION_TARGET", `Missing 'Next' target: ${st["Default"]}`, `${where}/Default`);
  }
  choices.forEach((rule, i) => {
    const at = `${where}/Choices[${i}]`;
    if (!isObj(rule)) {
      c.schema("The value for the field must be an OBJECT", at);
      return;
    }
    if (typeof rule["Next"] !== "string") c.schema("These fields are required: [Next]", at);
    else if (!own(states, rule["Next"])) c.error("MISSING_TRANSITION_TARGET", `Missing 'Next' target: ${rule["Next"]}`, `${at}/Next`);
    if (own(rule, "Assign")) checkAssign(rule["Assign"], `${at}/Assign`, language, c);
    if (language === "JSONata") {
      for (const k of Object.keys(rule)) if (!["Condition", "Next", "Assign", "Output", "Comment"].includes(k)) c.schema(`The field "${k}" is not supported by Step Functions in JSONata states`, at);
      if (!own(rule, "Condition")) c.schema("These fields are required: [Condition]", at);
      else if (typeof rule["Condition"] !== "boolean") checkJsonataTemplate(rule["Condition"], `${at}/Condition`, c);
      if (own(rule, "Output")) checkJsonataTemplate(rule["Output"], `${at}/Output`, c);
    } else {
      for (const k of ["Output", "Condition"]) if (own(rule, k)) c.schema(`The field "${k}" is not supported by Step Functions in JSONPath states`, at);
      checkRule(rule, at, c, true);
    }
  });
}

function checkRule(rule: Obj, at: string, c: Collector, top: boolean): void {
  const allowedExtra = top ? ["Next", "Assign", "Comment"] : ["Comment"];
  const combinators = ["And", "Or", "Not"].filter((k) => own(rule, k));
  const ops = Object.keys(rule).filter((k) => COMPARISON_OPERATORS.has(k));
  if (combinators.length + (ops.length > 0 ? 1 : 0) !== 1 || ops.length > 1) {
    c.schema("A choice rule must have exactly one comparison operator or one of And, Or, Not", at);
    return;
  }
  for (const k of Object.keys(rule)) if (!allowedExtra.includes(k) && k !== "Variable" && !combinators.includes(k) && !ops.includes(k)) c.schema(`The field "${k}" is not supported by Step Functions`, at);
  if (combinators.length === 1) {
    const k = combinators[0] as string;
    const v = rule[k];
    if (k === "Not") {
      if (!isObj(v)) c.schema("The value for the field 'Not' must be an OBJECT", `${at}/Not`);
      else checkRule(v, `${at}/Not`, c, false);
    } else if (!Array.isArray(v) || v.length === 0) c.schema(`The value for the field '${k}' must be a non-empty ARRAY`, `${at}/${k}`);
    else v.forEach((r, j) => (isObj(r) ? checkRule(r, `${at}/${k}[${j}]`, c, false) : c.schema("The value for the field must be an OBJECT", `${at}/${k}[${j}]`)));
    return;
  }
  if (typeof rule["Variable"] !== "string" || !isValidPath(rule["Variable"])) c.schema("The value for the field 'Variable' must be a valid JSONPath", `${at}/Variable`);
  const op = ops[0] as string;
  const v = rule[op];
  const [kind, , isPath] = COMPARISON_OPERATORS.get(op) as [string, string, boolean];
  const bad = (t: string): void => c.schema(`The value for the field '${op}' must be a ${t}`, `${at}/${op}`);
  if (isPath) {
    if (typeof v !== "string" || !isValidPath(v)) bad("valid JSONPath");
  } else if (kind === "String" && typeof v !== "string") bad("STRING");
  else if (kind === "Numeric" && typeof v !== "number") bad("NUMBER");
  else if ((kind === "Boolean" || kind === "Is") && typeof v !== "boolean") bad("BOOLEAN");
  else if (kind === "Timestamp" && parseTimestamp(v) === undefined) bad("valid timestamp");
}

function checkRetry(retry: unknown, where: string, c: Collector): void {
  if (!Array.isArray(retry)) {
    c.schema("The value for the field 'Retry' must be an ARRAY", where);
    return;
  }
  retry.forEach((r, i) => {
    const at = `${where}[${i}]`;
    if (!isObj(r)) return c.schema("The value for the field must be an OBJECT", at);
    for (const k of Object.keys(r)) if (!["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"].includes(k)) c.schema(`The field "${k}" is not supported by Step Functions`, at);
    checkErrorEquals(r["ErrorEquals"], at, c, i === retry.length - 1);
    const iv = r["IntervalSeconds"];
    if (iv !== undefined && (!Number.isInteger(iv) || (iv as number) < 1 || (iv as number) > 99_999_999)) c.schema("The value for the field 'IntervalSeconds' must be a positive integer", `${at}/IntervalSeconds`);
    const ma = r["MaxAttempts"];
    if (ma !== undefined && (!Number.isInteger(ma) || (ma as number) < 0 || (ma as number) > 99_999_999)) c.schema("The value for the field 'MaxAttempts' must be a non-negative integer", `${at}/MaxAttempts`);
    const br = r["BackoffRate"];
    if (br !== undefined && (typeof br !== "number" || br < 1)) c.schema("The value for the field 'BackoffRate' must be a number greater than or equal to 1.0", `${at}/BackoffRate`);
    const md = r["MaxDelaySeconds"];
    if (md !== undefined && (!Number.isInteger(md) || (md as number) < 1 || (md as number) > 31_622_401)) c.schema("The value for the field 'MaxDelaySeconds' must be a positive integer", `${at}/MaxDelaySeconds`);
    const js = r["JitterStrategy"];
    if (js !== undefined && js !== "FULL" && js !== "NONE") c.schema("The field 'JitterStrategy' should have one of these values: [FULL, NONE]", `${at}/JitterStrategy`);
  });
}

function checkErrorEquals(ee: unknown, at: string, c: Collector, isLast: boolean): void {
  if (ee === undefined) return c.schema("These fields are required: [ErrorEquals]", at);
  if (!Array.isArray(ee) || ee.length === 0 || !ee.every((e) => typeof e === "string")) return c.schema("The value for the field 'ErrorEquals' must be a non-empty ARRAY of STRING", `${at}/ErrorEquals`);
  if (ee.includes("States.ALL")) {
    if (ee.length !== 1) c.schema("States.ALL must appear alone in ErrorEquals", `${at}/ErrorEquals`);
    else if (!isLast) c.schema("States.ALL must appear in the last retrier or catcher", `${at}/ErrorEquals`);
  }
}

function checkCatch(catchers: unknown, states: Obj, where: string, language: QueryLanguage, c: Collector): void {
  if (!Array.isArray(catchers)) {
    c.schema("The value for the field 'Catch' must be an ARRAY", where);
    return;
  }
  catchers.forEach((r, i) => {
    const at = `${where}[${i}]`;
    if (!isObj(r)) return c.schema("The value for the field must be an OBJECT", at);
    const allowed = language === "JSONata" ? ["ErrorEquals", "Next", "Output", "Assign", "Comment"] : ["ErrorEquals", "Next", "ResultPath", "Assign", "Comment"];
    for (const k of Object.keys(r)) if (!allowed.includes(k)) c.schema(`The field "${k}" is not supported by Step Functions`, at);
    checkErrorEquals(r["ErrorEquals"], at, c, i === catchers.length - 1);
    if (typeof r["Next"] !== "string") c.schema("These fields are required: [Next]", at);
    else if (!own(states, r["Next"])) c.error("MISSING_TRANSITION_TARGET", `Missing 'Next' target: ${r["Next"]}`, `${at}/Next`);
    if (own(r, "ResultPath") && r["ResultPath"] !== null && (typeof r["ResultPath"] !== "string" || !isReferencePath(r["ResultPath"]))) c.schema("The value for the field 'ResultPath' must be a valid ReferencePath", `${at}/ResultPath`);
    if (own(r, "Assign")) checkAssign(r["Assign"], `${at}/Assign`, language, c);
    if (own(r, "Output") && language === "JSONata") checkJsonataTemplate(r["Output"], `${at}/Output`, c);
  });
}

function intrinsicOk(text: string): boolean {
  try {
    parseIntrinsic(text);
    return true;
  } catch {
    return false;
  }
}

/** JSONPath payload templates: every `.$` value is a path or an intrinsic call. */
function checkPayload(template: unknown, where: string, c: Collector): void {
  if (Array.isArray(template)) return template.forEach((t) => checkPayload(t, where, c));
  if (!isObj(template)) return;
  for (const key of Object.keys(template)) {
    const v = template[key];
    if (key.endsWith(".$")) {
      const ok = typeof v === "string" && (looksLikeIntrinsic(v) ? intrinsicOk(v) : isValidPath(v));
      if (!ok) c.schema(`The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`, where);
    } else if (typeof v === "string" && (/^\$\.|^\$\$\./.test(v) || looksLikeIntrinsic(v))) {
      c.warn("NO_DOLLAR", `No .$ on a field that appears to be a JSONPath or Intrinsic Function: '${key}'`, where);
    } else checkPayload(v, where, c);
  }
}

/** JSONata templates: every `{% %}` expression must parse. */
function checkJsonataTemplate(template: unknown, where: string, c: Collector): void {
  const expr = templateExpression(template);
  if (expr !== undefined) {
    try {
      jsonata(expr);
    } catch (e) {
      const { code, message } = e as { code?: string; message?: string };
      c.schema(`The JSONata expression '${expr}' is not valid: ${code ?? ""}${code ? ": " : ""}${message ?? ""}`, where);
    }
    return;
  }
  if (Array.isArray(template)) template.forEach((t, i) => checkJsonataTemplate(t, `${where}/${i}`, c));
  else if (isObj(template)) for (const k of Object.keys(template)) checkJsonataTemplate(template[k], `${where}/${k}`, c);
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkAssign(assign: unknown, where: string, language: QueryLanguage, c: Collector): void {
  if (!isObj(assign)) {
    c.schema("The value for the field 'Assign' must be an OBJECT", where);
    return;
  }
  for (const key of Object.keys(assign)) {
    const name = language === "JSONPath" && key.endsWith(".$") ? key.slice(0, -2) : key;
    if (name === "states") c.schema("The variable name 'states' is reserved", `${where}/${key}`);
    else if (!VARIABLE_NAME.test(name) || name.length > 80) c.schema(`The variable name '${name}' is not valid`, `${where}/${key}`);
  }
  if (language === "JSONPath") checkPayload(assign, where, c);
  else checkJsonataTemplate(assign, where, c);
}
