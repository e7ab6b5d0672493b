/**
 * Runs one conformance case on a fresh cloud: the step language of ../shared/conformance/scenarios/README.md.
 * The case fails at the first step that reports a problem; the result names the step and what was expected.
 */
import { createModeHarness, type ModeHarness } from "@simcloud/core/testing";
import { createCloud, type Cloud } from "simcloud";
import { vi } from "vitest";
import { filterCaseSteps, isFilterCase, type CallSpec, type ConformanceCase, type ErrorSpec, type InvocationExpectations, type Step } from "./cases";
import { createDriver, DriverError, hasClientConfig, type Driver, type DriverKind } from "./drivers";
import { createScriptedHandler, type Behaviour, type Invocation } from "./functions";
import { match, type MatchContext } from "./match";
import { normalise } from "./normalise";
import { describe, resolve, toNumber, ValueError, type Scope } from "./values";

export const CLOUD_OPTIONS = { start: Date.UTC(2025, 0, 1), seed: 1, region: "us-east-1", accountId: "000000000000" } as const;
export const SLEEP_QUEUE = "scenario-runner-sleep";
/** The host's own timers, taken before any test installs fake ones: real delays stay real in the system clock mode. */
const nativeSetTimeout = globalThis.setTimeout;
const nativeClearTimeout = globalThis.clearTimeout;
const FUNCTION_ROLE = "arn:aws:iam::000000000000:role/lambda";

export interface RunOptions {
  /** "auto": sdk when cloud.clientConfig exists, else native. */
  readonly driver?: DriverKind | "auto";
  /** Real ms a plain `call` may take before it is reported as stuck waiting on virtual time. Default 10 s. */
  readonly callTimeoutMs?: number;
  /** Replaces the driver (the runner's self-test drives a scripted fake service through it). */
  readonly driverFactory?: (cloud: Cloud) => Driver;
  /** Decorates the fresh cloud before the case runs (the self-test adds scripted stand-in services). */
  readonly prepareCloud?: (cloud: Cloud) => Cloud;
  /** Overrides the case's cloud settings (EventBridge pattern vectors through real rules use the vectors' account). */
  readonly cloudOptions?: { readonly accountId?: string };
  /**
   * "virtual" (default): the cloud's own virtual clock. "system": `clock: "system"` driven by vitest's fake timers
   * (installed for the case, removed after it), so `advance`/`settle` steps move the fake timers.
   */
  readonly clock?: "virtual" | "system";
}

export type CaseResult =
  | { readonly ok: true; readonly driver: DriverKind }
  | { readonly ok: false; readonly driver: DriverKind; readonly step: string; readonly op: string; readonly message: string };

/** A step's own complaint: what was expected and what happened. */
export class StepFailure extends Error {
  override readonly name = "StepFailure";
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

interface Started {
  readonly service: string;
  readonly label: string;
  readonly done: Promise<void>;
  outcome?: Outcome;
}

interface FunctionRecord {
  readonly log: Invocation[];
}

interface State {
  readonly cloud: Cloud;
  readonly driver: Driver;
  readonly scope: Scope;
  readonly context: MatchContext;
  readonly started: Map<string, Started>;
  readonly functions: Map<string, FunctionRecord>;
  readonly callTimeoutMs: number;
  /** Moves time in the system clock mode (the fake timers); undefined in the virtual one. */
  readonly harness: ModeHarness<Cloud> | undefined;
  sleepQueue?: Promise<string>;
}

/** Real (wall-clock) delay, for `start`/`pending`/`await`; virtual time does not move meanwhile. */
export function realDelay(ms: number): Promise<void> {
  return new Promise((done) => nativeSetTimeout(done, ms));
}

export function chooseDriver(cloud: Cloud, requested: RunOptions["driver"]): DriverKind {
  if (requested === "sdk" || requested === "native") return requested;
  return hasClientConfig(cloud) ? "sdk" : "native";
}

export async function runCase(testCase: ConformanceCase, options: RunOptions = {}): Promise<CaseResult> {
  const harness = options.clock === "system" ? createModeHarness("system", (o) => createCloud(o), { ...CLOUD_OPTIONS, ...options.cloudOptions }) : undefined;
  const fresh = harness?.subject ?? createCloud({ ...CLOUD_OPTIONS, ...options.cloudOptions });
  const cloud = options.prepareCloud ? options.prepareCloud(fresh) : fresh;
  const kind = options.driverFactory ? "native" : chooseDriver(cloud, options.driver ?? "auto");
  let driver: Driver | undefined;
  const saved = new Map<string, unknown>();
  const scope: Scope = { start: CLOUD_OPTIONS.start, now: () => cloud.scheduler.now(), saved };
  const position = { step: "", op: "" };
  try {
    driver = options.driverFactory ? options.driverFactory(cloud) : createDriver(kind, cloud);
    const state: State = {
      cloud,
      driver,
      scope,
      context: { start: CLOUD_OPTIONS.start },
      started: new Map(),
      functions: new Map(),
      callTimeoutMs: options.callTimeoutMs ?? 10_000,
      harness,
    };
    const steps = isFilterCase(testCase) ? filterCaseSteps(testCase) : testCase.steps;
    await runSteps(state, steps, scope, "", position);
    return { ok: true, driver: driver.kind };
  } catch (error) {
    const message = error instanceof StepFailure || error instanceof ValueError || error instanceof DriverError ? error.message : `threw ${describeError(error)}`;
    return { ok: false, driver: driver?.kind ?? kind, step: position.step, op: position.op, message };
  } finally {
    driver?.dispose();
    await fresh.dispose();
    if (harness !== undefined) vi.useRealTimers();
  }
}

/** Throws a readable error unless the case passed; for `it(name, …)`. */
export async function expectCasePasses(testCase: ConformanceCase, options: RunOptions = {}): Promise<void> {
  const result = await runCase(testCase, options);
  if (!result.ok) throw new Error(formatFailure(testCase.name, result));
}

export function formatFailure(name: string, result: Exclude<CaseResult, { ok: true }>): string {
  return `${name} [${result.driver}] failed at step ${result.step} (${result.op}): ${result.message}`;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return describe(error);
}

async function runSteps(state: State, steps: readonly Step[], scope: Scope, prefix: string, position: { step: string; op: string }): Promise<void> {
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as Step;
    position.step = `${prefix}${i + 1}`;
    position.op = describeStep(step);
    await runStep(state, step, scope, position);
  }
}

function describeStep(step: Step): string {
  switch (step.op) {
    case "call":
    case "start":
    case "waitFor":
      return `${step.op} ${step.service} ${step.command}`;
    case "expect":
      return `expect ${step.call.service} ${step.call.command}`;
    case "function":
    case "expectInvocations":
      return `${step.op} ${step.name}`;
    case "pending":
    case "await":
      return `${step.op} ${step.id}`;
    default:
      return step.op;
  }
}

async function runStep(state: State, step: Step, scope: Scope, position: { step: string; op: string }): Promise<void> {
  const { cloud } = state;
  switch (step.op) {
    case "call":
      return checkOutcome(state, scope, step.service, step, await invoke(state, scope, step));
    case "expect":
      return checkOutcome(state, scope, step.call.service, step, await invoke(state, scope, step.call));
    case "start":
      return start(state, scope, step.id, step);
    case "pending": {
      const started = startedCall(state, step.id);
      await realDelay(20);
      if (started.outcome !== undefined) {
        throw new StepFailure(`${started.label} was expected to be still pending, but it returned ${describeOutcome(state, started.service, started.outcome)}`);
      }
      return;
    }
    case "await": {
      const started = startedCall(state, step.id);
      await Promise.race([started.done, realDelay(1000)]);
      if (started.outcome === undefined) {
        throw new StepFailure(`${started.label} has not returned (1 s of real time, virtual time now start + ${elapsed(state)} ms)`);
      }
      if (!started.outcome.ok && started.outcome.error instanceof DriverError) throw started.outcome.error;
      return checkOutcome(state, scope, started.service, step, started.outcome);
    }
    case "advance": {
      const ms = toNumber(resolve(step.ms, scope, "expectation"), "advance ms");
      return state.harness ? state.harness.advance(ms) : cloud.advance(ms);
    }
    case "settle":
      return state.harness ? state.harness.settle() : cloud.settle();
    case "runUntilIdle":
      return cloud.runUntilIdle();
    case "expectNow": {
      const ms = toNumber(resolve(step.ms, scope, "expectation"), "expectNow ms");
      if (elapsed(state) !== ms) throw new StepFailure(`expected virtual time start + ${ms} ms, it is start + ${elapsed(state)} ms`);
      return;
    }
    case "waitFor":
      return waitFor(state, scope, step);
    case "save":
      scope.saved.set(step.name, resolve(step.value, scope, "input"));
      return;
    case "repeat": {
      const times = toNumber(resolve(step.times, scope, "expectation"), "repeat times");
      const prefix = position.step;
      for (let round = 0; round < times; round++) {
        await runSteps(state, step.steps, { ...scope, round }, `${prefix}[round ${round}].`, position);
      }
      return;
    }
    case "function":
      return createFunction(state, scope, step.name, step.behaviour, step.timeout);
    case "expectInvocations":
      return expectInvocations(state, scope, step.name, step);
    default:
      throw new StepFailure(`unknown step op ${JSON.stringify((step as { op?: unknown }).op)}`);
  }
}

function elapsed(state: State): number {
  return state.cloud.scheduler.now() - state.scope.start;
}

async function invoke(state: State, scope: Scope, call: CallSpec): Promise<Outcome> {
  const input = resolve(call.input ?? {}, scope, "input");
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = nativeSetTimeout(() => {
      reject(
        new StepFailure(
          `${call.service} ${call.command} did not return within ${state.callTimeoutMs} ms of real time (virtual time start + ${elapsed(state)} ms): ` +
            "a call that waits on virtual time must be a `start` step followed by advance and `await`",
        ),
      );
    }, state.callTimeoutMs);
  });
  try {
    const value = await Promise.race([state.driver.call(call.service, call.command, input), stuck]);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof StepFailure || error instanceof DriverError) throw error;
    return { ok: false, error };
  } finally {
    nativeClearTimeout(timer);
  }
}

async function start(state: State, scope: Scope, id: string, call: CallSpec): Promise<void> {
  if (state.started.has(id)) throw new StepFailure(`a call with id ${JSON.stringify(id)} was already started`);
  const input = resolve(call.input ?? {}, scope, "input");
  const entry: { -readonly [K in keyof Started]: Started[K] } = {
    service: call.service,
    label: `started call ${JSON.stringify(id)} (${call.service} ${call.command})`,
    done: Promise.resolve(),
  };
  entry.done = state.driver.call(call.service, call.command, input).then(
    (value) => {
      entry.outcome = { ok: true, value };
    },
    (error: unknown) => {
      entry.outcome = { ok: false, error };
    },
  );
  state.started.set(id, entry);
  // Let the request reach the simulator before time moves.
  await realDelay(20);
}

function startedCall(state: State, id: string): Started {
  const started = state.started.get(id);
  if (started === undefined) throw new StepFailure(`no call was started with id ${JSON.stringify(id)}`);
  return started;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : describe(error);
}

function describeOutcome(state: State, service: string, outcome: Outcome): string {
  if (outcome.ok) return `output ${describe(normalise(outcome.value), 1500)}`;
  return `error ${state.driver.errorName(service, outcome.error)}: ${errorMessage(outcome.error)}`;
}

interface Checked {
  readonly output?: unknown;
  readonly error?: ErrorSpec;
  readonly save?: string;
}

function checkOutcome(state: State, scope: Scope, service: string, step: Checked, outcome: Outcome): void {
  if (step.error !== undefined) {
    const wanted = resolve(step.error, scope, "expectation");
    const names = (Array.isArray(wanted) ? wanted : [wanted]).map(String);
    if (outcome.ok) throw new StepFailure(`expected error ${names.join(" or ")}, but the call succeeded with ${describeOutcome(state, service, outcome)}`);
    const name = state.driver.errorName(service, outcome.error);
    if (!names.includes(name)) throw new StepFailure(`expected error ${names.join(" or ")}, got ${describeOutcome(state, service, outcome)}`);
    if (step.save !== undefined) scope.saved.set(step.save, { name, message: errorMessage(outcome.error) });
    return;
  }
  if (!outcome.ok) throw new StepFailure(`the call failed with ${describeOutcome(state, service, outcome)}`);
  const actual = normalise(outcome.value);
  if (step.output !== undefined) {
    const problem = match(normalise(resolve(step.output, scope, "expectation")), actual, state.context);
    if (problem) throw new StepFailure(`output ${problem.path}: ${problem.message}\n    whole output: ${describe(actual, 1500)}`);
  }
  if (step.save !== undefined) scope.saved.set(step.save, actual);
}

async function waitFor(
  state: State,
  scope: Scope,
  step: CallSpec & { readonly output: unknown; readonly stepMs?: number; readonly maxMs?: number; readonly save?: string },
): Promise<void> {
  const stepMs = step.stepMs ?? 1000;
  const deadline = elapsed(state) + (step.maxMs ?? 120_000);
  for (;;) {
    const outcome = await invoke(state, scope, step);
    let problem: string;
    if (outcome.ok) {
      const actual = normalise(outcome.value);
      const mismatch = match(normalise(resolve(step.output, scope, "expectation")), actual, state.context);
      if (mismatch === undefined) {
        if (step.save !== undefined) scope.saved.set(step.save, actual);
        return;
      }
      problem = `output ${mismatch.path}: ${mismatch.message}`;
    } else {
      problem = describeOutcome(state, step.service, outcome);
    }
    if (elapsed(state) + stepMs > deadline) throw new StepFailure(`still no match after ${step.maxMs ?? 120_000} virtual ms; last: ${problem}`);
    await (state.harness ? state.harness.advance(stepMs) : state.cloud.advance(stepMs));
  }
}

interface NativeLambda {
  createFunction(input: Record<string, unknown>): Promise<unknown>;
}
interface NativeSqs {
  createQueue(input: Record<string, unknown>): Promise<{ QueueUrl?: string }>;
  receiveMessage(input: Record<string, unknown>): Promise<unknown>;
}

function nativeService<T>(cloud: Cloud, name: string, purpose: string): T {
  const service = (cloud as unknown as Record<string, unknown>)[name];
  if (service === null || typeof service !== "object") throw new StepFailure(`${purpose} needs cloud.${name}, which is not wired into createCloud`);
  return service as T;
}

/** Sleeps in virtual time through long polls on the runner's empty queue (≤ 20 s each), then the sub-second rest. */
async function sleep(state: State, ms: number): Promise<void> {
  const { cloud } = state;
  const never = new Promise<void>(() => undefined);
  if (cloud.disposed) return never;
  const sqs = nativeService<NativeSqs>(cloud, "sqs", "sleepMs");
  state.sleepQueue ??= sqs.createQueue({ QueueName: SLEEP_QUEUE }).then((created) => {
    if (typeof created.QueueUrl !== "string") throw new Error(`CreateQueue ${SLEEP_QUEUE} returned no QueueUrl`);
    return created.QueueUrl;
  });
  const deadline = cloud.scheduler.now() + ms;
  try {
    const queueUrl = await state.sleepQueue;
    for (let left = deadline - cloud.scheduler.now(); left >= 1000; left = deadline - cloud.scheduler.now()) {
      await sqs.receiveMessage({ QueueUrl: queueUrl, WaitTimeSeconds: Math.min(20, Math.floor(left / 1000)), MaxNumberOfMessages: 1 });
    }
    const rest = deadline - cloud.scheduler.now();
    if (rest > 0) await cloud.scheduler.waitFor(cloud.scheduler.sleep(rest, `conformance: ${SLEEP_QUEUE} rest`));
  } catch (error) {
    // The case ended while the handler slept: nobody is waiting for it any more.
    if (cloud.disposed) return never;
    throw error;
  }
}

async function createFunction(state: State, scope: Scope, name: string, behaviour: Behaviour, timeout: number | undefined): Promise<void> {
  if (state.functions.has(name)) throw new StepFailure(`function ${name} was already created`);
  const lambda = nativeService<NativeLambda>(state.cloud, "lambda", "a function step");
  const log: Invocation[] = [];
  const handler = createScriptedHandler(resolve(behaviour, scope, "input") as Behaviour, log, {
    offset: () => elapsed(state),
    sleep: (ms) => sleep(state, ms),
  });
  state.functions.set(name, { log });
  try {
    await lambda.createFunction({
      FunctionName: name,
      Runtime: "nodejs20.x",
      Role: FUNCTION_ROLE,
      Handler: "index.handler",
      Timeout: timeout ?? 3,
      handler,
    });
  } catch (error) {
    throw new StepFailure(`cloud.lambda.createFunction(${name}) failed: ${describeError(error)}`);
  }
}

function recordsOf(event: unknown): unknown[] {
  const records = event !== null && typeof event === "object" ? (event as Record<string, unknown>).Records : undefined;
  return Array.isArray(records) ? records : [];
}

function expectInvocations(state: State, scope: Scope, name: string, raw: InvocationExpectations): void {
  const record = state.functions.get(name);
  if (record === undefined) throw new StepFailure(`no function step created ${name}`);
  const log = record.log;
  const want = normalise(resolve(raw, scope, "expectation")) as InvocationExpectations;
  const events = log.map((entry) => normalise(entry.event));
  const summary = () => `invocations: ${describe(log.map((entry) => ({ at: entry.time, event: normalise(entry.event) })), 1500)}`;
  const check = (label: string, expected: unknown, actual: unknown) => {
    const problem = match(expected, actual, state.context, label);
    if (problem) throw new StepFailure(`${problem.path}: ${problem.message}\n    ${summary()}`);
  };
  if (want.count !== undefined && log.length !== want.count) throw new StepFailure(`expected ${want.count} invocations, got ${log.length}\n    ${summary()}`);
  if (want.atLeast !== undefined && log.length < want.atLeast) throw new StepFailure(`expected at least ${want.atLeast} invocations, got ${log.length}\n    ${summary()}`);
  if (want.events !== undefined) check("events", want.events, events);
  if (want.times !== undefined) check("times", want.times, log.map((entry) => entry.time));
  let records = events.flatMap(recordsOf);
  if (want.filter !== undefined) records = records.filter((item) => match(want.filter, item, state.context) === undefined);
  if (want.records !== undefined) check("records", want.records, records);
  if (want.recordsUnordered !== undefined) check("records", { $unordered: want.recordsUnordered }, records);
  if (want.recordCount !== undefined && records.length !== want.recordCount) {
    throw new StepFailure(`expected ${want.recordCount} records in all, got ${records.length}\n    ${summary()}`);
  }
  if (want.maxBatch !== undefined) {
    const largest = Math.max(0, ...events.map((event) => recordsOf(event).length));
    if (largest > want.maxBatch) throw new StepFailure(`expected no batch larger than ${want.maxBatch} records, the largest had ${largest}\n    ${summary()}`);
  }
}
