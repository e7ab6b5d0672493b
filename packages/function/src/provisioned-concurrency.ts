import { buildArn, type SimContext } from "@simcloud/core";
import { loadHandler } from "./environment";
import { errors } from "./errors";
import type { LambdaFunction } from "./function";
import type { ServiceHost } from "./host";
import { runtimeVariables } from "./invocation";
import type { ModuleLoader } from "./module-loader";
import { parseFunctionRef } from "./names";
import { paginate } from "./pagination";
import type { VersionRecord } from "./records";
import type { FunctionService } from "./service";
import type { ProvisionedConcurrencyConfig, ProvisionedConcurrencyInput } from "./types";
import { checkRange } from "./validate";
import "./trace";

/** Put/Get/Delete/ListProvisionedConcurrencyConfig(s): environments initialised ahead on a version or alias. */
export function provisionedConcurrencyActions(host: ServiceHost, accountLimit: number, modules: ModuleLoader): Pick<FunctionService, "putProvisionedConcurrencyConfig" | "listProvisionedConcurrencyConfigs" | "getProvisionedConcurrencyConfig" | "deleteProvisionedConcurrencyConfig"> {
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
      const version = fn.resolve(qualifier, host.routing).version;
      provisionEnvironments(host.ctx, fn, version, count, modules);
      fn.provisioned.set(qualifier, { count, lastModified: host.ctx.clock.now() });
      return provisionedShape(count, host.ctx.clock.now());
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
        throw errors.ProvisionedConcurrencyConfigNotFoundException(`No Provisioned Concurrency Config found for this function`);
      }
      return provisionedShape(config.count, config.lastModified);
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

function provisionedShape(count: number, lastModified: number): ProvisionedConcurrencyConfig {
  return {
    RequestedProvisionedConcurrentExecutions: count,
    AvailableProvisionedConcurrentExecutions: count,
    AllocatedProvisionedConcurrentExecutions: count,
    Status: "READY",
    LastModified: new Date(lastModified).toISOString().replace("Z", "+0000"),
  };
}
