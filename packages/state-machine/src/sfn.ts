import type { TaskHandle } from "@simcloud/clock";
import { buildArn, parseArn, type SimContext, type StateMachinePort } from "@simcloud/core";
import { ActivityQueue } from "./activities";
import { errors } from "./errors";
import { Execution, type ExecutionHost, type MachineSnapshot, type PathStep } from "./execution";
import { withoutData } from "./history";
import { Integrations, type TaskHandler } from "./integrations";
import { invalidDefinitionMessage, validateDefinition, variableReferences, type Definition } from "./language/index";
import { MapRun, runDistributedMap, type DescribeMapRunOutput, type MapRunHost, type MapRunListItem } from "./map-run";
import { renderDefinition, renderExecution } from "./mermaid";
import { checkMockConfig, MockSession, type MockConfig } from "./mock";
import { awaitTest, testStateMachine, testStateOutput, testStateVariables, type TestStateInput, type TestStateOutput, type testStateMock } from "./test-state";
import { TaskTokens } from "./tokens";
import type {
  ActivityListItem,
  CreateStateMachineInput,
  CreateStateMachineOutput,
  DescribeExecutionOutput,
  DescribeStateMachineOutput,
  ExecutionListItem,
  ExecutionStatus,
  GetActivityTaskOutput,
  GetExecutionHistoryInput,
  HistoryEvent,
  ListExecutionsInput,
  LoggingConfiguration,
  PageInput,
  RoutingConfigurationInput,
  RoutingConfigurationListItem,
  StartExecutionInput,
  StartExecutionOutput,
  StartSyncExecutionOutput,
  StateMachineAliasListItem,
  StateMachineListItem,
  StateMachineType,
  StateMachineVersionListItem,
  StopExecutionInput,
  Tag,
  TracingConfiguration,
  UpdateStateMachineInput,
  UpdateStateMachineOutput,
  ValidateStateMachineDefinitionInput,
  ValidateStateMachineDefinitionOutput,
} from "./types";
import { isValidName, page, requireArnOf, requireName, requirePayload, requireString, requireTags, SFN_LIMITS } from "./validate";
import "./trace";

export interface StateMachineServiceOptions {
  /** A MockConfigFile (Step Functions Local's format): start `<stateMachineArn>#<TestCase>` to run under a test case. */
  mockConfig?: MockConfig;
}

/** The Step Functions API (camelCase actions, SDK shapes) plus simcloud's test helpers. */
export interface StateMachineService {
  createStateMachine(input: CreateStateMachineInput): Promise<CreateStateMachineOutput>;
  describeStateMachine(input: { stateMachineArn: string | undefined; includedData?: string }): Promise<DescribeStateMachineOutput>;
  updateStateMachine(input: UpdateStateMachineInput): Promise<UpdateStateMachineOutput>;
  deleteStateMachine(input: { stateMachineArn: string | undefined }): Promise<Record<string, never>>;
  listStateMachines(input?: PageInput): Promise<{ stateMachines: StateMachineListItem[]; nextToken?: string }>;
  validateStateMachineDefinition(input: ValidateStateMachineDefinitionInput): Promise<ValidateStateMachineDefinitionOutput>;
  tagResource(input: { resourceArn: string | undefined; tags: Tag[] | undefined }): Promise<Record<string, never>>;
  untagResource(input: { resourceArn: string | undefined; tagKeys: string[] | undefined }): Promise<Record<string, never>>;
  listTagsForResource(input: { resourceArn: string | undefined }): Promise<{ tags: Tag[] }>;
  publishStateMachineVersion(input: { stateMachineArn: string | undefined; revisionId?: string; description?: string }): Promise<{ creationDate: Date; stateMachineVersionArn: string }>;
  listStateMachineVersions(input: { stateMachineArn: string | undefined } & PageInput): Promise<{ stateMachineVersions: StateMachineVersionListItem[]; nextToken?: string }>;
  deleteStateMachineVersion(input: { stateMachineVersionArn: string | undefined }): Promise<Record<string, never>>;
  createStateMachineAlias(input: { name: string | undefined; description?: string; routingConfiguration: RoutingConfigurationInput[] | undefined }): Promise<{ stateMachineAliasArn: string; creationDate: Date }>;
  describeStateMachineAlias(input: { stateMachineAliasArn: string | undefined }): Promise<{ stateMachineAliasArn: string; name: string; description?: string; routingConfiguration: RoutingConfigurationListItem[]; creationDate: Date; updateDate: Date }>;
  updateStateMachineAlias(input: { stateMachineAliasArn: string | undefined; description?: string; routingConfiguration?: RoutingConfigurationInput[] }): Promise<{ updateDate: Date }>;
  deleteStateMachineAlias(input: { stateMachineAliasArn: string | undefined }): Promise<Record<string, never>>;
  listStateMachineAliases(input: { stateMachineArn: string | undefined } & PageInput): Promise<{ stateMachineAliases: StateMachineAliasListItem[]; nextToken?: string }>;
  startExecution(input: StartExecutionInput): Promise<StartExecutionOutput>;
  startSyncExecution(input: StartExecutionInput & { includedData?: string }): Promise<StartSyncExecutionOutput>;
  stopExecution(input: StopExecutionInput): Promise<{ stopDate: Date }>;
  describeExecution(input: { executionArn: string | undefined; includedData?: string }): Promise<DescribeExecutionOutput>;
  describeStateMachineForExecution(input: { executionArn: string | undefined; includedData?: string }): Promise<{ stateMachineArn: string; name: string; definition: string; roleArn: string; updateDate: Date; loggingConfiguration: LoggingConfiguration; tracingConfiguration: TracingConfiguration; revisionId?: string; mapRunArn?: string; label?: string }>;
  listExecutions(input: ListExecutionsInput): Promise<{ executions: ExecutionListItem[]; nextToken?: string }>;
  getExecutionHistory(input: GetExecutionHistoryInput): Promise<{ events: HistoryEvent[]; nextToken?: string }>;
  redriveExecution(input: { executionArn: string | undefined; clientToken?: string }): Promise<{ redriveDate: Date }>;
  createActivity(input: { name: string | undefined; tags?: Tag[] }): Promise<{ activityArn: string; creationDate: Date }>;
  describeActivity(input: { activityArn: string | undefined }): Promise<{ activityArn: string; name: string; creationDate: Date }>;
  deleteActivity(input: { activityArn: string | undefined }): Promise<Record<string, never>>;
  listActivities(input?: PageInput): Promise<{ activities: ActivityListItem[]; nextToken?: string }>;
  /** Long-polls up to 60 s of virtual time for a task of the activity. */
  getActivityTask(input: { activityArn: string | undefined; workerName?: string }): Promise<GetActivityTaskOutput>;
  sendTaskSuccess(input: { taskToken: string | undefined; output: string | undefined }): Promise<Record<string, never>>;
  sendTaskFailure(input: { taskToken: string | undefined; error?: string; cause?: string }): Promise<Record<string, never>>;
  sendTaskHeartbeat(input: { taskToken: string | undefined }): Promise<Record<string, never>>;
  /** One state in isolation (retries reported as RETRIABLE, Wait not waited, `mock` instead of the resource). */
  testState(input: TestStateInput): Promise<TestStateOutput>;
  /** A distributed Map's map run: settings, item and child-execution counts. */
  describeMapRun(input: { mapRunArn: string | undefined }): Promise<DescribeMapRunOutput>;
  listMapRuns(input: { executionArn: string | undefined } & PageInput): Promise<{ mapRuns: MapRunListItem[]; nextToken?: string }>;
  /** Changes a running map run's MaxConcurrency and failure tolerances. */
  updateMapRun(input: { mapRunArn: string | undefined; maxConcurrency?: number; toleratedFailurePercentage?: number; toleratedFailureCount?: number }): Promise<Record<string, never>>;

  /** simcloud: answers a task resource the simulator does not run itself (`http:invoke`, `aws-sdk:*`, …). */
  registerTaskHandler(resource: string, handler: TaskHandler): () => void;
  /** simcloud: installs (or clears) a MockConfigFile; start `<stateMachineArn>#<TestCase>` to use a test case. */
  setMockConfig(config: MockConfig | undefined): void;
  /** simcloud: the states an execution went through, in order, with virtual times, inputs and outputs. */
  executionPath(executionArn: string): PathStep[];
  /** simcloud: a Mermaid flowchart of a definition, or of an execution's path over its definition. */
  renderMermaid(target: { definition: string | Definition } | { executionArn: string }): string;
}

interface VersionRecord {
  readonly arn: string;
  readonly version: number;
  readonly definitionText: string;
  readonly definition: Definition;
  readonly roleArn: string;
  readonly creationDate: number;
  readonly description: string | undefined;
  readonly revisionId: string;
}

interface AliasRecord {
  readonly arn: string;
  readonly name: string;
  description: string | undefined;
  routing: RoutingConfigurationListItem[];
  readonly creationDate: number;
  updateDate: number;
}

interface MachineRecord {
  readonly arn: string;
  readonly name: string;
  readonly type: StateMachineType;
  definitionText: string;
  definition: Definition;
  roleArn: string;
  readonly creationDate: number;
  updateDate: number;
  logging: LoggingConfiguration;
  tracing: TracingConfiguration;
  revisionId: string;
  readonly tags: Map<string, string>;
  readonly versions: Map<number, VersionRecord>;
  nextVersion: number;
  readonly aliases: Map<string, AliasRecord>;
  readonly executions: Execution[];
  readonly port: StateMachinePort;
}

const DEFAULT_LOGGING: LoggingConfiguration = { level: "OFF", includeExecutionData: false };

function parseDefinition(text: unknown, type: StateMachineType = "STANDARD"): Definition {
  const source = requireString(text, "definition");
  if (Buffer.byteLength(source, "utf8") > SFN_LIMITS.definitionBytes) throw errors.InvalidDefinition("Invalid State Machine Definition: 'The definition is larger than 1 MiB'");
  const { definition, diagnostics } = validateDefinition(source, { type });
  const failures = diagnostics.filter((diagnostic) => diagnostic.severity === "ERROR");
  if (definition === undefined || failures.length > 0) throw errors.InvalidDefinition(invalidDefinitionMessage(failures));
  return definition;
}

export function createStateMachineService(ctx: SimContext, options: StateMachineServiceOptions = {}): StateMachineService {
  const machines = new Map<string, MachineRecord>();
  const executions = new Map<string, Execution>();
  const activities = new Map<string, ActivityQueue>();
  const activityTags = new Map<string, Map<string, string>>();
  const mockSessions = new WeakMap<Execution, MockSession>();
  const testMocks = new WeakMap<Execution, NonNullable<ReturnType<typeof testStateMock>>>();
  const mapRuns = new Map<string, MapRun>();
  const runsOfExecution = new Map<string, MapRun[]>();
  const childRuns = new WeakMap<Execution, MapRun>();
  const tokens = new TaskTokens();
  const integrations = new Integrations(ctx);
  let mockConfig = options.mockConfig === undefined ? undefined : checkMockConfig(options.mockConfig);
  const now = (): number => ctx.scheduler.now();
  const arnOf = (resource: string): string => buildArn("states", resource, ctx);

  const host: ExecutionHost = {
    ctx,
    tokens,
    integrations,
    activity: (arn) => activities.get(arn),
    startChild(stateMachineArn, input, name, parent) {
      const text = typeof input === "string" ? input : JSON.stringify(input);
      const execution = launch({ stateMachineArn, input: text, ...(name === undefined ? {} : { name }) });
      execution.parentArn = parent.arn;
      return execution;
    },
    runDistributedMap: (request) => runDistributedMap(mapRunHost, request),
    mocked: (execution, stateName) => testMocks.get(execution) ?? mockSessions.get(execution)?.next(stateName),
    finished: () => undefined,
    runSoon(run) {
      // One scheduler task per virtual time runs every execution started then, in order: 2,000 starts are one task.
      if (soon === undefined || soon.time !== ctx.scheduler.now() || !soon.handle.active) {
        const batch: (() => Promise<void>)[] = [];
        soon = {
          time: ctx.scheduler.now(),
          batch,
          handle: ctx.scheduler.at(ctx.scheduler.now(), () => Promise.all(batch.map((start) => start())), { label: "sfn: start executions" }),
        };
      }
      soon.batch.push(run);
    },
  };
  let soon: { time: number; batch: (() => Promise<void>)[]; handle: TaskHandle } | undefined;
  const targets = new Map<string, { readonly machineArn: string; readonly qualifier: string | undefined }>();
  const latest = new WeakMap<MachineRecord, MachineSnapshot>();

  // A map run starts its children from inside the parent's running step: they begin at once, on the same virtual time
  // (a new scheduler task "now" would run a millisecond later under fake timers, which coerce a 0 ms timeout to 1 ms).
  const childHost: ExecutionHost = { ...host, runSoon: (run) => void run() };
  const mapRunHost: MapRunHost = {
    integrations,
    uuid: () => ctx.ids.uuid("sfn.mapRuns"),
    now,
    arnOf,
    register(run) {
      mapRuns.set(run.arn, run);
      const list = runsOfExecution.get(run.executionArn) ?? [];
      list.push(run);
      runsOfExecution.set(run.executionArn, list);
    },
    startChild(run, snapshot, arn, name, input) {
      const execution = new Execution(childHost, arn, name, snapshot, input, undefined);
      executions.set(arn, execution);
      childRuns.set(execution, run);
      execution.start();
      return execution;
    },
  };

  function mapRunOf(arnText: unknown): MapRun {
    const arn = requireArnOf(arnText, "mapRunArn", ["mapRun"]);
    const run = mapRuns.get(arn);
    if (run === undefined) throw errors.ResourceNotFound(`Resource not found: '${arn}'`);
    return run;
  }

  /** Any execution, EXPRESS included, for simcloud's own helpers (executionPath, renderMermaid). */
  function anyExecution(arnText: unknown): Execution {
    const arn = requireArnOf(arnText, "executionArn", ["execution", "express"]);
    const execution = executions.get(arn);
    if (execution === undefined) throw errors.ExecutionDoesNotExist(`Execution Does Not Exist: '${arn}'`);
    return execution;
  }

  function machineOf(arnText: unknown, member = "stateMachineArn"): MachineRecord {
    const arn = requireArnOf(arnText, member, ["stateMachine"]);
    const machine = machines.get(arn);
    if (machine === undefined) throw errors.StateMachineDoesNotExist(`State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  /** An execution by ARN for the API: AWS keeps no record of EXPRESS executions there (InvalidArn, as recorded). */
  function executionOf(arnText: unknown): Execution {
    const arn = requireArnOf(arnText, "executionArn", ["execution"]);
    const execution = executions.get(arn);
    if (execution === undefined) throw errors.ExecutionDoesNotExist(`Execution Does Not Exist: '${arn}'`);
    return execution;
  }

  /** A machine, version or alias ARN → the snapshot an execution runs. */
  function target(arnText: string): { machine: MachineRecord; snapshot: MachineSnapshot } {
    // Executions start on the same few ARNs: a valid one is parsed once.
    let parsedTarget = targets.get(arnText);
    if (parsedTarget === undefined) {
      const parsed = parseArn(arnText);
      const parts = parsed?.resource.split(":") ?? [];
      if (parsed === undefined || parsed.service !== "states" || parts[0] !== "stateMachine" || parts.length > 3) {
        throw errors.InvalidArn(`Invalid Arn: 'Resource type not valid in this context: ${parts[0] ?? arnText}'`);
      }
      parsedTarget = { machineArn: arnOf(`stateMachine:${parts[1]}`), qualifier: parts[2] };
      if (targets.size >= 1000) targets.clear();
      targets.set(arnText, parsedTarget);
    }
    const machine = machines.get(parsedTarget.machineArn);
    if (machine === undefined) throw errors.StateMachineDoesNotExist(`State Machine Does Not Exist: '${arnText}'`);
    const base = { stateMachineArn: machine.arn, name: machine.name, type: machine.type };
    const qualifier = parsedTarget.qualifier;
    if (qualifier === undefined) {
      // The snapshot of the latest definition is shared by its executions until an update changes the record.
      const cached = latest.get(machine);
      if (cached !== undefined && cached.definition === machine.definition && cached.definitionText === machine.definitionText && cached.roleArn === machine.roleArn && cached.name === machine.name && cached.type === machine.type) {
        return { machine, snapshot: cached };
      }
      const snapshot: MachineSnapshot = { ...base, definition: machine.definition, definitionText: machine.definitionText, roleArn: machine.roleArn };
      latest.set(machine, snapshot);
      return { machine, snapshot };
    }
    const fromVersion = (version: VersionRecord, aliasArn?: string): MachineSnapshot => ({
      ...base,
      definition: version.definition,
      definitionText: version.definitionText,
      roleArn: version.roleArn,
      versionArn: version.arn,
      ...(aliasArn === undefined ? {} : { aliasArn }),
    });
    if (/^\d+$/.test(qualifier)) {
      const version = machine.versions.get(Number(qualifier));
      if (version === undefined) throw errors.StateMachineDoesNotExist(`State Machine Does Not Exist: '${arnText}'`);
      return { machine, snapshot: fromVersion(version) };
    }
    const alias = machine.aliases.get(qualifier);
    if (alias === undefined) throw errors.ResourceNotFound(`Resource not found: '${arnText}'`);
    // Weighted routing: one draw from the seeded source per execution.
    let draw = ctx.random.stream("sfn.alias").int(100);
    let chosen = alias.routing[0]!;
    for (const route of alias.routing) {
      if (draw < route.weight) {
        chosen = route;
        break;
      }
      draw -= route.weight;
    }
    const version = machine.versions.get(Number(chosen.stateMachineVersionArn.split(":").pop()));
    if (version === undefined) throw errors.StateMachineDoesNotExist(`State Machine Does Not Exist: '${chosen.stateMachineVersionArn}'`);
    return { machine, snapshot: fromVersion(version, alias.arn) };
  }

  /** Validates and starts an execution (StartExecution's rules); returns the running (or idempotently matched) one. */
  function launch(input: StartExecutionInput): Execution {
    let arnText = requireString(input.stateMachineArn, "stateMachineArn");
    let testCase: string | undefined;
    const hash = arnText.indexOf("#");
    if (hash >= 0) {
      testCase = arnText.slice(hash + 1);
      arnText = arnText.slice(0, hash);
    }
    const { machine, snapshot } = target(arnText);
    const name = input.name ?? ctx.ids.uuid("sfn.executions");
    if (!isValidName(name)) throw errors.InvalidName(`Invalid Name: '${name}'`);
    const text = requirePayload(input.input, "input");
    const arn = machine.type === "EXPRESS"
      ? arnOf(`express:${machine.name}:${name}:${ctx.ids.uuid("sfn.executions")}`)
      : arnOf(`execution:${machine.name}:${name}`);
    const existing = executions.get(arn);
    if (existing !== undefined) {
      // StartExecution is idempotent for a running STANDARD execution started with the same name and input.
      if (existing.status === "RUNNING" && existing.input === text) return existing;
      throw errors.ExecutionAlreadyExists(`Execution Already Exists: '${arn}'`);
    }
    let session: MockSession | undefined;
    if (testCase !== undefined) {
      if (mockConfig === undefined) throw errors.ValidationException(`No mock configuration is installed for the test case '${testCase}'`);
      try {
        session = new MockSession(mockConfig, machine.name, testCase);
      } catch (error) {
        throw errors.ValidationException((error as Error).message);
      }
    }
    const execution = new Execution(host, arn, name, snapshot, text, input.traceHeader);
    if (session !== undefined) mockSessions.set(execution, session);
    executions.set(arn, execution);
    machine.executions.push(execution);
    execution.start();
    return execution;
  }

  /** ListExecutions with mapRunArn: the map run's child executions (STANDARD and EXPRESS), newest first. */
  function listMapRunExecutions(input: ListExecutionsInput): { executions: ExecutionListItem[]; nextToken?: string } {
    if (input.stateMachineArn !== undefined) throw errors.ValidationException("Specify either a stateMachineArn or a mapRunArn, not both");
    const run = mapRunOf(input.mapRunArn);
    const matching = run.children
      .map((child) => child.execution)
      .filter((execution) => input.statusFilter === undefined || execution.status === input.statusFilter)
      .reverse();
    const { items, nextToken } = page(matching, input, `executions:${run.arn}:${input.statusFilter ?? ""}`);
    return {
      executions: items.map((execution) => ({ ...executionListItem(execution), mapRunArn: run.arn })),
      ...(nextToken === undefined ? {} : { nextToken }),
    };
  }

  /** The members every ListExecutions entry has (a map run's children and a machine's executions add their own). */
  function executionListItem(execution: Execution): ExecutionListItem {
    return {
      executionArn: execution.arn,
      stateMachineArn: execution.stateMachineArn,
      name: execution.name,
      status: execution.status,
      startDate: new Date(execution.startDate),
      ...(execution.stopDate === undefined ? {} : { stopDate: new Date(execution.stopDate) }),
    };
  }

  function describeExecutionOutput(execution: Execution): DescribeExecutionOutput {
    return {
      executionArn: execution.arn,
      stateMachineArn: execution.stateMachineArn,
      name: execution.name,
      status: execution.status,
      startDate: new Date(execution.startDate),
      ...(execution.stopDate === undefined ? {} : { stopDate: new Date(execution.stopDate) }),
      input: execution.input,
      inputDetails: { included: true },
      ...(execution.output === undefined ? {} : { output: execution.output, outputDetails: { included: true } }),
      ...(execution.error === undefined ? {} : { error: execution.error }),
      ...(execution.cause === undefined ? {} : { cause: execution.cause }),
      ...(execution.traceHeader === undefined ? {} : { traceHeader: execution.traceHeader }),
      ...(childRuns.get(execution) === undefined ? {} : { mapRunArn: childRuns.get(execution)!.arn }),
      ...(execution.machine.versionArn === undefined ? {} : { stateMachineVersionArn: execution.machine.versionArn }),
      ...(execution.machine.aliasArn === undefined ? {} : { stateMachineAliasArn: execution.machine.aliasArn }),
      redriveCount: execution.redriveCount,
      ...(execution.redriveDate === undefined ? {} : { redriveDate: new Date(execution.redriveDate) }),
      ...redriveStatus(execution),
    };
  }

  function redriveStatus(execution: Execution): Pick<DescribeExecutionOutput, "redriveStatus" | "redriveStatusReason"> {
    if (execution.machine.type === "EXPRESS") return { redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: "Execution is EXPRESS" };
    if (execution.status === "RUNNING") return { redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: "Execution is RUNNING and cannot be redriven" };
    if (execution.status === "SUCCEEDED") return { redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: "Execution is SUCCEEDED and cannot be redriven" };
    return { redriveStatus: "REDRIVABLE" };
  }

  function tagsOf(resourceArn: unknown): Map<string, string> {
    const arn = requireArnOf(resourceArn, "resourceArn", ["stateMachine", "activity"]);
    const parts = arn.split(":");
    if (parts[5] === "activity") {
      const tags = activityTags.get(arn);
      if (tags === undefined) throw errors.ResourceNotFound(`Resource not found: '${arn}'`);
      return tags;
    }
    const machine = machines.get(parts.slice(0, 7).join(":"));
    if (machine === undefined || parts.length > 7) throw errors.ResourceNotFound(`Resource not found: '${arn}'`);
    return machine.tags;
  }

  function applyTags(into: Map<string, string>, tags: Tag[]): void {
    const keys = new Set([...into.keys(), ...tags.map((tag) => tag.key!)]);
    if (keys.size > SFN_LIMITS.tagsPerResource) throw errors.TooManyTags(`Too many tags: the resource would have ${keys.size} tags; at most ${SFN_LIMITS.tagsPerResource} are allowed`, { resourceName: "" });
    for (const tag of tags) into.set(tag.key!, tag.value ?? "");
  }

  function publish(machine: MachineRecord, description: string | undefined): VersionRecord {
    for (const version of machine.versions.values()) {
      // Publishing an unchanged revision returns the existing version.
      if (version.revisionId === machine.revisionId) return version;
    }
    if (machine.versions.size >= SFN_LIMITS.versionsPerMachine) throw errors.ServiceQuotaExceededException(`Maximum number of versions (${SFN_LIMITS.versionsPerMachine}) reached for state machine '${machine.arn}'`);
    const version: VersionRecord = {
      arn: `${machine.arn}:${machine.nextVersion}`,
      version: machine.nextVersion,
      definitionText: machine.definitionText,
      definition: machine.definition,
      roleArn: machine.roleArn,
      creationDate: now(),
      description,
      revisionId: machine.revisionId,
    };
    machine.nextVersion += 1;
    machine.versions.set(version.version, version);
    return version;
  }

  function aliasOf(arnText: unknown): { machine: MachineRecord; alias: AliasRecord } {
    const arn = requireArnOf(arnText, "stateMachineAliasArn", ["stateMachine"]);
    const parts = arn.split(":");
    const machine = machines.get(parts.slice(0, 7).join(":"));
    const alias = machine?.aliases.get(parts[7] ?? "");
    if (machine === undefined || alias === undefined || /^\d+$/.test(parts[7] ?? "")) throw errors.ResourceNotFound(`Resource not found: '${arn}'`);
    return { machine, alias };
  }

  function checkRouting(routing: unknown): { machine: MachineRecord; routing: RoutingConfigurationListItem[] } {
    if (!Array.isArray(routing) || routing.length < 1 || routing.length > 2) {
      throw errors.ValidationException("1 validation error detected: Value at 'routingConfiguration' failed to satisfy constraint: Member must have length between 1 and 2");
    }
    let machine: MachineRecord | undefined;
    let total = 0;
    for (const route of routing as RoutingConfigurationListItem[]) {
      const arn = requireArnOf(route?.stateMachineVersionArn, "stateMachineVersionArn", ["stateMachine"]);
      const parts = arn.split(":");
      const owner = machines.get(parts.slice(0, 7).join(":"));
      if (owner === undefined || !owner.versions.has(Number(parts[7]))) throw errors.ResourceNotFound(`Resource not found: '${arn}'`);
      if (machine !== undefined && machine !== owner) throw errors.ValidationException("Routing configuration must contain state machine version ARNs of the same state machine.");
      machine = owner;
      if (!Number.isInteger(route.weight) || route.weight < 0 || route.weight > 100) throw errors.ValidationException("1 validation error detected: Value at 'routingConfiguration.member.weight' failed to satisfy constraint: Member must have value between 0 and 100");
      total += route.weight;
    }
    if (total !== 100) throw errors.ValidationException("Sum of routing configuration weights must be equal to 100.");
    if (new Set((routing as RoutingConfigurationListItem[]).map((route) => route.stateMachineVersionArn)).size !== routing.length) {
      throw errors.ValidationException("Routing configuration must contain distinct state machine version ARNs.");
    }
    return { machine: machine!, routing: (routing as RoutingConfigurationListItem[]).map((route) => ({ stateMachineVersionArn: route.stateMachineVersionArn, weight: route.weight })) };
  }

  function referencesOf(definition: Definition): { variableReferences?: Record<string, string[]> } {
    const references = variableReferences(definition);
    return references === undefined ? {} : { variableReferences: references };
  }

  function activityOf(arnText: unknown): ActivityQueue {
    const arn = requireArnOf(arnText, "activityArn", ["activity"]);
    const activity = activities.get(arn);
    if (activity === undefined) throw errors.ActivityDoesNotExist(`Activity Does Not Exist: '${arn}'`);
    return activity;
  }

  const service: StateMachineService = {
    async createStateMachine(input) {
      const name = requireName(input.name, "name");
      const type = input.type ?? "STANDARD";
      if (type !== "STANDARD" && type !== "EXPRESS") throw errors.ValidationException(`1 validation error detected: Value '${String(type)}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`);
      const definition = parseDefinition(input.definition, type);
      const roleArn = requireString(input.roleArn, "roleArn");
      if (parseArn(roleArn) === undefined) throw errors.InvalidArn(`Invalid Arn: 'Resource type not valid in this context: ${roleArn}'`);
      const tags = requireTags(input.tags);
      const arn = arnOf(`stateMachine:${name}`);
      const existing = machines.get(arn);
      if (existing !== undefined) {
        // Creating the same machine again is idempotent; any difference is a conflict.
        if (existing.definitionText === input.definition && existing.roleArn === roleArn && existing.type === type) {
          return { stateMachineArn: arn, creationDate: new Date(existing.creationDate) };
        }
        throw errors.StateMachineAlreadyExists(`State Machine Already Exists: '${arn}'`);
      }
      const port: StateMachinePort = {
        kind: "state-machine",
        arn,
        async startExecution(start) {
          const execution = launch({ stateMachineArn: arn, ...start });
          return { executionArn: execution.arn, startDate: new Date(execution.startDate) };
        },
        async startSyncExecution(start) {
          const out = await service.startSyncExecution({ stateMachineArn: arn, ...start });
          return {
            executionArn: out.executionArn,
            status: out.status,
            ...(out.output === undefined ? {} : { output: out.output }),
            ...(out.error === undefined ? {} : { error: out.error }),
            ...(out.cause === undefined ? {} : { cause: out.cause }),
          };
        },
      };
      const record: MachineRecord = {
        arn,
        name,
        type,
        definitionText: input.definition!,
        definition,
        roleArn,
        creationDate: now(),
        updateDate: now(),
        logging: input.loggingConfiguration ?? DEFAULT_LOGGING,
        tracing: input.tracingConfiguration ?? { enabled: false },
        revisionId: ctx.ids.uuid("sfn.revisions"),
        tags: new Map(),
        versions: new Map(),
        nextVersion: 1,
        aliases: new Map(),
        executions: [],
        port,
      };
      applyTags(record.tags, tags);
      machines.set(arn, record);
      ctx.registry.register(port);
      ctx.trace.record("sfn.stateMachine.created", { name, stateMachineArn: arn, type });
      const version = input.publish === true ? publish(record, input.versionDescription) : undefined;
      return { stateMachineArn: arn, creationDate: new Date(record.creationDate), ...(version === undefined ? {} : { stateMachineVersionArn: version.arn }) };
    },

    async describeStateMachine(input) {
      const arn = requireArnOf(input.stateMachineArn, "stateMachineArn", ["stateMachine"]);
      const parts = arn.split(":");
      const machine = machines.get(parts.slice(0, 7).join(":"));
      const version = parts[7] !== undefined && /^\d+$/.test(parts[7]) ? machine?.versions.get(Number(parts[7])) : undefined;
      if (machine === undefined || (parts[7] !== undefined && version === undefined)) throw errors.StateMachineDoesNotExist(`State Machine Does Not Exist: '${arn}'`);
      return {
        stateMachineArn: version?.arn ?? machine.arn,
        name: machine.name,
        status: "ACTIVE",
        definition: version?.definitionText ?? machine.definitionText,
        roleArn: version?.roleArn ?? machine.roleArn,
        type: machine.type,
        creationDate: new Date(version?.creationDate ?? machine.creationDate),
        loggingConfiguration: machine.logging,
        tracingConfiguration: machine.tracing,
        revisionId: version?.revisionId ?? machine.revisionId,
        ...(version?.description === undefined ? {} : { description: version.description }),
        ...referencesOf(version?.definition ?? machine.definition),
      };
    },

    async updateStateMachine(input) {
      const machine = machineOf(input.stateMachineArn);
      if (input.definition === undefined && input.roleArn === undefined && input.loggingConfiguration === undefined && input.tracingConfiguration === undefined) {
        throw errors.MissingRequiredParameter("Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified");
      }
      const definition = input.definition === undefined ? undefined : parseDefinition(input.definition, machine.type);
      if (input.roleArn !== undefined && parseArn(input.roleArn) === undefined) throw errors.InvalidArn(`Invalid Arn: 'Resource type not valid in this context: ${input.roleArn}'`);
      const changed = (input.definition !== undefined && input.definition !== machine.definitionText) || (input.roleArn !== undefined && input.roleArn !== machine.roleArn);
      if (definition !== undefined) {
        machine.definition = definition;
        machine.definitionText = input.definition!;
      }
      if (input.roleArn !== undefined) machine.roleArn = input.roleArn;
      if (input.loggingConfiguration !== undefined) machine.logging = input.loggingConfiguration;
      if (input.tracingConfiguration !== undefined) machine.tracing = input.tracingConfiguration;
      if (changed) machine.revisionId = ctx.ids.uuid("sfn.revisions");
      machine.updateDate = now();
      const version = input.publish === true ? publish(machine, input.versionDescription) : undefined;
      return { updateDate: new Date(machine.updateDate), revisionId: machine.revisionId, ...(version === undefined ? {} : { stateMachineVersionArn: version.arn }) };
    },

    async deleteStateMachine(input) {
      const arn = requireArnOf(input.stateMachineArn, "stateMachineArn", ["stateMachine"]);
      const parts = arn.split(":");
      if (parts.length > 7) {
        // A version ARN or alias ARN deletes just that (DeleteStateMachine accepts both since 2023).
        const machine = machines.get(parts.slice(0, 7).join(":"));
        if (/^\d+$/.test(parts[7]!)) machine?.versions.delete(Number(parts[7]));
        else machine?.aliases.delete(parts[7]!);
        return {};
      }
      const machine = machines.get(arn);
      // Deleting a machine that does not exist succeeds: the call is idempotent.
      if (machine === undefined) return {};
      machines.delete(arn);
      ctx.registry.unregister(arn);
      // Running executions are stopped (the developer guide: "executions ... are stopped" once deletion completes).
      for (const execution of machine.executions) if (execution.status === "RUNNING") execution.stop("States.Runtime", "The state machine was deleted.");
      ctx.trace.record("sfn.stateMachine.deleted", { name: machine.name, stateMachineArn: arn });
      return {};
    },

    async listStateMachines(input = {}) {
      const all = [...machines.values()].sort((a, b) => a.name.localeCompare(b.name));
      const { items, nextToken } = page(all, input, "stateMachines");
      return {
        stateMachines: items.map((machine) => ({ stateMachineArn: machine.arn, name: machine.name, type: machine.type, creationDate: new Date(machine.creationDate) })),
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },

    async validateStateMachineDefinition(input) {
      const source = requireString(input.definition, "definition");
      const { diagnostics } = validateDefinition(source, { type: input.type ?? "STANDARD" });
      const wanted = input.severity === "WARNING" ? diagnostics : diagnostics.filter((diagnostic) => diagnostic.severity === "ERROR");
      const max = input.maxResults === undefined || input.maxResults === 0 ? 100 : input.maxResults;
      const result = diagnostics.some((diagnostic) => diagnostic.severity === "ERROR") ? "FAIL" : "OK";
      return {
        result,
        diagnostics: wanted.slice(0, max).map((diagnostic) => ({
          severity: diagnostic.severity,
          code: diagnostic.code,
          message: diagnostic.message,
          ...(diagnostic.location === undefined ? {} : { location: diagnostic.location }),
        })),
        truncated: wanted.length > max,
      };
    },

    async tagResource(input) {
      const tags = requireTags(input.tags);
      applyTags(tagsOf(input.resourceArn), tags);
      return {};
    },

    async untagResource(input) {
      const target = tagsOf(input.resourceArn);
      if (!Array.isArray(input.tagKeys)) throw errors.ValidationException("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
      for (const key of input.tagKeys) target.delete(key);
      return {};
    },

    async listTagsForResource(input) {
      return { tags: [...tagsOf(input.resourceArn)].map(([key, value]) => ({ key, value })) };
    },

    async publishStateMachineVersion(input) {
      const machine = machineOf(input.stateMachineArn);
      if (input.revisionId !== undefined && input.revisionId !== machine.revisionId) {
        throw errors.ConflictException(`Failed to publish the State Machine version for revision ${input.revisionId}. The current State Machine revision is ${machine.revisionId}.`);
      }
      const version = publish(machine, input.description);
      return { creationDate: new Date(version.creationDate), stateMachineVersionArn: version.arn };
    },

    async listStateMachineVersions(input) {
      const machine = machineOf(input.stateMachineArn);
      const all = [...machine.versions.values()].sort((a, b) => b.version - a.version);
      const { items, nextToken } = page(all, input, `versions:${machine.arn}`);
      return {
        stateMachineVersions: items.map((version) => ({ stateMachineVersionArn: version.arn, creationDate: new Date(version.creationDate) })),
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },

    async deleteStateMachineVersion(input) {
      const arn = requireArnOf(input.stateMachineVersionArn, "stateMachineVersionArn", ["stateMachine"]);
      const parts = arn.split(":");
      if (parts.length !== 8 || !/^\d+$/.test(parts[7]!)) throw errors.ValidationException(`Invalid Arn: '${arn}' is not a state machine version ARN`);
      const machine = machines.get(parts.slice(0, 7).join(":"));
      if (machine === undefined) return {};
      for (const alias of machine.aliases.values()) {
        if (alias.routing.some((route) => route.stateMachineVersionArn === arn)) {
          throw errors.ConflictException(`Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [${alias.name}]`);
        }
      }
      machine.versions.delete(Number(parts[7]));
      return {};
    },

    async createStateMachineAlias(input) {
      const name = requireName(input.name, "name");
      if (/^\d+$/.test(name)) throw errors.ValidationException(`1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$`);
      const { machine, routing } = checkRouting(input.routingConfiguration);
      const arn = `${machine.arn}:${name}`;
      const existing = machine.aliases.get(name);
      if (existing !== undefined) {
        if (JSON.stringify(existing.routing) === JSON.stringify(routing) && existing.description === input.description) return { stateMachineAliasArn: arn, creationDate: new Date(existing.creationDate) };
        throw errors.ConflictException(`Failed to create alias because an alias with the same name and a different routing configuration already exists.`);
      }
      if (machine.aliases.size >= SFN_LIMITS.aliasesPerMachine) throw errors.ServiceQuotaExceededException(`Maximum number of aliases (${SFN_LIMITS.aliasesPerMachine}) reached for state machine '${machine.arn}'`);
      const alias: AliasRecord = { arn, name, description: input.description, routing, creationDate: now(), updateDate: now() };
      machine.aliases.set(name, alias);
      return { stateMachineAliasArn: arn, creationDate: new Date(alias.creationDate) };
    },

    async describeStateMachineAlias(input) {
      const { alias } = aliasOf(input.stateMachineAliasArn);
      return {
        stateMachineAliasArn: alias.arn,
        name: alias.name,
        ...(alias.description === undefined ? {} : { description: alias.description }),
        routingConfiguration: alias.routing,
        creationDate: new Date(alias.creationDate),
        updateDate: new Date(alias.updateDate),
      };
    },

    async updateStateMachineAlias(input) {
      const { machine, alias } = aliasOf(input.stateMachineAliasArn);
      if (input.description === undefined && input.routingConfiguration === undefined) {
        throw errors.ValidationException("Either the description or the routing configuration must be specified");
      }
      if (input.routingConfiguration !== undefined) {
        const checked = checkRouting(input.routingConfiguration);
        if (checked.machine !== machine) throw errors.ValidationException("Routing configuration must contain state machine version ARNs of the alias's state machine.");
        alias.routing = checked.routing;
      }
      if (input.description !== undefined) alias.description = input.description;
      alias.updateDate = now();
      return { updateDate: new Date(alias.updateDate) };
    },

    async deleteStateMachineAlias(input) {
      const { machine, alias } = aliasOf(input.stateMachineAliasArn);
      machine.aliases.delete(alias.name);
      return {};
    },

    async listStateMachineAliases(input) {
      const machine = machineOf(input.stateMachineArn);
      const { items, nextToken } = page([...machine.aliases.values()], input, `aliases:${machine.arn}`);
      return {
        stateMachineAliases: items.map((alias) => ({ stateMachineAliasArn: alias.arn, creationDate: new Date(alias.creationDate) })),
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },

    async startExecution(input) {
      const execution = launch(input);
      return { executionArn: execution.arn, startDate: new Date(execution.startDate) };
    },

    async startSyncExecution(input) {
      const arnText = requireString(input.stateMachineArn, "stateMachineArn");
      const { machine } = target(arnText.split("#")[0]!);
      if (machine.type !== "EXPRESS") throw errors.StateMachineTypeNotSupported("This operation is not supported by this type of state machine");
      const execution = launch(input);
      await ctx.scheduler.waitFor(execution.done);
      const status = execution.status === "SUCCEEDED" || execution.status === "TIMED_OUT" ? execution.status : "FAILED";
      return {
        executionArn: execution.arn,
        stateMachineArn: execution.stateMachineArn,
        name: execution.name,
        startDate: new Date(execution.startDate),
        stopDate: new Date(execution.stopDate ?? now()),
        status,
        input: execution.input,
        inputDetails: { included: true },
        ...(execution.output === undefined ? {} : { output: execution.output, outputDetails: { included: true } }),
        ...(execution.error === undefined ? {} : { error: execution.error }),
        ...(execution.cause === undefined ? {} : { cause: execution.cause }),
        billingDetails: {
          billedMemoryUsedInMB: 64,
          // Express executions are billed in 100 ms increments, at least 100 ms.
          billedDurationInMilliseconds: Math.max(100, Math.ceil(((execution.stopDate ?? now()) - execution.startDate) / 100) * 100),
        },
        ...(execution.traceHeader === undefined ? {} : { traceHeader: execution.traceHeader }),
      };
    },

    async stopExecution(input) {
      const execution = executionOf(input.executionArn);
      if (input.error !== undefined && input.error.length > 256) throw errors.ValidationException("1 validation error detected: Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256");
      if (input.cause !== undefined && input.cause.length > 32768) throw errors.ValidationException("1 validation error detected: Value at 'cause' failed to satisfy constraint: Member must have length less than or equal to 32768");
      if (execution.status === "RUNNING") execution.stop(input.error, input.cause);
      return { stopDate: new Date(execution.stopDate ?? now()) };
    },

    async describeExecution(input) {
      return describeExecutionOutput(executionOf(input.executionArn));
    },

    async describeStateMachineForExecution(input) {
      const execution = executionOf(input.executionArn);
      const machine = execution.machine;
      const record = machines.get(machine.stateMachineArn);
      return {
        stateMachineArn: machine.versionArn ?? machine.stateMachineArn,
        name: machine.name,
        definition: machine.definitionText,
        roleArn: machine.roleArn,
        updateDate: new Date(record?.updateDate ?? execution.startDate),
        loggingConfiguration: record?.logging ?? DEFAULT_LOGGING,
        tracingConfiguration: record?.tracing ?? { enabled: false },
        ...(record === undefined ? {} : { revisionId: record.revisionId }),
        ...(childRuns.get(execution) === undefined ? {} : { mapRunArn: childRuns.get(execution)!.arn, label: childRuns.get(execution)!.label }),
      };
    },

    async listExecutions(input) {
      if (input.mapRunArn !== undefined) return listMapRunExecutions(input);
      const arn = requireArnOf(input.stateMachineArn, "stateMachineArn", ["stateMachine"]);
      const parts = arn.split(":");
      const machine = machines.get(parts.slice(0, 7).join(":"));
      if (machine === undefined) throw errors.StateMachineDoesNotExist(`State Machine Does Not Exist: '${arn}'`);
      if (machine.type === "EXPRESS") throw errors.StateMachineTypeNotSupported("This operation is not supported by this type of state machine");
      const statuses: readonly ExecutionStatus[] = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"];
      if (input.statusFilter !== undefined && !statuses.includes(input.statusFilter)) {
        throw errors.ValidationException(`1 validation error detected: Value '${String(input.statusFilter)}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${statuses.join(", ")}]`);
      }
      const matching = machine.executions
        .filter((execution) => input.statusFilter === undefined || execution.status === input.statusFilter)
        .filter((execution) => parts.length === 7 || execution.machine.versionArn === arn || execution.machine.aliasArn === arn)
        .filter((execution) => input.redriveFilter === undefined || (input.redriveFilter === "REDRIVEN") === execution.redriveCount > 0)
        .reverse();
      const { items, nextToken } = page(matching, input, `executions:${arn}:${input.statusFilter ?? ""}`);
      return {
        executions: items.map((execution) => ({
          ...executionListItem(execution),
          ...(execution.machine.versionArn === undefined ? {} : { stateMachineVersionArn: execution.machine.versionArn }),
          ...(execution.machine.aliasArn === undefined ? {} : { stateMachineAliasArn: execution.machine.aliasArn }),
          ...(execution.redriveCount > 0 ? { redriveCount: execution.redriveCount } : {}),
          ...(execution.redriveDate === undefined ? {} : { redriveDate: new Date(execution.redriveDate) }),
        })),
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },

    async getExecutionHistory(input) {
      const execution = executionOf(input.executionArn);
      for (const member of ["reverseOrder", "includeExecutionData"] as const) {
        const value: unknown = input[member];
        if (value !== undefined && value !== null && typeof value !== "boolean") {
          throw errors.ValidationException(`1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must be a boolean`);
        }
      }
      const ordered = input.reverseOrder === true ? [...execution.history.events].reverse() : execution.history.events;
      const { items, nextToken } = page(ordered, input, `history:${execution.arn}:${input.reverseOrder === true}`);
      const events = input.includeExecutionData === false ? items.map(withoutData) : items.map((event) => ({ ...event }));
      return { events, ...(nextToken === undefined ? {} : { nextToken }) };
    },

    async redriveExecution(input) {
      const execution = executionOf(input.executionArn);
      if (execution.machine.type === "EXPRESS" || execution.status === "RUNNING" || execution.status === "SUCCEEDED") {
        throw errors.ExecutionNotRedrivable(`Execution with status ${execution.status} cannot be redriven`);
      }
      // "Redriving executions": within 14 days of the execution's stop.
      if (now() - (execution.stopDate ?? now()) > 14 * 24 * 60 * 60 * 1000) throw errors.ExecutionNotRedrivable("Execution can only be redriven within 14 days of its stop");
      if (!execution.redrive()) throw errors.ExecutionNotRedrivable("Execution has no failed state to redrive from");
      return { redriveDate: new Date(execution.redriveDate ?? now()) };
    },

    async createActivity(input) {
      const name = requireName(input.name, "name");
      const tags = requireTags(input.tags);
      const arn = arnOf(`activity:${name}`);
      const existing = activities.get(arn);
      if (existing !== undefined) return { activityArn: arn, creationDate: new Date(existing.creationDate) };
      const activity = new ActivityQueue(arn, name, now(), ctx.scheduler);
      const tagMap = new Map<string, string>();
      applyTags(tagMap, tags);
      activities.set(arn, activity);
      activityTags.set(arn, tagMap);
      return { activityArn: arn, creationDate: new Date(activity.creationDate) };
    },

    async describeActivity(input) {
      const activity = activityOf(input.activityArn);
      return { activityArn: activity.arn, name: activity.name, creationDate: new Date(activity.creationDate) };
    },

    async deleteActivity(input) {
      const arn = requireArnOf(input.activityArn, "activityArn", ["activity"]);
      activities.delete(arn);
      activityTags.delete(arn);
      return {};
    },

    async listActivities(input = {}) {
      const all = [...activities.values()].sort((a, b) => a.name.localeCompare(b.name));
      const { items, nextToken } = page(all, input, "activities");
      return {
        activities: items.map((activity) => ({ activityArn: activity.arn, name: activity.name, creationDate: new Date(activity.creationDate) })),
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },

    async getActivityTask(input) {
      const activity = activityOf(input.activityArn);
      if (input.workerName !== undefined && (typeof input.workerName !== "string" || input.workerName.length > 80)) {
        throw errors.ValidationException("1 validation error detected: Value at 'workerName' failed to satisfy constraint: Member must have length less than or equal to 80");
      }
      return ctx.scheduler.waitFor(activity.poll(input.workerName, SFN_LIMITS.activityPollSeconds));
    },

    async sendTaskSuccess(input) {
      if (typeof input.output === "string" && Buffer.byteLength(input.output, "utf8") > SFN_LIMITS.payloadBytes) {
        throw errors.ValidationException(`1 validation error detected: Value at 'output' failed to satisfy constraint: Member must have length less than or equal to ${SFN_LIMITS.payloadBytes}`);
      }
      tokens.succeed(input.taskToken, input.output);
      ctx.scheduler.touch();
      return {};
    },

    async sendTaskFailure(input) {
      if (input.error !== undefined && input.error.length > 256) throw errors.ValidationException("1 validation error detected: Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256");
      tokens.fail(input.taskToken, input.error, input.cause);
      ctx.scheduler.touch();
      return {};
    },

    async sendTaskHeartbeat(input) {
      tokens.heartbeat(input.taskToken);
      ctx.scheduler.touch();
      return {};
    },

    async testState(input) {
      const { definition, state, mock } = testStateMachine(input);
      const text = requirePayload(input.input, "input");
      const snapshot: MachineSnapshot = {
        stateMachineArn: arnOf("stateMachine:TestState"),
        name: "TestState",
        definition,
        definitionText: JSON.stringify(definition),
        roleArn: input.roleArn ?? "arn:aws:iam::000000000000:role/TestState",
        type: "STANDARD",
      };
      const execution = new Execution(host, arnOf(`execution:TestState:${ctx.ids.uuid("sfn.executions")}`), "TestState", snapshot, text, undefined);
      if (mock !== undefined) testMocks.set(execution, mock);
      execution.initialScope = testStateVariables(input.variables);
      execution.start();
      await awaitTest(ctx, execution);
      return testStateOutput(execution, state, input, execution.initialScope);
    },

    async describeMapRun(input) {
      return mapRunOf(input.mapRunArn).describe();
    },

    async listMapRuns(input) {
      const execution = executionOf(input.executionArn);
      const { items, nextToken } = page(runsOfExecution.get(execution.arn) ?? [], input, `mapRuns:${execution.arn}`);
      return { mapRuns: items.map((run) => run.listItem()), ...(nextToken === undefined ? {} : { nextToken }) };
    },

    async updateMapRun(input) {
      const run = mapRunOf(input.mapRunArn);
      const { maxConcurrency, toleratedFailurePercentage: percentage, toleratedFailureCount: count } = input;
      if (maxConcurrency === undefined && percentage === undefined && count === undefined) {
        throw errors.ValidationException("At least one of maxConcurrency, toleratedFailurePercentage or toleratedFailureCount must be specified");
      }
      if (maxConcurrency !== undefined && !(Number.isInteger(maxConcurrency) && maxConcurrency >= 0)) {
        throw errors.ValidationException(`1 validation error detected: Value '${String(maxConcurrency)}' at 'maxConcurrency' failed to satisfy constraint: Member must have value greater than or equal to 0`);
      }
      if (percentage !== undefined && !(typeof percentage === "number" && percentage >= 0 && percentage <= 100)) {
        throw errors.ValidationException(`1 validation error detected: Value '${String(percentage)}' at 'toleratedFailurePercentage' failed to satisfy constraint: Member must have value between 0 and 100`);
      }
      if (count !== undefined && !(Number.isInteger(count) && count >= 0)) {
        throw errors.ValidationException(`1 validation error detected: Value '${String(count)}' at 'toleratedFailureCount' failed to satisfy constraint: Member must have value greater than or equal to 0`);
      }
      if (maxConcurrency !== undefined) run.maxConcurrency = maxConcurrency;
      if (percentage !== undefined) {
        run.toleratedFailurePercentage = percentage;
        run.toleranceSet.percentage = true;
      }
      if (count !== undefined) {
        run.toleratedFailureCount = count;
        run.toleranceSet.count = true;
      }
      run.wake?.();
      return {};
    },

    registerTaskHandler(resource, handler) {
      if (typeof resource !== "string" || resource.length === 0) throw new TypeError("registerTaskHandler needs a resource ARN or a prefix ending in '*'");
      if (typeof handler !== "function") throw new TypeError("registerTaskHandler needs a handler function");
      return integrations.registerHandler(resource, handler);
    },

    setMockConfig(config) {
      mockConfig = config === undefined ? undefined : checkMockConfig(config);
    },

    executionPath(executionArn) {
      // Copies without the fields a step never set (steps are created with every field, undefined until set).
      return anyExecution(executionArn).path.map((step) => {
        const copy = { ...step };
        for (const key of ["exitedAt", "output", "error", "cause", "caught"] as const) if (copy[key] === undefined) delete copy[key];
        return copy;
      });
    },

    renderMermaid(what) {
      if ("executionArn" in what) {
        const execution = anyExecution(what.executionArn);
        return renderExecution(execution.machine.definition, execution.path, execution.status);
      }
      const definition = typeof what.definition === "string" ? parseDefinition(what.definition) : what.definition;
      return renderDefinition(definition);
    },
  };
  return service;
}
