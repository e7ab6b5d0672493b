/**
 * Test support: Bindings with fixed context, and a tiny synchronous-in-spirit interpreter of
 * Pass/Choice/Wait/Succeed/Fail/Parallel/Map built only from this module's API, so the
 * language can be checked end to end without the executor (no tasks, no clock: Wait only
 * adds its delay to a counter).
 */
import { VariableScope, type Bindings } from "./bindings";
import { StatesError } from "./errors";
import { chooseNext } from "./choice";
import { catchOutput, effectiveInput, failErrorCause, stateOutput } from "./dataflow";
import { findCatcher } from "./retry";
import { mapItemInput, mapItems, mapLimits } from "./map";
import { queryLanguageOf } from "./query-language";
import { waitUntil } from "./wait";
import type { ContextObject, FailState, MapState, ParallelState, QueryLanguage, StateDefinition, SubMachine, WaitState } from "./types";
import { validateDefinition, invalidDefinitionMessage } from "./validate";

export const START = Date.parse("2025-01-01T00:00:00Z");

export function context(stateName = "S", input: unknown = {}): ContextObject {
  return {
    Execution: { Id: "arn:aws:states:us-east-1:000000000000:execution:m:e", Name: "e", StartTime: "2025-01-01T00:00:00.000Z", Input: input, RoleArn: "arn:aws:iam::000000000000:role/sfn", RedriveCount: 0 },
    State: { Name: stateName, EnteredTime: "2025-01-01T00:00:00.000Z", RetryCount: 0 },
    StateMachine: { Id: "arn:aws:states:us-east-1:000000000000:stateMachine:m", Name: "m" },
  };
}

export function bindings(over: Partial<Bindings> = {}): Bindings {
  let n = 0;
  let seed = 1;
  return {
    context: context(),
    variables: new VariableScope(),
    random: () => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    },
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
    queryLanguage: "JSONPath",
    enteredEventId: 2,
    now: () => START,
    ...over,
  };
}

export interface RunResult {
  status: "SUCCEEDED" | "FAILED";
  output?: unknown;
  error?: string;
  cause?: string;
  waitedMs: number;
}

/** Runs a definition (text or object) through validation and the data-flow API. */
export async function run(definition: unknown, input: unknown): Promise<RunResult> {
  const text = typeof definition === "string" ? definition : JSON.stringify(definition);
  const v = validateDefinition(text);
  if (v.definition === undefined) throw new Error(invalidDefinitionMessage(v.diagnostics));
  const clock = { waitedMs: 0, eventId: 1 };
  try {
    const output = await runMachine(v.definition, input, v.definition.QueryLanguage ?? "JSONPath", new VariableScope(), input, clock);
    return { status: "SUCCEEDED", output: JSON.parse(JSON.stringify(output)) as unknown, waitedMs: clock.waitedMs };
  } catch (e) {
    if (e instanceof StatesError) return { status: "FAILED", error: e.error, cause: e.cause, waitedMs: clock.waitedMs };
    throw e;
  }
}

async function runMachine(machine: SubMachine, input: unknown, language: QueryLanguage, scope: VariableScope, executionInput: unknown, clock: { waitedMs: number; eventId: number }, mapItem?: ContextObject["Map"]): Promise<unknown> {
  let name = machine.StartAt;
  let raw = input;
  for (let guard = 0; guard < 10_000; guard++) {
    const state = machine.States[name] as StateDefinition;
    clock.eventId += 1; // …StateEntered
    const ctx = context(name, executionInput);
    if (mapItem !== undefined) ctx.Map = mapItem;
    const b = bindings({ context: ctx, variables: scope, queryLanguage: queryLanguageOf(state, language), enteredEventId: clock.eventId, now: () => START + clock.waitedMs });
    let output: unknown;
    let assign: Record<string, unknown>;
    let next: string | undefined = state.Next;
    try {
      if (state.Type === "Choice") {
        const r = await chooseNext(state, raw, b);
        ({ output, assign } = r);
        next = r.next;
      } else if (state.Type === "Fail") {
        const { error, cause } = await failErrorCause(state as FailState, raw, b);
        throw new StatesError(error ?? "", cause ?? "");
      } else {
        const eff = await effectiveInput(state, raw, b);
        let result: unknown = eff;
        if (state.Type === "Pass" && state.Result !== undefined && b.queryLanguage === "JSONPath") result = state.Result;
        if (state.Type === "Wait") clock.waitedMs = (await waitUntil(state as WaitState, raw, b, START + clock.waitedMs)) - START;
        if (state.Type === "Task") throw new Error("tasks are not supported in language tests");
        if (state.Type === "Parallel") result = await Promise.all((state as ParallelState).Branches.map((br) => runMachine(br, eff, b.queryLanguage, scope.child(), executionInput, clock)));
        if (state.Type === "Map") {
          const m = state as MapState;
          const items = await mapItems(m, eff, b);
          await mapLimits(m, eff, b);
          const proc = (m.ItemProcessor ?? m.Iterator) as SubMachine;
          const results: unknown[] = [];
          for (let i = 0; i < items.length; i++) {
            const item = { Item: { Index: i, Value: items[i] } };
            const ib = { ...b, context: { ...b.context, Map: item } };
            results.push(await runMachine(proc, await mapItemInput(m, eff, ib), b.queryLanguage, scope.child(), executionInput, clock, item));
          }
          result = results;
        }
        ({ output, assign } = await stateOutput(state, raw, result, b));
      }
    } catch (e) {
      const catchers = (state as { Catch?: import("./types").Catcher[] }).Catch;
      if (!(e instanceof StatesError)) throw e;
      const k = findCatcher(catchers, e.error);
      if (k < 0 || catchers === undefined) throw e;
      const c = catchers[k] as import("./types").Catcher;
      ({ output, assign } = await catchOutput(state, c, raw, { Error: e.error, Cause: e.cause }, b));
      next = c.Next;
    }
    clock.eventId += 1; // …StateExited
    scope.assign(assign);
    if (state.Type === "Succeed" || state.End === true || next === undefined) return output;
    raw = output;
    name = next;
  }
  throw new Error("loop guard");
}
