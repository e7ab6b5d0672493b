import { extendLineage, type Lineage, type SimContext } from "@simcloud/core";
import "./trace";

/**
 * Lambda Developer Guide, "Use Lambda recursive loop detection to prevent infinite loops": when the same function
 * runs about 16 times in one chain of requests (SQS, SNS, Lambda), Lambda stops the 16th invocation unless the
 * function's RecursiveLoop is Allow, and counts it in the RecursiveInvocationsDropped metric.
 */
export const RECURSION_LIMIT = 16;

/** RecursiveInvocationException's message (API Reference, Invoke). */
export const RECURSION_MESSAGE =
  "Lambda has detected your function being invoked in a recursive loop with other AWS resources and stopped your function's invocation.";

export type RecursiveLoop = "Allow" | "Terminate";
export type RecursionSource = "sqs" | "sns" | "lambda";

/** What loop detection reads and counts on a function (structural, so this module needs no import of function.ts). */
export interface ChainMember {
  readonly arn: string;
  readonly name: string;
  readonly recursiveLoop: RecursiveLoop;
  readonly metrics: { RecursiveInvocationsDropped: number };
}

/** The chain this invocation runs in, or undefined when loop detection stops it (already counted and traced). */
export function enterChain(ctx: SimContext, fn: ChainMember, lineage: Lineage | undefined, source: RecursionSource): Lineage | undefined {
  const next = extendLineage(lineage, fn.arn);
  const invocations = next.get(fn.arn) ?? 1;
  if (invocations < RECURSION_LIMIT || fn.recursiveLoop === "Allow") return next;
  fn.metrics.RecursiveInvocationsDropped++;
  ctx.trace.record("lambda.invocation.recursion-stopped", { functionName: fn.name, source, invocations });
  return undefined;
}
