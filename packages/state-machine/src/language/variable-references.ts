/**
 * DescribeStateMachine's `variableReferences` (AWS API reference, "DescribeStateMachine"):
 * for each state, the workflow variables its fields read, sorted by name. JSONPath: `$name`
 * roots of paths (InputPath, OutputPath, *Path fields, `.$` values, intrinsic arguments,
 * Choice Variable/*Path); JSONata: `$name` variables in `{% %}` expressions, minus `$states`,
 * function calls and names bound inside the expression.
 */
import jsonata from "jsonata";
import { parseIntrinsic, looksLikeIntrinsic, type IntrinsicArg } from "./intrinsics";
import { templateExpression } from "./jsonata-eval";
import { parsePath } from "./jsonpath";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function pathVariable(path: unknown, out: Set<string>): void {
  if (typeof path !== "string") return;
  try {
    if (looksLikeIntrinsic(path)) {
      const walk = (a: IntrinsicArg): void => {
        if (a.t === "path") pathVariable(a.path, out);
        else if (a.t === "call") a.args.forEach(walk);
      };
      parseIntrinsic(path).args.forEach(walk);
      return;
    }
    const p = parsePath(path);
    if (p.root.kind === "variable") out.add(p.root.name);
  } catch {
    // Invalid paths are validation's business.
  }
}

function payloadVariables(template: unknown, out: Set<string>): void {
  if (Array.isArray(template)) return template.forEach((t) => payloadVariables(t, out));
  if (!isObj(template)) return;
  for (const k of Object.keys(template)) {
    if (k.endsWith(".$")) pathVariable(template[k], out);
    else payloadVariables(template[k], out);
  }
}

function jsonataVariables(template: unknown, out: Set<string>): void {
  const expr = templateExpression(template);
  if (expr !== undefined) {
    try {
      collectAst(jsonata(expr).ast(), out, new Set(["states"]));
    } catch {
      // Syntax errors are validation's business.
    }
    return;
  }
  if (Array.isArray(template)) template.forEach((t) => jsonataVariables(t, out));
  else if (isObj(template)) for (const k of Object.keys(template)) jsonataVariables(template[k], out);
}

function collectAst(node: unknown, out: Set<string>, bound: Set<string>): void {
  if (Array.isArray(node)) return node.forEach((n) => collectAst(n, out, bound));
  if (!isObj(node)) return;
  if (node["type"] === "bind" && isObj(node["lhs"])) bound.add(String(node["lhs"]["value"]));
  if (node["type"] === "lambda" && Array.isArray(node["arguments"])) for (const a of node["arguments"]) if (isObj(a)) bound.add(String(a["value"]));
  if (node["type"] === "variable" && typeof node["value"] === "string" && node["value"] !== "" && !bound.has(node["value"])) out.add(node["value"]);
  for (const k of Object.keys(node)) {
    if (k === "procedure" && isObj(node[k]) && (node[k] as Obj)["type"] === "variable") continue;
    if (k === "lhs" && node["type"] === "bind") continue;
    collectAst(node[k], out, bound);
  }
}

const PATH_FIELDS = ["InputPath", "OutputPath", "ItemsPath", "SecondsPath", "TimestampPath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath", "ErrorPath", "CausePath"];

function ruleVariables(rule: unknown, out: Set<string>): void {
  if (!isObj(rule)) return;
  pathVariable(rule["Variable"], out);
  for (const k of Object.keys(rule)) if (k.endsWith("Path")) pathVariable(rule[k], out);
  if (Array.isArray(rule["And"])) rule["And"].forEach((r) => ruleVariables(r, out));
  if (Array.isArray(rule["Or"])) rule["Or"].forEach((r) => ruleVariables(r, out));
  if (rule["Not"] !== undefined) ruleVariables(rule["Not"], out);
  if (rule["Assign"] !== undefined) payloadVariables(rule["Assign"], out);
}

/** State name → sorted variable names it reads; undefined when no state reads any. */
export function variableReferences(definition: unknown): Record<string, string[]> | undefined {
  const result: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const visit = (machine: unknown, inherited: string): void => {
    if (!isObj(machine) || !isObj(machine["States"])) return;
    const language = typeof machine["QueryLanguage"] === "string" ? machine["QueryLanguage"] : inherited;
    for (const [name, st] of Object.entries(machine["States"])) {
      if (!isObj(st)) continue;
      const lang = typeof st["QueryLanguage"] === "string" ? st["QueryLanguage"] : language;
      const out = new Set<string>();
      if (lang === "JSONata") {
        for (const k of ["Arguments", "Output", "Assign", "Items", "ItemSelector", "Seconds", "Timestamp", "TimeoutSeconds", "HeartbeatSeconds", "Error", "Cause", "MaxConcurrency", "ToleratedFailurePercentage", "ToleratedFailureCount"]) jsonataVariables(st[k], out);
        if (Array.isArray(st["Choices"])) for (const r of st["Choices"]) if (isObj(r)) for (const k of ["Condition", "Assign", "Output"]) jsonataVariables(r[k], out);
        if (Array.isArray(st["Catch"])) for (const c of st["Catch"]) if (isObj(c)) for (const k of ["Assign", "Output"]) jsonataVariables(c[k], out);
      } else {
        for (const f of PATH_FIELDS) pathVariable(st[f], out);
        for (const f of ["Parameters", "ResultSelector", "ItemSelector", "Assign"]) payloadVariables(st[f], out);
        if (Array.isArray(st["Choices"])) st["Choices"].forEach((r) => ruleVariables(r, out));
        if (Array.isArray(st["Catch"])) for (const c of st["Catch"]) if (isObj(c)) payloadVariables(c["Assign"], out);
        const reader = st["ItemReader"];
        if (isObj(reader)) {
          payloadVariables(reader["Parameters"], out);
          if (isObj(reader["ReaderConfig"])) for (const k of Object.keys(reader["ReaderConfig"])) if (k.endsWith("Path")) pathVariable(reader["ReaderConfig"][k], out);
        }
      }
      if (out.size > 0) result[name] = [...out].sort();
      if (Array.isArray(st["Branches"])) st["Branches"].forEach((b) => visit(b, lang));
      visit(st["ItemProcessor"] ?? st["Iterator"], lang);
    }
  };
  visit(definition, "JSONPath");
  return Object.keys(result).length > 0 ? result : undefined;
}
