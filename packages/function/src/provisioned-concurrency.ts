import { buildArn, paginate, type SimContext } from "@simcloud/core";
import { loadHandler } from "./environment";
import { errors } from "./errors";
import type { LambdaFunction } from "./function";
import type { ServiceHost } from "./host";
import { runtimeVariables } from "./invocation";
import type { ModuleLoader } from "./module-loader";
import { parseFunctionRef } from "./names";
import type { VersionRecord } from "./records";
import type { FunctionService } from "./service";
import type { ProvisionedConcurrencyConfig, ProvisionedConcurrencyInput } from "./types";
import { checkRange, invalidMarker } from "./validate";
import "./trace";

/** Put/Get/Delete/ListProvisionedConcurrencyConfig(s): environments initialised ahead on a version or alias. */
export function provisionedConcurrencyActions(host: ServiceHost, accountLimit: number, modules: ModuleLoader, transitionMs: number): Pick<FunctionService, "putProvisionedConcurrencyConfig" | "listProvisionedConcurrencyConfigs" | "getProvisionedConcurrencyConfig" | "deleteProvisionedConcurrencyConfig"> {
  const { find, scope } = host;

  /**
   * Provisioned concurrency lives on a published version or an alias: `$LATEST` is refused, and a missing alias or
   * version is named as AWS names it ("Cannot find alias arn: …" / "Function not found: …").
   */
  function requirePublishedTarget(fn: LambdaFunction, qualifier: string | undefined): void {
    if (qualifier === undefined || qualifier === "$LATEST") {
      throw errors.InvalidParameterValueException("The function resource provided must be an alias or a published version.");
    }
    if (/^\d+$/.test(qualifier)) {
      if (!fn.versions.has(qualifier)) throw errors.ResourceNotFoundException(`Function not found: ${fn.arn}:${qualifier}`);
    } else if (!fn.aliases.has(qualifier)) {
      throw errors.ResourceNotFoundException(`Cannot find alias arn: ${fn.arn}:${qualifier}`);
    }
  }

  /** find() for provisioned-concurrency calls: a missing function is named through its qualifier, as AWS does. */
  function findProvisioned(name: unknown, qualifierInput: string | undefined): { fn: LambdaFunction; qualifier: string | undefined } {
    try {
      return find(name, qualifierInput);
    } catch (error) {
      if ((error as { code?: unknown }).code !== "ResourceNotFoundException") throw error;
      const ref = parseFunctionRef(name, qualifierInput);
      const qualified = buildArn("lambda", `function:${ref.name}${ref.qualifier === undefined ? "" : `:${ref.qualifier}`}`, scope);
      if (ref.qualifier !== undefined && !/^\d+$/.test(ref.qualifier) && ref.qualifier !== "$LATEST") {
        throw errors.ResourceNotFoundException(`Cannot find alias arn: ${qualified}`);
      }
      throw error;
    }
  }

  /**
   * A version and an alias pointing at it cannot both hold a config: AWS's recorded test_lambda_provisioned_lifecycle
   * answers 409 either way round.
   */
  function requireNoProvisionedOverlap(fn: LambdaFunction, qualifier: string): void {
    const alias = fn.aliases.get(qualifier);
    if (alias !== undefined) {
      if (fn.provisioned.has(alias.functionVersion)) {
        throw errors.ResourceConflictException("Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version");
      }
      return;
    }
    for (const other of fn.aliases.values()) {
      if (other.functionVersion === qualifier && fn.provisioned.has(other.name)) {
        throw errors.ResourceConflictException("Version is pointed by a Provisioned Concurrency alias");
      }
    }
  }

  return {
    async putProvisionedConcurrencyConfig(input: ProvisionedConcurrencyInput): Promise<ProvisionedConcurrencyConfig> {
      const { fn, qualifier } = findProvisioned(input.FunctionName, input.Qualifier);
      if (qualifier === undefined || qualifier === "$LATEST") {
        throw errors.InvalidParameterValueException("Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
      }
      requirePublishedTarget(fn, qualifier);
      const count = input.ProvisionedConcurrentExecutions;
      checkRange(count, "provisionedConcurrentExecutions", 1, accountLimit);
      if (count === undefined) throw errors.ValidationException("1 validation error detected: Value null at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must not be null");
      requireNoProvisionedOverlap(fn, qualifier);
      const version = fn.resolve(qualifier, host.routing).version;
      provisionEnvironments(host.ctx, fn, version, count, modules);
      const now = host.ctx.clock.now();
      const record = { count, lastModified: now, readyAt: now + transitionMs };
      fn.provisioned.set(qualifier, record);
      // AWS answers IN_PROGRESS with nothing allocated yet (recorded test_lambda_provisioned_lifecycle), READY later.
      return provisionedShape(record, Number.NEGATIVE_INFINITY);
    },

    async listProvisionedConcurrencyConfigs(input: {
      FunctionName: string | undefined;
      Marker?: string;
      MaxItems?: number;
    }): Promise<{ ProvisionedConcurrencyConfigs: (ProvisionedConcurrencyConfig & { FunctionArn: string })[]; NextMarker?: string }> {
      const { fn } = find(input.FunctionName);
      checkRange(input.MaxItems, "maxItems", 1, 50);
      const all = [...fn.provisioned.entries()].map(([qualifier, config]) => ({ FunctionArn: `${fn.arn}:${qualifier}`, ...provisionedShape(config, host.ctx.clock.now()) }));
      const scope = `lambda.listProvisionedConcurrencyConfigs:${fn.arn}`;
      const { items, nextToken } = paginate(all, { maxResults: input.MaxItems, nextToken: input.Marker, defaultLimit: 50, scope, invalidToken: invalidMarker });
      return { ProvisionedConcurrencyConfigs: items, ...(nextToken === undefined ? {} : { NextMarker: nextToken }) };
    },

    async getProvisionedConcurrencyConfig(input: ProvisionedConcurrencyInput): Promise<ProvisionedConcurrencyConfig> {
      const { fn, qualifier } = findProvisioned(input.FunctionName, input.Qualifier);
      requirePublishedTarget(fn, qualifier);
      const config = qualifier === undefined ? undefined : fn.provisioned.get(qualifier);
      if (config === undefined) {
        throw errors.ProvisionedConcurrencyConfigNotFoundException(`No Provisioned Concurrency Config found for this function`);
      }
      return provisionedShape(config, host.ctx.clock.now());
    },

    async deleteProvisionedConcurrencyConfig(input: ProvisionedConcurrencyInput): Promise<Record<string, never>> {
      const { fn, qualifier } = findProvisioned(input.FunctionName, input.Qualifier);
      requirePublishedTarget(fn, qualifier);
      // Deleting a config that does not exist succeeds, as AWS answered.
      if (qualifier === undefined || !fn.provisioned.delete(qualifier)) return {};
      fn.environments.dropProvisioned(fn.resolve(qualifier, host.routing).version);
      return {};
    },
  };
}

/** Replaces a version's provisioned environments with `count` new ones in its pool, initialised ahead of any invocation. */
export function provisionEnvironments(ctx: SimContext, fn: LambdaFunction, version: VersionRecord, count: number, modules: ModuleLoader): void {
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
}

/** A config as read at `now`: IN_PROGRESS with nothing allocated before its `readyAt`, READY from then on. */
function provisionedShape(config: { count: number; lastModified: number; readyAt: number }, now: number): ProvisionedConcurrencyConfig {
  const ready = now >= config.readyAt;
  return {
    RequestedProvisionedConcurrentExecutions: config.count,
    AvailableProvisionedConcurrentExecutions: ready ? config.count : 0,
    AllocatedProvisionedConcurrentExecutions: ready ? config.count : 0,
    Status: ready ? "READY" : "IN_PROGRESS",
    LastModified: new Date(config.lastModified).toISOString().replace("Z", "+0000"),
  };
}
