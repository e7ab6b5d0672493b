/**
 * One state's data flow (ASL spec "Input and Output Processing"; AWS guide "Processing input
 * and output" and "Transforming data with JSONata"):
 * JSONPath: InputPath → Parameters → (state) → ResultSelector → ResultPath → OutputPath.
 * JSONata:  Arguments → (state) → Output, with Assign evaluated alongside Output against the
 * variables as they were before the state's own assignments.
 */
import type { Bindings } from "./bindings";
import { siteOf } from "./bindings";
import { runtimeError, StatesError } from "./errors";
import { evaluateTemplate, type StatesVar } from "./jsonata-eval";
import { PathError, setAtReferencePath } from "./jsonpath";
import { looksLikeIntrinsic } from "./intrinsics";
import { applyPayloadTemplate, dynamicValue, pathOrFail, resolvePath } from "./payload";
import type { Catcher, FailState, StateDefinition } from "./types";

const emptyObject = (): Record<string, unknown> => Object.create(null) as Record<string, unknown>;

type AnyState = StateDefinition & Record<string, unknown>;

/** The Assign of a JSONPath state without one: shared, frozen (callers only read it). */
const NO_ASSIGN: Record<string, unknown> = Object.freeze(emptyObject());

function statesVar(rawInput: unknown, b: Bindings, extra?: Partial<StatesVar>): StatesVar {
  return { input: rawInput, context: b.context, ...extra };
}

/** InputPath (JSONPath). `null` discards the input ({}). */
function applyInputPath(state: AnyState, rawInput: unknown, b: Bindings): unknown {
  const path = state.InputPath;
  if (path === null) return emptyObject();
  if (path === undefined || path === "$") return rawInput;
  return pathOrFail(path as string, rawInput, b);
}

/**
 * A value now, or a promise when a JSONata expression must be awaited. The executor takes JSONPath states' data flow
 * synchronously (no promise per step); the `async` functions below are the same evaluations as promises.
 */
export type Eager<T> = T | Promise<T>;

/** InputPath + Parameters/ItemSelector (JSONPath) or Arguments (JSONata): the state's effective input. Map states skip their per-item selector here (see mapItemInput). */
export async function effectiveInput(state: StateDefinition, rawInput: unknown, b: Bindings): Promise<unknown> {
  return effectiveInputEager(state, rawInput, b);
}

/** effectiveInput, synchronous for JSONPath (it throws rather than rejects). */
export function effectiveInputEager(state: StateDefinition, rawInput: unknown, b: Bindings): Eager<unknown> {
  const s = state as AnyState;
  if (b.queryLanguage === "JSONata") {
    if (s.Arguments !== undefined) return evaluateTemplate(s.Arguments, statesVar(rawInput, b), b, "Arguments");
    return rawInput;
  }
  const input = applyInputPath(s, rawInput, b);
  if (s.Type !== "Map" && s.Parameters !== undefined) return applyPayloadTemplate(s.Parameters, input, b);
  return input;
}

/** Evaluates a JSONPath-state Assign (`$` is the state's result, before ResultSelector). */
function jsonPathAssign(assign: Record<string, unknown> | undefined, result: unknown, b: Bindings): Record<string, unknown> {
  if (assign === undefined) return NO_ASSIGN;
  const values = applyPayloadTemplate(assign, result, b) as Record<string, unknown>;
  return values;
}

/** Evaluates a JSONata-state Assign (each value a template). */
async function jsonataAssign(assign: Record<string, unknown> | undefined, states: StatesVar, b: Bindings): Promise<Record<string, unknown>> {
  const out = emptyObject();
  if (assign === undefined) return out;
  for (const key of Object.keys(assign)) out[key] = await evaluateTemplate(assign[key], states, b, `Assign/${key}`);
  return out;
}

/** ResultPath (JSONPath reference path): null keeps the input, "$" replaces it, otherwise the result is written into a copy. */
function applyResultPath(path: string | null | undefined, rawInput: unknown, result: unknown, b: Bindings): unknown {
  if (path === null) return rawInput;
  if (path === undefined || path === "$") return result;
  try {
    return setAtReferencePath(path, rawInput, result);
  } catch (e) {
    if (e instanceof PathError) throw runtimeError(siteOf(b), `Invalid path '${path}' : ${e.message}`);
    throw e;
  }
}

function applyOutputPath(path: unknown, value: unknown, b: Bindings): unknown {
  if (path === null) return emptyObject();
  if (path === undefined || path === "$") return value;
  return pathOrFail(path as string, value, b);
}

const hasResultPath = new Set(["Pass", "Task", "Parallel", "Map"]);
const hasResultSelector = new Set(["Task", "Parallel", "Map"]);

/**
 * ResultSelector, ResultPath, OutputPath (JSONPath) or Output (JSONata), and the Assign values.
 * `result`: Task result, Pass `Result` (else effective input), Map/Parallel array; Wait,
 * Choice and Succeed ignore it (InputPath → OutputPath over the raw input). For Choice use
 * chooseNext's `output` and `assign`: this returns no Assign and, in JSONata, the raw input.
 */
export async function stateOutput(state: StateDefinition, rawInput: unknown, result: unknown, b: Bindings): Promise<StateOutput> {
  return stateOutputEager(state, rawInput, result, b);
}

export interface StateOutput {
  output: unknown;
  assign: Record<string, unknown>;
}

async function jsonataStateOutput(s: AnyState, rawInput: unknown, result: unknown, b: Bindings): Promise<StateOutput> {
  const resultful = hasResultSelector.has(s.Type);
  const states = statesVar(rawInput, b, resultful ? { result } : {});
  const assign = await jsonataAssign(s.Assign as Record<string, unknown> | undefined, states, b);
  const output = s.Output !== undefined ? await evaluateTemplate(s.Output, states, b, "Output") : resultful ? result : rawInput;
  return { output, assign };
}

/** stateOutput, synchronous for JSONPath (it throws rather than rejects). */
export function stateOutputEager(state: StateDefinition, rawInput: unknown, result: unknown, b: Bindings): Eager<StateOutput> {
  const s = state as AnyState;
  if (b.queryLanguage === "JSONata") {
    // Choice's Output/Assign depend on the matched rule: chooseNext returns them.
    if (s.Type === "Choice") return { output: rawInput, assign: emptyObject() };
    return jsonataStateOutput(s, rawInput, result, b);
  }
  if (!hasResultPath.has(s.Type)) {
    // Wait, Succeed, Choice have no result: InputPath then OutputPath over the raw input
    // (whatever `result` the caller passes). Choice's Assign belongs to chooseNext.
    const effective = applyInputPath(s, rawInput, b);
    const assign = s.Type === "Choice" ? emptyObject() : jsonPathAssign(s.Assign as Record<string, unknown> | undefined, effective, b);
    return { output: applyOutputPath(s.OutputPath, effective, b), assign };
  }
  const assign = jsonPathAssign(s.Assign as Record<string, unknown> | undefined, result, b);
  let value = result;
  if (hasResultSelector.has(s.Type) && s.ResultSelector !== undefined) value = applyPayloadTemplate(s.ResultSelector, value, b);
  if (hasResultPath.has(s.Type)) value = applyResultPath(s.ResultPath as string | null | undefined, rawInput, value, b);
  return { output: applyOutputPath(s.OutputPath, value, b), assign };
}

/** A catcher's output: ResultPath over the raw input (JSONPath) or its Output with $states.errorOutput (JSONata), plus its Assign. */
export async function catchOutput(
  state: StateDefinition,
  catcher: Catcher,
  rawInput: unknown,
  errorOutput: { Error: string; Cause: string },
  b: Bindings,
): Promise<{ output: unknown; assign: Record<string, unknown> }> {
  void state;
  if (b.queryLanguage === "JSONata") {
    const states = statesVar(rawInput, b, { errorOutput });
    const assign = await jsonataAssign(catcher.Assign, states, b);
    const output = catcher.Output !== undefined ? await evaluateTemplate(catcher.Output, states, b, "Output") : errorOutput;
    return { output, assign };
  }
  const assign = jsonPathAssign(catcher.Assign, errorOutput, b);
  return { output: applyResultPath(catcher.ResultPath, rawInput, errorOutput, b), assign };
}

/** A Fail state's Error and Cause (Error/Cause, ErrorPath/CausePath, or JSONata templates). */
export async function failErrorCause(state: FailState, input: unknown, b: Bindings): Promise<{ error?: string; cause?: string }> {
  const out: { error?: string; cause?: string } = {};
  if (b.queryLanguage === "JSONata") {
    const states = statesVar(input, b);
    if (state.Error !== undefined) out.error = stringField(await evaluateTemplate(state.Error, states, b, "Error"));
    if (state.Cause !== undefined) out.cause = stringField(await evaluateTemplate(state.Cause, states, b, "Cause"));
    return out;
  }
  if (state.Error !== undefined) out.error = state.Error;
  if (state.Cause !== undefined) out.cause = state.Cause;
  const fromPath = (field: "ErrorPath" | "CausePath", path: string): string => {
    let value: unknown;
    try {
      value = resolveFailPath(path, input, b);
    } catch (e) {
      if (e instanceof PathError) throw runtimeError(siteOf(b), `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(input)}'`);
      throw e;
    }
    return stringField(value);
  };
  if (state.ErrorPath !== undefined) out.error = fromPath("ErrorPath", state.ErrorPath);
  if (state.CausePath !== undefined) out.cause = fromPath("CausePath", state.CausePath);
  return out;
}

function resolveFailPath(path: string, input: unknown, b: Bindings): unknown {
  // ErrorPath/CausePath accept a path or an intrinsic function.
  if (looksLikeIntrinsic(path)) return dynamicValue(path, "v.$", input, b);
  return resolvePath(path, input, b);
}

function stringField(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

const NO_TIMEOUTS: Readonly<{ timeoutSeconds?: number; heartbeatSeconds?: number }> = Object.freeze({});

/** timeouts, without a promise for a Task that sets none of the four fields. */
export function timeoutsEager(state: StateDefinition, input: unknown, b: Bindings): Eager<{ timeoutSeconds?: number; heartbeatSeconds?: number }> {
  const s = state as AnyState;
  if (s.TimeoutSeconds === undefined && s.TimeoutSecondsPath === undefined && s.HeartbeatSeconds === undefined && s.HeartbeatSecondsPath === undefined) return NO_TIMEOUTS;
  return timeouts(state, input, b);
}

/** A Task's TimeoutSeconds(Path) and HeartbeatSeconds(Path), resolved against its effective input. */
export async function timeouts(state: StateDefinition, input: unknown, b: Bindings): Promise<{ timeoutSeconds?: number; heartbeatSeconds?: number }> {
  const s = state as AnyState;
  const out: { timeoutSeconds?: number; heartbeatSeconds?: number } = {};
  const one = async (field: "TimeoutSeconds" | "HeartbeatSeconds"): Promise<number | undefined> => {
    const literal = s[field];
    const pathField = `${field}Path`;
    const path = s[pathField];
    let value: unknown;
    if (b.queryLanguage === "JSONata" && literal !== undefined) value = await evaluateTemplate(literal, statesVar(input, b), b, field);
    else if (literal !== undefined) value = literal;
    else if (typeof path === "string") value = pathOrFail(path, input, b);
    else return undefined;
    if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
      throw runtimeError(siteOf(b), `The ${path !== undefined ? pathField : field} field refers to value "${JSON.stringify(value)}" which is not a valid positive integer${typeof path === "string" ? `: ${path}` : ""}`);
    }
    return value;
  };
  const t = await one("TimeoutSeconds");
  const h = await one("HeartbeatSeconds");
  if (t !== undefined) out.timeoutSeconds = t;
  if (h !== undefined) out.heartbeatSeconds = h;
  return out;
}

export { StatesError };
