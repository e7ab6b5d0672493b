import type { Catcher, Retrier } from "./types";

/** Whether an ErrorEquals list matches an error name (States.ALL, States.TaskFailed rules). */
export function errorMatches(errorEquals: readonly string[], errorName: string): boolean {
  void errorEquals; void errorName;
  throw new Error("not yet");
}

/** Index of the first retrier matching `errorName`, or -1. */
export function findRetrier(retry: readonly Retrier[] | undefined, errorName: string): number {
  void retry; void errorName;
  throw new Error("not yet");
}

/** Delay before retry number `attempt` (1-based), or undefined when MaxAttempts is exhausted. */
export function retryDelayMs(retrier: Retrier, attempt: number, random: () => number): number | undefined {
  void retrier; void attempt; void random;
  throw new Error("not yet");
}

/** Index of the first catcher matching `errorName`, or -1. */
export function findCatcher(catchers: readonly Catcher[] | undefined, errorName: string): number {
  void catchers; void errorName;
  throw new Error("not yet");
}
