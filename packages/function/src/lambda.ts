import { createHash } from "node:crypto";
import { buildArn, guardInputs, paginate, partitionOf, ResourceTable, TagSet, type SimContext } from "@simcloud/core";
import { aliasActions } from "./aliases";
import { AsyncInvoker } from "./async-invoke";
import { ConcurrencyLimiter } from "./concurrency";
import { EnvironmentPool, newModuleLoader } from "./environment";
import { errors } from "./errors";
import { eventInvokeConfigActions } from "./event-invoke-config";
import { EventSourceMappings } from "./event-source-mapping";
import { LambdaFunction } from "./function";
import type { ServiceHost } from "./host";
import { Invoker } from "./invocation";
import { functionPort, invokeAction, mappingHost } from "./invoke";
import { LAMBDA_INPUTS } from "./input-shapes";
import { LIMITS } from "./limits";
import { parseFunctionRef } from "./names";
import type { CodeRecord, VersionRecord } from "./records";
import { provisionedConcurrencyActions } from "./provisioned-concurrency";
import { acquireRuntime } from "./runtime-scope";
import type { RecursiveLoop } from "./recursion";
import { Reservations, reservedConcurrencyActions } from "./reserved-concurrency";
import type { FunctionService, FunctionServiceOptions } from "./service";
import { ResourcePolicies, type AddPermissionInput, type GetPolicyInput, type RemovePermissionInput } from "./policy";
import type {
  CreateFunctionCommandInput,
  FunctionConfiguration,
  FunctionMetrics,
  FunctionNameInput,
  GetAccountSettingsCommandOutput,
  GetFunctionCommandOutput,
  InvocationLog,
  ListedConfiguration,
  ListFunctionsCommandInput,
  ListFunctionsCommandOutput,
  ListVersionsByFunctionCommandInput,
  ListVersionsByFunctionCommandOutput,
  PublishVersionCommandInput,
  TagResourceCommandInput,
  UntagResourceCommandInput,
  UpdateFunctionCodeCommandInput,
  UpdateFunctionConfigurationCommandInput,
} from "./types";
import type {
  CreateEventSourceMappingCommandInput,
  EventSourceMappingConfiguration,
  ListEventSourceMappingsCommandInput,
  ListEventSourceMappingsCommandOutput,
  UpdateEventSourceMappingCommandInput,
} from "./event-source-mapping-types";
import {
  checkDescription,
  checkEnvironment,
  checkEphemeralStorage,
  checkRange,
  checkRevision,
  checkRuntime,
  requireNewFunctionName,
  LAMBDA_TAG_RULES,
  invalidMarker,
  requireUnqualifiedForTags,
  requireResourceArn,
  requireHomeRegion,
  checkRole,
  checkArchitectures,
  checkListFunctionVersion,
} from "./validate";
import "./trace";

const encoder = new TextEncoder();

/** Lambda: one async method per action, SDK v3 shapes in and out. */
export function createFunctionService(ctx: SimContext, options: FunctionServiceOptions = {}): FunctionService {
  // Unqualified functions only: versions and aliases live inside each LambdaFunction and answer through its port.
  const functions = new ResourceTable<LambdaFunction>(ctx, {
    kind: "lambda.function",
    nameOf: (fn) => fn.name,
    arnOf: (fn) => fn.arn,
    // Unused: `find` words not-found itself (the ARN it answers with carries the qualifier the caller named).
    notFound: (key) => errors.ResourceNotFoundException(`Function not found: ${key}`),
    port: (fn) => functionPort(fn, invoke),
  });
  const scope = { region: ctx.region, accountId: ctx.accountId };
  const homeArnPrefix = `arn:aws:lambda:${ctx.region}:`;
  const poolOptions = { idleTimeoutMs: options.environmentIdleTimeoutMs ?? 600_000, inheritProcessEnv: options.inheritProcessEnv ?? true };
  const reservations = new Reservations(options.accountConcurrency ?? LIMITS.accountConcurrency);
  const limiter = new ConcurrencyLimiter(reservations.accountLimit, () => reservations.total());
  const modules = newModuleLoader();
  // A disposed cloud lets go of its module instances even while the caller still holds the cloud.
  ctx.scheduler.onDispose(() => {
    for (const fn of functions.values()) fn.environments.clear();
  });
  // The patched process.env and console go back to the host's when the last cloud using them is disposed.
  ctx.scheduler.onDispose(acquireRuntime());
  const transitionMs = options.stateTransitionMs ?? 0;
  if (!Number.isFinite(transitionMs) || transitionMs < 0) throw new RangeError(`lambda.stateTransitionMs must be a finite number >= 0, got ${String(transitionMs)}`);
  const invoker = new Invoker(ctx, limiter, { printLogs: options.printLogs ?? false, coldStartMs: options.coldStartMs ?? 0, modules });
  const routing = ctx.random.stream("lambda.routing");
  const asyncInvoker = new AsyncInvoker(ctx, invoker, routing);

  function find(text: unknown, qualifier?: string, invoke = false): { fn: LambdaFunction; qualifier: string | undefined } {
    requireHomeRegion(text, homeArnPrefix, ctx.region);
    const ref = parseFunctionRef(text, qualifier, invoke);
    // An ARN names its region, account and partition: a function elsewhere is not this service's.
    if (ref.region !== undefined && ref.region !== "" && ref.region !== ctx.region) {
      throw errors.ResourceNotFoundException(`Functions from '${ref.region}' are not reachable in this region ('${ctx.region}')`);
    }
    const fn = (ref.accountId === undefined || ref.accountId === ctx.accountId) && (ref.partition === undefined || ref.partition === partitionOf(ctx.region)) ? functions.find(ref.name) : undefined;
    if (fn === undefined) {
      const where = `arn:${ref.partition ?? partitionOf(ctx.region)}:lambda:${ctx.region}:${ref.accountId ?? ctx.accountId}`;
      const arn = `${where}:function:${ref.name}${ref.qualifier === undefined ? "" : `:${ref.qualifier}`}`;
      throw errors.ResourceNotFoundException(`Function not found: ${arn}`);
    }
    return { fn, qualifier: ref.qualifier };
  }

  /** The tag map of a function or an event source mapping named by its ARN (the resources simcloud keeps). */
  function taggable(resource: unknown): TagSet {
    const arn = requireResourceArn(resource);
    const mapping = /:event-source-mapping:([0-9a-fA-F-]{36})$/.exec(arn);
    if (mapping?.[1] !== undefined) {
      const tags = mappings.tagsOf(mapping[1]);
      if (tags === undefined) throw errors.ResourceNotFoundException(`Event source mapping not found: ${arn}`);
      return tags;
    }
    if (!arn.includes(":function:")) throw errors.ResourceNotFoundException("The resource you requested does not exist.");
    const { fn, qualifier } = find(arn);
    requireUnqualifiedForTags(qualifier);
    return fn.tags;
  }

  const policies = new ResourcePolicies(() => revision());

  /** The qualifier of a permission call must name a published version or an alias that exists. */
  function requirePolicyTarget(fn: LambdaFunction, qualifier: string | undefined): void {
    if (qualifier === undefined || qualifier === "$LATEST") return;
    if (fn.aliases.has(qualifier)) return;
    if (/^\d+$/.test(qualifier) || qualifier.includes("$")) {
      if (!fn.versions.has(qualifier)) throw errors.ResourceNotFoundException(`Function not found: ${fn.arn}:${qualifier}`);
      return;
    }
    throw errors.ResourceNotFoundException(`Cannot find alias arn: ${fn.arn}:${qualifier}`);
  }

  function revision(): string {
    return ctx.ids.uuid("lambda.revisions");
  }

  /**
   * Starts a create or update on $LATEST (the record already holds the result): it answers Pending / InProgress with
   * the RevisionId drawn first, and reads Active / Successful, with a second one, once `stateTransitionMs` has passed.
   */
  function beginTransition(fn: LambdaFunction, kind: "create" | "update", pendingRevision: string, previous: VersionRecord | undefined): FunctionConfiguration {
    const now = ctx.clock.now();
    fn.transitionTask?.cancel();
    fn.beginTransition(kind, now + transitionMs, pendingRevision, previous);
    const view = fn.transitionView();
    const settled = (): void => {
      fn.transitionTask = undefined;
      if (!fn.deleted) ctx.trace.record("lambda.function.state", { functionName: fn.name, state: kind === "create" ? "Active" : "Successful", transition: kind });
    };
    if (transitionMs === 0) settled();
    else fn.transitionTask = ctx.scheduler.at(now + transitionMs, settled, { label: `lambda:${fn.name} ${kind} completes` });
    return structuredConfig(view);
  }

  const runtimeArns = new Map<string, string>();
  /** RuntimeVersionConfig's ARN: one stable id per runtime (AWS's is its runtime build's hash). */
  function runtimeVersionArn(runtime: string): string {
    let arn = runtimeArns.get(runtime);
    if (arn === undefined) {
      arn = `arn:${partitionOf(ctx.region)}:lambda:${ctx.region}::runtime:${createHash("sha256").update(`simcloud runtime ${runtime}`).digest("hex")}`;
      runtimeArns.set(runtime, arn);
    }
    return arn;
  }

  /**
   * A configuration as GetFunction / GetFunctionConfiguration answer it: `arn` is the ARN the caller named ($LATEST
   * and aliases qualify it, as AWS's recorded answers do).
   */
  function shown(config: FunctionConfiguration, arn?: string): FunctionConfiguration {
    const copy = structuredConfig(config);
    if (arn !== undefined) copy.FunctionArn = arn;
    return copy;
  }

  /**
   * A configuration as the lists show it: no state members and no RuntimeVersionConfig (AWS's recorded ListFunctions
   * and ListVersionsByFunction answers).
   */
  function listed(config: FunctionConfiguration, qualifyLatest: boolean): ListedConfiguration {
    const {
      RuntimeVersionConfig: _runtime,
      State: _state,
      StateReason: _reason,
      StateReasonCode: _code,
      LastUpdateStatus: _status,
      LastUpdateStatusReason: _statusReason,
      LastUpdateStatusReasonCode: _statusCode,
      ...rest
    } = structuredConfig(config);
    if (qualifyLatest && rest.Version === "$LATEST") rest.FunctionArn = `${rest.FunctionArn}:$LATEST`;
    return rest;
  }

  /** The function, its configuration at the qualifier (an alias reads its version's), and the ARN to answer with. */
  function configurationOf(input: FunctionNameInput): { fn: LambdaFunction; config: FunctionConfiguration; arn: string | undefined; version: string } {
    const { fn, qualifier } = find(input.FunctionName, input.Qualifier);
    const alias = qualifier === undefined ? undefined : fn.aliases.get(qualifier);
    const version = alias?.functionVersion ?? qualifier ?? "$LATEST";
    const config = version === "$LATEST" ? fn.latestConfig(ctx.clock.now()) : fn.version(version).config;
    return { fn, config, arn: qualifier === undefined ? undefined : `${fn.arn}:${qualifier}`, version };
  }

  function timestamp(): string {
    // Lambda's LastModified format: 2025-01-01T00:00:00.000+0000.
    return new Date(ctx.clock.now()).toISOString().replace("Z", "+0000");
  }

  function codeOf(input: { handler?: CreateFunctionCommandInput["handler"]; init?: CreateFunctionCommandInput["init"]; modulePath?: string; export?: string }): { code: CodeRecord; sha: string; size: number } {
    if (input.handler !== undefined && typeof input.handler !== "function") {
      throw errors.InvalidParameterValueException("handler must be a function.");
    }
    if (input.init !== undefined && typeof input.init !== "function") {
      throw errors.InvalidParameterValueException("init must be a function returning the handler.");
    }
    if ([input.handler, input.init, input.modulePath].filter((given) => given !== undefined).length > 1) {
      throw errors.InvalidParameterValueException("Pass one of handler, init or Code.modulePath.");
    }
    if (input.handler === undefined && input.init === undefined && input.modulePath === undefined) {
      throw errors.InvalidParameterValueException("simcloud runs in-process code: pass handler, init, or Code.modulePath naming a module that exports the handler.");
    }
    const source = (input.handler ?? input.init)?.toString() ?? `${input.modulePath ?? ""}#${input.export ?? ""}`;
    const bytes = encoder.encode(source);
    return {
      code: { handler: input.handler, init: input.init, modulePath: input.modulePath, exportName: input.export },
      sha: createHash("sha256").update(bytes).digest("base64"),
      size: bytes.length,
    };
  }

  const host: ServiceHost = { ctx, scope, functions, routing, find, revision };
  const invoke = invokeAction(host, invoker, asyncInvoker);
  const mappings = new EventSourceMappings(ctx, mappingHost(host, invoker));

  const service: FunctionService = {
    async createFunction(input: CreateFunctionCommandInput): Promise<FunctionConfiguration> {
      requireHomeRegion(input.FunctionName, homeArnPrefix, ctx.region);
      const ref = parseFunctionRef(input.FunctionName);
      if (ref.qualifier !== undefined) throw errors.InvalidParameterValueException("Unsupported function name: a qualifier is not allowed in CreateFunction.");
      requireNewFunctionName(ref.name);
      checkRole(input.Role);
      checkArchitectures(input.Architectures);
      checkRange(input.Timeout, "timeout", LIMITS.timeoutMin, LIMITS.timeoutMax);
      checkRange(input.MemorySize, "memorySize", LIMITS.memoryMin, LIMITS.memoryMax);
      checkEphemeralStorage(input.EphemeralStorage);
      checkDescription(input.Description);
      checkRuntime(input.Runtime);
      checkEnvironment(input.Environment?.Variables);
      if (input.ReservedConcurrentExecutions !== undefined) reservations.check(input.ReservedConcurrentExecutions, 0);
      const tags = new TagSet(LAMBDA_TAG_RULES, input.Tags);
      const { code, sha, size } = codeOf({
        ...(input.handler === undefined ? {} : { handler: input.handler }),
        ...(input.init === undefined ? {} : { init: input.init }),
        ...(input.Code?.modulePath === undefined ? {} : { modulePath: input.Code.modulePath }),
        ...(input.Code?.export === undefined ? {} : { export: input.Code.export }),
      });
      if (functions.has(ref.name)) throw errors.ResourceConflictException(`Function already exist: ${ref.name}`);
      const arn = buildArn("lambda", `function:${ref.name}`, scope);
      const pendingRevision = revision();
      const runtime = input.Runtime ?? "nodejs20.x";
      const config: FunctionConfiguration = {
        FunctionName: ref.name,
        FunctionArn: arn,
        Runtime: runtime,
        Role: input.Role ?? `arn:aws:iam::${ctx.accountId}:role/lambda-role`,
        Handler: input.Handler ?? "index.handler",
        CodeSize: size,
        Description: input.Description ?? "",
        Timeout: input.Timeout ?? LIMITS.timeoutDefault,
        MemorySize: input.MemorySize ?? LIMITS.memoryDefault,
        LastModified: timestamp(),
        CodeSha256: sha,
        Version: "$LATEST",
        ...(input.Environment?.Variables === undefined ? {} : { Environment: { Variables: { ...input.Environment.Variables } } }),
        ...(input.DeadLetterConfig?.TargetArn === undefined ? {} : { DeadLetterConfig: { TargetArn: input.DeadLetterConfig.TargetArn } }),
        TracingConfig: { Mode: "PassThrough" },
        RevisionId: revision(),
        State: "Active",
        LastUpdateStatus: "Successful",
        PackageType: input.PackageType ?? "Zip",
        Architectures: input.Architectures ?? ["x86_64"],
        EphemeralStorage: { Size: input.EphemeralStorage?.Size ?? 512 },
        LoggingConfig: { LogFormat: "Text", LogGroup: `/aws/lambda/${ref.name}` },
        SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
        RuntimeVersionConfig: { RuntimeVersionArn: runtimeVersionArn(runtime) },
      };
      const fn = new LambdaFunction(ref.name, arn, config, code, new EnvironmentPool(poolOptions), tags);
      reservations.set(fn, input.ReservedConcurrentExecutions);
      functions.add(fn);
      ctx.trace.record("lambda.function.created", { functionName: ref.name, functionArn: arn });
      const answer = beginTransition(fn, "create", pendingRevision, undefined);
      // With Publish, AWS answers version 1, Pending like $LATEST (recorded test_publish_version_on_create).
      if (input.Publish === true) return pendingVersion(fn.publish(undefined, revision(), revision()).config, answer);
      return answer;
    },

    async getFunction(input: FunctionNameInput): Promise<GetFunctionCommandOutput> {
      const { fn, config, arn, version } = configurationOf(input);
      return {
        Configuration: shown(config, arn),
        Code: { RepositoryType: "S3", Location: `simcloud://lambda/${fn.name}/${version}` },
        ...(fn.tags.size === 0 ? {} : { Tags: fn.tags.toRecord() }),
        ...(fn.reservedConcurrency === undefined ? {} : { Concurrency: { ReservedConcurrentExecutions: fn.reservedConcurrency } }),
      };
    },

    async getFunctionConfiguration(input: FunctionNameInput): Promise<FunctionConfiguration> {
      const { config, arn } = configurationOf(input);
      return shown(config, arn);
    },

    async updateFunctionConfiguration(input: UpdateFunctionConfigurationCommandInput): Promise<FunctionConfiguration> {
      const { fn, qualifier } = find(input.FunctionName);
      if (qualifier !== undefined) throw errors.InvalidParameterValueException("Unsupported qualifier: only $LATEST can be updated.");
      checkRole(input.Role);
      checkRange(input.Timeout, "timeout", LIMITS.timeoutMin, LIMITS.timeoutMax);
      checkRange(input.MemorySize, "memorySize", LIMITS.memoryMin, LIMITS.memoryMax);
      checkEphemeralStorage(input.EphemeralStorage);
      checkDescription(input.Description);
      checkRuntime(input.Runtime);
      checkEnvironment(input.Environment?.Variables);
      const now = ctx.clock.now();
      fn.requireSettled(now);
      checkRevision(input.RevisionId, fn.latestRevision(now));
      const pendingRevision = revision();
      const rev = revision();
      const modified = timestamp();
      const previous = fn.latest;
      fn.updateLatest((draft) => {
        if (input.Role !== undefined) draft.Role = input.Role;
        if (input.Handler !== undefined) draft.Handler = input.Handler;
        if (input.Description !== undefined) draft.Description = input.Description;
        if (input.Timeout !== undefined) draft.Timeout = input.Timeout;
        if (input.MemorySize !== undefined) draft.MemorySize = input.MemorySize;
        if (input.Runtime !== undefined) {
          draft.Runtime = input.Runtime;
          draft.RuntimeVersionConfig = { RuntimeVersionArn: runtimeVersionArn(input.Runtime) };
        }
        if (input.EphemeralStorage !== undefined) draft.EphemeralStorage = { Size: input.EphemeralStorage.Size as number };
        if (input.Environment !== undefined) draft.Environment = { Variables: { ...(input.Environment.Variables ?? {}) } };
        if (input.DeadLetterConfig !== undefined) {
          if (input.DeadLetterConfig.TargetArn) draft.DeadLetterConfig = { TargetArn: input.DeadLetterConfig.TargetArn };
          else delete draft.DeadLetterConfig;
        }
        draft.RevisionId = rev;
        draft.LastModified = modified;
      });
      return beginTransition(fn, "update", pendingRevision, previous);
    },

    async updateFunctionCode(input: UpdateFunctionCodeCommandInput): Promise<FunctionConfiguration> {
      const { fn } = find(input.FunctionName);
      const now = ctx.clock.now();
      fn.requireSettled(now);
      checkRevision(input.RevisionId, fn.latestRevision(now));
      const { code, sha, size } = codeOf({
        ...(input.handler === undefined ? {} : { handler: input.handler }),
        ...(input.init === undefined ? {} : { init: input.init }),
        ...(input.modulePath === undefined ? {} : { modulePath: input.modulePath }),
        ...(input.export === undefined ? {} : { export: input.export }),
      });
      const pendingRevision = revision();
      const rev = revision();
      const modified = timestamp();
      const previous = fn.latest;
      fn.updateLatest((draft) => {
        draft.CodeSha256 = sha;
        draft.CodeSize = size;
        draft.RevisionId = rev;
        draft.LastModified = modified;
      }, code);
      const answer = beginTransition(fn, "update", pendingRevision, previous);
      // With Publish, AWS answers the new version, Pending while the update runs (recorded test_publish_with_update).
      if (input.Publish === true) return pendingVersion(fn.publish(undefined, revision(), revision()).config, answer);
      return answer;
    },

    async deleteFunction(input: FunctionNameInput): Promise<Record<string, never>> {
      if (parseFunctionRef(input.FunctionName, input.Qualifier).qualifier === "$LATEST") {
        throw errors.InvalidParameterValueException("$LATEST version cannot be deleted without deleting the function.");
      }
      const { fn, qualifier } = find(input.FunctionName, input.Qualifier);
      if (qualifier !== undefined) {
        // Deleting a version that does not exist succeeds (AWS's recorded answer: DeleteFunction is idempotent per version).
        if (!fn.versions.has(qualifier)) return {};
        const aliased = [...fn.aliases.values()].find((alias) => alias.functionVersion === qualifier);
        if (aliased !== undefined) {
          throw errors.ResourceConflictException(`Unable to delete version because the following aliases reference it: [${aliased.name}]`);
        }
        fn.versions.delete(qualifier);
        return {};
      }
      fn.deleted = true;
      fn.transitionTask?.cancel();
      functions.remove(fn);
      reservations.release(fn);
      fn.environments.clear();
      mappings.functionDeleted(fn);
      ctx.trace.record("lambda.function.deleted", { functionName: fn.name, functionArn: fn.arn });
      return {};
    },

    async listFunctions(input: ListFunctionsCommandInput = {}): Promise<ListFunctionsCommandOutput> {
      checkListFunctionVersion(input.FunctionVersion);
      checkRange(input.MaxItems, "maxItems", 1, 10_000);
      const all: ListedConfiguration[] = [];
      const now = ctx.clock.now();
      const everyVersion = input.FunctionVersion === "ALL";
      for (const fn of [...functions.values()].sort((a, b) => a.name.localeCompare(b.name))) {
        // With FunctionVersion ALL, $LATEST is listed by its qualified ARN (recorded test_list_functions).
        all.push(listed(fn.latestConfig(now), everyVersion));
        if (everyVersion) for (const version of fn.versions.values()) all.push(listed(version.config, false));
      }
      const page = paginate(all, { maxResults: input.MaxItems, nextToken: input.Marker, defaultLimit: 50, scope: `lambda.listFunctions:${everyVersion ? "ALL" : ""}`, invalidToken: invalidMarker });
      return { Functions: page.items, ...(page.nextToken === undefined ? {} : { NextMarker: page.nextToken }) };
    },

    invoke,

    async publishVersion(input: PublishVersionCommandInput): Promise<FunctionConfiguration> {
      const { fn } = find(input.FunctionName);
      const now = ctx.clock.now();
      fn.requireSettled(now);
      checkRevision(input.RevisionId, fn.latestRevision(now));
      if (input.CodeSha256 !== undefined && input.CodeSha256 !== fn.latest.config.CodeSha256) {
        throw errors.InvalidParameterValueException(
          `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${fn.latest.config.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
        );
      }
      checkDescription(input.Description);
      // Publishing unchanged code and configuration returns the existing version, whatever the Description
      // (API Reference: PublishVersion; recorded test_version_lifecycle).
      const existing = fn.unchangedPublished();
      if (existing !== undefined) return structuredConfig(existing.config);
      const published = fn.publish(input.Description, revision(), revision());
      ctx.trace.record("lambda.version.published", { functionName: fn.name, version: published.version });
      return structuredConfig(published.config);
    },

    async listVersionsByFunction(input: ListVersionsByFunctionCommandInput): Promise<ListVersionsByFunctionCommandOutput> {
      const { fn } = find(input.FunctionName);
      checkRange(input.MaxItems, "maxItems", 1, 10_000);
      // $LATEST by its qualified ARN, and no RuntimeVersionConfig (recorded test_version_lifecycle).
      const all = [listed(fn.latestConfig(ctx.clock.now()), true), ...[...fn.versions.values()].map((version) => listed(version.config, false))];
      const page = paginate(all, { maxResults: input.MaxItems, nextToken: input.Marker, defaultLimit: 50, scope: `lambda.listVersions:${fn.arn}`, invalidToken: invalidMarker });
      return { Versions: page.items, ...(page.nextToken === undefined ? {} : { NextMarker: page.nextToken }) };
    },

    ...aliasActions(host),
    ...eventInvokeConfigActions(host),
    ...reservedConcurrencyActions(host, reservations),

    async putFunctionRecursionConfig(input: { FunctionName: string | undefined; RecursiveLoop: RecursiveLoop | undefined }): Promise<{ RecursiveLoop: RecursiveLoop }> {
      const value = input.RecursiveLoop;
      if (value !== "Allow" && value !== "Terminate") {
        throw errors.ValidationException(
          value === undefined || value === null
            ? "1 validation error detected: Value null at 'recursiveLoop' failed to satisfy constraint: Member must not be null"
            : `1 validation error detected: Value '${String(value)}' at 'recursiveLoop' failed to satisfy constraint: Member must satisfy enum value set: [Allow, Terminate]`,
        );
      }
      const { fn, qualifier } = find(input.FunctionName);
      if (qualifier !== undefined) throw errors.InvalidParameterValueException("Unsupported function name: a qualifier is not allowed in PutFunctionRecursionConfig.");
      fn.recursiveLoop = value;
      return { RecursiveLoop: value };
    },

    async getFunctionRecursionConfig(input: FunctionNameInput): Promise<{ RecursiveLoop: RecursiveLoop }> {
      const { fn } = find(input.FunctionName);
      return { RecursiveLoop: fn.recursiveLoop };
    },

    ...provisionedConcurrencyActions(host, reservations.accountLimit, modules, transitionMs),

    async addPermission(input: AddPermissionInput): Promise<{ Statement: string }> {
      if (input.Qualifier !== undefined && !/^(\$(LATEST(\.PUBLISHED)?)|[a-zA-Z0-9-_$]+)$/.test(input.Qualifier)) {
        throw errors.ValidationException(
          `1 validation error detected: Value '${input.Qualifier}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: \\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+`,
        );
      }
      const { fn, qualifier } = find(input.FunctionName, input.Qualifier);
      requirePolicyTarget(fn, qualifier);
      const alias = qualifier === undefined ? undefined : fn.aliases.get(qualifier);
      const targetRevision = alias?.revisionId ?? (qualifier === undefined || qualifier === "$LATEST" ? fn.latestRevision(ctx.clock.now()) : fn.version(qualifier).config.RevisionId);
      return policies.add(fn, qualifier, input, ctx.accountId, targetRevision);
    },

    async removePermission(input: RemovePermissionInput): Promise<Record<string, never>> {
      let found: { fn: LambdaFunction; qualifier: string | undefined };
      try {
        found = find(input.FunctionName, input.Qualifier);
      } catch (error) {
        if ((error as { code?: unknown }).code !== "ResourceNotFoundException") throw error;
        const ref = parseFunctionRef(input.FunctionName, input.Qualifier);
        throw errors.ResourceNotFoundException(`No policy found for: ${buildArn("lambda", `function:${ref.name}`, scope)}`);
      }
      requirePolicyTarget(found.fn, found.qualifier);
      policies.remove(found.fn, found.qualifier, input);
      return {};
    },

    async getPolicy(input: GetPolicyInput): Promise<{ Policy: string; RevisionId: string }> {
      let found: { fn: LambdaFunction; qualifier: string | undefined };
      try {
        found = find(input.FunctionName, input.Qualifier);
        requirePolicyTarget(found.fn, found.qualifier);
      } catch (error) {
        if ((error as { code?: unknown }).code === "ResourceNotFoundException") {
          throw errors.ResourceNotFoundException("The resource you requested does not exist.");
        }
        throw error;
      }
      return policies.get(found.fn, found.qualifier);
    },

    async getAccountSettings(): Promise<GetAccountSettingsCommandOutput> {
      let codeSize = 0;
      for (const fn of functions.values()) codeSize += fn.latest.config.CodeSize;
      return {
        AccountLimit: {
          TotalCodeSize: 80_530_636_800,
          CodeSizeUnzipped: 262_144_000,
          CodeSizeZipped: 52_428_800,
          ConcurrentExecutions: limiter.accountLimit,
          UnreservedConcurrentExecutions: limiter.unreservedLimit(),
        },
        AccountUsage: { TotalCodeSize: codeSize, FunctionCount: functions.size },
      };
    },

    async tagResource(input: TagResourceCommandInput): Promise<Record<string, never>> {
      const tags = taggable(input.Resource);
      if (Object.keys(input.Tags ?? {}).length === 0) throw errors.InvalidParameterValueException("An error occurred and the request cannot be processed.");
      tags.apply(input.Tags);
      return {};
    },

    async untagResource(input: UntagResourceCommandInput): Promise<Record<string, never>> {
      if (input.TagKeys == null) throw errors.ValidationException("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
      taggable(input.Resource).remove(input.TagKeys);
      return {};
    },

    async listTags(input: { Resource: string | undefined }): Promise<{ Tags: Record<string, string> }> {
      return { Tags: taggable(input.Resource).toRecord() };
    },

    async createEventSourceMapping(input: CreateEventSourceMappingCommandInput): Promise<EventSourceMappingConfiguration> {
      return mappings.create(input);
    },

    async getEventSourceMapping(input: { UUID: string | undefined }): Promise<EventSourceMappingConfiguration> {
      return mappings.get(input.UUID);
    },

    async updateEventSourceMapping(input: UpdateEventSourceMappingCommandInput): Promise<EventSourceMappingConfiguration> {
      return mappings.update(input);
    },

    async deleteEventSourceMapping(input: { UUID: string | undefined }): Promise<EventSourceMappingConfiguration> {
      return mappings.delete(input.UUID);
    },

    async listEventSourceMappings(input: ListEventSourceMappingsCommandInput = {}): Promise<ListEventSourceMappingsCommandOutput> {
      return mappings.list(input);
    },

    /** simcloud extension (CloudWatch's role): a function's counters, in virtual milliseconds. */
    async getFunctionMetrics(input: FunctionNameInput): Promise<FunctionMetrics> {
      const { fn } = find(input.FunctionName);
      return structuredClone(fn.metrics);
    },

    /** simcloud extension (CloudWatch Logs' role): the last 1,000 invocations' log lines, oldest first. */
    async getFunctionLogs(input: FunctionNameInput): Promise<{ Invocations: InvocationLog[] }> {
      const { fn } = find(input.FunctionName);
      return { Invocations: fn.recentLogs() };
    },
  };
  return guardInputs(service, LAMBDA_INPUTS, ({ path, expected }) =>
    errors.InvalidRequestContentException(`Could not parse request body into json: member ${path} is not a ${expected}.`),
  );
}

/** A version published by CreateFunction or UpdateFunctionCode with Publish: answered Pending as $LATEST's transition is. */
function pendingVersion(config: FunctionConfiguration, latestAnswer: FunctionConfiguration): FunctionConfiguration {
  const { LastUpdateStatus: _status, ...rest } = structuredConfig(config);
  return { ...rest, State: "Pending", StateReason: latestAnswer.StateReason ?? "The function is being created.", StateReasonCode: latestAnswer.StateReasonCode ?? "Creating" };
}

/** Outputs are fresh plain copies: callers may mutate what they get without touching the frozen records. */
function structuredConfig(config: FunctionConfiguration): FunctionConfiguration {
  return structuredClone(config);
}

