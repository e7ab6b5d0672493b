import { buildArn, paginate } from "@simcloud/core";
import { errors } from "./errors";
import type { LambdaFunction } from "./function";
import type { ServiceHost } from "./host";
import { parseFunctionRef } from "./names";
import type { FunctionService } from "./service";
import type { AliasConfiguration, AliasNameInput, CreateAliasCommandInput, ListAliasesCommandInput, ListAliasesCommandOutput, UpdateAliasCommandInput } from "./types";
import { checkDescription, checkRange, checkRevision, invalidMarker, requireAliasName } from "./validate";

/** CreateAlias, GetAlias, UpdateAlias, DeleteAlias and ListAliases, with weighted routing's checks. */
export function aliasActions(host: ServiceHost): Pick<FunctionService, "createAlias" | "getAlias" | "updateAlias" | "deleteAlias" | "listAliases"> {
  const { find, scope } = host;
  return {
    async createAlias(input: CreateAliasCommandInput): Promise<AliasConfiguration> {
      if (input.RoutingConfig?.AdditionalVersionWeights !== undefined) checkRoutingShape(input.RoutingConfig.AdditionalVersionWeights);
      let fn: LambdaFunction;
      try {
        ({ fn } = find(input.FunctionName));
      } catch (error) {
        // AWS names the version the alias would point at (recorded: "Function not found: …:<name>:1").
        if ((error as { code?: unknown }).code !== "ResourceNotFoundException" || typeof input.FunctionVersion !== "string") throw error;
        const ref = parseFunctionRef(input.FunctionName);
        throw errors.ResourceNotFoundException(`Function not found: ${buildArn("lambda", `function:${ref.name}:${input.FunctionVersion}`, scope)}`);
      }
      const name = requireAliasName(input.Name);
      if (typeof input.FunctionVersion !== "string") throw errors.ValidationException("1 validation error detected: Value null at 'functionVersion' failed to satisfy constraint: Member must not be null");
      checkDescription(input.Description);
      fn.version(input.FunctionVersion);
      const weights = checkRouting(fn, input.FunctionVersion, input.RoutingConfig?.AdditionalVersionWeights);
      if (fn.aliases.has(name)) throw errors.ResourceConflictException(`Alias already exists: ${fn.arn}:${name}`);
      const alias = { name, functionVersion: input.FunctionVersion, description: input.Description ?? "", weights, revisionId: host.revision() };
      fn.aliases.set(name, alias);
      return fn.aliasConfiguration(alias);
    },

    async getAlias(input: AliasNameInput): Promise<AliasConfiguration> {
      const { fn } = find(input.FunctionName);
      const alias = input.Name === undefined ? undefined : fn.aliases.get(input.Name);
      if (alias === undefined) throw errors.ResourceNotFoundException(`Cannot find alias arn: ${fn.arn}:${String(input.Name)}`);
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
      const updated = { ...alias, functionVersion: version, description: input.Description ?? alias.description, weights, revisionId: host.revision() };
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
      // The alias's provisioned concurrency goes with it (recorded test_lambda_provisioned_lifecycle).
      if (fn.provisioned.delete(alias.name)) fn.environments.dropProvisioned(fn.version(alias.functionVersion));
      return {};
    },

    async listAliases(input: ListAliasesCommandInput): Promise<ListAliasesCommandOutput> {
      const { fn } = find(input.FunctionName);
      checkRange(input.MaxItems, "maxItems", 1, 10_000);
      const all = [...fn.aliases.values()]
        .filter((alias) => input.FunctionVersion === undefined || alias.functionVersion === input.FunctionVersion)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((alias) => fn.aliasConfiguration(alias));
      const scope = `lambda.listAliases:${fn.arn}:${input.FunctionVersion ?? ""}`;
      const page = paginate(all, { maxResults: input.MaxItems, nextToken: input.Marker, defaultLimit: 50, scope, invalidToken: invalidMarker });
      return { Aliases: page.items, ...(page.nextToken === undefined ? {} : { NextMarker: page.nextToken }) };
    },
  };
}

function requireAlias(fn: LambdaFunction, name: string | undefined) {
  const alias = name === undefined ? undefined : fn.aliases.get(name);
  if (alias === undefined) throw errors.ResourceNotFoundException(`Alias not found: ${fn.arn}:${String(name)}`);
  return alias;
}

/** RoutingConfig: at most one additional published version, weight in [0, 1] (Lambda Developer Guide: "Implement Lambda canary deployments using a weighted alias"). */
function checkRouting(fn: LambdaFunction, primary: string, weights: Record<string, number> | undefined): Readonly<Record<string, number>> | undefined {
  if (weights === undefined) return undefined;
  checkRoutingShape(weights);
  const entries = Object.entries(weights);
  if (entries.length === 0) return undefined;
  if (entries.length > 1) throw errors.InvalidParameterValueException("Number of items in AdditionalVersionWeights cannot be greater than 1");
  const [[version, weight]] = entries as [[string, number]];
  // AWS's recorded body has no Type member here.
  if (primary === "$LATEST") throw errors.InvalidParameterValueException("$LATEST is not supported for an alias pointing to more than 1 version", { Type: undefined });
  if (version === primary) {
    throw errors.InvalidParameterValueException(`Invalid function version ${primary}. Function version ${primary} is already included in routing configuration.`);
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
