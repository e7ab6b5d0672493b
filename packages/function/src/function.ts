import type { RecursiveLoop } from "./recursion";
import { freeze, produce } from "immer";
import type { RandomStream } from "@simcloud/clock";
import { errors } from "./errors";
import type { EnvironmentPool } from "./environment";
import type { AliasRecord, CodeRecord, EventInvokeConfigRecord, LoggedInvocation, ResolvedTarget, VersionRecord } from "./records";
import type { AliasConfiguration, FunctionConfiguration, FunctionEventInvokeConfig, FunctionMetrics, InvocationLog } from "./types";

const LOG_RETENTION = 1_000;

/** One Lambda function: its $LATEST, published versions, aliases and the runtime state around them. */
export class LambdaFunction {
  latest: VersionRecord;
  readonly versions = new Map<string, VersionRecord>();
  readonly aliases = new Map<string, AliasRecord>();
  readonly tags = new Map<string, string>();
  readonly eventInvokeConfigs = new Map<string, EventInvokeConfigRecord>();
  readonly provisioned = new Map<string, { count: number; lastModified: number }>();
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

  constructor(
    readonly name: string,
    readonly arn: string,
    config: FunctionConfiguration,
    code: CodeRecord,
    readonly environments: EnvironmentPool,
  ) {
    this.latest = freeze({ version: "$LATEST", config, code, generation: 0 }, true);
  }

  updateLatest(change: (config: FunctionConfiguration) => void, code?: CodeRecord): void {
    this.generation++;
    const config = produce(this.latest.config, change);
    this.latest = freeze({ version: "$LATEST", config, code: code ?? this.latest.code, generation: this.generation }, true);
  }

  publish(description: string | undefined, revisionId: string): VersionRecord {
    const version = String(this.nextVersion++);
    const config = produce(this.latest.config, (draft) => {
      draft.Version = version;
      draft.FunctionArn = `${this.arn}:${version}`;
      draft.RevisionId = revisionId;
      if (description !== undefined) draft.Description = description;
    });
    const record = freeze({ version, config, code: this.latest.code, generation: -this.nextVersion }, true);
    this.versions.set(version, record);
    return record;
  }

  /** The newest published version, if its code and configuration still equal $LATEST's. */
  unchangedPublished(): VersionRecord | undefined {
    const newest = this.versions.get(String(this.nextVersion - 1));
    if (newest === undefined) return undefined;
    const same = newest.code === this.latest.code && newest.config.CodeSha256 === this.latest.config.CodeSha256;
    const { Version: _a, FunctionArn: _b, RevisionId: _c, ...left } = newest.config;
    const { Version: _d, FunctionArn: _e, RevisionId: _f, ...right } = this.latest.config;
    return same && JSON.stringify(left) === JSON.stringify(right) ? newest : undefined;
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
