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
export { DeadlineHeap } from "./deadline-heap";
export type { Deadline } from "./deadline-heap";
export { ArmedTask } from "./armed-task";
export type { ArmedTaskOptions } from "./armed-task";
export { ExpiryWindow } from "./expiry-window";
export type { ExpiryWindowOptions } from "./expiry-window";
