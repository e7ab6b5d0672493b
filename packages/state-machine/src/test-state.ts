import type { SimContext } from "@simcloud/core";
import { errors } from "./errors";
import type { Execution } from "./execution";
import { findRetrier, invalidDefinitionMessage, validateDefinition, VariableScope, type Catcher, type Definition, type Retrier, type StateDefinition } from "./language/index";
import { EXCEEDED_CAUSE } from "./map-run";
import type { MockedResponse } from "./mock";

/** TestState's input (API Reference "TestState", 2025: `mock`, `stateName`, `stateConfiguration`). */
export interface TestStateInput {
  definition: string | undefined;
  roleArn?: string;
  input?: string;
  inspectionLevel?: "INFO" | "DEBUG" | "TRACE";
  revealSecrets?: boolean;
  variables?: string;
  /** With a whole state machine as `definition`: the state to test (default its StartAt). */
  stateName?: string;
  /** A canned task result (JSON text) or error instead of calling the resource; required for Map and Parallel. */
  mock?: { result?: string; errorOutput?: { error?: string; cause?: string }; fieldValidationMode?: "STRICT" | "PRESENT" | "NONE" };
  stateConfiguration?: { retrierRetryCount?: number; errorCausedByState?: string; mapIterationFailureCount?: number; mapItemReaderData?: string };
}

export interface TestStateOutput {
  status: "SUCCEEDED" | "FAILED" | "RETRIABLE" | "CAUGHT_ERROR";
  output?: string;
  error?: string;
  cause?: string;
  nextState?: string;
  inspectionData?: {
    input?: string;
    result?: string;
    afterResultPath?: string;
    variables?: string;
    maxConcurrency?: number;
    toleratedFailureCount?: number;
    toleratedFailurePercentage?: number;
    errorDetails?: { retryIndex?: number; retryBackoffIntervalSeconds?: number; catchIndex?: number };
  };
}

const TESTED = "TestState";
/** The Task a mocked Map or Parallel becomes: its mock stands for the whole sub-workflow's result. */
const MOCKED_RESULT = "arn:aws:states:::simcloud:testState.mockedResult";
/** A Map's or Parallel's own fields, left out when the mock replaces what they would run. */
const SUB_WORKFLOW_FIELDS = [
  "ItemProcessor", "Iterator", "Items", "ItemsPath", "ItemSelector", "Parameters", "Arguments", "ItemReader", "ItemBatcher", "ResultWriter",
  "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount", "ToleratedFailureCountPath", "ToleratedFailurePercentage",
  "ToleratedFailurePercentagePath", "Label", "Branches",
];

const objectOf = (text: string): Record<string, unknown> | undefined => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw errors.InvalidDefinition(`Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${(error as Error).message}'`);
  }
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
};

/** The tested state: `definition` itself, or one state of a whole machine (`stateName`, default StartAt). */
function testedState(text: string, stateName: string | undefined): StateDefinition & Record<string, unknown> {
  const parsed = objectOf(text);
  if (parsed !== undefined && parsed["States"] !== null && typeof parsed["States"] === "object" && typeof parsed["Type"] !== "string") {
    const states = parsed["States"] as Record<string, unknown>;
    const name = stateName ?? (typeof parsed["StartAt"] === "string" ? parsed["StartAt"] : "");
    const state = Object.hasOwn(states, name) ? states[name] : undefined;
    if (state === null || typeof state !== "object") throw errors.ValidationException(`The state '${name}' is not in the state machine definition`);
    const inherited = parsed["QueryLanguage"] !== undefined && (state as Record<string, unknown>)["QueryLanguage"] === undefined ? { QueryLanguage: parsed["QueryLanguage"] } : {};
    return { ...(state as Record<string, unknown>), ...inherited } as StateDefinition & Record<string, unknown>;
  }
  if (parsed === undefined || typeof parsed["Type"] !== "string") throw errors.InvalidDefinition("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The state has no Type'");
  return parsed as StateDefinition & Record<string, unknown>;
}

/** Literal ToleratedFailureCount/Percentage of a tested Map (the *Path forms need the Map to run, which TestState does not). */
function tolerances(state: Record<string, unknown>): { count?: number; percentage?: number } {
  const count = state["ToleratedFailureCount"];
  const percentage = state["ToleratedFailurePercentage"];
  return { ...(typeof count === "number" ? { count } : {}), ...(typeof percentage === "number" ? { percentage } : {}) };
}

export interface TestedState {
  definition: Definition;
  state: StateDefinition;
  mock: MockedResponse | undefined;
}

/**
 * Builds a one-state machine around the tested state: every state it can move to becomes a Succeed placeholder, a
 * Wait becomes a Pass (TestState does not wait), and its Retry is left out (a matching retrier is reported as
 * RETRIABLE rather than run). A Map or Parallel needs a mock, which stands for its whole result (AWS's 2025 TestState:
 * the sub-workflow does not run); the mock's rules are AWS's recorded validation messages.
 */
export function testStateMachine(input: TestStateInput): TestedState {
  if (typeof input.definition !== "string") throw errors.ValidationException("1 validation error detected: Value null at 'definition' failed to satisfy constraint: Member must not be null");
  const state = testedState(input.definition, input.stateName);
  const mockInput = input.mock;
  if (mockInput !== undefined && mockInput.result !== undefined && mockInput.errorOutput !== undefined) {
    throw errors.ValidationException("A test mock should have only one of the following fields: [result, errorOutput].");
  }
  if (mockInput !== undefined && input.revealSecrets === true) throw errors.ValidationException("TestState does not support RevealSecrets when a mock is specified.");
  const subWorkflow = state.Type === "Map" || state.Type === "Parallel";
  if (subWorkflow && mockInput === undefined) {
    throw errors.InvalidDefinition("TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]");
  }
  if (mockInput !== undefined && state.Type !== "Task" && !subWorkflow) throw errors.ValidationException(`State type '${state.Type}' is not supported when a mock is specified`);
  const failureCount = input.stateConfiguration?.mapIterationFailureCount;
  if (failureCount !== undefined && mockInput === undefined) throw errors.ValidationException("TestState does not support MapIterationFailureCount when a mock is not specified.");
  let mock = testStateMock(mockInput);
  if (mock !== undefined && mock.throw === undefined) {
    const result = mock.return;
    if (state.Type === "Map") {
      if (state["ResultWriter"] !== undefined ? result === null || typeof result !== "object" || Array.isArray(result) : !Array.isArray(result)) {
        throw errors.ValidationException(state["ResultWriter"] !== undefined ? "Mocked result must be a JSON object." : "Mocked result must be an array.");
      }
      if (failureCount !== undefined && Array.isArray(result) && failureCount > result.length) {
        throw errors.ValidationException("Map iteration failure count must be less than or equal to the number of Map iterations");
      }
      const tolerated = tolerances(state);
      const items = Array.isArray(result) ? result.length : 0;
      // Without a tolerance the failure count is not acted on, as AWS's recording shows (the Map succeeds).
      const exceeded = failureCount !== undefined && failureCount > 0 &&
        ((tolerated.count !== undefined && failureCount > tolerated.count) || (tolerated.percentage !== undefined && items > 0 && (failureCount * 100) / items > tolerated.percentage));
      if (exceeded) mock = { throw: { error: "States.ExceedToleratedFailureThreshold", cause: EXCEEDED_CAUSE } };
    } else if (state.Type === "Parallel") {
      if (!Array.isArray(result)) throw errors.ValidationException("Mocked result must be an array.");
      const branches = (state as { Branches?: unknown[] }).Branches;
      if (Array.isArray(branches) && branches.length > 0 && result.length !== branches.length) {
        throw errors.ValidationException("Mocked result must contain the same number of items as number of Parallel branches.");
      }
    }
  }
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
  if (subWorkflow) {
    // Validate the Map or Parallel as written, then run its data flow around the mocked result.
    const { diagnostics } = validateDefinition(JSON.stringify({ StartAt: TESTED, States: { [TESTED]: tested, ...Object.fromEntries([...targets].map((name) => [name, { Type: "Succeed" }])) } }));
    const failures = diagnostics.filter((diagnostic) => diagnostic.severity === "ERROR");
    if (failures.length > 0) throw errors.InvalidDefinition(invalidDefinitionMessage(failures));
    for (const field of SUB_WORKFLOW_FIELDS) delete tested[field];
    tested = { ...tested, Type: "Task", Resource: MOCKED_RESULT };
  }
  const States: Record<string, unknown> = { [TESTED]: tested };
  for (const name of targets) States[name] = { Type: "Succeed" };
  const { definition, diagnostics } = validateDefinition(JSON.stringify({ StartAt: TESTED, States }));
  const failures = diagnostics.filter((diagnostic) => diagnostic.severity === "ERROR");
  if (definition === undefined || failures.length > 0) throw errors.InvalidDefinition(invalidDefinitionMessage(failures));
  return { definition, state, mock };
}

export function testStateMock(input: TestStateInput["mock"]): MockedResponse | undefined {
  if (input === undefined) return undefined;
  if (input.errorOutput !== undefined) return { throw: { error: input.errorOutput.error ?? "", cause: input.errorOutput.cause ?? "" } };
  if (typeof input.result !== "string") throw errors.ValidationException("A test mock should have one of the following fields: [result, errorOutput].");
  try {
    return { return: JSON.parse(input.result) as unknown };
  } catch {
    throw errors.ValidationException("Mocked result must be valid JSON");
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

/** TestState's `variables`: a JSON object of workflow variables the state starts with. */
export function testStateVariables(text: unknown): VariableScope {
  const scope = new VariableScope();
  if (text === undefined || text === null) return scope;
  let value: unknown;
  try {
    value = typeof text === "string" ? JSON.parse(text) : undefined;
  } catch {
    value = undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw errors.ValidationException("Variables must be a JSON object");
  scope.assign(value as Record<string, unknown>);
  return scope;
}

export function testStateOutput(execution: Execution, state: StateDefinition, input: TestStateInput, scope?: VariableScope): TestStateOutput {
  const level = input.inspectionLevel;
  const step = execution.path.find((candidate) => candidate.scope === "" && candidate.state === TESTED);
  const next = execution.path.find((candidate) => candidate.scope === "" && candidate.state !== TESTED);
  const debug = level === "DEBUG" || level === "TRACE";
  const mapData = state.Type === "Map" ? { maxConcurrency: typeof (state as { MaxConcurrency?: unknown }).MaxConcurrency === "number" ? (state as { MaxConcurrency: number }).MaxConcurrency : 0, ...tolerancesData(state) } : {};
  const inspect = (errorDetails?: NonNullable<TestStateOutput["inspectionData"]>["errorDetails"]): Pick<TestStateOutput, "inspectionData"> =>
    debug
      ? {
          inspectionData: {
            input: JSON.stringify(step?.input ?? null),
            ...(step?.output === undefined ? {} : { afterResultPath: JSON.stringify(step.output) }),
            ...mapData,
            ...(errorDetails === undefined ? {} : { errorDetails }),
            ...variablesData(scope),
          },
        }
      : {};
  if (execution.status === "RUNNING") {
    execution.stop("States.Runtime", "TestState: the state is still waiting on virtual time");
    return { status: "FAILED", error: "States.Runtime", cause: "The state did not finish: it waits on virtual time that nothing advanced (use autoAdvance, or mock the task).", ...inspect() };
  }
  const error = step?.error ?? execution.error;
  const retriers = (state as { Retry?: Retrier[] }).Retry;
  let retryIndex = -1;
  if (error !== undefined && execution.status !== "SUCCEEDED" || step?.caught !== undefined) {
    retryIndex = error === undefined ? -1 : findRetrier(retriers, error);
    if (retryIndex >= 0) {
      // A matching retrier with attempts left wins: TestState reports RETRIABLE and the back-off the next retry would
      // wait (stateConfiguration.retrierRetryCount says how many retries already happened).
      const retrier = retriers![retryIndex]!;
      const count = input.stateConfiguration?.retrierRetryCount ?? 0;
      if (count < (retrier.MaxAttempts ?? 3)) {
        const seconds = Math.min((retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** count, retrier.MaxDelaySeconds ?? Infinity);
        return { status: "RETRIABLE", error: error!, ...(step?.cause === undefined ? {} : { cause: step.cause }), ...inspect({ retryBackoffIntervalSeconds: seconds, retryIndex }) };
      }
    }
  }
  if (step?.caught !== undefined) {
    const catchIndex = ((state as { Catch?: Catcher[] }).Catch ?? []).findIndex((catcher) => catcher.Next === step.caught);
    return {
      status: "CAUGHT_ERROR",
      output: JSON.stringify(step.output ?? null),
      nextState: step.caught,
      ...(step.error === undefined ? {} : { error: step.error }),
      ...(step.cause === undefined ? {} : { cause: step.cause }),
      ...inspect(catchIndex >= 0 ? { catchIndex } : undefined),
    };
  }
  if (execution.status !== "SUCCEEDED") {
    return { status: "FAILED", error: execution.error ?? "", ...(execution.cause === undefined ? {} : { cause: execution.cause }), ...inspect(retryIndex >= 0 ? { retryIndex } : undefined) };
  }
  return {
    status: "SUCCEEDED",
    output: JSON.stringify(step?.output ?? null),
    ...(next === undefined ? {} : { nextState: next.state }),
    ...inspect(),
  };
}

/** The variables visible after the state (shown when there are any). */
function variablesData(scope: VariableScope | undefined): { variables?: string } {
  if (scope === undefined) return {};
  const visible = scope.visible();
  return Object.keys(visible).length === 0 ? {} : { variables: JSON.stringify(visible) };
}

function tolerancesData(state: StateDefinition): { toleratedFailureCount?: number; toleratedFailurePercentage?: number } {
  const { count, percentage } = tolerances(state as unknown as Record<string, unknown>);
  return { ...(count === undefined ? {} : { toleratedFailureCount: count }), ...(percentage === undefined ? {} : { toleratedFailurePercentage: percentage }) };
}
