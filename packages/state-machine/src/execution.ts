import type { TaskHandle } from "@simcloud/clock";
import type { PortCaller, SimContext } from "@simcloud/core";
import type { ActivityQueue } from "./activities";
import { History, inputDetails, outputDetails, type Thread } from "./history";
import type { Integrations } from "./integrations";
import {
  catchOutput,
  chooseNextEager,
  effectiveInputEager,
  failErrorCause,
  findCatcher,
  findRetrier,
  hasItemSelector,
  mapItemInputEager,
  mapItemsEager,
  mapLimitsEager,
  retryDelayMs,
  stateOutputEager,
  HeartbeatTimeout,
  matchName,
  parsePath,
  StatesError,
  surelyExceedsBytes,
  timeoutsEager,
  VariableScope,
  waitUntil,
  type Bindings,
  type Chosen,
  type ContextObject,
  type Definition,
  type MapState,
  type ParallelState,
  type FailState,
  type StateDefinition,
  type StateOutput,
  type SubMachine,
  type TaskState,
  type WaitState,
} from "./language/index";
import { Cancelled, Lifeline } from "./lifeline";
import type { MockedResponse } from "./mock";
import type { TaskTokens } from "./tokens";
import { assignVariables } from "./variables";

type Assigned = ReturnType<typeof assignVariables>;
import type { ExecutionStatus, StateMachineType } from "./types";
import { SFN_LIMITS } from "./validate";

/** The machine an execution runs: fixed when it starts (updates later do not change a running execution). */
export interface MachineSnapshot {
  readonly stateMachineArn: string;
  readonly name: string;
  readonly definition: Definition;
  readonly definitionText: string;
  readonly roleArn: string;
  readonly type: StateMachineType;
  readonly versionArn?: string;
  readonly aliasArn?: string;
}

/** What an execution needs from the service around it. */
export interface ExecutionHost {
  readonly ctx: SimContext;
  readonly tokens: TaskTokens;
  readonly integrations: Integrations;
  activity(arn: string): ActivityQueue | undefined;
  /** `states:startExecution`: starts a child execution of one of this cloud's machines. */
  startChild(stateMachineArn: string, input: unknown, name: string | undefined, parent: Execution): Execution;
  /** A canned result for this state from the mock configuration, if one applies. */
  mocked(execution: Execution, stateName: string): MockedResponse | undefined;
  finished(execution: Execution): void;
  /** Runs `run` as scheduler work at the current virtual time (starts at one time share one task). */
  runSoon(run: () => Promise<void>): void;
  /** A Map in DISTRIBUTED mode: a map run of child executions (map-run.ts). */
  runDistributedMap(request: DistributedMapRequest): Promise<unknown>;
}

/** What the executor hands over when it meets a distributed Map (map-run.ts runs it). */
export interface DistributedMapRequest {
  readonly parent: Execution;
  readonly name: string;
  readonly state: MapState;
  readonly effective: unknown;
  readonly bindings: Bindings;
  readonly thread: Thread;
  readonly life: Lifeline;
}

/** One step of the path an execution took, for tests and pictures. */
export interface PathStep {
  readonly state: string;
  readonly type: string;
  readonly enteredAt: number;
  exitedAt?: number;
  input: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  retries: number;
  caught?: string;
  /** Nesting: "" at the top, "Parallel[0]/" or "Map[3]/" inside branches and iterations. */
  readonly scope: string;
}

interface StepResult {
  output: unknown;
  next: string | undefined;
}

/** A state being run: what enter() recorded and what its work reads. */
interface Entry {
  readonly name: string;
  readonly state: StateDefinition;
  readonly input: unknown;
  readonly frame: Frame;
  readonly step: PathStep;
  readonly b: Bindings;
  /** The input's JSON text, as the *StateEntered event records it. */
  readonly inputText: string;
}

/**
 * A state's bindings. The context object ($$) is built on first read: most JSONPath states never read it, and it is two
 * objects per state. It is the one the state would have had at entry (its EnteredTime is the entry time).
 */
class StateBindings implements Bindings {
  private built: ContextObject | undefined;

  constructor(
    private readonly executionContext: ContextObject["Execution"],
    private readonly machineContext: ContextObject["StateMachine"],
    private readonly stateName: string,
    private readonly enteredAt: number,
    readonly variables: VariableScope,
    readonly random: () => number,
    readonly uuid: () => string,
    readonly queryLanguage: Bindings["queryLanguage"],
    readonly enteredEventId: number,
    readonly now: () => number,
  ) {}

  get context(): ContextObject {
    return (this.built ??= { Execution: this.executionContext, State: { Name: this.stateName, EnteredTime: iso(this.enteredAt), RetryCount: 0 }, StateMachine: this.machineContext });
  }

  set context(value: ContextObject) {
    this.built = value;
  }
}

/** One Map iteration played from a queue (see runMap): where it stands, as its worker's await would resume it. */
interface Turn {
  phase: "enter" | "work" | "done" | "caught";
  readonly index: number;
  readonly thread: Thread;
  readonly life: Lifeline;
  readonly frame: Frame;
  state: string;
  value: unknown;
  entry: Entry | undefined;
  error: unknown;
}

const SYNCHRONOUS_TYPES = new Set(["Pass", "Choice", "Succeed"]);

/** Whether every state of `graph` runs without awaiting anything (JSONPath Pass, Choice, Succeed). */
function synchronousGraph(graph: SubMachine, inherited: Definition["QueryLanguage"]): boolean {
  const ql = graph.QueryLanguage ?? inherited ?? "JSONPath";
  for (const state of Object.values(graph.States)) {
    if (!SYNCHRONOUS_TYPES.has(state.Type) || (state.QueryLanguage ?? ql) !== "JSONPath") return false;
  }
  return true;
}

/** An already settled promise: awaiting it gives concurrent branches their turn without allocating a value promise. */
const TURN = Promise.resolve();

const STATE_TYPES = ["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"];
const ENTERED: Readonly<Record<string, string>> = Object.fromEntries(STATE_TYPES.map((type) => [type, `${type}StateEntered`]));
const EXITED: Readonly<Record<string, string>> = Object.fromEntries(STATE_TYPES.map((type) => [type, `${type}StateExited`]));

interface Frame {
  readonly scope: VariableScope;
  readonly thread: Thread;
  readonly life: Lifeline;
  readonly ql: Definition["QueryLanguage"];
  readonly path: string;
}

const json = (value: unknown): string => JSON.stringify(value === undefined ? null : value);
let isoMs = NaN;
let isoText = "";
/** ISO 8601 text of a virtual time; executions and states entered at one instant share it. */
function iso(ms: number): string {
  if (ms !== isoMs) {
    isoMs = ms;
    isoText = new Date(ms).toISOString();
  }
  return isoText;
}

function asStatesError(error: unknown): StatesError {
  if (error instanceof StatesError) return error;
  if (error instanceof Cancelled) throw error;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new StatesError("States.Runtime", message);
}

interface Sources {
  random: () => number;
  uuid: () => string;
  now: () => number;
}

const sourcesByContext = new WeakMap<SimContext, Sources>();

/** The seeded draws and the clock every execution of a cloud reads: one set of functions per cloud, not per execution. */
function sourcesOf(ctx: SimContext): Sources {
  let sources = sourcesByContext.get(ctx);
  if (sources === undefined) {
    const stream = ctx.random.stream("sfn.random");
    const { scheduler } = ctx;
    sources = { random: () => stream.next(), uuid: () => ctx.ids.uuid("sfn.uuid"), now: () => scheduler.now() };
    sourcesByContext.set(ctx, sources);
  }
  return sources;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const appendedKeys = new Map<string, string | null>();

/**
 * The key a `$.key` ResultPath adds at the end of its input object, or undefined for any other path (deeper, an index,
 * or a key JavaScript orders before the others or treats specially: integer-like keys, `__proto__`).
 */
function appendedKey(path: string): string | undefined {
  let key = appendedKeys.get(path);
  if (key === undefined) {
    let parsed: ReturnType<typeof parsePath> | undefined;
    try {
      parsed = parsePath(path);
    } catch {
      parsed = undefined;
    }
    const segment = parsed?.root.kind === "input" && parsed.segments.length === 1 ? parsed.segments[0] : undefined;
    key = segment?.t === "name" && !/^\d/.test(segment.name) && segment.name !== "__proto__" ? segment.name : null;
    if (appendedKeys.size >= 5000) appendedKeys.clear();
    appendedKeys.set(path, key);
  }
  return key ?? undefined;
}

const noop = (): void => undefined;

const iterationScopes = new Map<string, string[]>();

/** `Map[3]/` under its parent's scope: one string per iteration scope, shared by every execution's path steps. */
function iterationScope(parent: string, state: string, index: number): string {
  const prefix = `${parent}${state}`;
  let scopes = iterationScopes.get(prefix);
  if (scopes === undefined) {
    if (iterationScopes.size >= 1000) iterationScopes.clear();
    scopes = [];
    iterationScopes.set(prefix, scopes);
  }
  if (index >= 128) return `${prefix}[${index}]/`;
  return (scopes[index] ??= `${prefix}[${index}]/`);
}

function tooLarge(state: string): StatesError {
  return new StatesError("States.DataLimitExceeded", `The state/task '${state}' returned a result with a size exceeding the maximum number of bytes service limit.`);
}

function parseResource(resource: string): { resourceType: string; resource: string } {
  const rest = resource.startsWith("arn:") ? resource.split(":").slice(5).join(":") : resource;
  if (rest.startsWith("aws-sdk:")) {
    const [, service, ...action] = rest.split(":");
    return { resourceType: `aws-sdk:${service}`, resource: action.join(":") };
  }
  const cut = rest.indexOf(":");
  return cut < 0 ? { resourceType: rest, resource: rest } : { resourceType: rest.slice(0, cut), resource: rest.slice(cut + 1) };
}

/** One execution of a state machine, interpreted state by state on the virtual clock. */
export class Execution {
  status: ExecutionStatus = "RUNNING";
  stopDate: number | undefined;
  output: string | undefined;
  error: string | undefined;
  cause: string | undefined;
  redriveCount = 0;
  redriveDate: number | undefined;
  readonly history: History;
  readonly path: PathStep[] = [];
  done: Promise<void>;
  readonly startDate: number;
  parentArn: string | undefined;
  /** TestState's `variables`: the scope the first state starts with (a fresh one otherwise). */
  initialScope: VariableScope | undefined;
  private resolveDone!: () => void;
  private life: Lifeline;
  /** The top-level state that failed, its input and the variables then: where RedriveExecution resumes. */
  private redrivePoint: { state: string; input: unknown; scope: VariableScope } | undefined;
  private readonly thread: Thread = { last: 0 };
  private timeoutHandle: TaskHandle | undefined;
  private readonly contextExecution: ContextObject["Execution"];
  private readonly random: () => number;
  private readonly caller: PortCaller;
  private readonly contextMachine: ContextObject["StateMachine"];
  private readonly uuid: () => string;
  private readonly now: () => number;
  /** The JSON text of the last state output, reused as the next state's input text (the same value). */
  private lastValue: unknown = undefined;
  private lastText: string | undefined;

  constructor(
    private readonly host: ExecutionHost,
    readonly arn: string,
    readonly name: string,
    readonly machine: MachineSnapshot,
    readonly input: string,
    readonly traceHeader: string | undefined,
  ) {
    const { scheduler } = host.ctx;
    this.startDate = scheduler.now();
    this.history = new History(scheduler);
    this.life = new Lifeline(scheduler);
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
    this.contextExecution = {
      Id: arn,
      Name: name,
      StartTime: iso(this.startDate),
      Input: JSON.parse(input) as unknown,
      RoleArn: machine.roleArn,
      RedriveCount: 0,
    };
    const sources = sourcesOf(host.ctx);
    this.random = sources.random;
    this.caller = { principal: "states.amazonaws.com", sourceArn: machine.stateMachineArn };
    this.contextMachine = { Id: machine.stateMachineArn, Name: machine.name };
    this.uuid = sources.uuid;
    this.now = sources.now;
  }

  get stateMachineArn(): string {
    return this.machine.stateMachineArn;
  }

  /** Records ExecutionStarted now and runs the first state as a scheduler task at the current time. */
  start(): void {
    const { scheduler } = this.host.ctx;
    // The first state entered points at 0, not at ExecutionStarted (as the recorded histories show).
    this.history.add(undefined, "ExecutionStarted", {
      ...inputDetails(this.input),
      roleArn: this.machine.roleArn,
      ...(this.machine.aliasArn === undefined ? {} : { stateMachineAliasArn: this.machine.aliasArn }),
      ...(this.machine.versionArn === undefined ? {} : { stateMachineVersionArn: this.machine.versionArn }),
    });
    if (this.host.ctx.trace.active) this.host.ctx.trace.record("sfn.execution.started", { executionArn: this.arn, stateMachineArn: this.stateMachineArn, name: this.name });
    this.armTimeout();
    this.host.runSoon(() => this.run());
  }

  private armTimeout(): void {
    const limit = this.machine.type === "EXPRESS" ? SFN_LIMITS.maxExpressSeconds : SFN_LIMITS.maxExecutionSeconds;
    const seconds = Math.min(this.machine.definition.TimeoutSeconds ?? limit, limit);
    this.timeoutHandle = this.host.ctx.scheduler.after(seconds * 1000, () => this.timeOut(), { label: `sfn:${this.name} execution timeout` });
  }

  /** RedriveExecution: runs again from the failed top-level state, with the input and variables it had. */
  redrive(): boolean {
    const point = this.redrivePoint;
    if (point === undefined || this.status === "RUNNING") return false;
    const { scheduler } = this.host.ctx;
    this.status = "RUNNING";
    this.stopDate = undefined;
    this.output = undefined;
    this.error = undefined;
    this.cause = undefined;
    this.redriveCount += 1;
    this.redriveDate = scheduler.now();
    this.contextExecution.RedriveCount = this.redriveCount;
    this.contextExecution.RedriveTime = iso(this.redriveDate);
    this.life = new Lifeline(scheduler);
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
    this.history.add(this.thread, "ExecutionRedriven", { redriveCount: this.redriveCount });
    this.armTimeout();
    scheduler.at(scheduler.now(), () => this.run(point), { label: `sfn:${this.name} redrive` });
    return true;
  }

  private async run(from?: { state: string; input: unknown; scope: VariableScope }): Promise<void> {
    const ql = this.machine.definition.QueryLanguage;
    try {
      // The execution input parsed once: the first state reads the same value as $$.Execution.Input (neither is mutated).
      const input = from?.input ?? this.contextExecution.Input;
      const frame = { scope: from?.scope ?? this.initialScope ?? new VariableScope(), thread: this.thread, life: this.life, ql, path: "" };
      const output = await this.runGraph(this.machine.definition, input, frame, from?.state);
      if (this.status !== "RUNNING") return;
      const text = this.textOf(output);
      this.finish("SUCCEEDED", "ExecutionSucceeded", outputDetails(text), { output: text });
    } catch (error) {
      if (error instanceof Cancelled || this.status !== "RUNNING") return;
      const failure = asStatesError(error);
      const details = { ...(failure.error ? { error: failure.error } : {}), ...(failure.cause ? { cause: failure.cause } : {}) };
      this.finish("FAILED", "ExecutionFailed", details, details);
    }
  }

  private finish(status: ExecutionStatus, eventType: string, details: Record<string, unknown>, fields: { output?: string; error?: string; cause?: string }): void {
    if (this.status !== "RUNNING") return;
    this.status = status;
    this.stopDate = this.host.ctx.scheduler.now();
    this.output = fields.output;
    this.error = fields.error;
    this.cause = fields.cause;
    // An abort is not on the execution's line of events: the recorded histories give it previousEventId 0.
    this.history.add(status === "ABORTED" ? undefined : this.thread, eventType, details);
    this.timeoutHandle?.cancel();
    if (status === "SUCCEEDED") this.life.close();
    else this.life.cancel(status);
    if (this.host.ctx.trace.active) this.host.ctx.trace.record("sfn.execution.finished", {
      executionArn: this.arn,
      status,
      ...(fields.error === undefined ? {} : { error: fields.error }),
      ...(fields.cause === undefined ? {} : { cause: fields.cause }),
    });
    this.host.finished(this);
    this.resolveDone();
  }

  /** StopExecution. */
  stop(error: string | undefined, cause: string | undefined): void {
    const details = { ...(error === undefined ? {} : { error }), ...(cause === undefined ? {} : { cause }) };
    this.finish("ABORTED", "ExecutionAborted", details, details);
  }

  private timeOut(): void {
    this.finish("TIMED_OUT", "ExecutionTimedOut", { error: "States.Timeout", cause: "The execution timed out." }, { error: "States.Timeout", cause: "The execution timed out." });
  }

  // ---- interpretation ------------------------------------------------------------------------------------------

  private async runGraph(graph: Definition | SubMachine, input: unknown, frame: Frame, from?: string): Promise<unknown> {
    let name = from ?? graph.StartAt;
    let value = input;
    const ql = graph.QueryLanguage ?? frame.ql;
    const inner = ql === frame.ql ? frame : { ...frame, ql };
    // Map iterations and Parallel branches run side by side: each takes one turn to enter a state and one to do its
    // work, so the events of concurrent iterations interleave as they would when running at once. The top-level
    // flow has no sibling, so its JSONPath states run without a promise per step.
    const lockstep = frame.path !== "";
    for (;;) {
      if (lockstep) await TURN;
      frame.life.throwIfCancelled();
      const state = graph.States[name];
      if (state === undefined) throw new StatesError("States.Runtime", `The state '${name}' does not exist.`);
      let step: StepResult;
      try {
        const entry = this.enter(name, state, value, inner);
        if (lockstep) await TURN;
        const pending = this.work(entry);
        step = pending instanceof Promise ? await pending : pending;
      } catch (error) {
        if (frame.path === "" && frame.thread === this.thread && !(error instanceof Cancelled)) this.redrivePoint = { state: name, input: value, scope: frame.scope };
        throw error;
      }
      if (step.next === undefined) return step.output;
      name = step.next;
      value = step.output;
    }
  }

  private bindings(name: string, enteredId: number, state: StateDefinition, frame: Frame): Bindings {
    return new StateBindings(this.contextExecution, this.contextMachine, name, this.host.ctx.scheduler.now(), frame.scope, this.random, this.uuid, state.QueryLanguage ?? frame.ql ?? "JSONPath", enteredId, this.now);
  }

  private sized(name: string, output: unknown, known?: string): string {
    if (known !== undefined) {
      if (known.length > SFN_LIMITS.payloadBytes / 4 && Buffer.byteLength(known, "utf8") > SFN_LIMITS.payloadBytes) throw tooLarge(name);
      this.lastValue = output;
      this.lastText = known;
      return known;
    }
    if (!(output === this.lastValue && this.lastText !== undefined) && surelyExceedsBytes(output, SFN_LIMITS.payloadBytes)) throw tooLarge(name);
    const text = this.textOf(output);
    if (text.length > SFN_LIMITS.payloadBytes / 4 && Buffer.byteLength(text, "utf8") > SFN_LIMITS.payloadBytes) throw tooLarge(name);
    return text;
  }

  private textOf(value: unknown): string {
    if (value === this.lastValue && this.lastText !== undefined && typeof value === "object") return this.lastText;
    // A finite number's JSON is its String(), which V8 serves from its number-string cache (Map items are often numbers).
    const text = typeof value === "number" && Number.isFinite(value) ? String(value) : json(value);
    this.lastValue = value;
    this.lastText = text;
    return text;
  }

  private exit(name: string, type: string, output: unknown, frame: Frame, step: PathStep, known?: string, assigned?: Assigned): string {
    const text = this.sized(name, output, known);
    const eventType = EXITED[type] ?? `${type}StateExited`;
    if (assigned?.assignedVariables === undefined) this.history.addState(frame.thread, eventType, name, text);
    else this.history.add(frame.thread, eventType, { name, ...outputDetails(text), ...assigned }, "stateExitedEventDetails");
    step.exitedAt = this.host.ctx.scheduler.now();
    step.output = output;
    if (this.host.ctx.trace.active) this.host.ctx.trace.record("sfn.state.exited", { executionArn: this.arn, state: name, stateType: type, output: text });
    return text;
  }

  /** Enters a state: its *StateEntered event, trace and path step, and the bindings its paths are evaluated with. */
  private enter(name: string, state: StateDefinition, input: unknown, frame: Frame): Entry {
    const { ctx } = this.host;
    const type = state.Type;
    const inputText = this.textOf(input);
    const enteredId = this.history.addState(frame.thread, ENTERED[type] ?? `${type}StateEntered`, name, inputText);
    if (ctx.trace.active) ctx.trace.record("sfn.state.entered", { executionArn: this.arn, state: name, stateType: type, input: inputText });
    // Every field present from the start: set later, they would move to a separate property store (executionPath leaves the unset ones out).
    const step: PathStep = { state: name, type, enteredAt: ctx.scheduler.now(), exitedAt: undefined, input, output: undefined, error: undefined, cause: undefined, retries: 0, caught: undefined, scope: frame.path };
    this.path.push(step);
    return { name, state, input, frame, step, b: this.bindings(name, enteredId, state, frame), inputText };
  }

  /** A state's work and exit: a value for JSONPath Pass, Choice and Succeed states, a promise for the rest. */
  private work(entry: Entry): StepResult | Promise<StepResult> {
    let out: StepResult | Promise<StepResult>;
    try {
      out = this.dispatch(entry);
    } catch (error) {
      throw this.failed(entry, error);
    }
    return out instanceof Promise ? out.catch((error: unknown) => Promise.reject(this.failed(entry, error))) : out;
  }

  private dispatch(entry: Entry): StepResult | Promise<StepResult> {
    const { name, state, input, b } = entry;
    switch (state.Type) {
      case "Pass": {
        const effective = effectiveInputEager(state, input, b);
        const fixed = "Result" in state && state.Result !== undefined;
        if (effective instanceof Promise) return effective.then((value) => this.leave(entry, fixed ? state.Result : value));
        return this.leave(entry, fixed ? state.Result : effective);
      }
      case "Succeed":
        return this.leave(entry, input);
      case "Fail":
        return this.failState(state, input, b);
      case "Choice": {
        const chosen = chooseNextEager(state, input, b);
        return chosen instanceof Promise ? chosen.then((c) => this.chose(entry, c)) : this.chose(entry, chosen);
      }
      case "Wait":
        return this.waitState(entry, state);
      case "Task":
      case "Parallel":
      case "Map":
        return this.withRetry(entry, state);
      default:
        throw new StatesError("States.Runtime", `The state '${name}' has an unknown Type.`);
    }
  }

  /** What a state's failure becomes: Cancelled is recorded as aborted and passes on; anything else is traced as a StatesError. */
  private failed(entry: Entry, error: unknown): unknown {
    const { ctx } = this.host;
    if (error instanceof Cancelled) {
      // Work cut short because a sibling Map iteration or Parallel branch failed is recorded as aborted (the
      // recorded histories show TaskStateAborted before MapIterationAborted); a stopped execution records nothing.
      if (this.status === "RUNNING") this.history.add(entry.frame.thread, `${entry.state.Type}StateAborted`);
      return error;
    }
    const failure = asStatesError(error);
    const { step } = entry;
    step.error = failure.error;
    step.cause = failure.cause;
    step.exitedAt = ctx.scheduler.now();
    ctx.trace.record("sfn.state.failed", { executionArn: this.arn, state: entry.name, error: failure.error, cause: failure.cause });
    return failure;
  }

  private async failState(state: FailState, input: unknown, b: Bindings): Promise<never> {
    const { error, cause } = await failErrorCause(state, input, b);
    throw new StatesError(error ?? "", cause ?? "");
  }

  private async waitState(entry: Entry, state: WaitState): Promise<StepResult> {
    const { ctx } = this.host;
    const until = await waitUntil(state, entry.input, entry.b, ctx.scheduler.now());
    await entry.frame.life.sleepUntil(until, `sfn:${this.name} wait ${entry.name}`);
    return this.leave(entry, entry.input);
  }

  /**
   * The JSON text of `output` when it is the state's input with the result added under a new top-level key
   * (`"ResultPath": "$.key"`, no OutputPath or ResultSelector): the input's text with one member appended, which is
   * what JSON.stringify would give (a new non-index key is the object's last), without serializing the input again.
   */
  private mergedText(entry: Entry, output: unknown, result: unknown): string | undefined {
    const { state, input } = entry;
    if (entry.b.queryLanguage !== "JSONPath" || result === undefined || !isRecord(input) || !isRecord(output)) return undefined;
    const s = state as StateDefinition & { ResultPath?: unknown; OutputPath?: unknown; ResultSelector?: unknown };
    if (typeof s.ResultPath !== "string" || (s.OutputPath !== undefined && s.OutputPath !== "$") || s.ResultSelector !== undefined) return undefined;
    const key = appendedKey(s.ResultPath);
    if (key === undefined || Object.hasOwn(input, key) || output[key] !== result) return undefined;
    let resultText: string;
    if (result === this.lastValue && this.lastText !== undefined) resultText = this.lastText;
    else if (typeof result === "object" && result !== null && surelyExceedsBytes(result, SFN_LIMITS.payloadBytes)) return undefined;
    else resultText = json(result);
    const head = entry.inputText;
    return head === "{}" ? `{${JSON.stringify(key)}:${resultText}}` : `${head.slice(0, -1)},${JSON.stringify(key)}:${resultText}}`;
  }

  private chose(entry: Entry, chosen: Chosen): StepResult {
    const assigned = assignVariables(entry.name, entry.frame.scope, chosen.assign);
    this.exit(entry.name, "Choice", chosen.output, entry.frame, entry.step, undefined, assigned);
    return { output: chosen.output, next: chosen.next };
  }

  /** ResultSelector/ResultPath/OutputPath (or Output) and Assign, then the exit event. */
  private leave(entry: Entry, result: unknown): StepResult | Promise<StepResult> {
    const out = stateOutputEager(entry.state, entry.input, result, entry.b);
    return out instanceof Promise ? out.then((o) => this.left(entry, o, result)) : this.left(entry, out, result);
  }

  private left(entry: Entry, { output, assign }: StateOutput, result: unknown): StepResult {
    const { state } = entry;
    const assigned = assignVariables(entry.name, entry.frame.scope, assign);
    this.exit(entry.name, state.Type, output, entry.frame, entry.step, this.mergedText(entry, output, result), assigned);
    return { output, next: state.Type === "Succeed" || state.End === true ? undefined : state.Next };
  }

  private async withRetry(entry: Entry, state: TaskState | ParallelState | MapState): Promise<StepResult> {
    const { ctx } = this.host;
    const { name, input, b, frame, step } = entry;
    let attempts: Map<number, number> | undefined;
    for (;;) {
      try {
        let callback: string | undefined;
        if (state.Type === "Task" && state.Resource.includes(".waitForTaskToken")) {
          callback = ctx.ids.nanoid("sfn.tokens", 172, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
          b.context.Task = { Token: callback };
        }
        const eager = effectiveInputEager(state, input, b);
        const effective = eager instanceof Promise ? await eager : eager;
        let result: unknown;
        if (state.Type === "Task") result = await this.runTask(name, state, input, effective, b, frame, callback);
        else if (state.Type === "Parallel") result = await this.runParallel(name, state, effective, frame);
        else result = await this.runMap(name, state, input, effective, b, frame);
        if (state.Type === "Task") this.sized(name, result);
        return await this.leave(entry, result);
      } catch (error) {
        if (error instanceof Cancelled) throw error;
        const failure = asStatesError(error);
        const retriers = state.Retry;
        const index = findRetrier(retriers, matchName(failure));
        if (index >= 0 && retriers !== undefined) {
          const attempt = (attempts?.get(index) ?? 0) + 1;
          const delay = retryDelayMs(retriers[index]!, attempt, this.random);
          if (delay !== undefined) {
            (attempts ??= new Map()).set(index, attempt);
            b.context.State.RetryCount += 1;
            step.retries += 1;
            ctx.trace.record("sfn.state.retried", { executionArn: this.arn, state: name, error: failure.error, attempt, delayMs: delay });
            await frame.life.sleepUntil(ctx.scheduler.now() + delay, `sfn:${this.name} retry ${name}`);
            continue;
          }
        }
        const catchers = state.Catch;
        const caught = findCatcher(catchers, matchName(failure));
        if (caught >= 0 && catchers !== undefined) {
          const catcher = catchers[caught]!;
          const { output, assign } = await catchOutput(state, catcher, input, { Error: failure.error, Cause: failure.cause }, b);
          const assigned = assignVariables(name, frame.scope, assign);
          step.caught = catcher.Next;
          step.error = failure.error;
          step.cause = failure.cause;
          ctx.trace.record("sfn.state.caught", { executionArn: this.arn, state: name, error: failure.error, next: catcher.Next });
          this.exit(name, state.Type, output, frame, step, undefined, assigned);
          return { output, next: catcher.Next };
        }
        throw failure;
      }
    }
  }

  /**
   * Runs `work` under the task's TimeoutSeconds and HeartbeatSeconds: one scheduler task per deadline, the heartbeat
   * one re-armed by each heartbeat; either firing cancels the work and fails the task.
   */
  private bounded<T>(
    frame: Frame,
    label: string,
    limits: { timeoutSeconds?: number; heartbeatSeconds?: number },
    work: (life: Lifeline, heartbeat: () => void) => Promise<T>,
  ): Promise<T> {
    if (limits.timeoutSeconds === undefined && limits.heartbeatSeconds === undefined) return this.unbounded(frame, work);
    const { scheduler } = this.host.ctx;
    const life = frame.life.child();
    return new Promise<T>((resolve, reject) => {
      let beat: TaskHandle | undefined;
      const fail = (error: StatesError): void => {
        life.cancel(error);
        reject(error);
      };
      if (limits.timeoutSeconds !== undefined) life.at(scheduler.now() + limits.timeoutSeconds * 1000, () => fail(new StatesError("States.Timeout", "")), `sfn:${label} timeout`);
      const arm = (): void => {
        if (beat !== undefined) life.forget(beat);
        if (limits.heartbeatSeconds !== undefined) {
          beat = life.at(scheduler.now() + limits.heartbeatSeconds * 1000, () => fail(new HeartbeatTimeout()), `sfn:${label} heartbeat`);
        }
      };
      arm();
      life.guard(work(life, arm)).then(resolve, (error: unknown) => {
        if (error instanceof Cancelled && frame.life.isCancelled) reject(error);
        else if (!(error instanceof Cancelled)) reject(error);
      });
    }).finally(() => life.close());
  }

  /**
   * bounded() for a task without TimeoutSeconds or HeartbeatSeconds: its life ends only with its parent's, and every
   * work function guards what it awaits with that life, so no second guard is laid around the whole.
   */
  private async unbounded<T>(frame: Frame, work: (life: Lifeline, heartbeat: () => void) => Promise<T>): Promise<T> {
    const life = frame.life.child();
    try {
      return await work(life, noop);
    } finally {
      life.close();
    }
  }

  private async runTask(name: string, state: TaskState, rawInput: unknown, parameters: unknown, b: Bindings, frame: Frame, token: string | undefined): Promise<unknown> {
    const eager = timeoutsEager(state, rawInput, b);
    const limits = eager instanceof Promise ? await eager : eager;
    const resource = state.Resource;
    const mocked = this.host.mocked(this, name);
    const lambdaArn = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:/.test(resource);
    const activityArn = /^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(resource);
    const thread = frame.thread;
    const add = (type: string, details?: Record<string, unknown>): number => this.history.add(thread, type, details);
    const limitDetails = {
      ...(limits.timeoutSeconds === undefined ? {} : { timeoutInSeconds: limits.timeoutSeconds }),
      ...(limits.heartbeatSeconds === undefined ? {} : { heartbeatInSeconds: limits.heartbeatSeconds }),
    };
    // The quota applies to the input after Parameters too (guide: States.DataLimitExceeded).
    const parametersText = this.sized(name, parameters);

    if (lambdaArn && mocked === undefined) {
      add("LambdaFunctionScheduled", { resource, ...inputDetails(parametersText), ...(limits.timeoutSeconds === undefined ? {} : { timeoutInSeconds: limits.timeoutSeconds }) });
      add("LambdaFunctionStarted");
      try {
        const result = await this.bounded(frame, `${this.name} ${name}`, limits, (life) => life.guard(this.host.integrations.invokeLambda(resource, parameters, undefined, this.caller, parametersText)));
        add("LambdaFunctionSucceeded", outputDetails(json(result.Payload)));
        return result.Payload;
      } catch (error) {
        if (error instanceof Cancelled) throw error;
        const failure = asStatesError(error);
        if (failure.error === "States.Timeout") add("LambdaFunctionTimedOut", { error: failure.error, ...(failure.cause ? { cause: failure.cause } : {}) });
        else add("LambdaFunctionFailed", { error: failure.error, cause: failure.cause });
        throw failure;
      }
    }

    if (activityArn && mocked === undefined) {
      const activity = this.host.activity(resource);
      if (activity === undefined) {
        add("ActivityScheduleFailed", { error: "States.Runtime", cause: `Activity does not exist: ${resource}` });
        throw new StatesError("States.Runtime", `The activity '${resource}' does not exist.`);
      }
      const activityToken = this.host.ctx.ids.nanoid("sfn.tokens", 172, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
      add("ActivityScheduled", { resource, ...inputDetails(parametersText), ...limitDetails });
      try {
        const output = await this.bounded(frame, `${this.name} ${name}`, limits, (life, heartbeat) => {
          const answer = new Promise<unknown>((resolve, reject) => {
            this.host.tokens.add({ token: activityToken, succeed: resolve, fail: reject, heartbeat });
          });
          const withdraw = activity.schedule(activityToken, parametersText, (workerName) => {
            if (!life.isCancelled) add("ActivityStarted", workerName === undefined ? {} : { workerName });
          });
          return life.guard(answer).finally(withdraw);
        });
        this.host.tokens.end(activityToken, "done");
        add("ActivitySucceeded", outputDetails(json(output)));
        return output;
      } catch (error) {
        const failure = error instanceof Cancelled ? undefined : asStatesError(error);
        const timedOut = failure !== undefined && failure.error === "States.Timeout";
        this.host.tokens.end(activityToken, timedOut ? "timedOut" : "done");
        if (failure === undefined) throw error;
        if (timedOut) add("ActivityTimedOut", { error: failure.error, ...(failure.cause ? { cause: failure.cause } : {}) });
        else add("ActivityFailed", { error: failure.error, cause: failure.cause });
        throw failure;
      }
    }

    const kind = parseResource(resource);
    const base = { resource: kind.resource, resourceType: kind.resourceType };
    add("TaskScheduled", { ...base, region: this.host.ctx.region, parameters: parametersText, ...limitDetails });
    add("TaskStarted", base);
    try {
      const output = await this.bounded(frame, `${this.name} ${name}`, limits, async (life, heartbeat) => {
        if (mocked !== undefined) {
          if (mocked.throw !== undefined) throw new StatesError(mocked.throw.error, mocked.throw.cause);
          return mocked.return;
        }
        let answer: Promise<unknown> | undefined;
        if (token !== undefined) {
          answer = new Promise<unknown>((resolve, reject) => {
            this.host.tokens.add({ token, succeed: resolve, fail: reject, heartbeat });
          });
          answer.catch(() => undefined);
        }
        const submitted = await life.guard(this.callIntegration(resource, kind, parameters, name, token));
        if (answer === undefined && submitted instanceof SyncWait) {
          add("TaskSubmitted", { ...base, ...outputDetails(json(submitted.started)) });
          return life.guard(submitted.result);
        }
        if (answer === undefined) return submitted;
        add("TaskSubmitted", { ...base, ...outputDetails(json(submitted instanceof SyncWait ? submitted.started : submitted)) });
        return life.guard(answer);
      });
      if (token !== undefined) this.host.tokens.end(token, "done");
      add("TaskSucceeded", { ...base, ...outputDetails(json(output)) });
      return output;
    } catch (error) {
      const failure = error instanceof Cancelled ? undefined : asStatesError(error);
      const timedOut = failure !== undefined && failure.error === "States.Timeout";
      if (token !== undefined) this.host.tokens.end(token, timedOut ? "timedOut" : "done");
      if (failure === undefined) throw error;
      if (timedOut) add("TaskTimedOut", { ...base, error: failure.error, ...(failure.cause ? { cause: failure.cause } : {}) });
      else add("TaskFailed", { ...base, error: failure.error, cause: failure.cause });
      throw failure;
    }
  }

  /** The service call behind an optimised integration or a user handler. */
  private async callIntegration(resource: string, kind: { resourceType: string; resource: string }, parameters: unknown, stateName: string, token: string | undefined): Promise<unknown> {
    const integrations = this.host.integrations;
    const handler = integrations.handlerFor(resource);
    if (handler !== undefined) {
      return integrations.runHandler(handler, { resource, parameters, stateName, executionArn: this.arn, ...(token === undefined ? {} : { taskToken: token }) });
    }
    const action = kind.resource.replace(/\.(waitForTaskToken|sync(:2)?)$/, "");
    const params = (parameters ?? {}) as Record<string, unknown>;
    switch (`${kind.resourceType}:${action}`) {
      case "lambda:invoke": {
        const name = params.FunctionName;
        if (typeof name !== "string") throw new StatesError("States.Runtime", 'The field "FunctionName" is required by the Lambda integration and must be a string.');
        const qualifier = typeof params.Qualifier === "string" ? params.Qualifier : undefined;
        // Lambda hands a handler `{}` when Invoke carries no payload.
        const result = await integrations.invokeLambda(name, params.Payload === undefined ? {} : params.Payload, qualifier, this.caller);
        return {
          ExecutedVersion: result.ExecutedVersion,
          Payload: result.Payload,
          SdkHttpMetadata: { HttpHeaders: { "Content-Type": "application/json", "X-Amz-Executed-Version": result.ExecutedVersion }, HttpStatusCode: result.StatusCode },
          SdkResponseMetadata: { RequestId: this.host.ctx.ids.uuid("sfn.requests") },
          StatusCode: result.StatusCode,
        };
      }
      case "sqs:sendMessage":
        return integrations.sqsSendMessage(parameters, this.caller);
      case "sns:publish":
        return integrations.snsPublish(parameters, this.caller);
      case "events:putEvents":
        return integrations.eventsPutEvents(parameters, this.caller);
      case "states:startExecution": {
        const machineArn = params.StateMachineArn;
        if (typeof machineArn !== "string") throw new StatesError("States.Runtime", 'The field "StateMachineArn" is required by the Step Functions integration and must be a string.');
        let child: Execution;
        try {
          child = this.host.startChild(machineArn, params.Input ?? {}, typeof params.Name === "string" ? params.Name : undefined, this);
        } catch (error) {
          const code = (error as { code?: string }).code ?? "States.Runtime";
          throw new StatesError(`StepFunctions.${code.endsWith("Exception") ? code : `${code}Exception`}`, (error as Error).message);
        }
        const started = { ExecutionArn: child.arn, StartDate: child.startDate };
        if (!kind.resource.includes(".sync")) return started;
        const version2 = kind.resource.endsWith(".sync:2");
        return new SyncWait(started, child.done.then(() => {
          const described = child.describeForSync(version2);
          if (child.status === "SUCCEEDED") return described;
          const error = child.status === "TIMED_OUT" ? "States.Timeout" : child.status === "ABORTED" ? "States.Runtime" : "States.TaskFailed";
          throw new StatesError(error, JSON.stringify(described));
        }));
      }
      default:
        throw new StatesError(
          "States.Runtime",
          `The resource '${resource}' is not simulated: register a handler with cloud.sfn.registerTaskHandler('${resource}', handler) (or a prefix ending in '*').`,
        );
    }
  }

  /** DescribeExecution's fields as `.sync` / `.sync:2` return them (Output as text, or as JSON for `:2`). */
  describeForSync(jsonOutput: boolean): Record<string, unknown> {
    return {
      ExecutionArn: this.arn,
      StateMachineArn: this.stateMachineArn,
      Name: this.name,
      Status: this.status,
      StartDate: this.startDate,
      StopDate: this.stopDate,
      Input: jsonOutput ? (JSON.parse(this.input) as unknown) : this.input,
      InputDetails: { Included: true },
      ...(this.output === undefined ? {} : { Output: jsonOutput ? (JSON.parse(this.output) as unknown) : this.output, OutputDetails: { Included: true } }),
      ...(this.error === undefined ? {} : { Error: this.error }),
      ...(this.cause === undefined ? {} : { Cause: this.cause }),
    };
  }

  private async runParallel(name: string, state: ParallelState, input: unknown, frame: Frame): Promise<unknown[]> {
    const started = this.history.add(frame.thread, "ParallelStateStarted");
    const lives = state.Branches.map(() => frame.life.child());
    try {
      const results = await Promise.all(
        state.Branches.map(async (branch, index) => {
          const life = lives[index]!;
          try {
            return await this.runGraph(branch, input, {
              scope: frame.scope.child(),
              thread: { last: started },
              life,
              ql: frame.ql,
              path: `${frame.path}${name}[${index}]/`,
            });
          } catch (error) {
            if (!(error instanceof Cancelled)) for (const other of lives) if (other !== life) other.cancel("sibling failed");
            throw error;
          } finally {
            life.end();
          }
        }),
      );
      this.history.add(frame.thread, "ParallelStateSucceeded");
      return results;
    } catch (error) {
      if (error instanceof Cancelled && frame.life.isCancelled) throw error;
      this.history.add(frame.thread, "ParallelStateFailed");
      throw error instanceof Cancelled ? new StatesError("States.BranchFailed", "A branch was cancelled.") : error;
    }
  }

  private async runMap(name: string, state: MapState, rawInput: unknown, effective: unknown, b: Bindings, frame: Frame): Promise<unknown> {
    if ((state.ItemProcessor ?? state.Iterator)?.ProcessorConfig?.Mode === "DISTRIBUTED") {
      return this.host.runDistributedMap({ parent: this, name, state, effective, bindings: b, thread: frame.thread, life: frame.life });
    }
    const eagerItems = mapItemsEager(state, effective, b);
    const items = eagerItems instanceof Promise ? await eagerItems : eagerItems;
    const eagerLimits = mapLimitsEager(state, effective, b);
    const limits = eagerLimits instanceof Promise ? await eagerLimits : eagerLimits;
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor === undefined) throw new StatesError("States.Runtime", `The Map state '${name}' has no ItemProcessor.`);
    const started = this.history.add(frame.thread, "MapStateStarted", { length: items.length }, "mapStateStartedEventDetails");
    const results: unknown[] = new Array(items.length);
    const lives: Lifeline[] = [];
    let failures = 0;
    let firstFailure: unknown;
    let next = 0;
    const tolerance = limits.toleratedFailureCount !== undefined || limits.toleratedFailurePercentage !== undefined;
    const exceeded = (): boolean => {
      if (!tolerance) return failures > 0;
      if (limits.toleratedFailureCount !== undefined && failures > limits.toleratedFailureCount) return true;
      if (limits.toleratedFailurePercentage !== undefined && items.length > 0 && (failures * 100) / items.length > limits.toleratedFailurePercentage) return true;
      return false;
    };
    const mapThread: Thread = { last: started };
    const iterationFrame = (index: number, thread: Thread, life: Lifeline, ql = frame.ql): Frame => ({ scope: frame.scope.child(), thread, life, ql, path: iterationScope(frame.path, name, index) });
    // Without a selector an iteration's input is its item: no bindings with $$.Map.Item to build.
    const selects = hasItemSelector(state, b.queryLanguage);
    const itemInput = (index: number): unknown =>
      selects ? mapItemInputEager(state, effective, { ...b, context: { ...b.context, Map: { Item: { Index: index, Value: items[index] } } } }) : items[index];
    /** An iteration's end other than success (the worker's catch): aborted, or failed and counted against the tolerance. */
    const failedIteration = (index: number, thread: Thread, life: Lifeline, error: unknown): void => {
      if (error instanceof Cancelled) {
        if (frame.life.isCancelled) throw error;
        this.history.addIteration(thread, "MapIterationAborted", index, name);
        return;
      }
      const failure = asStatesError(error);
      this.history.addIteration(thread, "MapIterationFailed", index, name);
      failures += 1;
      results[index] = { Error: failure.error, Cause: failure.cause };
      if (exceeded()) {
        firstFailure = tolerance
          ? new StatesError("States.ExceedToleratedFailureThreshold", "The specified tolerated failure threshold was exceeded")
          : failure;
        for (const other of lives) if (other !== life) other.cancel("map failed");
      }
    };
    const width = limits.maxConcurrency > 0 ? Math.min(limits.maxConcurrency, items.length) : items.length;
    if (frame.path === "" && synchronousGraph(processor, frame.ql)) {
      // A top-level Map whose iterations are JSONPath Pass/Choice/Succeed states has no sibling to interleave with: its
      // iterations take the same turns as the workers above (each await of runGraph's is one turn at the back of the
      // line), played from a queue instead of the microtask queue, so the history is the same without a promise per turn.
      const queue: Turn[] = [];
      const begin = (): void => {
        while (next < items.length && firstFailure === undefined) {
          const index = next++;
          const life = frame.life.child();
          lives.push(life);
          const thread: Thread = { last: mapThread.last };
          this.history.addIteration(thread, "MapIterationStarted", index, name);
          let input: unknown;
          try {
            input = itemInput(index);
          } catch (error) {
            try {
              failedIteration(index, thread, life, error);
            } finally {
              mapThread.last = thread.last;
              life.end();
            }
            continue;
          }
          queue.push({ phase: "enter", index, thread, life, frame: iterationFrame(index, thread, life, processor.QueryLanguage ?? frame.ql), state: processor.StartAt, value: input, entry: undefined, error: undefined });
          return;
        }
      };
      for (let i = 0; i < width; i++) begin();
      for (let head = 0; head < queue.length; head++) {
        const turn = queue[head]!;
        if (turn.phase === "enter" || turn.phase === "work") {
          try {
            if (turn.phase === "enter") {
              turn.life.throwIfCancelled();
              const current = processor.States[turn.state];
              if (current === undefined) throw new StatesError("States.Runtime", `The state '${turn.state}' does not exist.`);
              turn.entry = this.enter(turn.state, current, turn.value, turn.frame);
              turn.phase = "work";
            } else {
              const step = this.work(turn.entry!) as StepResult;
              turn.value = step.output;
              if (step.next === undefined) turn.phase = "done";
              else {
                turn.state = step.next;
                turn.phase = "enter";
              }
            }
          } catch (error) {
            turn.error = error;
            turn.phase = "caught";
          }
          queue.push(turn);
          continue;
        }
        try {
          if (turn.phase === "done") {
            results[turn.index] = turn.value;
            this.history.addIteration(turn.thread, "MapIterationSucceeded", turn.index, name);
          } else failedIteration(turn.index, turn.thread, turn.life, turn.error);
        } catch (error) {
          if (turn.phase !== "done") throw error;
          failedIteration(turn.index, turn.thread, turn.life, error);
        } finally {
          mapThread.last = turn.thread.last;
          turn.life.end();
        }
        begin();
      }
    } else {
      const worker = async (): Promise<void> => {
        while (next < items.length && firstFailure === undefined) {
          const index = next++;
          const life = frame.life.child();
          lives.push(life);
          const thread: Thread = { last: mapThread.last };
          this.history.addIteration(thread, "MapIterationStarted", index, name);
          try {
            const eager = itemInput(index);
            results[index] = await this.runGraph(processor, eager instanceof Promise ? await eager : eager, iterationFrame(index, thread, life));
            this.history.addIteration(thread, "MapIterationSucceeded", index, name);
          } catch (error) {
            failedIteration(index, thread, life, error);
          } finally {
            mapThread.last = thread.last;
            life.end();
          }
        }
      };
      await Promise.all(Array.from({ length: Math.max(width, 0) }, () => worker()));
    }
    frame.thread.last = Math.max(frame.thread.last, mapThread.last);
    if (firstFailure !== undefined) {
      this.history.add(frame.thread, "MapStateFailed");
      throw firstFailure;
    }
    this.history.add(frame.thread, "MapStateSucceeded");
    return results;
  }
}

/** A `.sync` integration: the start answer (for TaskSubmitted) and the promise of the child's end. */
export class SyncWait {
  constructor(
    readonly started: unknown,
    readonly result: Promise<unknown>,
  ) {
    result.catch(() => undefined);
  }
}
