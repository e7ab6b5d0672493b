export { Scheduler, DEFAULT_START, DEFAULT_LOOP_LIMIT } from "./scheduler";
export type {
  Clock,
  ClockMode,
  TaskFn,
  TaskHandle,
  ScheduleOptions,
  RunUntilIdleOptions,
  SchedulerOptions,
  NextTime,
} from "./scheduler";
export { createRandom } from "./random";
export type { Random, RandomStream } from "./random";
export { createIds } from "./ids";
export type { IdFactory } from "./ids";
export { SchedulerLoopLimitError, SchedulerDisposedError, ClockModeError, ScheduledTaskError } from "./errors";
export { yieldMacrotask } from "./native";
