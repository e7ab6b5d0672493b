import { buildArn } from "@simcloud/core";
import { errors } from "./errors";
import type { LambdaFunction } from "./function";
import type { ServiceHost } from "./host";
import { LIMITS } from "./limits";
import { parseFunctionRef } from "./names";
import type { FunctionService } from "./service";
import type { FunctionNameInput, PutFunctionConcurrencyCommandInput } from "./types";
import { checkRange } from "./validate";

/**
 * Reserved concurrency across the account's functions. The sum is kept as reservations change, because
 * throttling reads the unreserved share on every invoke.
 */
export class Reservations {
  private sum = 0;

  constructor(readonly accountLimit: number) {}

  total(): number {
    return this.sum;
  }

  set(fn: LambdaFunction, value: number | undefined): void {
    this.sum += (value ?? 0) - (fn.reservedConcurrency ?? 0);
    fn.reservedConcurrency = value;
  }

  /** A deleted function's reservation goes back to the unreserved pool. */
  release(fn: LambdaFunction): void {
    this.sum -= fn.reservedConcurrency ?? 0;
  }

  /** A reservation of `value` in place of `current` must leave the account its unreserved minimum. */
  check(value: number, current: number): void {
    checkRange(value, "reservedConcurrentExecutions", 0, this.accountLimit);
    if (this.accountLimit - (this.sum - current + value) < LIMITS.unreservedMinimum) {
      throw errors.InvalidParameterValueException(
        `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${LIMITS.unreservedMinimum}].`,
        // AWS's recorded body has no Type member here.
        { Type: undefined },
      );
    }
  }
}

/** Put/Get/DeleteFunctionConcurrency. */
export function reservedConcurrencyActions(host: ServiceHost, reservations: Reservations): Pick<FunctionService, "putFunctionConcurrency" | "getFunctionConcurrency" | "deleteFunctionConcurrency"> {
  const { find, scope } = host;
  return {
    async putFunctionConcurrency(input: PutFunctionConcurrencyCommandInput): Promise<{ ReservedConcurrentExecutions: number }> {
      const ref = parseFunctionRef(input.FunctionName);
      if (ref.qualifier === undefined && !host.functions.has(ref.name)) {
        // AWS names the unpublished version here (recorded: "Function not found: …:<name>:$LATEST").
        throw errors.ResourceNotFoundException(`Function not found: ${buildArn("lambda", `function:${ref.name}:$LATEST`, scope)}`);
      }
      const { fn, qualifier } = find(input.FunctionName);
      if (qualifier !== undefined) {
        throw errors.InvalidParameterValueException(
          "This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.",
        );
      }
      if (typeof input.ReservedConcurrentExecutions !== "number") {
        throw errors.ValidationException("1 validation error detected: Value null at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must not be null");
      }
      reservations.check(input.ReservedConcurrentExecutions, fn.reservedConcurrency ?? 0);
      reservations.set(fn, input.ReservedConcurrentExecutions);
      return { ReservedConcurrentExecutions: input.ReservedConcurrentExecutions };
    },

    async getFunctionConcurrency(input: FunctionNameInput): Promise<{ ReservedConcurrentExecutions?: number }> {
      const { fn } = find(input.FunctionName);
      return fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency };
    },

    async deleteFunctionConcurrency(input: FunctionNameInput): Promise<Record<string, never>> {
      const { fn } = find(input.FunctionName);
      reservations.set(fn, undefined);
      return {};
    },
  };
}
