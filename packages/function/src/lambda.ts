import { createHash } from "node:crypto";
import { buildArn, currentLineage, guardInputs, parseArn, partitionOf, mergeLineages, type FunctionInvokeInput, type FunctionInvokeOutput, type FunctionPort, type PortCaller, type SimContext } from "@simcloud/core";
import { AsyncInvoker } from "./async-invoke";
import { ConcurrencyLimiter } from "./concurrency";
import { EnvironmentPool, loadHandler, newModuleLoader } from "./environment";
import { errors } from "./errors";
import { EventSourceMappings, type MappingHost } from "./event-source-mapping";
import { LambdaFunction, type CodeRecord, type EventInvokeConfigRecord } from "./function";
import { Invoker, runtimeVariables, type InvocationOutcome } from "./invocation";
import { LAMBDA_INPUTS } from "./input-shapes";
import { LIMITS } from "./limits";
import { parseFunctionRef } from "./names";
import { InvokePayload, payloadText } from "./payload";
import { acquireRuntime } from "./runtime-scope";
import { enterChain, RECURSION_MESSAGE, type RecursionSource, type RecursiveLoop } from "./recursion";
import { ResourcePolicies, type AddPermissionInput, type GetPolicyInput, type RemovePermissionInput } from "./policy";
import type {
  AliasConfiguration,
  AliasNameInput,
  CreateAliasCommandInput,
  CreateFunctionCommandInput,
  FunctionConfiguration,
  FunctionEventInvokeConfig,
  FunctionMetrics,
  FunctionNameInput,
  GetAccountSettingsCommandOutput,
  GetFunctionCommandOutput,
  InvocationLog,
  InvokeCommandInput,
  InvokeCommandOutput,
  ListAliasesCommandInput,
  ListAliasesCommandOutput,
  ListFunctionEventInvokeConfigsCommandOutput,
  ListFunctionsCommandInput,
  ListFunctionsCommandOutput,
  ListVersionsByFunctionCommandInput,
  ListVersionsByFunctionCommandOutput,
  ProvisionedConcurrencyConfig,
  ProvisionedConcurrencyInput,
  PublishVersionCommandInput,
  PutFunctionConcurrencyCommandInput,
  PutFunctionEventInvokeConfigCommandInput,
  TagResourceCommandInput,
  UntagResourceCommandInput,
  UpdateAliasCommandInput,
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
  checkPayloadSize,
  checkArchitectures,
  checkEphemeralStorage,
  checkRange,
  checkRuntime,
  parsePayload,
  requireAliasName,
  requireNewFunctionName,
  checkTagCount,
  requireUnqualifiedForTags,
  requireResourceArn,
  requireHomeRegion,
} from "./validate";
import "./trace";

export interface FunctionServiceOptions {
  /** Account concurrency limit (default 1,000). */
  accountConcurrency?: number;
  /** Idle time after which a warm execution environment is gone (default 10 minutes of virtual time). */
  environmentIdleTimeoutMs?: number;
  /** Also print handler console output to stdout (default false: captured per invocation only). */
  printLogs?: boolean;
  /** Copy the host's process.env into each execution environment (default true). */
  inheritProcessEnv?: boolean;
  /** Virtual milliseconds a cold start's init takes (default 0). */
  coldStartMs?: number;
}

export type FunctionService = ReturnType<typeof createFunctionService>;

const encoder = new TextEncoder();

/** Lambda: one async method per action, SDK v3 shapes in and out. */
export function createFunctionService(ctx: SimContext, options: FunctionServiceOptions = {}) {
  const functions = new Map<string, LambdaFunction>();
  const scope = { region: ctx.region, accountId: ctx.accountId };
  const homeArnPrefix = `arn:aws:lambda:${ctx.region}:`;
  const poolOptions = { idleTimeoutMs: options.environmentIdleTimeoutMs ?? 600_000, inheritProcessEnv: options.inheritProcessEnv ?? true };
  const limiter = new ConcurrencyLimiter(options.accountConcurrency ?? LIMITS.accountConcurrency, () => reservedTotal());
  const modules = newModuleLoader();
  // A disposed cloud lets go of its module instances even while the caller still holds the cloud.
  ctx.scheduler.onDispose(() => {
    for (const fn of functions.values()) fn.environments.clear();
  });
  // The patched process.env and console go back to the host's when the last cloud using them is disposed.
  ctx.scheduler.onDispose(acquireRuntime());
  const invoker = new Invoker(ctx, limiter, { printLogs: options.printLogs ?? false, coldStartMs: options.coldStartMs ?? 0, modules });
  const routing = ctx.random.stream("lambda.routing");
  const asyncInvoker = new AsyncInvoker(ctx, invoker, routing);

  /** Sum of every function's reservation, kept as reservations change: throttling reads it on every invoke. */
  let reserved = 0;
  function reservedTotal(): number {
    return reserved;
  }
  function setReserved(fn: LambdaFunction, value: number | undefined): void {
    reserved += (value ?? 0) - (fn.reservedConcurrency ?? 0);
    fn.reservedConcurrency = value;
  }

  function find(text: unknown, qualifier?: string): { fn: LambdaFunction; qualifier: string | undefined } {
    requireHomeRegion(text, homeArnPrefix, ctx.region);
    const ref = parseFunctionRef(text, qualifier);
    // An ARN names its region, account and partition: a function elsewhere is not this service's.
    if (ref.region !== undefined && ref.region !== "" && ref.region !== ctx.region) {
      throw errors.ResourceNotFoundException(`Functions from '${ref.region}' are not reachable in this region ('${ctx.region}')`, { Type: "User" });
    }
    const fn = (ref.accountId === undefined || ref.accountId === ctx.accountId) && (ref.partition === undefined || ref.partition === partitionOf(ctx.region)) ? functions.get(ref.name) : undefined;
    if (fn === undefined) {
      const where = `arn:${ref.partition ?? partitionOf(ctx.region)}:lambda:${ctx.region}:${ref.accountId ?? ctx.accountId}`;
      const arn = `${where}:function:${ref.name}${ref.qualifier === undefined ? "" : `:${ref.qualifier}`}`;
      throw errors.ResourceNotFoundException(`Function not found: ${arn}`, { Type: "User" });
    }
    return { fn, qualifier: ref.qualifier };
  }

  /**
   * Provisioned concurrency lives on a published version or an alias: `$LATEST` is refused, and a missing alias or
   * version is named as AWS names it ("Cannot find alias arn: …" / "Function not found: …").
   */
  function requirePublishedTarget(fn: LambdaFunction, qualifier: string | undefined): void {
    if (qualifier === undefined || qualifier === "$LATEST") {
      throw errors.InvalidParameterValueException("The function resource provided must be an alias or a published version.", { Type: "User" });
    }
    if (/^\d+$/.test(qualifier)) {
      if (!fn.versions.has(qualifier)) throw errors.ResourceNotFoundException(`Function not found: ${fn.arn}:${qualifier}`, { Type: "User" });
    } else if (!fn.aliases.has(qualifier)) {
      throw errors.ResourceNotFoundException(`Cannot find alias arn: ${fn.arn}:${qualifier}`, { Type: "User" });
    }
  }

  /** The tag map of a function or an event source mapping named by its ARN (the resources simcloud keeps). */
  function taggable(resource: unknown): Map<string, string> {
    const arn = requireResourceArn(resource);
    const mapping = /:event-source-mapping:([0-9a-fA-F-]{36})$/.exec(arn);
    if (mapping?.[1] !== undefined) {
      const tags = mappings.tagsOf(mapping[1]);
      if (tags === undefined) throw errors.ResourceNotFoundException(`Event source mapping not found: ${arn}`, { Type: "User" });
      return tags;
    }
    if (!arn.includes(":function:")) throw errors.ResourceNotFoundException("The resource you requested does not exist.", { Type: "User" });
    const { fn, qualifier } = find(arn);
    requireUnqualifiedForTags(qualifier);
    return fn.tags;
  }

  const policies = new ResourcePolicies(() => revision());

  /** find() for provisioned-concurrency calls: a missing function is named through its qualifier, as AWS does. */
  function findProvisioned(name: unknown, qualifierInput: string | undefined): { fn: LambdaFunction; qualifier: string | undefined } {
    try {
      return find(name, qualifierInput);
    } catch (error) {
      if ((error as { code?: unknown }).code !== "ResourceNotFoundException") throw error;
      const ref = parseFunctionRef(name, qualifierInput);
      const qualified = buildArn("lambda", `function:${ref.name}${ref.qualifier === undefined ? "" : `:${ref.qualifier}`}`, scope);
      if (ref.qualifier !== undefined && !/^\d+$/.test(ref.qualifier) && ref.qualifier !== "$LATEST") {
        throw errors.ResourceNotFoundException(`Cannot find alias arn: ${qualified}`, { Type: "User" });
      }
      throw error;
    }
  }

  /** The qualifier of a permission call must name a published version or an alias that exists. */
  function requirePolicyTarget(fn: LambdaFunction, qualifier: string | undefined): void {
    if (qualifier === undefined || qualifier === "$LATEST") return;
    if (fn.aliases.has(qualifier)) return;
    if (/^\d+$/.test(qualifier) || qualifier.includes("$")) {
      if (!fn.versions.has(qualifier)) throw errors.ResourceNotFoundException(`Function not found: ${fn.arn}:${qualifier}`, { Type: "User" });
      return;
    }
    throw errors.ResourceNotFoundException(`Cannot find alias arn: ${fn.arn}:${qualifier}`, { Type: "User" });
  }

  function revision(): string {
    return ctx.ids.uuid("lambda.revisions");
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

  function checkRevision(expected: string | undefined, actual: string): void {
    if (expected !== undefined && expected !== actual) {
      throw errors.PreconditionFailedException("The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
    }
  }

  function port(fn: LambdaFunction): FunctionPort {
    return {
      kind: "function",
      arn: fn.arn,
      async invoke(input: FunctionInvokeInput, caller?: PortCaller): Promise<FunctionInvokeOutput> {
        const source: RecursionSource = caller?.principal === "sns.amazonaws.com" ? "sns" : "lambda";
        const out = await invoke({
          FunctionName: fn.arn,
          ...(input.Payload === undefined ? {} : { Payload: input.Payload }),
          ...(input.InvocationType === undefined ? {} : { InvocationType: input.InvocationType }),
          ...(input.Qualifier === undefined ? {} : { Qualifier: input.Qualifier }),
          ...(input.ClientContext === undefined ? {} : { ClientContext: input.ClientContext }),
        }, source);
        return out;
      },
    };
  }

  function toOutput(outcome: InvocationOutcome, tail: boolean): InvokeCommandOutput {
    return {
      StatusCode: 200,
      ...(outcome.functionError === undefined ? {} : { FunctionError: outcome.functionError }),
      ...(tail ? { LogResult: logTail(outcome.log.lines()) } : {}),
      Payload: InvokePayload.fromText(outcome.payload),
      ExecutedVersion: outcome.executedVersion,
    };
  }

  async function invoke(input: InvokeCommandInput, source: RecursionSource = "lambda"): Promise<InvokeCommandOutput> {
    const type = input.InvocationType ?? "RequestResponse";
    if (type !== "RequestResponse" && type !== "Event" && type !== "DryRun") {
      throw errors.ValidationException(
        `1 validation error detected: Value '${String(type)}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
      );
    }
    const { fn, qualifier } = find(input.FunctionName, input.Qualifier);
    const read = payloadText(input.Payload, type === "Event" ? LIMITS.asyncPayloadBytes : LIMITS.syncPayloadBytes);
    const { text, bytes } = read instanceof Promise ? await read : read;
    checkPayloadSize(bytes, type);
    const event = parsePayload(text);
    const clientContext = decodeClientContext(input.ClientContext);
    const target = fn.resolve(qualifier, routing);
    if (type === "DryRun") return { StatusCode: 204 };
    if (type === "Event") {
      asyncInvoker.enqueue(fn, qualifier, event, text === "" ? "{}" : text, ctx.ids.uuid("lambda.requests"), currentLineage(), source);
      return { StatusCode: 202 };
    }
    // A function invoking itself synchronously recurses through promises alone: count it as scheduler work.
    const step = ctx.scheduler.step(`lambda:${fn.name} invoke`);
    if (step !== undefined) await step;
    const reason = invoker.throttle(fn, "RequestResponse");
    if (reason !== undefined) throw errors.TooManyRequestsException("Rate Exceeded.", { Reason: reason, Type: "User" });
    const lineage = enterChain(ctx, fn, currentLineage(), source);
    if (lineage === undefined) throw errors.RecursiveInvocationException(RECURSION_MESSAGE, { Type: "User" });
    const outcome = invoker.start({ fn, target, event, requestId: ctx.ids.uuid("lambda.requests"), invocationType: "RequestResponse", clientContext, lineage });
    return toOutput(await ctx.scheduler.waitFor(outcome), input.LogType === "Tail");
  }

  function saveEventInvokeConfig(input: PutFunctionEventInvokeConfigCommandInput, merge: boolean): FunctionEventInvokeConfig {
    const onSuccess = input.DestinationConfig?.OnSuccess;
    const onFailure = input.DestinationConfig?.OnFailure;
    for (const [destination, member] of [[onSuccess?.Destination, "onSuccess"], [onFailure?.Destination, "onFailure"]] as const) {
      if (destination !== undefined && !DESTINATION_RE.test(destination)) {
        throw errors.ValidationException(
          `1 validation error detected: Value '${destination}' at 'destinationConfig.${member}.destination' failed to satisfy constraint: Member must satisfy regular expression pattern: ${DESTINATION_PATTERN}`,
        );
      }
    }
    if (!merge && input.MaximumRetryAttempts === undefined && input.MaximumEventAgeInSeconds === undefined && input.DestinationConfig === undefined) {
      throw errors.InvalidParameterValueException("You must specify at least one of error handling or destination setting.", { Type: "User" });
    }
    let found: { fn: LambdaFunction; qualifier: string | undefined };
    try {
      found = find(input.FunctionName, input.Qualifier);
      const key = found.qualifier ?? "$LATEST";
      if (key !== "$LATEST" && !found.fn.aliases.has(key)) found.fn.version(key);
    } catch (error) {
      // AWS's recorded answer for a missing function, version or alias here.
      if ((error as { code?: unknown }).code === "ResourceNotFoundException") throw errors.ResourceNotFoundException("The function doesn't exist.", { Type: "User" });
      throw error;
    }
    const { fn, qualifier } = found;
    const key = qualifier ?? "$LATEST";
    checkRange(input.MaximumRetryAttempts, "maximumRetryAttempts", 0, LIMITS.retryAttemptsMax);
    checkRange(input.MaximumEventAgeInSeconds, "maximumEventAgeInSeconds", LIMITS.eventAgeMinSeconds, LIMITS.eventAgeMaxSeconds);
    // SQS, SNS, Lambda and EventBridge for both; an S3 bucket for on-failure only (API Reference:
    // PutFunctionEventInvokeConfig, "S3 buckets are supported only for on-failure destinations").
    const destinations: [string | undefined, RegExp][] = [
      [onSuccess?.Destination, /^arn:[^:]+:(sqs|sns|lambda|events):/],
      [onFailure?.Destination, /^arn:[^:]+:(sqs|sns|lambda|events|s3):/],
    ];
    for (const [destination, supported] of destinations) {
      if (destination === undefined || destination === "") continue;
      if (!supported.test(destination)) {
        const describe = (kind: string, target: { Destination?: string } | undefined) =>
          target === undefined ? "null" : `${kind}(destination=${target.Destination ?? "null"})`;
        throw errors.InvalidParameterValueException(
          `The provided destination config DestinationConfig(onSuccess=${describe("OnSuccess", onSuccess)}, onFailure=${describe("OnFailure", onFailure)}) is invalid.`,
          { Type: "User" },
        );
      }
      const target = parseArn(destination);
      if (target?.service === "lambda") {
        const name = target.resource.split(":")[1];
        if (name === fn.name) throw errors.InvalidParameterValueException("You can't specify the function as a destination for itself.", { Type: "User" });
        if (name === undefined || !functions.has(name)) throw errors.InvalidParameterValueException(`The destination ARN ${destination} is invalid.`, { Type: "User" });
      }
    }
    const previous = fn.eventInvokeConfig(key);
    if (merge && previous === undefined) {
      throw errors.ResourceNotFoundException(`The function ${fn.arn} doesn't have an EventInvokeConfig`, { Type: "User" });
    }
    const base = merge ? previous : undefined;
    const record: EventInvokeConfigRecord = {
      maximumRetryAttempts: input.MaximumRetryAttempts ?? base?.maximumRetryAttempts,
      maximumEventAgeInSeconds: input.MaximumEventAgeInSeconds ?? base?.maximumEventAgeInSeconds,
      destinationConfig: {
        OnSuccess: { ...(input.DestinationConfig?.OnSuccess ?? base?.destinationConfig.OnSuccess ?? {}) },
        OnFailure: { ...(input.DestinationConfig?.OnFailure ?? base?.destinationConfig.OnFailure ?? {}) },
      },
      lastModified: ctx.clock.now(),
    };
    fn.eventInvokeConfigs.set(key, record);
    return fn.eventInvokeConfigShape(key, record);
  }

  const mappingHost: MappingHost = {
    resolveFunction(text) {
      const { fn, qualifier } = find(text);
      return { fn, qualifier };
    },
    async invokeBatch(fn, qualifier, event, lineages) {
      // A mapping whose function feeds its own queue loops through promises alone: count it as scheduler work.
      const step = ctx.scheduler.step(`lambda:${fn.name} event source batch`);
      if (step !== undefined) await step;
      if (fn.deleted) return { kind: "throttled" };
      if (invoker.throttle(fn, "RequestResponse") !== undefined) return { kind: "throttled" };
      const target = fn.resolve(qualifier, routing);
      const lineage = enterChain(ctx, fn, mergeLineages(lineages), "sqs");
      if (lineage === undefined) return { kind: "recursion-stopped" };
      const outcome = await invoker.start({ fn, target, event, requestId: ctx.ids.uuid("lambda.requests"), invocationType: "RequestResponse", clientContext: undefined, lineage });
      return { kind: "completed", outcome };
    },
  };
  const mappings = new EventSourceMappings(ctx, mappingHost);

  const service = {
    async createFunction(input: CreateFunctionCommandInput): Promise<FunctionConfiguration> {
      requireHomeRegion(input.FunctionName, homeArnPrefix, ctx.region);
      const ref = parseFunctionRef(input.FunctionName);
      if (ref.qualifier !== undefined) throw errors.InvalidParameterValueException("Unsupported function name: a qualifier is not allowed in CreateFunction.");
      requireNewFunctionName(ref.name);
      checkRange(input.Timeout, "timeout", LIMITS.timeoutMin, LIMITS.timeoutMax);
      checkRange(input.MemorySize, "memorySize", LIMITS.memoryMin, LIMITS.memoryMax);
      checkEphemeralStorage(input.EphemeralStorage);
      checkDescription(input.Description);
      checkRuntime(input.Runtime);
      checkArchitectures(input.Architectures);
      checkEnvironment(input.Environment?.Variables);
      if (input.ReservedConcurrentExecutions !== undefined) checkReserved(input.ReservedConcurrentExecutions, 0);
      checkTagCount(Object.keys(input.Tags ?? {}).length);
      const { code, sha, size } = codeOf({
        ...(input.handler === undefined ? {} : { handler: input.handler }),
        ...(input.init === undefined ? {} : { init: input.init }),
        ...(input.Code?.modulePath === undefined ? {} : { modulePath: input.Code.modulePath }),
        ...(input.Code?.export === undefined ? {} : { export: input.Code.export }),
      });
      if (functions.has(ref.name)) throw errors.ResourceConflictException(`Function already exist: ${ref.name}`, { Type: "User" });
      const arn = buildArn("lambda", `function:${ref.name}`, scope);
      const config: FunctionConfiguration = {
        FunctionName: ref.name,
        FunctionArn: arn,
        Runtime: input.Runtime ?? "nodejs20.x",
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
      };
      const fn = new LambdaFunction(ref.name, arn, config, code, new EnvironmentPool(poolOptions));
      for (const [key, value] of Object.entries(input.Tags ?? {})) fn.tags.set(key, value);
      setReserved(fn, input.ReservedConcurrentExecutions);
      functions.set(ref.name, fn);
      ctx.registry.register(port(fn));
      ctx.trace.record("lambda.function.created", { functionName: ref.name, functionArn: arn });
      if (input.Publish === true) return structuredConfig(fn.publish(undefined, revision()).config);
      return structuredConfig(fn.latest.config);
    },

    async getFunction(input: FunctionNameInput): Promise<GetFunctionCommandOutput> {
      const { fn, qualifier } = find(input.FunctionName, input.Qualifier);
      const target = qualifier !== undefined && fn.aliases.has(qualifier) ? fn.resolve(qualifier, routing).version : fn.version(qualifier ?? "$LATEST");
      return {
        Configuration: structuredConfig(target.config),
        Code: { RepositoryType: "S3", Location: `simcloud://lambda/${fn.name}/${target.version}` },
        ...(fn.tags.size === 0 ? {} : { Tags: Object.fromEntries(fn.tags) }),
        ...(fn.reservedConcurrency === undefined ? {} : { Concurrency: { ReservedConcurrentExecutions: fn.reservedConcurrency } }),
      };
    },

    async getFunctionConfiguration(input: FunctionNameInput): Promise<FunctionConfiguration> {
      const { fn, qualifier } = find(input.FunctionName, input.Qualifier);
      const alias = qualifier === undefined ? undefined : fn.aliases.get(qualifier);
      return structuredConfig(fn.version(alias?.functionVersion ?? qualifier ?? "$LATEST").config);
    },

    async updateFunctionConfiguration(input: UpdateFunctionConfigurationCommandInput): Promise<FunctionConfiguration> {
      const { fn, qualifier } = find(input.FunctionName);
      if (qualifier !== undefined) throw errors.InvalidParameterValueException("Unsupported qualifier: only $LATEST can be updated.");
      checkRange(input.Timeout, "timeout", LIMITS.timeoutMin, LIMITS.timeoutMax);
      checkRange(input.MemorySize, "memorySize", LIMITS.memoryMin, LIMITS.memoryMax);
      checkEphemeralStorage(input.EphemeralStorage);
      checkDescription(input.Description);
      checkRuntime(input.Runtime);
      checkEnvironment(input.Environment?.Variables);
      checkRevision(input.RevisionId, fn.latest.config.RevisionId);
      const rev = revision();
      const modified = timestamp();
      fn.updateLatest((draft) => {
        if (input.Role !== undefined) draft.Role = input.Role;
        if (input.Handler !== undefined) draft.Handler = input.Handler;
        if (input.Description !== undefined) draft.Description = input.Description;
        if (input.Timeout !== undefined) draft.Timeout = input.Timeout;
        if (input.MemorySize !== undefined) draft.MemorySize = input.MemorySize;
        if (input.Runtime !== undefined) draft.Runtime = input.Runtime;
        if (input.EphemeralStorage !== undefined) draft.EphemeralStorage = { Size: input.EphemeralStorage.Size as number };
        if (input.Environment !== undefined) draft.Environment = { Variables: { ...(input.Environment.Variables ?? {}) } };
        if (input.DeadLetterConfig !== undefined) {
          if (input.DeadLetterConfig.TargetArn) draft.DeadLetterConfig = { TargetArn: input.DeadLetterConfig.TargetArn };
          else delete draft.DeadLetterConfig;
        }
        draft.RevisionId = rev;
        draft.LastModified = modified;
      });
      return structuredConfig(fn.latest.config);
    },

    async updateFunctionCode(input: UpdateFunctionCodeCommandInput): Promise<FunctionConfiguration> {
      const { fn } = find(input.FunctionName);
      checkRevision(input.RevisionId, fn.latest.config.RevisionId);
      const { code, sha, size } = codeOf({
        ...(input.handler === undefined ? {} : { handler: input.handler }),
        ...(input.init === undefined ? {} : { init: input.init }),
        ...(input.modulePath === undefined ? {} : { modulePath: input.modulePath }),
        ...(input.export === undefined ? {} : { export: input.export }),
      });
      const rev = revision();
      const modified = timestamp();
      fn.updateLatest((draft) => {
        draft.CodeSha256 = sha;
        draft.CodeSize = size;
        draft.RevisionId = rev;
        draft.LastModified = modified;
      }, code);
      if (input.Publish === true) return structuredConfig(fn.publish(undefined, revision()).config);
      return structuredConfig(fn.latest.config);
    },

    async deleteFunction(input: FunctionNameInput): Promise<Record<string, never>> {
      if (parseFunctionRef(input.FunctionName, input.Qualifier).qualifier === "$LATEST") {
        throw errors.InvalidParameterValueException("$LATEST version cannot be deleted without deleting the function.", { Type: "User" });
      }
      const { fn, qualifier } = find(input.FunctionName, input.Qualifier);
      if (qualifier !== undefined) {
        // Deleting a version that does not exist succeeds (AWS's recorded answer: DeleteFunction is idempotent per version).
        if (!fn.versions.has(qualifier)) return {};
        const aliased = [...fn.aliases.values()].find((alias) => alias.functionVersion === qualifier);
        if (aliased !== undefined) {
          throw errors.ResourceConflictException(`Unable to delete version because the following aliases reference it: [${aliased.name}]`, { Type: "User" });
        }
        fn.versions.delete(qualifier);
        return {};
      }
      fn.deleted = true;
      functions.delete(fn.name);
      reserved -= fn.reservedConcurrency ?? 0;
      fn.environments.clear();
      ctx.registry.unregister(fn.arn);
      mappings.functionDeleted(fn);
      ctx.trace.record("lambda.function.deleted", { functionName: fn.name, functionArn: fn.arn });
      return {};
    },

    async listFunctions(input: ListFunctionsCommandInput = {}): Promise<ListFunctionsCommandOutput> {
      checkRange(input.MaxItems, "maxItems", 1, 10_000);
      const all: FunctionConfiguration[] = [];
      for (const fn of [...functions.values()].sort((a, b) => a.name.localeCompare(b.name))) {
        all.push(structuredConfig(fn.latest.config));
        if (input.FunctionVersion === "ALL") for (const version of fn.versions.values()) all.push(structuredConfig(version.config));
      }
      const page = paginate(all, input.Marker, input.MaxItems ?? 50);
      return { Functions: page.items, ...(page.next === undefined ? {} : { NextMarker: page.next }) };
    },

    invoke,

    async publishVersion(input: PublishVersionCommandInput): Promise<FunctionConfiguration> {
      const { fn } = find(input.FunctionName);
      checkRevision(input.RevisionId, fn.latest.config.RevisionId);
      if (input.CodeSha256 !== undefined && input.CodeSha256 !== fn.latest.config.CodeSha256) {
        throw errors.InvalidParameterValueException(
          `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${fn.latest.config.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
        );
      }
      checkDescription(input.Description);
      // Publishing unchanged code and configuration returns the existing version (API Reference: PublishVersion).
      const existing = input.Description === undefined ? fn.unchangedPublished() : undefined;
      if (existing !== undefined) return structuredConfig(existing.config);
      const published = fn.publish(input.Description, revision());
      ctx.trace.record("lambda.version.published", { functionName: fn.name, version: published.version });
      return structuredConfig(published.config);
    },

    async listVersionsByFunction(input: ListVersionsByFunctionCommandInput): Promise<ListVersionsByFunctionCommandOutput> {
      const { fn } = find(input.FunctionName);
      checkRange(input.MaxItems, "maxItems", 1, 10_000);
      const all = [fn.latest, ...fn.versions.values()].map((version) => structuredConfig(version.config));
      const page = paginate(all, input.Marker, input.MaxItems ?? 50);
      return { Versions: page.items, ...(page.next === undefined ? {} : { NextMarker: page.next }) };
    },

    async createAlias(input: CreateAliasCommandInput): Promise<AliasConfiguration> {
      if (input.RoutingConfig?.AdditionalVersionWeights !== undefined) checkRoutingShape(input.RoutingConfig.AdditionalVersionWeights);
      let fn: LambdaFunction;
      try {
        ({ fn } = find(input.FunctionName));
      } catch (error) {
        // AWS names the version the alias would point at (recorded: "Function not found: …:<name>:1").
        if ((error as { code?: unknown }).code !== "ResourceNotFoundException" || typeof input.FunctionVersion !== "string") throw error;
        const ref = parseFunctionRef(input.FunctionName);
        throw errors.ResourceNotFoundException(`Function not found: ${buildArn("lambda", `function:${ref.name}:${input.FunctionVersion}`, scope)}`, { Type: "User" });
      }
      const name = requireAliasName(input.Name);
      if (typeof input.FunctionVersion !== "string") throw errors.ValidationException("1 validation error detected: Value null at 'functionVersion' failed to satisfy constraint: Member must not be null");
      checkDescription(input.Description);
      fn.version(input.FunctionVersion);
      const weights = checkRouting(fn, input.FunctionVersion, input.RoutingConfig?.AdditionalVersionWeights);
      if (fn.aliases.has(name)) throw errors.ResourceConflictException(`Alias already exists: ${fn.arn}:${name}`, { Type: "User" });
      const alias = { name, functionVersion: input.FunctionVersion, description: input.Description ?? "", weights, revisionId: revision() };
      fn.aliases.set(name, alias);
      return fn.aliasConfiguration(alias);
    },

    async getAlias(input: AliasNameInput): Promise<AliasConfiguration> {
      const { fn } = find(input.FunctionName);
      const alias = input.Name === undefined ? undefined : fn.aliases.get(input.Name);
      if (alias === undefined) throw errors.ResourceNotFoundException(`Cannot find alias arn: ${fn.arn}:${String(input.Name)}`, { Type: "User" });
      return fn.aliasConfiguration(alias);
    },

    async updateAlias(input: UpdateAliasCommandInput): Promise<AliasConfiguration> {
      const { fn } = find(input.FunctionName);
      const alias = requireAlias(fn, input.Name);
      checkRevision(input.RevisionId, alias.revisionId);
      checkDescription(input.Description);
      const version = input.FunctionVersion ?? alias.functionVersion;
      fn.version(version);
      const weights =
        input.RoutingConfig === undefined ? alias.weights : checkRouting(fn, version, input.RoutingConfig.AdditionalVersionWeights);
      const updated = { ...alias, functionVersion: version, description: input.Description ?? alias.description, weights, revisionId: revision() };
      fn.aliases.set(alias.name, updated);
      return fn.aliasConfiguration(updated);
    },

    async deleteAlias(input: AliasNameInput): Promise<Record<string, never>> {
      const { fn } = find(input.FunctionName);
      requireAliasName(input.Name);
      // Deleting an alias that does not exist succeeds (DeleteAlias is idempotent in AWS).
      const alias = fn.aliases.get(input.Name as string);
      if (alias === undefined) return {};
      fn.aliases.delete(alias.name);
      fn.eventInvokeConfigs.delete(alias.name);
      return {};
    },

    async listAliases(input: ListAliasesCommandInput): Promise<ListAliasesCommandOutput> {
      const { fn } = find(input.FunctionName);
      checkRange(input.MaxItems, "maxItems", 1, 10_000);
      const all = [...fn.aliases.values()]
        .filter((alias) => input.FunctionVersion === undefined || alias.functionVersion === input.FunctionVersion)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((alias) => fn.aliasConfiguration(alias));
      const page = paginate(all, input.Marker, input.MaxItems ?? 50);
      return { Aliases: page.items, ...(page.next === undefined ? {} : { NextMarker: page.next }) };
    },

    async putFunctionEventInvokeConfig(input: PutFunctionEventInvokeConfigCommandInput): Promise<FunctionEventInvokeConfig> {
      return saveEventInvokeConfig(input, false);
    },

    async updateFunctionEventInvokeConfig(input: PutFunctionEventInvokeConfigCommandInput): Promise<FunctionEventInvokeConfig> {
      return saveEventInvokeConfig(input, true);
    },

    async getFunctionEventInvokeConfig(input: FunctionNameInput): Promise<FunctionEventInvokeConfig> {
      let found: { fn: LambdaFunction; qualifier: string | undefined };
      try {
        found = find(input.FunctionName, input.Qualifier);
      } catch (error) {
        if ((error as { code?: unknown }).code !== "ResourceNotFoundException" || !(error as Error).message.startsWith("Function not found")) throw error;
        const ref = parseFunctionRef(input.FunctionName, input.Qualifier);
        const arn = buildArn("lambda", `function:${ref.name}:${ref.qualifier ?? "$LATEST"}`, scope);
        throw errors.ResourceNotFoundException(`The function ${arn} doesn't have an EventInvokeConfig`, { Type: "User" });
      }
      const { fn, qualifier } = found;
      const key = qualifier ?? "$LATEST";
      const record = fn.eventInvokeConfig(key);
      if (record === undefined) throw errors.ResourceNotFoundException(`The function ${fn.arn}:${key} doesn't have an EventInvokeConfig`, { Type: "User" });
      return fn.eventInvokeConfigShape(key, record);
    },

    async deleteFunctionEventInvokeConfig(input: FunctionNameInput): Promise<Record<string, never>> {
      const { fn, qualifier } = find(input.FunctionName, input.Qualifier);
      const key = qualifier ?? "$LATEST";
      if (!fn.eventInvokeConfigs.delete(key)) {
        throw errors.ResourceNotFoundException(`The function ${fn.arn}:${key} doesn't have an EventInvokeConfig`, { Type: "User" });
      }
      return {};
    },

    async listFunctionEventInvokeConfigs(input: FunctionNameInput): Promise<ListFunctionEventInvokeConfigsCommandOutput> {
      const { fn } = find(input.FunctionName);
      return { FunctionEventInvokeConfigs: [...fn.eventInvokeConfigs].map(([key, record]) => fn.eventInvokeConfigShape(key, record)) };
    },

    async putFunctionConcurrency(input: PutFunctionConcurrencyCommandInput): Promise<{ ReservedConcurrentExecutions: number }> {
      const ref = parseFunctionRef(input.FunctionName);
      if (ref.qualifier === undefined && !functions.has(ref.name)) {
        // AWS names the unpublished version here (recorded: "Function not found: …:<name>:$LATEST").
        throw errors.ResourceNotFoundException(`Function not found: ${buildArn("lambda", `function:${ref.name}:$LATEST`, scope)}`, { Type: "User" });
      }
      const { fn, qualifier } = find(input.FunctionName);
      if (qualifier !== undefined) {
        throw errors.InvalidParameterValueException(
          "This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.",
          { Type: "User" },
        );
      }
      if (typeof input.ReservedConcurrentExecutions !== "number") {
        throw errors.ValidationException("1 validation error detected: Value null at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must not be null");
      }
      checkReserved(input.ReservedConcurrentExecutions, fn.reservedConcurrency ?? 0);
      setReserved(fn, input.ReservedConcurrentExecutions);
      return { ReservedConcurrentExecutions: input.ReservedConcurrentExecutions };
    },

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

    async getFunctionConcurrency(input: FunctionNameInput): Promise<{ ReservedConcurrentExecutions?: number }> {
      const { fn } = find(input.FunctionName);
      return fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency };
    },

    async deleteFunctionConcurrency(input: FunctionNameInput): Promise<Record<string, never>> {
      const { fn } = find(input.FunctionName);
      setReserved(fn, undefined);
      return {};
    },

    async putProvisionedConcurrencyConfig(input: ProvisionedConcurrencyInput): Promise<ProvisionedConcurrencyConfig> {
      const { fn, qualifier } = findProvisioned(input.FunctionName, input.Qualifier);
      if (qualifier === undefined || qualifier === "$LATEST") {
        throw errors.InvalidParameterValueException("Provisioned Concurrency Configs cannot be applied to unpublished function versions.", { Type: "User" });
      }
      requirePublishedTarget(fn, qualifier);
      const count = input.ProvisionedConcurrentExecutions;
      checkRange(count, "provisionedConcurrentExecutions", 1, limiter.accountLimit);
      if (count === undefined) throw errors.ValidationException("1 validation error detected: Value null at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must not be null");
      const version = fn.resolve(qualifier, routing).version;
      fn.environments.dropProvisioned(version);
      for (let i = 0; i < count; i++) {
        const id = ctx.ids.uuid("lambda.environments");
        const stream = `${new Date(ctx.clock.now()).toISOString().slice(0, 10).replace(/-/g, "/")}/[${version.version}]${ctx.ids.hex(32, "lambda.streams")}`;
        const vars = { ...runtimeVariables(ctx, fn, version.version, version.config, stream), AWS_LAMBDA_INITIALIZATION_TYPE: "provisioned-concurrency" };
        const env = fn.environments.create(id, version, stream, vars, true);
        if (version.code.handler !== undefined) {
          env.handler = version.code.handler;
          env.initialized = true;
        } else {
          // Provisioned environments initialise ahead of any invocation, as AWS does when the config turns READY;
          // autoAdvance holds time while the module loads.
          const release = ctx.scheduler.hold();
          void loadHandler(version.code, version.config.Handler, id, modules).then(
            (handler) => {
              release();
              env.handler = handler;
              env.initialized = true;
              ctx.trace.record("lambda.environment.initialized", { functionName: fn.name, environmentId: id, version: version.version, initDurationMs: 0, provisioned: true });
            },
            () => release(),
          );
        }
        fn.environments.release(env, ctx.clock.now());
      }
      fn.provisioned.set(qualifier, { count, lastModified: ctx.clock.now() });
      return provisionedShape(count, ctx.clock.now());
    },

    async listProvisionedConcurrencyConfigs(input: {
      FunctionName: string | undefined;
      Marker?: string;
      MaxItems?: number;
    }): Promise<{ ProvisionedConcurrencyConfigs: (ProvisionedConcurrencyConfig & { FunctionArn: string })[]; NextMarker?: string }> {
      const { fn } = find(input.FunctionName);
      checkRange(input.MaxItems, "maxItems", 1, 50);
      const all = [...fn.provisioned.entries()].map(([qualifier, config]) => ({ FunctionArn: `${fn.arn}:${qualifier}`, ...provisionedShape(config.count, config.lastModified) }));
      const { items, next } = paginate(all, input.Marker, input.MaxItems ?? 50);
      return { ProvisionedConcurrencyConfigs: items, ...(next === undefined ? {} : { NextMarker: next }) };
    },

    async getProvisionedConcurrencyConfig(input: ProvisionedConcurrencyInput): Promise<ProvisionedConcurrencyConfig> {
      const { fn, qualifier } = findProvisioned(input.FunctionName, input.Qualifier);
      requirePublishedTarget(fn, qualifier);
      const config = qualifier === undefined ? undefined : fn.provisioned.get(qualifier);
      if (config === undefined) {
        throw errors.ProvisionedConcurrencyConfigNotFoundException(`No Provisioned Concurrency Config found for this function`, { Type: "User" });
      }
      return provisionedShape(config.count, config.lastModified);
    },

    async deleteProvisionedConcurrencyConfig(input: ProvisionedConcurrencyInput): Promise<Record<string, never>> {
      const { fn, qualifier } = findProvisioned(input.FunctionName, input.Qualifier);
      requirePublishedTarget(fn, qualifier);
      // Deleting a config that does not exist succeeds, as AWS answered.
      if (qualifier === undefined || !fn.provisioned.delete(qualifier)) return {};
      fn.environments.dropProvisioned(fn.resolve(qualifier, routing).version);
      return {};
    },

    async addPermission(input: AddPermissionInput): Promise<{ Statement: string }> {
      if (input.Qualifier !== undefined && !/^(\$(LATEST(\.PUBLISHED)?)|[a-zA-Z0-9-_$]+)$/.test(input.Qualifier)) {
        throw errors.ValidationException(
          `1 validation error detected: Value '${input.Qualifier}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: \\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+`,
        );
      }
      const { fn, qualifier } = find(input.FunctionName, input.Qualifier);
      requirePolicyTarget(fn, qualifier);
      return policies.add(fn, qualifier, input, ctx.accountId);
    },

    async removePermission(input: RemovePermissionInput): Promise<Record<string, never>> {
      let found: { fn: LambdaFunction; qualifier: string | undefined };
      try {
        found = find(input.FunctionName, input.Qualifier);
      } catch (error) {
        if ((error as { code?: unknown }).code !== "ResourceNotFoundException") throw error;
        const ref = parseFunctionRef(input.FunctionName, input.Qualifier);
        throw errors.ResourceNotFoundException(`No policy found for: ${buildArn("lambda", `function:${ref.name}`, scope)}`, { Type: "User" });
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
          throw errors.ResourceNotFoundException("The resource you requested does not exist.", { Type: "User" });
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
      const added = Object.keys(input.Tags ?? {});
      if (added.length === 0) throw errors.InvalidParameterValueException("An error occurred and the request cannot be processed.", { Type: "User" });
      checkTagCount(new Set([...tags.keys(), ...added]).size);
      for (const [key, value] of Object.entries(input.Tags ?? {})) tags.set(key, value);
      return {};
    },

    async untagResource(input: UntagResourceCommandInput): Promise<Record<string, never>> {
      const tags = taggable(input.Resource);
      if (input.TagKeys == null) throw errors.ValidationException("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
      for (const key of input.TagKeys) tags.delete(key);
      return {};
    },

    async listTags(input: { Resource: string | undefined }): Promise<{ Tags: Record<string, string> }> {
      return { Tags: Object.fromEntries(taggable(input.Resource)) };
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

  function checkReserved(value: number, current: number): void {
    checkRange(value, "reservedConcurrentExecutions", 0, limiter.accountLimit);
    if (limiter.accountLimit - (reservedTotal() - current + value) < LIMITS.unreservedMinimum) {
      throw errors.InvalidParameterValueException(
        `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${LIMITS.unreservedMinimum}].`,
      );
    }
  }
}

/** DestinationConfig's destination pattern, as AWS's ValidationException quotes it. */
const DESTINATION_PATTERN =
  "$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)";
const DESTINATION_RE = /^(|kafka:\/\/[^.][a-zA-Z0-9\-_.]{0,248}|arn:aws[a-zA-Z0-9-]*:[a-zA-Z0-9-]+:((eusc-)?[a-z]{2}((-gov)|(-iso[a-z]?))?-[a-z]+-\d)?:(\d{12})?:.*)$/;

function requireAlias(fn: LambdaFunction, name: string | undefined) {
  const alias = name === undefined ? undefined : fn.aliases.get(name);
  if (alias === undefined) throw errors.ResourceNotFoundException(`Alias not found: ${fn.arn}:${String(name)}`, { Type: "User" });
  return alias;
}

/** RoutingConfig: at most one additional published version, weight in [0, 1] (Lambda Developer Guide: "Implement Lambda canary deployments using a weighted alias"). */
function checkRouting(fn: LambdaFunction, primary: string, weights: Record<string, number> | undefined): Readonly<Record<string, number>> | undefined {
  if (weights === undefined) return undefined;
  checkRoutingShape(weights);
  const entries = Object.entries(weights);
  if (entries.length === 0) return undefined;
  if (entries.length > 1) throw errors.InvalidParameterValueException("Number of items in AdditionalVersionWeights cannot be greater than 1", { Type: "User" });
  const [[version, weight]] = entries as [[string, number]];
  if (primary === "$LATEST") throw errors.InvalidParameterValueException("$LATEST is not supported for an alias pointing to more than 1 version");
  if (version === primary) {
    throw errors.InvalidParameterValueException(`Invalid function version ${primary}. Function version ${primary} is already included in routing configuration.`, { Type: "User" });
  }
  fn.version(version);
  return { [version]: weight };
}

/**
 * The model's constraints on AdditionalVersionWeights (keys: published version numbers; values: 0.0–1.0), reported
 * with the whole map written as Java prints it (`{2=2.0}`), as AWS's recorded ValidationException does.
 */
function checkRoutingShape(weights: Record<string, number>): void {
  const javaNumber = (value: unknown) => (typeof value === "number" && Number.isInteger(value) ? value.toFixed(1) : String(value));
  const text = `{${Object.entries(weights).map(([key, value]) => `${key}=${javaNumber(value)}`).join(", ")}}`;
  const prefix = `1 validation error detected: Value '${text}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint:`;
  if (Object.keys(weights).some((key) => !/^[0-9]+$/.test(key) || key.length > 1024)) {
    throw errors.ValidationException(
      `${prefix} Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+]`,
    );
  }
  if (Object.values(weights).some((value) => typeof value !== "number" || !(value >= 0 && value <= 1))) {
    throw errors.ValidationException(
      `${prefix} Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]`,
    );
  }
}

function provisionedShape(count: number, lastModified: number): ProvisionedConcurrencyConfig {
  return {
    RequestedProvisionedConcurrentExecutions: count,
    AvailableProvisionedConcurrentExecutions: count,
    AllocatedProvisionedConcurrentExecutions: count,
    Status: "READY",
    LastModified: new Date(lastModified).toISOString().replace("Z", "+0000"),
  };
}

/** Outputs are fresh plain copies: callers may mutate what they get without touching the frozen records. */
function structuredConfig(config: FunctionConfiguration): FunctionConfiguration {
  return structuredClone(config);
}

function paginate<T>(all: T[], marker: string | undefined, max: number): { items: T[]; next: string | undefined } {
  const start = marker === undefined ? 0 : Number.parseInt(marker, 10);
  if (!Number.isInteger(start) || start < 0 || start > all.length) throw errors.InvalidParameterValueException("Invalid Marker.");
  const end = start + max;
  return { items: all.slice(start, end), next: end < all.length ? String(end) : undefined };
}

/** The last 4 KB of the invocation's log, base64, as LogType Tail returns it. */
function logTail(lines: string[]): string {
  const bytes = Buffer.from(`${lines.join("\n")}\n`, "utf8");
  return bytes.subarray(Math.max(0, bytes.length - LIMITS.logTailBytes)).toString("base64");
}

function decodeClientContext(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const decoded = Buffer.from(text, "base64").toString("utf8");
  if (Buffer.byteLength(decoded) > 3583) throw errors.InvalidRequestContentException("Client context must be 3583 bytes or less.");
  try {
    return JSON.parse(decoded) as unknown;
  } catch {
    throw errors.InvalidRequestContentException("Client context must be a valid Base64-encoded JSON object.");
  }
}
