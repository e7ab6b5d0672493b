/**
 * Retry and Catch matching (ASL spec "Error Handling"; AWS guide "Handling errors in Step
 * Functions workflows"): States.ALL matches every error except States.Runtime and
 * States.DataLimitExceeded (terminal); States.TaskFailed matches every error except
 * States.Timeout and those terminal ones.
 */
import type { Catcher, Retrier } from "./types";

const TERMINAL = new Set(["States.Runtime", "States.DataLimitExceeded"]);

/** Whether an ErrorEquals list matches an error name. */
export function errorMatches(errorEquals: readonly string[], errorName: string): boolean {
  for (const name of errorEquals) {
    if (name === errorName) return true;
    if (name === "States.ALL" && !TERMINAL.has(errorName)) return true;
    // A heartbeat timeout is a timeout: States.Timeout matches it, States.TaskFailed does not.
    if (name === "States.Timeout" && errorName === "States.HeartbeatTimeout") return true;
    if (name === "States.TaskFailed" && errorName !== "States.Timeout" && errorName !== "States.HeartbeatTimeout" && !TERMINAL.has(errorName)) return true;
  }
  return false;
}

/** Index of the first retrier matching `errorName`, or -1. */
export function findRetrier(retry: readonly Retrier[] | undefined, errorName: string): number {
  if (retry === undefined) return -1;
  return retry.findIndex((r) => errorMatches(r.ErrorEquals, errorName));
}

/**
 * Delay in ms before retry number `attempt` (1-based: the first retry is 1), or undefined
 * when MaxAttempts is exhausted. IntervalSeconds (default 1) × BackoffRate (default 2)^(attempt−1),
 * capped by MaxDelaySeconds; JitterStrategy FULL draws uniformly in [0, delay).
 */
export function retryDelayMs(retrier: Retrier, attempt: number, random: () => number): number | undefined {
  const maxAttempts = retrier.MaxAttempts ?? 3;
  if (attempt > maxAttempts) return undefined;
  const interval = retrier.IntervalSeconds ?? 1;
  const rate = retrier.BackoffRate ?? 2;
  let seconds = interval * Math.pow(rate, attempt - 1);
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  let ms = seconds * 1000;
  if (retrier.JitterStrategy === "FULL") ms = random() * ms;
  return Math.round(ms);
}

/** Index of the first catcher matching `errorName`, or -1. */
export function findCatcher(catchers: readonly Catcher[] | undefined, errorName: string): number {
  if (catchers === undefined) return -1;
  return catchers.findIndex((c) => errorMatches(c.ErrorEquals, errorName));
}
