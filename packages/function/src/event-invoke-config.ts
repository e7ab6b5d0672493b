import { buildArn, parseArn } from "@simcloud/core";
import { errors } from "./errors";
import type { LambdaFunction } from "./function";
import type { ServiceHost } from "./host";
import { LIMITS } from "./limits";
import { parseFunctionRef } from "./names";
import type { EventInvokeConfigRecord } from "./records";
import type { FunctionService } from "./service";
import type { FunctionEventInvokeConfig, FunctionNameInput, ListFunctionEventInvokeConfigsCommandOutput, PutFunctionEventInvokeConfigCommandInput } from "./types";
import { checkRange } from "./validate";

/** Put/Update/Get/Delete/ListFunctionEventInvokeConfig(s): retries, event age and destinations of async invokes. */
export function eventInvokeConfigActions(host: ServiceHost): Pick<FunctionService, "putFunctionEventInvokeConfig" | "updateFunctionEventInvokeConfig" | "getFunctionEventInvokeConfig" | "deleteFunctionEventInvokeConfig" | "listFunctionEventInvokeConfigs"> {
  const { find, scope } = host;

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
      throw errors.InvalidParameterValueException("You must specify at least one of error handling or destination setting.");
    }
    let found: { fn: LambdaFunction; qualifier: string | undefined };
    try {
      found = find(input.FunctionName, input.Qualifier);
      const key = found.qualifier ?? "$LATEST";
      if (key !== "$LATEST" && !found.fn.aliases.has(key)) found.fn.version(key);
    } catch (error) {
      // AWS's recorded answer for a missing function, version or alias here.
      if ((error as { code?: unknown }).code === "ResourceNotFoundException") throw errors.ResourceNotFoundException("The function doesn't exist.");
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
        );
      }
      const target = parseArn(destination);
      if (target?.service === "lambda") {
        const name = target.resource.split(":")[1];
        if (name === fn.name) throw errors.InvalidParameterValueException("You can't specify the function as a destination for itself.");
        if (name === undefined || !host.functions.has(name)) throw errors.InvalidParameterValueException(`The destination ARN ${destination} is invalid.`);
      }
    }
    const previous = fn.eventInvokeConfig(key);
    if (merge && previous === undefined) {
      throw errors.ResourceNotFoundException(`The function ${fn.arn} doesn't have an EventInvokeConfig`);
    }
    const base = merge ? previous : undefined;
    const record: EventInvokeConfigRecord = {
      maximumRetryAttempts: input.MaximumRetryAttempts ?? base?.maximumRetryAttempts,
      maximumEventAgeInSeconds: input.MaximumEventAgeInSeconds ?? base?.maximumEventAgeInSeconds,
      destinationConfig: {
        OnSuccess: { ...(input.DestinationConfig?.OnSuccess ?? base?.destinationConfig.OnSuccess ?? {}) },
        OnFailure: { ...(input.DestinationConfig?.OnFailure ?? base?.destinationConfig.OnFailure ?? {}) },
      },
      lastModified: host.ctx.clock.now(),
    };
    fn.eventInvokeConfigs.set(key, record);
    return fn.eventInvokeConfigShape(key, record);
  }

  return {
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
        throw errors.ResourceNotFoundException(`The function ${arn} doesn't have an EventInvokeConfig`);
      }
      const { fn, qualifier } = found;
      const key = qualifier ?? "$LATEST";
      const record = fn.eventInvokeConfig(key);
      if (record === undefined) throw errors.ResourceNotFoundException(`The function ${fn.arn}:${key} doesn't have an EventInvokeConfig`);
      return fn.eventInvokeConfigShape(key, record);
    },

    async deleteFunctionEventInvokeConfig(input: FunctionNameInput): Promise<Record<string, never>> {
      const { fn, qualifier } = find(input.FunctionName, input.Qualifier);
      const key = qualifier ?? "$LATEST";
      if (!fn.eventInvokeConfigs.delete(key)) {
        throw errors.ResourceNotFoundException(`The function ${fn.arn}:${key} doesn't have an EventInvokeConfig`);
      }
      return {};
    },

    async listFunctionEventInvokeConfigs(input: FunctionNameInput): Promise<ListFunctionEventInvokeConfigsCommandOutput> {
      const { fn } = find(input.FunctionName);
      return { FunctionEventInvokeConfigs: [...fn.eventInvokeConfigs].map(([key, record]) => fn.eventInvokeConfigShape(key, record)) };
    },
  };
}

/** DestinationConfig's destination pattern, as AWS's ValidationException quotes it. */
const DESTINATION_PATTERN =
  "$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)";
const DESTINATION_RE = /^(|kafka:\/\/[^.][a-zA-Z0-9\-_.]{0,248}|arn:aws[a-zA-Z0-9-]*:[a-zA-Z0-9-]+:((eusc-)?[a-z]{2}((-gov)|(-iso[a-z]?))?-[a-z]+-\d)?:(\d{12})?:.*)$/;
