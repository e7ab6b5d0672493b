/**
 * EventBridge Scheduler (`cloud.schedules`): schedule groups and schedules that fire on the virtual clock.
 * `at()`, `rate()` and `cron()` in ScheduleExpressionTimezone (DST as "Schedule types on EventBridge Scheduler"
 * describes), StartDate/EndDate, FlexibleTimeWindow (each invocation delayed by a draw from a seeded stream),
 * ActionAfterCompletion DELETE, templated targets with RetryPolicy and DeadLetterConfig.
 */
import type { TaskHandle } from "@simcloud/clock";
import type { SimContext } from "@simcloud/core";
import { schedulerErrors as errors } from "./errors";
import { nextRetry, stringAttribute } from "./retry";
import { nextFiring, parseScheduleExpression, type ScheduleExpression } from "./schedule-expression";
import type * as S from "./scheduler-shapes";
import { DeliveryError, sendToTarget, type TargetHandler } from "./targets";
import { isTimeZone } from "./time-zone";
import { page, validateTags } from "./validate";
import "./trace";

export interface SchedulerService {
  createSchedule(input: S.CreateScheduleInput): Promise<S.ScheduleArnOutput>;
  updateSchedule(input: S.UpdateScheduleInput): Promise<S.ScheduleArnOutput>;
  getSchedule(input: S.ScheduleRefInput): Promise<S.GetScheduleOutput>;
  deleteSchedule(input: S.ScheduleRefInput): Promise<Record<string, never>>;
  listSchedules(input?: S.ListSchedulesInput): Promise<S.ListSchedulesOutput>;
  createScheduleGroup(input: S.CreateScheduleGroupInput): Promise<{ ScheduleGroupArn: string | undefined }>;
  getScheduleGroup(input: S.ScheduleGroupNameInput): Promise<S.ScheduleGroupSummary>;
  deleteScheduleGroup(input: S.ScheduleGroupNameInput): Promise<Record<string, never>>;
  listScheduleGroups(input?: S.ListScheduleGroupsInput): Promise<S.ListScheduleGroupsOutput>;
  tagResource(input: S.SchedulerTagResourceInput): Promise<Record<string, never>>;
  untagResource(input: S.SchedulerUntagResourceInput): Promise<Record<string, never>>;
  listTagsForResource(input: S.SchedulerListTagsInput): Promise<S.SchedulerListTagsOutput>;
  /** Simulator-only: routes invocations of a target ARN (e.g. a universal target) to `handler`. */
  registerTargetHandler(arn: string, handler: TargetHandler): () => void;
}

interface ScheduleRecord {
  readonly name: string;
  readonly group: string;
  readonly arn: string;
  readonly createdAt: number;
  modifiedAt: number;
  spec: S.CreateScheduleInput;
  expression: ScheduleExpression;
  timeZone: string;
  task: TaskHandle | undefined;
}

interface GroupRecord {
  readonly name: string;
  readonly arn: string;
  readonly createdAt: number;
  readonly tags: Map<string, string>;
}

const NAME = /^[0-9a-zA-Z\-_.]+$/;
const invalidToken = (message: string) => errors.ValidationException(message);
const DEFAULT_GROUP = "default";

export function createSchedulerService(ctx: SimContext): SchedulerService {
  const groups = new Map<string, GroupRecord>();
  const schedules = new Map<string, ScheduleRecord>();
  const handlers = new Map<string, TargetHandler>();
  const prefix = `arn:aws:scheduler:${ctx.region}:${ctx.accountId}`;
  const key = (group: string, name: string) => `${group}/${name}`;

  const addGroup = (name: string, tags = new Map<string, string>()) => {
    const group = { name, arn: `${prefix}:schedule-group/${name}`, createdAt: ctx.scheduler.now(), tags };
    groups.set(name, group);
    return group;
  };
  addGroup(DEFAULT_GROUP);

  const groupFor = (name: string | undefined): GroupRecord => {
    const group = groups.get(name ?? DEFAULT_GROUP);
    if (group === undefined) throw errors.ResourceNotFoundException(`Schedule group ${name} does not exist.`);
    return group;
  };

  const scheduleFor = (input: S.ScheduleRefInput): ScheduleRecord => {
    const name = requireName(input.Name, "name");
    const group = groupFor(input.GroupName);
    const schedule = schedules.get(key(group.name, name));
    if (schedule === undefined) throw errors.ResourceNotFoundException(`Schedule ${name} does not exist.`);
    return schedule;
  };

  function validate(input: S.CreateScheduleInput): { expression: ScheduleExpression; timeZone: string } {
    requireName(input.Name, "name");
    const text = input.ScheduleExpression;
    const expression = typeof text === "string" ? parseScheduleExpression(text, { allowAt: true }) : undefined;
    if (expression === undefined) throw errors.ValidationException(`Invalid Schedule Expression ${String(text)}.`);
    const timeZone = input.ScheduleExpressionTimezone ?? "UTC";
    if (!isTimeZone(timeZone)) throw errors.ValidationException(`Invalid time zone ${timeZone}.`);
    const window = input.FlexibleTimeWindow;
    if (window === undefined || (window.Mode !== "OFF" && window.Mode !== "FLEXIBLE")) throw errors.ValidationException("FlexibleTimeWindow Mode must be OFF or FLEXIBLE.");
    if (window.Mode === "FLEXIBLE" && !(Number.isInteger(window.MaximumWindowInMinutes) && (window.MaximumWindowInMinutes as number) >= 1 && (window.MaximumWindowInMinutes as number) <= 1440)) {
      throw errors.ValidationException("MaximumWindowInMinutes must be between 1 and 1440 when Mode is FLEXIBLE.");
    }
    if (window.Mode === "OFF" && window.MaximumWindowInMinutes !== undefined) throw errors.ValidationException("MaximumWindowInMinutes is not allowed when Mode is OFF.");
    const target = input.Target;
    if (typeof target?.Arn !== "string" || typeof target.RoleArn !== "string") throw errors.ValidationException("Target Arn and RoleArn are required.");
    const retry = target.RetryPolicy;
    if (retry?.MaximumRetryAttempts !== undefined && !(Number.isInteger(retry.MaximumRetryAttempts) && retry.MaximumRetryAttempts >= 0 && retry.MaximumRetryAttempts <= 185)) {
      throw errors.ValidationException("MaximumRetryAttempts must be between 0 and 185.");
    }
    if (retry?.MaximumEventAgeInSeconds !== undefined && !(Number.isInteger(retry.MaximumEventAgeInSeconds) && retry.MaximumEventAgeInSeconds >= 60 && retry.MaximumEventAgeInSeconds <= 86_400)) {
      throw errors.ValidationException("MaximumEventAgeInSeconds must be between 60 and 86400.");
    }
    if (input.State !== undefined && input.State !== "ENABLED" && input.State !== "DISABLED") throw errors.ValidationException(`Invalid State ${input.State}.`);
    if (input.ActionAfterCompletion !== undefined && input.ActionAfterCompletion !== "NONE" && input.ActionAfterCompletion !== "DELETE") {
      throw errors.ValidationException(`Invalid ActionAfterCompletion ${input.ActionAfterCompletion}.`);
    }
    if (input.StartDate !== undefined && input.EndDate !== undefined && input.StartDate.getTime() >= input.EndDate.getTime()) {
      throw errors.ValidationException("The StartDate must come before the EndDate.");
    }
    return { expression, timeZone };
  }

  function firingsOf(schedule: ScheduleRecord): { first: number | undefined; next: (previous: number) => number | undefined } {
    const { spec, expression, timeZone } = schedule;
    const now = ctx.scheduler.now();
    const start = Math.max(now, spec.StartDate?.getTime() ?? now);
    const end = spec.EndDate?.getTime() ?? Number.POSITIVE_INFINITY;
    // A rate schedule counts from its StartDate, or starts at once without one.
    const anchor = spec.StartDate?.getTime() ?? now;
    const within = (time: number | undefined) => (time === undefined || time > end ? undefined : time);
    const first = expression.kind === "rate" && anchor >= now ? anchor : nextFiring(expression, start - 1, anchor, timeZone);
    return { first: within(first), next: (previous) => (expression.kind === "at" ? undefined : within(nextFiring(expression, previous, anchor, timeZone))) };
  }

  function arm(schedule: ScheduleRecord): void {
    schedule.task?.cancel();
    schedule.task = undefined;
    if (schedule.spec.State === "DISABLED") return;
    const { first, next } = firingsOf(schedule);
    if (first === undefined) return;
    schedule.task = ctx.scheduler.recurring(
      first,
      next,
      () => {
        const time = ctx.scheduler.now();
        ctx.trace.record("scheduler.schedule.fired", { scheduleArn: schedule.arn, time });
        const spec = schedule.spec;
        const window = spec.FlexibleTimeWindow;
        const delay = window?.Mode === "FLEXIBLE" ? Math.floor(ctx.random.stream("scheduler.flex").next() * (window.MaximumWindowInMinutes ?? 1) * 60_000) : 0;
        const executionId = ctx.ids.uuid("scheduler.ids");
        ctx.scheduler.after(delay, () => invoke(schedule.arn, spec, time, executionId, 0), { label: `scheduler:${schedule.name} invoke` });
        if (next(time) === undefined && spec.ActionAfterCompletion === "DELETE") {
          schedules.delete(key(schedule.group, schedule.name));
          schedule.task?.cancel();
        }
      },
      { label: `scheduler:${schedule.name}` },
    );
  }

  async function invoke(scheduleArn: string, spec: S.CreateScheduleInput, scheduledTime: number, executionId: string, retries: number): Promise<void> {
    const target = spec.Target as S.ScheduleTarget;
    const input = contextAttributes(target.Input ?? "{}", scheduleArn, scheduledTime, executionId, retries + 1);
    try {
      await sendToTarget(ctx, handlers, target.Arn as string, input, {
        caller: { principal: "scheduler.amazonaws.com", sourceArn: scheduleArn },
        messageGroupId: target.SqsParameters?.MessageGroupId,
        deduplicationId: executionId,
        partitionKey: target.KinesisParameters?.PartitionKey,
        busEntry: { Source: target.EventBridgeParameters?.Source, DetailType: target.EventBridgeParameters?.DetailType, Detail: input },
      });
    } catch (caught) {
      const error = caught instanceof DeliveryError ? caught : new DeliveryError("InternalServerException", String(caught));
      const decision = nextRetry(ctx, "scheduler.retry", target.RetryPolicy, retries, scheduledTime);
      if ("retryInMs" in decision) {
        ctx.trace.record("scheduler.target.failed", { scheduleArn, targetArn: target.Arn as string, attempt: retries + 1, error: error.message, retryAt: ctx.scheduler.now() + decision.retryInMs });
        ctx.scheduler.after(decision.retryInMs, () => invoke(scheduleArn, spec, scheduledTime, executionId, retries + 1), { label: `scheduler retry` });
        return;
      }
      ctx.trace.record("scheduler.target.failed", { scheduleArn, targetArn: target.Arn as string, attempt: retries + 1, error: error.message });
      const dlq = target.DeadLetterConfig?.Arn;
      if (dlq === undefined) return;
      const port = ctx.registry.resolve("queue", dlq)?.port;
      let delivered = false;
      try {
        port?.send(
          {
            MessageBody: input,
            MessageAttributes: {
              ERROR_CODE: stringAttribute(error.code),
              ERROR_MESSAGE: stringAttribute(error.message || error.code),
              EXHAUSTED_RETRY_CONDITION: stringAttribute(decision.exhausted),
              RETRY_ATTEMPTS: { DataType: "Number", StringValue: String(retries) },
              SCHEDULE_ARN: stringAttribute(scheduleArn),
              TARGET_ARN: stringAttribute(target.Arn as string),
            },
          },
          { principal: "scheduler.amazonaws.com", sourceArn: scheduleArn },
        );
        delivered = port !== undefined;
      } catch {
        delivered = false;
      }
      ctx.trace.record("scheduler.target.dead-lettered", { scheduleArn, deadLetterArn: dlq, delivered });
    }
  }

  const describe = (schedule: ScheduleRecord): S.GetScheduleOutput => {
    const spec = schedule.spec;
    return {
      Arn: schedule.arn,
      GroupName: schedule.group,
      Name: schedule.name,
      ScheduleExpression: spec.ScheduleExpression as string,
      ...(spec.StartDate === undefined ? {} : { StartDate: spec.StartDate }),
      ...(spec.EndDate === undefined ? {} : { EndDate: spec.EndDate }),
      ...(spec.Description === undefined ? {} : { Description: spec.Description }),
      ScheduleExpressionTimezone: schedule.timeZone,
      State: (spec.State ?? "ENABLED") as S.ScheduleState,
      CreationDate: new Date(schedule.createdAt),
      LastModificationDate: new Date(schedule.modifiedAt),
      ...(spec.KmsKeyArn === undefined ? {} : { KmsKeyArn: spec.KmsKeyArn }),
      Target: structuredClone(spec.Target as S.ScheduleTarget),
      FlexibleTimeWindow: structuredClone(spec.FlexibleTimeWindow as S.FlexibleTimeWindow),
      ActionAfterCompletion: (spec.ActionAfterCompletion ?? "NONE") as S.ActionAfterCompletion,
    };
  };

  return {
    async createSchedule(input) {
      const { expression, timeZone } = validate(input);
      const group = groupFor(input.GroupName);
      const name = input.Name as string;
      if (schedules.has(key(group.name, name))) throw errors.ConflictException(`Schedule ${name} already exists.`);
      const now = ctx.scheduler.now();
      const schedule: ScheduleRecord = { name, group: group.name, arn: `${prefix}:schedule/${group.name}/${name}`, createdAt: now, modifiedAt: now, spec: structuredClone(input), expression, timeZone, task: undefined };
      schedules.set(key(group.name, name), schedule);
      arm(schedule);
      return { ScheduleArn: schedule.arn };
    },
    async updateSchedule(input) {
      const schedule = scheduleFor(input);
      const { expression, timeZone } = validate(input);
      schedule.spec = structuredClone(input);
      schedule.expression = expression;
      schedule.timeZone = timeZone;
      schedule.modifiedAt = ctx.scheduler.now();
      arm(schedule);
      return { ScheduleArn: schedule.arn };
    },
    async getSchedule(input) {
      return describe(scheduleFor(input));
    },
    async deleteSchedule(input) {
      const schedule = scheduleFor(input);
      schedule.task?.cancel();
      schedules.delete(key(schedule.group, schedule.name));
      return {};
    },
    async listSchedules(input = {}) {
      if (input.GroupName !== undefined) groupFor(input.GroupName);
      const all = [...schedules.values()]
        .filter((schedule) => (input.GroupName === undefined || schedule.group === input.GroupName) && (input.NamePrefix === undefined || schedule.name.startsWith(input.NamePrefix)) && (input.State === undefined || (schedule.spec.State ?? "ENABLED") === input.State))
        .sort((a, b) => compare(key(a.group, a.name), key(b.group, b.name)));
      const { items, next } = page(all, input.MaxResults, input.NextToken, `scheduler.listSchedules:${input.GroupName ?? ""}:${input.NamePrefix ?? ""}:${input.State ?? ""}`, (schedule) => key(schedule.group, schedule.name), invalidToken);
      return {
        Schedules: items.map((schedule) => ({
          Arn: schedule.arn,
          Name: schedule.name,
          GroupName: schedule.group,
          State: (schedule.spec.State ?? "ENABLED") as S.ScheduleState,
          CreationDate: new Date(schedule.createdAt),
          LastModificationDate: new Date(schedule.modifiedAt),
          Target: { Arn: schedule.spec.Target?.Arn as string },
        })),
        ...(next === undefined ? {} : { NextToken: next }),
      };
    },
    async createScheduleGroup(input) {
      const name = requireName(input.Name, "name");
      if (groups.has(name)) throw errors.ConflictException(`Schedule group ${name} already exists.`);
      const tags = validateTags(input.Tags, (message) => errors.ValidationException(message));
      return { ScheduleGroupArn: addGroup(name, tags).arn };
    },
    async getScheduleGroup(input) {
      const group = groupFor(requireName(input.Name, "name"));
      return { Arn: group.arn, Name: group.name, State: "ACTIVE", CreationDate: new Date(group.createdAt), LastModificationDate: new Date(group.createdAt) };
    },
    async deleteScheduleGroup(input) {
      const group = groupFor(requireName(input.Name, "name"));
      if (group.name === DEFAULT_GROUP) throw errors.ValidationException("Cannot delete the default schedule group.");
      for (const schedule of [...schedules.values()]) {
        if (schedule.group !== group.name) continue;
        schedule.task?.cancel();
        schedules.delete(key(schedule.group, schedule.name));
      }
      groups.delete(group.name);
      return {};
    },
    async listScheduleGroups(input = {}) {
      const all = [...groups.values()].filter((group) => input.NamePrefix === undefined || group.name.startsWith(input.NamePrefix)).sort((a, b) => compare(a.name, b.name));
      const { items, next } = page(all, input.MaxResults, input.NextToken, `scheduler.listScheduleGroups:${input.NamePrefix ?? ""}`, (group) => group.name, invalidToken);
      return {
        ScheduleGroups: items.map((group) => ({ Arn: group.arn, Name: group.name, State: "ACTIVE" as const, CreationDate: new Date(group.createdAt), LastModificationDate: new Date(group.createdAt) })),
        ...(next === undefined ? {} : { NextToken: next }),
      };
    },
    async tagResource(input) {
      const tags = tagsOf(input.ResourceArn);
      for (const [tagKey, value] of validateTags(input.Tags, (message) => errors.ValidationException(message))) tags.set(tagKey, value);
      return {};
    },
    async untagResource(input) {
      const tags = tagsOf(input.ResourceArn);
      for (const tagKey of input.TagKeys ?? []) tags.delete(tagKey);
      return {};
    },
    async listTagsForResource(input) {
      return { Tags: [...tagsOf(input.ResourceArn)].map(([Key, Value]) => ({ Key, Value })) };
    },
    registerTargetHandler(arn, handler) {
      handlers.set(arn, handler);
      return () => {
        if (handlers.get(arn) === handler) handlers.delete(arn);
      };
    },
  };

  function tagsOf(arn: string | undefined): Map<string, string> {
    const group = [...groups.values()].find((candidate) => candidate.arn === arn);
    if (group === undefined) throw errors.ResourceNotFoundException(`Resource ${String(arn)} does not exist.`);
    return group.tags;
  }
}

/** Scheduler's context attributes in a target's Input ("Adding context attributes to your target"). */
function contextAttributes(input: string, scheduleArn: string, scheduledTime: number, executionId: string, attempt: number): string {
  if (!input.includes("<aws.scheduler.")) return input;
  return input
    .replaceAll("<aws.scheduler.schedule-arn>", scheduleArn)
    .replaceAll("<aws.scheduler.scheduled-time>", new Date(scheduledTime).toISOString().replace(".000Z", "Z"))
    .replaceAll("<aws.scheduler.execution-id>", executionId)
    .replaceAll("<aws.scheduler.attempt-number>", String(attempt));
}

function requireName(value: unknown, at: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 64 || !NAME.test(value)) {
    throw errors.ValidationException(`1 validation error detected: Value '${String(value)}' at '${at}' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z-_.]+`);
  }
  return value;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
