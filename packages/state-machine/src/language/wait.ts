/**
 * Wait state (ASL spec "Wait State"): Seconds, Timestamp, SecondsPath, TimestampPath, or
 * JSONata templates for Seconds/Timestamp. Causes follow AWS's recordings.
 */
import type { Bindings } from "./bindings";
import { siteOf } from "./bindings";
import { runtimeError } from "./errors";
import { evaluateTemplate } from "./jsonata-eval";
import { PathError } from "./jsonpath";
import { pathOrFail, resolvePath } from "./payload";
import { parseTimestamp } from "./timestamp";
import type { WaitState } from "./types";

/** The longest Wait AWS accepts in Seconds (99,999,999 s, per the Wait state's schema). */
export const MAX_WAIT_SECONDS = 99_999_999;

/**
 * The epoch ms a Wait state ends at. `rawInput` is the state's raw input (InputPath is
 * applied here for JSONPath); `nowMs` the virtual time the state was entered.
 */
export async function waitUntil(state: WaitState, rawInput: unknown, b: Bindings, nowMs: number): Promise<number> {
  const site = siteOf(b);
  const input = b.queryLanguage === "JSONata" || state.InputPath === undefined ? rawInput : state.InputPath === null ? {} : pathOrFail(state.InputPath, rawInput, b);
  const tooLong = (): never => {
    throw runtimeError(site, "Wait state delay is too long.");
  };
  const seconds = (n: number): number => {
    if (n > MAX_WAIT_SECONDS) tooLong();
    return nowMs + n * 1000;
  };
  if (b.queryLanguage === "JSONata") {
    const states = { input, context: b.context };
    if (state.Seconds !== undefined) {
      const v = typeof state.Seconds === "number" ? state.Seconds : await evaluateTemplate(state.Seconds, states, b, "Seconds");
      if (typeof v !== "number" || !Number.isInteger(v)) throw runtimeError(site, `The Seconds field cannot be parsed as a long value: ${JSON.stringify(v)}`, "States.QueryEvaluationError", "Seconds");
      if (v < 0) throw runtimeError(site, `The Seconds field references a negative value: ${v}`, "States.QueryEvaluationError", "Seconds");
      return seconds(v);
    }
    const v = await evaluateTemplate(state.Timestamp, states, b, "Timestamp");
    const at = parseTimestamp(v);
    if (at === undefined) throw runtimeError(site, `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${typeof v === "string" ? v : JSON.stringify(v)}`, "States.QueryEvaluationError", "Timestamp");
    return at;
  }
  if (typeof state.Seconds === "number") return seconds(state.Seconds);
  if (typeof state.Timestamp === "string") {
    const at = parseTimestamp(state.Timestamp);
    if (at === undefined) throw runtimeError(site, `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${state.Timestamp}`);
    return at;
  }
  if (state.SecondsPath !== undefined) {
    const path = state.SecondsPath;
    const v = lookup(path, input, b, () => `The SecondsPath parameter does not reference an input value: ${path}`);
    if (typeof v !== "number" || !Number.isInteger(v)) throw runtimeError(site, `The SecondsPath parameter cannot be parsed as a long value: ${path} == ${typeof v === "string" ? v : JSON.stringify(v)}`);
    if (v < 0) throw runtimeError(site, `The SecondsPath parameter references a negative value: ${path} == ${v}`);
    return seconds(v);
  }
  const path = state.TimestampPath as string;
  const v = lookup(path, input, b, () => `The TimestampPath parameter does not reference an input value: ${path}`);
  const at = parseTimestamp(v);
  if (at === undefined) throw runtimeError(site, `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${typeof v === "string" ? v : JSON.stringify(v)}`);
  return at;
}

function lookup(path: string, input: unknown, b: Bindings, missing: () => string): unknown {
  try {
    return resolvePath(path, input, b);
  } catch (e) {
    if (e instanceof PathError) throw runtimeError(siteOf(b), missing());
    throw e;
  }
}
