import type { LambdaFunction } from "./function";

/**
 * The account's concurrency pool (Lambda Developer Guide: "Lambda function scaling"). A function with
 * reserved concurrency draws only from its reservation; the others share what the reservations leave.
 */
export class ConcurrencyLimiter {
  private unreservedBusy = 0;

  constructor(
    readonly accountLimit: number,
    private readonly reservedTotal: () => number,
  ) {}

  /** Why an invocation of `fn` would be throttled now, or undefined if it may start. */
  throttleReason(fn: LambdaFunction): string | undefined {
    if (fn.reservedConcurrency !== undefined) {
      return fn.busy >= fn.reservedConcurrency ? "ReservedFunctionConcurrentInvocationLimitExceeded" : undefined;
    }
    return this.unreservedBusy >= this.unreservedLimit() ? "ConcurrentInvocationLimitExceeded" : undefined;
  }

  unreservedLimit(): number {
    return this.accountLimit - this.reservedTotal();
  }

  acquire(fn: LambdaFunction): void {
    fn.busy++;
    if (fn.reservedConcurrency === undefined) this.unreservedBusy++;
    fn.metrics.ConcurrentExecutions = fn.busy;
    if (fn.busy > fn.metrics.MaxConcurrentExecutions) fn.metrics.MaxConcurrentExecutions = fn.busy;
  }

  release(fn: LambdaFunction, reservedAtAcquire: boolean): void {
    fn.busy--;
    if (!reservedAtAcquire) this.unreservedBusy--;
    fn.metrics.ConcurrentExecutions = fn.busy;
  }
}
