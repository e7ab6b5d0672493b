import { describe, expect, it } from "vitest";
import { VariableScope } from "./bindings";
import { catchOutput, effectiveInput, failErrorCause, stateOutput, timeouts } from "./dataflow";
import { bindings } from "./test-support";
import type { TaskState } from "./types";

const task = (over: Partial<TaskState>): TaskState => ({ Type: "Task", Resource: "arn:aws:lambda:us-east-1:000000000000:function:f", End: true, ...over });

describe("ASL spec 'Input and Output Processing' (JSONPath)", () => {
  it("InputPath → Parameters → ResultSelector → ResultPath → OutputPath", async () => {
    const s = task({ InputPath: "$.in", Parameters: { "x.$": "$.x", lit: 1, "ctx.$": "$$.State.Name" }, ResultSelector: { "r.$": "$.raw" }, ResultPath: "$.in.res", OutputPath: "$.in" });
    const b = bindings();
    const raw = { in: { x: 5 }, other: true };
    expect(await effectiveInput(s, raw, b)).toEqual({ x: 5, lit: 1, ctx: "S" });
    const { output } = await stateOutput(s, raw, { raw: 9, noise: 1 }, b);
    expect(output).toEqual({ x: 5, res: { r: 9 } });
  });
  it("InputPath null gives {}, OutputPath null gives {}, ResultPath null keeps the input", async () => {
    const b = bindings();
    expect(await effectiveInput(task({ InputPath: null }), { a: 1 }, b)).toEqual({});
    expect((await stateOutput(task({ OutputPath: null }), { a: 1 }, 2, b)).output).toEqual({});
    expect((await stateOutput(task({ ResultPath: null }), { a: 1 }, 2, b)).output).toEqual({ a: 1 });
  });
  it("a path that selects nothing fails with AWS's recorded cause", async () => {
    const b = bindings({ context: { ...bindings().context, State: { Name: "pass", EnteredTime: "", RetryCount: 0 } } });
    await expect(effectiveInput({ Type: "Pass", InputPath: "$.NoSuchInputPath", End: true }, {}, b)).rejects.toMatchObject({
      error: "States.Runtime",
      cause: "An error occurred while executing the state 'pass' (entered at the event id #2). Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']",
    });
    await expect(effectiveInput({ Type: "Pass", Parameters: { "value.$": "$.no_such_jsonpath" }, End: true }, { a: 1 }, b)).rejects.toMatchObject({
      cause: "An error occurred while executing the state 'pass' (entered at the event id #2). The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"a\":1}'",
    });
  });
  it("Wait/Succeed/Choice: InputPath then OutputPath over the raw input, whatever result is passed", async () => {
    const b = bindings();
    expect((await stateOutput({ Type: "Succeed", InputPath: "$.a", OutputPath: "$.b" }, { a: { b: 3 } }, "ignored", b)).output).toBe(3);
  });
  it("JSONPath Assign reads the raw result; variables are readable as $name", async () => {
    const b = bindings();
    const { assign } = await stateOutput(task({ Assign: { "id.$": "$.id", fixed: "F" }, ResultSelector: { other: 1 } }), {}, { id: 7 }, b);
    expect(assign).toEqual({ id: 7, fixed: "F" });
    b.variables.assign(assign);
    expect(await effectiveInput({ Type: "Pass", Parameters: { "v.$": "$id" }, End: true }, {}, b)).toEqual({ v: 7 });
  });
  it("Catch: ResultPath over the raw input; default replaces it with the error output", async () => {
    const b = bindings();
    const err = { Error: "E", Cause: "c" };
    expect((await catchOutput(task({}), { ErrorEquals: ["E"], Next: "H", ResultPath: "$.err" }, { a: 1 }, err, b)).output).toEqual({ a: 1, err });
    expect((await catchOutput(task({}), { ErrorEquals: ["E"], Next: "H" }, { a: 1 }, err, b)).output).toEqual(err);
  });
  it("Fail: Error/Cause, ErrorPath/CausePath (path or intrinsic)", async () => {
    const b = bindings();
    expect(await failErrorCause({ Type: "Fail", ErrorPath: "$.e", CausePath: "States.Format('because {}', $.w)" }, { e: "Boom", w: "x" }, b)).toEqual({ error: "Boom", cause: "because x" });
    await expect(failErrorCause({ Type: "Fail", ErrorPath: "$.ErrorX" }, {}, b)).rejects.toMatchObject({ cause: expect.stringContaining("The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{}'") });
  });
  it("TimeoutSecondsPath / HeartbeatSecondsPath", async () => {
    const b = bindings();
    expect(await timeouts(task({ TimeoutSecondsPath: "$.t", HeartbeatSeconds: 5 }), { t: 30 }, b)).toEqual({ timeoutSeconds: 30, heartbeatSeconds: 5 });
    await expect(timeouts(task({ TimeoutSecondsPath: "$.NoSuchTimeoutSecondsPath" }), {}, b)).rejects.toMatchObject({ cause: expect.stringContaining("Invalid path '$.NoSuchTimeoutSecondsPath' : No results for path: $['NoSuchTimeoutSecondsPath']") });
  });
});

describe("AWS guide 'Transforming data with JSONata'", () => {
  const j = (vars?: VariableScope) => bindings({ queryLanguage: "JSONata", ...(vars ? { variables: vars } : {}) });
  it("Arguments and Output templates, {% %} anywhere, literals untouched", async () => {
    const s = task({ Arguments: { a: "{% $states.input.x + 1 %}", list: ["{% $states.input.x %}", "plain"], lit: "$states.input.x" }, Output: { r: "{% $states.result.v %}", i: "{% $states.input.x %}" } });
    const b = j();
    expect(await effectiveInput(s, { x: 1 }, b)).toEqual({ a: 2, list: [1, "plain"], lit: "$states.input.x" });
    expect((await stateOutput(s, { x: 1 }, { v: "ok" }, b)).output).toEqual({ r: "ok", i: 1 });
  });
  it("Assign is evaluated against the variables before this state's assignments", async () => {
    const vars = new VariableScope();
    vars.assign({ n: 1 });
    const s = task({ Assign: { n: "{% $n + 1 %}", m: "{% $n %}" }, Output: "{% $n %}" });
    const { assign, output } = await stateOutput(s, {}, null, j(vars));
    expect(assign).toEqual({ n: 2, m: 1 });
    expect(output).toBe(1);
  });
  it("inner scopes read outer variables; their assignments stay inside", () => {
    const outer = new VariableScope();
    outer.assign({ a: 1 });
    const inner = outer.child();
    inner.assign({ b: 2 });
    expect(inner.get("a")).toBe(1);
    expect(outer.has("b")).toBe(false);
  });
  it("$states.errorOutput in a catcher's Output", async () => {
    const { output } = await catchOutput(task({}), { ErrorEquals: ["States.ALL"], Next: "H", Output: { e: "{% $states.errorOutput.Error %}" } }, {}, { Error: "E", Cause: "c" }, j());
    expect(output).toEqual({ e: "E" });
  });
  it("AWS functions: $partition, $range, $hash, $random, $uuid, $parse; $now is virtual", async () => {
    const s = task({ Output: { p: "{% $partition([1,2,3], 2) %}", r: "{% $range(0, 4, 2) %}", h: "{% $hash('input data', 'SHA-1') %}", u: "{% $uuid() %}", j: "{% $parse('{\"a\":1}') %}", now: "{% $now() %}", m: "{% $millis() %}", rnd: "{% $random() < 1 %}" } });
    const { output } = await stateOutput(s, {}, null, j());
    expect(output).toEqual({ p: [[1, 2], [3]], r: [0, 2, 4], h: "aaff4a450a104cd177d28d18d74485e8cae074b7", u: "00000000-0000-4000-8000-000000000001", j: { a: 1 }, now: "2025-01-01T00:00:00.000Z", m: Date.parse("2025-01-01T00:00:00Z"), rnd: true });
  });
  it("undefined results and evaluation errors are States.QueryEvaluationError with AWS's causes", async () => {
    const b = bindings({ queryLanguage: "JSONata", context: { ...bindings().context, State: { Name: "State0", EnteredTime: "", RetryCount: 0 } } });
    await expect(stateOutput(task({ Output: { result: "{% $doesNotExist %}" } }), {}, null, b)).rejects.toMatchObject({
      error: "States.QueryEvaluationError",
      cause: "An error occurred while executing the state 'State0' (entered at the event id #2). The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).",
      location: "Output/result",
    });
    await expect(stateOutput(task({ Output: "{% $randomSeeded(1) %}" }), {}, null, b)).rejects.toMatchObject({ cause: expect.stringContaining("threw an error during evaluation. T1006: Attempted to invoke a non-function") });
  });
  it("is bounded: an infinite recursion or a huge loop stops with States.QueryEvaluationError", async () => {
    const b = j();
    await expect(stateOutput(task({ Output: "{% ($f := function($n){ $f($n + 1) }; $f(0)) %}" }), {}, null, b)).rejects.toMatchObject({ error: "States.QueryEvaluationError" });
    await expect(stateOutput(task({ Output: "{% $count([1..2000000]) %}" }), {}, null, b)).rejects.toMatchObject({ error: "States.QueryEvaluationError" });
    // Shadowing the budget binding stops the evaluation instead of lifting the bound.
    await expect(stateOutput(task({ Output: "{% (function($__simcloud_step_budget){ 1 + 1 })(0) %}" }), {}, null, b)).rejects.toMatchObject({ error: "States.QueryEvaluationError" });
    // Cached compiled expressions keep separate budgets per evaluation.
    const small = bindings({ queryLanguage: "JSONata", jsonataBudget: 50 });
    await expect(stateOutput(task({ Output: "{% $sum([1..100].($ * 2)) %}" }), {}, null, small)).rejects.toMatchObject({ error: "States.QueryEvaluationError" });
    expect((await stateOutput(task({ Output: "{% $sum([1..100].($ * 2)) %}" }), {}, null, b)).output).toBe(10100);
  });
  it("cannot reach JavaScript through prototypes", async () => {
    const b = j();
    const s = task({ Output: { c: "{% $type($states.input.constructor) %}", p: "{% $states.input.__proto__ %}" } });
    await expect(stateOutput(s, JSON.parse('{"__proto__": 1}'), null, b)).rejects.toMatchObject({ error: "States.QueryEvaluationError" });
    const { output } = await stateOutput(task({ Output: { p: "{% $states.input.__proto__ %}" } }), JSON.parse('{"__proto__": 1}'), null, b);
    expect(output).toEqual({ p: 1 });
  });
  it("$pad keeps jsonata's behaviour but cannot allocate past the payload limit", async () => {
    const { output } = await stateOutput(task({ Output: ["{% $pad('ab', 5, '#') %}", "{% $pad('ab', -5, 'xy') %}", "{% $pad('abc', 2) %}"] }), {}, null, j());
    expect(output).toEqual(["ab###", "xyxab", "abc"]);
    expect((await stateOutput(task({ Output: ["{% $append([1], [2, 3]) %}", "{% $append(1, 2) %}"] }), {}, null, j())).output).toEqual([[1, 2, 3], [1, 2]]);
    await expect(stateOutput(task({ Output: "{% ($f := function($a, $n){ $n = 0 ? $count($a) : $f($append($a, $a), $n - 1) }; $f([1..1000], 30)) %}" }), {}, null, j())).rejects.toMatchObject({ error: "States.QueryEvaluationError" });
    await expect(stateOutput(task({ Output: "{% $pad('', 1000000000) %}" }), {}, null, j())).rejects.toMatchObject({ error: "States.QueryEvaluationError" });
  });
  it("rejects regexes prone to catastrophic backtracking", async () => {
    await expect(stateOutput(task({ Output: "{% $match('aaaaaaaaaaaaaaaaaaaaaaaaaaaa!', /(a+)+$/) %}" }), {}, null, j())).rejects.toMatchObject({ error: "States.QueryEvaluationError" });
  });
});
