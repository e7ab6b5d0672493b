import type { RecursiveLoop } from "./recursion";
import { freeze, produce } from "immer";
import type { RandomStream } from "@simcloud/clock";
import type { AwsError, TagSet } from "@simcloud/core";
import { errors } from "./errors";
import type { EnvironmentPool } from "./environment";
import type { AliasRecord, CodeRecord, EventInvokeConfigRecord, LoggedInvocation, ResolvedTarget, VersionRecord } from "./records";
import type { AliasConfiguration, FunctionConfiguration, FunctionEventInvokeConfig, FunctionMetrics, InvocationLog } from "./types";

const LOG_RETENTION = 1_000;

/** Any call on a function still being created ("Lambda function states": Lambda does not invoke a Pending function). */
export function pendingConflict(): AwsError {
  return errors.ResourceConflictException("The operation cannot be performed at this time. The function is currently in the following state: Pending");
}

/** One Lambda function: its $LATEST, published versions, aliases and the runtime state around them. */
export class LambdaFunction {
  latest: VersionRecord;
  readonly versions = new Map<string, VersionRecord>();
  readonly aliases = new Map<string, AliasRecord>();
  readonly eventInvokeConfigs = new Map<string, EventInvokeConfigRecord>();
  /** Provisioned concurrency per qualifier: IN_PROGRESS until `readyAt` (the service's stateTransitionMs), then READY. */
  readonly provisioned = new Map<string, { count: number; lastModified: number; readyAt: number }>();
  reservedConcurrency: number | undefined;
  nextVersion = 1;
  generation = 0;
  /** Environments busy with an invocation right now (all versions): the function's concurrency. */
  busy = 0;
  readonly metrics: FunctionMetrics = {
    Invocations: 0,
    Errors: 0,
    Throttles: 0,
    Duration: { Sum: 0, Maximum: 0, Minimum: 0, SampleCount: 0 },
    ConcurrentExecutions: 0,
    MaxConcurrentExecutions: 0,
    ColdStarts: 0,
    DeadLetterErrors: 0,
    DestinationDeliveryFailures: 0,
    RecursiveInvocationsDropped: 0,
  };
  /** PutFunctionRecursionConfig: Terminate unless the user allows recursive loops. */
  recursiveLoop: RecursiveLoop = "Terminate";
  private logs: LoggedInvocation[] = [];
  deleted = false;
  /**
   * The create or update now running on $LATEST (Lambda function states): until the clock reaches `readyAt`, $LATEST
   * reads Pending (a create) or InProgress (an update) with `pendingRevision`, and invocations run `previous` (an
   * update) or are refused (a create). Derived from the clock on each read, so no task is needed for the change.
   */
  transition: "create" | "update" = "create";
  readyAt = 0;
  pendingRevision = "";
  previous: VersionRecord | undefined;
  /** The task tracing the transition's end (a positive `stateTransitionMs` only). */
  transitionTask: { cancel(): void } | undefined;
  /** $LATEST's record when the newest version was published from it (PublishVersion's "unchanged" test). */
  private publishedFrom: VersionRecord | undefined;

  constructor(
    readonly name: string,
    readonly arn: string,
    config: FunctionConfiguration,
    code: CodeRecord,
    readonly environments: EnvironmentPool,
    /** The function's tags: the unqualified function's, never a version's or an alias's. */
    readonly tags: TagSet,
  ) {
    this.latest = freeze({ version: "$LATEST", config, code, generation: 0 }, true);
  }

  /** True while the create or update started at the last change is still running at `now`. */
  inTransition(now: number): boolean {
    return now < this.readyAt;
  }

  /**
   * Updates and publishing wait for the running create or update (AWS answers 409: recorded
   * test_lambda_concurrent_code_updates for an update; "Lambda function states" for a Pending function).
   */
  requireSettled(now: number): void {
    if (now >= this.readyAt) return;
    if (this.transition === "create") throw pendingConflict();
    throw errors.ResourceConflictException(`The operation cannot be performed at this time. An update is in progress for resource: ${this.arn}`);
  }

  /** $LATEST's configuration as a read at `now` sees it: the transition's view while it runs, else the record. */
  latestConfig(now: number): FunctionConfiguration {
    return now < this.readyAt ? this.transitionView() : this.latest.config;
  }

  /** The RevisionId a conditional update must name at `now`. */
  latestRevision(now: number): string {
    return now < this.readyAt ? this.pendingRevision : this.latest.config.RevisionId;
  }

  /**
   * What CreateFunction and the updates answer (AWS's recorded answers): State Pending with "Creating" and no
   * LastUpdateStatus for a create; LastUpdateStatus InProgress for an update (whose reason AWS words "The function is
   * being created." too); each with the RevisionId that the end of the transition replaces.
   */
  transitionView(): FunctionConfiguration {
    const config = this.latest.config;
    if (this.transition === "create") {
      const { LastUpdateStatus: _status, ...rest } = config;
      return { ...rest, State: "Pending", StateReason: "The function is being created.", StateReasonCode: "Creating", RevisionId: this.pendingRevision };
    }
    return { ...config, LastUpdateStatus: "InProgress", LastUpdateStatusReason: "The function is being created.", LastUpdateStatusReasonCode: "Creating", RevisionId: this.pendingRevision };
  }

  /** Starts a create or update transition ending at `readyAt` (the record already holds the configuration after it). */
  beginTransition(kind: "create" | "update", readyAt: number, pendingRevision: string, previous: VersionRecord | undefined): void {
    this.transition = kind;
    this.readyAt = readyAt;
    this.pendingRevision = pendingRevision;
    this.previous = previous;
  }

  updateLatest(change: (config: FunctionConfiguration) => void, code?: CodeRecord): void {
    this.generation++;
    const config = produce(this.latest.config, change);
    this.latest = freeze({ version: "$LATEST", config, code: code ?? this.latest.code, generation: this.generation }, true);
  }

  /**
   * Publishes $LATEST as the next version with `revisionId`; $LATEST itself takes `latestRevisionId` (AWS's recorded
   * answers: publishing changes $LATEST's RevisionId too).
   */
  publish(description: string | undefined, revisionId: string, latestRevisionId: string): VersionRecord {
    const version = String(this.nextVersion++);
    const config = produce(this.latest.config, (draft) => {
      draft.Version = version;
      draft.FunctionArn = `${this.arn}:${version}`;
      draft.RevisionId = revisionId;
      if (description !== undefined) draft.Description = description;
    });
    const record = freeze({ version, config, code: this.latest.code, generation: -this.nextVersion }, true);
    this.versions.set(version, record);
    this.latest = freeze({ ...this.latest, config: produce(this.latest.config, (draft) => void (draft.RevisionId = latestRevisionId)) }, true);
    this.publishedFrom = this.latest;
    return record;
  }

  /**
   * The newest published version, if $LATEST has not changed since it was published ("Lambda doesn't publish a version
   * if the function's code and configuration haven't changed since the last version": a new Description alone does
   * not count, as AWS's recorded test_version_lifecycle shows).
   */
  unchangedPublished(): VersionRecord | undefined {
    const newest = this.versions.get(String(this.nextVersion - 1));
    return newest !== undefined && this.publishedFrom === this.latest ? newest : undefined;
  }

  version(qualifier: string): VersionRecord {
    if (qualifier === "$LATEST") return this.latest;
    const found = this.versions.get(qualifier);
    if (found === undefined) throw errors.ResourceNotFoundException(`Function not found: ${this.arn}:${qualifier}`);
    return found;
  }

  /** Qualifier → version, following an alias and its weighted routing (drawn from the seeded routing stream). */
  resolve(qualifier: string | undefined, routing: RandomStream): ResolvedTarget {
    if (qualifier === undefined || qualifier === "$LATEST") {
      return { version: this.latest, invokedArn: qualifier === undefined ? this.arn : `${this.arn}:$LATEST`, qualifier: "$LATEST" };
    }
    const alias = this.aliases.get(qualifier);
    if (alias === undefined) return { version: this.version(qualifier), invokedArn: `${this.arn}:${qualifier}`, qualifier };
    let chosen = alias.functionVersion;
    if (alias.weights !== undefined) {
      const draw = routing.next();
      let acc = 0;
      for (const [version, weight] of Object.entries(alias.weights)) {
        acc += weight;
        if (draw < acc) {
          chosen = version;
          break;
        }
      }
    }
    return { version: this.version(chosen), invokedArn: `${this.arn}:${qualifier}`, qualifier };
  }

  aliasConfiguration(alias: AliasRecord): AliasConfiguration {
    return {
      AliasArn: `${this.arn}:${alias.name}`,
      Name: alias.name,
      FunctionVersion: alias.functionVersion,
      Description: alias.description,
      ...(alias.weights === undefined ? {} : { RoutingConfig: { AdditionalVersionWeights: { ...alias.weights } } }),
      RevisionId: alias.revisionId,
    };
  }

  eventInvokeConfig(qualifier: string): EventInvokeConfigRecord | undefined {
    return this.eventInvokeConfigs.get(qualifier);
  }

  eventInvokeConfigShape(qualifier: string, record: EventInvokeConfigRecord): FunctionEventInvokeConfig {
    return {
      LastModified: new Date(record.lastModified),
      FunctionArn: `${this.arn}:${qualifier}`,
      ...(record.maximumRetryAttempts === undefined ? {} : { MaximumRetryAttempts: record.maximumRetryAttempts }),
      ...(record.maximumEventAgeInSeconds === undefined ? {} : { MaximumEventAgeInSeconds: record.maximumEventAgeInSeconds }),
      DestinationConfig: {
        OnSuccess: { ...record.destinationConfig.OnSuccess },
        OnFailure: { ...record.destinationConfig.OnFailure },
      },
    };
  }

  recordLog(entry: LoggedInvocation): void {
    this.logs.push(entry);
    // Bounded, so a benchmark of 100,000 invocations does not keep every line alive; trimmed in steps of
    // LOG_RETENTION so that each invocation does not shift the whole array.
    if (this.logs.length >= 2 * LOG_RETENTION) this.logs = this.logs.slice(-LOG_RETENTION);
  }

  /**
   * A failed event source mapping batch, kept among the invocation logs (RequestId is the mapping's UUID) so
   * that getFunctionLogs shows why messages came back: a throttle has no invocation, and an invocation's own
   * lines do not say how the mapping judged its response.
   */
  recordMappingFailure(time: number, uuid: string, line: string): void {
    const text = `${new Date(time).toISOString()}\t${line}`;
    this.recordLog({ startTime: time, durationMs: 0, functionError: undefined, log: { requestId: uuid, version: this.latest.version, lines: () => [text] } });
  }

  /** The last LOG_RETENTION invocations' logs, oldest first, in getFunctionLogs' shape. */
  recentLogs(): InvocationLog[] {
    const recent = this.logs.length > LOG_RETENTION ? this.logs.slice(-LOG_RETENTION) : this.logs;
    return recent.map((entry) => ({
      RequestId: entry.log.requestId,
      Version: entry.log.version,
      StartTime: entry.startTime,
      DurationMs: entry.durationMs,
      Lines: [...entry.log.lines()],
      ...(entry.functionError === undefined ? {} : { FunctionError: entry.functionError }),
    }));
  }
}
