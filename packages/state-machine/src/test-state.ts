import type { SimContext } from "@simcloud/core";
import { errors } from "./errors";
import type { Execution } from "./execution";
import { findRetrier, invalidDefinitionMessage, validateDefinition, type Catcher, type Definition, type Retrier, type StateDefinition } from "./language/index";
import type { MockedResponse } from "./mock";

/** TestState's input (API Reference "TestState"), with the 2025 `mock` member. */
export interface TestStateInput {
  definition: string | undefined;
  roleArn?: string;
  input?: string;
  inspectionLevel?: "INFO" | "DEBUG" | "TRACE";
  revealSecrets?: boolean;
  variables?: string;
  /** A canned task result (JSON text) or error instead of calling the resource. */
  mock?: { result?: string; errorOutput?: { error?: string; cause?: string } };
}

export interface TestStateOutput {
  status: "SUCCEEDED" | "FAILED" | "RETRIABLE" | "CAUGHT_ERROR";
  output?: string;
  error?: string;
  cause?: string;
  nextState?: string;
  inspectionData?: { input?: string; result?: string; afterResultPath?: string; variables?: string };
}

const TESTED = "TestState";

/**
 * Builds a one-state machine around the tested state: every state it can move to becomes a Succeed placeholder, a
 * Wait becomes a Pass (TestState does not wait), and its Retry is left out (a matching retrier is reported as
 * RETRIABLE rather than run).
 */
export function testStateMachine(text: unknown): { definition: Definition; state: StateDefinition } {
  if (typeof text !== "string") throw errors.ValidationException("1 validation error detected: Value null at 'definition' failed to satisfy constraint: Member must not be null");
  let state: StateDefinition & Record<string, unknown>;
  try {
    state = JSON.parse(text) as StateDefinition & Record<string, unknown>;
  } catch (error) {
    throw errors.InvalidDefinition(`Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${(error as Error).message}'`);
  }
  if (state === null || typeof state !== "object" || typeof state.Type !== "string") throw errors.InvalidDefinition("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The state has no Type'");
  const targets = new Set<string>();
  const add = (name: unknown): void => {
    if (typeof name === "string" && name !== TESTED) targets.add(name);
  };
  add(state.Next);
  add((state as { Default?: unknown }).Default);
  for (const rule of ((state as { Choices?: { Next?: unknown }[] }).Choices ?? [])) add(rule.Next);
  for (const catcher of ((state as { Catch?: Catcher[] }).Catch ?? [])) add(catcher.Next);
  let tested: Record<string, unknown> = { ...state };
  delete tested.Retry;
  if (state.Type === "Wait") {
    const { Seconds: _s, Timestamp: _t, SecondsPath: _sp, TimestampPath: _tp, ...rest } = tested;
    tested = { ...rest, Type: "Pass" };
  }
  const States: Record<string, unknown> = { [TESTED]: tested };
  for (const name of targets) States[name] = { Type: "Succeed" };
  const { definition, diagnostics } = validateDefinition(JSON.stringify({ StartAt: TESTED, States }));
  const failures = diagnostics.filter((diagnostic) => diagnostic.severity === "ERROR");
  if (definition === undefined || failures.length > 0) throw errors.InvalidDefinition(invalidDefinitionMessage(failures));
  return { definition, state };
}

export function testStateMock(input: TestStateInput["mock"]): MockedResponse | undefined {
  if (input === undefined) return undefined;
  if (input.errorOutput !== undefined) return { throw: { error: input.errorOutput.error ?? "", cause: input.errorOutput.cause ?? "" } };
  if (typeof input.result !== "string") throw errors.ValidationException("A mock needs either result or errorOutput");
  try {
    return { return: JSON.parse(input.result) as unknown };
  } catch (error) {
    throw errors.ValidationException(`The mock result is not valid JSON: ${(error as Error).message}`);
  }
}

/** Waits for the test execution: jumping time in autoAdvance mode, otherwise letting what is due now run. */
export async function awaitTest(ctx: SimContext, execution: Execution): Promise<void> {
  if (execution.status !== "RUNNING") return;
  if (ctx.scheduler.autoAdvance) {
    await ctx.scheduler.waitFor(execution.done);
    return;
  }
  await ctx.scheduler.settle();
}

export function testStateOutput(execution: Execution, state: StateDefinition, level: TestStateInput["inspectionLevel"]): TestStateOutput {
  const step = execution.path.find((candidate) => candidate.scope === "" && candidate.state === TESTED);
  const next = execution.path.find((candidate) => candidate.scope === "" && candidate.state !== TESTED);
  const inspection = level === "DEBUG" || level === "TRACE"
    ? { inspectionData: { input: JSON.stringify(step?.input ?? null), ...(step?.output === undefined ? {} : { afterResultPath: JSON.stringify(step.output) }) } }
    : {};
  if (execution.status === "RUNNING") {
    execution.stop("States.Runtime", "TestState: the state is still waiting on virtual time");
    return { status: "FAILED", error: "States.Runtime", cause: "The state did not finish: it waits on virtual time that nothing advanced (use autoAdvance, or mock the task).", ...inspection };
  }
  const error = step?.error ?? execution.error;
  if (error !== undefined && execution.status !== "SUCCEEDED" || step?.caught !== undefined) {
    // A matching retrier wins: TestState reports the error as RETRIABLE instead of running the retry.
    if (error !== undefined && findRetrier((state as { Retry?: Retrier[] }).Retry, error) >= 0) {
      return { status: "RETRIABLE", error, ...(step?.cause === undefined ? {} : { cause: step.cause }), ...inspection };
    }
  }
  if (step?.caught !== undefined) {
    return { status: "CAUGHT_ERROR", output: JSON.stringify(step.output ?? null), nextState: step.caught, ...(step.error === undefined ? {} : { error: step.error }), ...(step.cause === undefined ? {} : { cause: step.cause }), ...inspection };
  }
  if (execution.status !== "SUCCEEDED") {
    return { status: "FAILED", error: execution.error ?? "", ...(execution.cause === undefined ? {} : { cause: execution.cause }), ...inspection };
  }
  return {
    status: "SUCCEEDED",
    output: JSON.stringify(step?.output ?? null),
    ...(next === undefined ? {} : { nextState: next.state }),
    ...inspection,
  };
}
