import { createSimContext } from "@simcloud/core";
import { describe, expect, it } from "vitest";
import { createSchedulerService } from "./scheduler";
import { fake } from "./test-helpers";

const START = Date.UTC(2025, 0, 1);
const ROLE = "arn:aws:iam::000000000000:role/scheduler";

function setup() {
  const ctx = createSimContext();
  return { ctx, schedules: createSchedulerService(ctx), q: fake(ctx, "queue", "q") };
}
const base = (arn: string, extra: object = {}) => ({ FlexibleTimeWindow: { Mode: "OFF" }, Target: { Arn: arn, RoleArn: ROLE, Input: '{"job":1}' }, ...extra });

describe("EventBridge Scheduler", () => {
  it("rate() starts at once without a StartDate and fires on virtual time; advancing a week runs every occurrence in order", async () => {
    const { ctx, schedules, q } = setup();
    const { ScheduleArn } = await schedules.createSchedule({ Name: "hourly", ScheduleExpression: "rate(1 hour)", ...base(q.arn) });
    expect(ScheduleArn).toBe("arn:aws:scheduler:us-east-1:000000000000:schedule/default/hourly");
    await ctx.scheduler.advance(7 * 86_400_000);
    expect(q.received).toHaveLength(7 * 24 + 1);
    expect(q.received.map((entry) => entry.time - START).slice(0, 3)).toEqual([0, 3_600_000, 7_200_000]);
    expect(q.received[0]?.caller).toEqual({ principal: "scheduler.amazonaws.com", sourceArn: ScheduleArn });
  });

  it("cron() in a time zone follows DST; StartDate and EndDate bound it", async () => {
    const { ctx, schedules, q } = setup();
    await schedules.createSchedule({
      Name: "berlin",
      ScheduleExpression: "cron(0 9 * * ? *)",
      ScheduleExpressionTimezone: "Europe/Berlin",
      StartDate: new Date(Date.UTC(2025, 2, 29)),
      EndDate: new Date(Date.UTC(2025, 2, 31, 12)),
      ...base(q.arn),
    });
    await ctx.scheduler.advanceTo(Date.UTC(2025, 3, 10));
    expect(q.received.map((entry) => new Date(entry.time).toISOString())).toEqual(["2025-03-29T08:00:00.000Z", "2025-03-30T07:00:00.000Z", "2025-03-31T07:00:00.000Z"]);
  });

  it("at() fires once; ActionAfterCompletion DELETE removes the schedule", async () => {
    const { ctx, schedules, q } = setup();
    await schedules.createSchedule({ Name: "once", ScheduleExpression: "at(2025-01-02T10:00:00)", ActionAfterCompletion: "DELETE", ...base(q.arn) });
    await schedules.createSchedule({ Name: "kept", ScheduleExpression: "at(2025-01-02T10:00:00)", ...base(q.arn) });
    await ctx.scheduler.advance(2 * 86_400_000);
    expect(q.received.map((entry) => entry.time - START)).toEqual([34 * 3_600_000, 34 * 3_600_000]);
    await expect(schedules.getSchedule({ Name: "once" })).rejects.toMatchObject({ code: "ResourceNotFoundException", statusCode: 404 });
    expect((await schedules.getSchedule({ Name: "kept" })).ActionAfterCompletion).toBe("NONE");
  });

  it("FlexibleTimeWindow delays each invocation by a seeded draw within the window", async () => {
    const run = async () => {
      const { ctx, schedules, q } = setup();
      await schedules.createSchedule({ Name: "flex", ScheduleExpression: "rate(1 hour)", ...base(q.arn), FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 15 } });
      await ctx.scheduler.advance(5 * 3_600_000);
      return q.received.map((entry) => entry.time - START);
    };
    const times = await run();
    expect(times).toHaveLength(5);
    times.forEach((time, hour) => {
      expect(time).toBeGreaterThanOrEqual(hour * 3_600_000);
      expect(time).toBeLessThan(hour * 3_600_000 + 15 * 60_000);
    });
    expect(await run()).toEqual(times);
  });

  it("templated targets: context attributes in Input, EventBridge and Lambda targets; retries then the DLQ", async () => {
    const { ctx, schedules } = setup();
    const fn = fake(ctx, "function", "f");
    const dlq = fake(ctx, "queue", "dlq");
    await schedules.createSchedule({
      Name: "ctx",
      ScheduleExpression: "at(2025-01-01T00:10:00)",
      FlexibleTimeWindow: { Mode: "OFF" },
      Target: { Arn: fn.arn, RoleArn: ROLE, Input: '{"arn":"<aws.scheduler.schedule-arn>","at":"<aws.scheduler.scheduled-time>","n":<aws.scheduler.attempt-number>}' },
    });
    await schedules.createSchedule({
      Name: "failing",
      ScheduleExpression: "at(2025-01-01T00:10:00)",
      FlexibleTimeWindow: { Mode: "OFF" },
      Target: { Arn: "arn:aws:sqs:us-east-1:000000000000:missing", RoleArn: ROLE, RetryPolicy: { MaximumRetryAttempts: 1 }, DeadLetterConfig: { Arn: dlq.arn } },
    });
    await ctx.scheduler.advance(3_600_000);
    expect(fn.bodies()).toEqual([{ arn: "arn:aws:scheduler:us-east-1:000000000000:schedule/default/ctx", at: "2025-01-01T00:10:00Z", n: 1 }]);
    expect(dlq.received).toHaveLength(1);
    expect(dlq.received[0]?.attributes?.["EXHAUSTED_RETRY_CONDITION"]?.StringValue).toBe("MaximumRetryAttempts");
    expect(dlq.received[0]?.attributes?.["SCHEDULE_ARN"]?.StringValue).toBe("arn:aws:scheduler:us-east-1:000000000000:schedule/default/failing");
  });

  it("groups, listing, updates, errors", async () => {
    const { ctx, schedules, q } = setup();
    await schedules.createScheduleGroup({ Name: "g", Tags: [{ Key: "k", Value: "v" }] });
    await expect(schedules.createScheduleGroup({ Name: "g" })).rejects.toMatchObject({ code: "ConflictException", statusCode: 409 });
    await schedules.createSchedule({ Name: "a", GroupName: "g", ScheduleExpression: "rate(5 minutes)", ...base(q.arn) });
    await expect(schedules.createSchedule({ Name: "a", GroupName: "g", ScheduleExpression: "rate(5 minutes)", ...base(q.arn) })).rejects.toMatchObject({ code: "ConflictException" });
    await expect(schedules.createSchedule({ Name: "b", ScheduleExpression: "cron(0 1 * * * *)", ...base(q.arn) })).rejects.toMatchObject({ code: "ValidationException", message: "Invalid Schedule Expression cron(0 1 * * * *)." });
    await expect(schedules.createSchedule({ Name: "b", ScheduleExpression: "rate(5 minutes)", ScheduleExpressionTimezone: "Mars/Olympus", ...base(q.arn) })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(schedules.createSchedule({ Name: "b", GroupName: "none", ScheduleExpression: "rate(5 minutes)", ...base(q.arn) })).rejects.toMatchObject({ code: "ResourceNotFoundException" });
    expect((await schedules.listSchedules({ GroupName: "g" })).Schedules?.map((item) => item.Name)).toEqual(["a"]);
    expect((await schedules.listScheduleGroups()).ScheduleGroups?.map((group) => group.Name)).toEqual(["default", "g"]);
    await schedules.updateSchedule({ Name: "a", GroupName: "g", ScheduleExpression: "rate(5 minutes)", State: "DISABLED", ...base(q.arn) });
    await ctx.scheduler.advance(3_600_000);
    expect(q.received).toHaveLength(0);
    expect((await schedules.listTagsForResource({ ResourceArn: "arn:aws:scheduler:us-east-1:000000000000:schedule-group/g" })).Tags).toEqual([{ Key: "k", Value: "v" }]);
    await schedules.deleteScheduleGroup({ Name: "g" });
    await expect(schedules.getSchedule({ Name: "a", GroupName: "g" })).rejects.toMatchObject({ code: "ResourceNotFoundException" });
  });
});
