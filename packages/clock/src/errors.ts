/** Thrown when one advance/settle/runUntilIdle call runs more tasks than its loop limit: almost always a task that keeps rescheduling itself. */
export class SchedulerLoopLimitError extends Error {
  override readonly name = "SchedulerLoopLimitError";
  constructor(
    readonly limit: number,
    readonly lastTasks: readonly string[],
  ) {
    super(
      `Scheduler ran ${limit} tasks in one call without becoming idle; the last tasks were: ${lastTasks.join(", ") || "(unlabelled)"}. ` +
        "A task probably keeps rescheduling itself; raise loopLimit / maxTasks if this much work is intended.",
    );
  }
}

/** Thrown by any call on a scheduler (and so a cloud) after dispose(). */
export class SchedulerDisposedError extends Error {
  override readonly name = "SchedulerDisposedError";
  constructor(operation: string) {
    super(`Cannot ${operation}: this simulator has been disposed.`);
  }
}

/** Thrown when a virtual-time operation is called on a scheduler driven by the system (or fake) timers. */
export class ClockModeError extends Error {
  override readonly name = "ClockModeError";
}

/** Carries the first error thrown by a scheduled task during one advance/settle/runUntilIdle call; time kept moving regardless. */
export class ScheduledTaskError extends Error {
  override readonly name = "ScheduledTaskError";
  constructor(
    readonly label: string,
    readonly time: number,
    override readonly cause: unknown,
  ) {
    super(`Scheduled task "${label}" at ${new Date(time).toISOString()} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
