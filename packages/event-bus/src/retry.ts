/**
 * Retry decisions shared by rule targets and Scheduler targets ("How EventBridge retries delivering events";
 * Scheduler's RetryPolicy has the same members and defaults): exponential back-off with jitter drawn from a seeded
 * stream, until MaximumRetryAttempts or MaximumEventAgeInSeconds is exhausted.
 */
import type { SimContext } from "@simcloud/core";
import { LIMITS } from "./limits";
import type { RetryPolicy } from "./shapes";

/** Back-off cap between attempts: the 24-hour default window then holds the 185 default attempts. */
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 5 * 60_000;

export type RetryDecision = { readonly retryInMs: number } | { readonly exhausted: "MaximumRetryAttempts" | "MaximumEventAgeInSeconds" };

/** After `retries` retries have failed (the first attempt is not a retry), for an event first seen at `since`. */
export function nextRetry(ctx: SimContext, stream: string, policy: RetryPolicy | undefined, retries: number, since: number): RetryDecision {
  const maxRetries = policy?.MaximumRetryAttempts ?? LIMITS.retryAttemptsDefault;
  const maxAgeMs = (policy?.MaximumEventAgeInSeconds ?? LIMITS.eventAgeDefaultSeconds) * 1000;
  if (retries >= maxRetries) return { exhausted: "MaximumRetryAttempts" };
  const cap = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(retries, 20));
  const delay = Math.round(cap / 2 + ctx.random.stream(stream).next() * (cap / 2));
  if (ctx.scheduler.now() + delay - since > maxAgeMs) return { exhausted: "MaximumEventAgeInSeconds" };
  return { retryInMs: delay };
}

export function stringAttribute(value: string) {
  return { DataType: "String", StringValue: value };
}
