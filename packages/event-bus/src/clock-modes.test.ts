/** Rules, retries, Scheduler schedules and replays behave the same in virtual, autoAdvance and fake-timer modes. */
import { createSimContext } from "@simcloud/core";
import { inEveryClockMode } from "@simcloud/core/testing";
import { expect, it } from "vitest";
import { createEventBridgeService } from "./events";
import { createSchedulerService } from "./scheduler";
import { fake } from "./test-helpers";

inEveryClockMode("EventBridge", createSimContext, (setup) => {
  it("a rate rule fires every minute; a failing target is retried on the clock and dead-lettered", async () => {
    const { subject: ctx, advance, settle } = setup();
    const start = ctx.scheduler.now();
    const events = createEventBridgeService(ctx);
    const q = fake(ctx, "queue", "q");
    const dlq = fake(ctx, "queue", "dlq");
    await events.putRule({ Name: "tick", ScheduleExpression: "rate(1 minute)" });
    await events.putTargets({ Rule: "tick", Targets: [{ Id: "q", Arn: q.arn }] });
    await events.putRule({ Name: "r", EventPattern: '{"source":["app"]}' });
    await events.putTargets({ Rule: "r", Targets: [{ Id: "gone", Arn: "arn:aws:sqs:us-east-1:000000000000:gone", RetryPolicy: { MaximumRetryAttempts: 1 }, DeadLetterConfig: { Arn: dlq.arn } }] });
    await events.putEvents({ Entries: [{ Source: "app", DetailType: "t", Detail: "{}" }] });
    await settle();
    expect(dlq.received).toHaveLength(0);
    await advance(180_000);
    expect(q.received.map((entry) => entry.time - start)).toEqual([60_000, 120_000, 180_000]);
    expect(dlq.received).toHaveLength(1);
  });

  it("a Scheduler at() schedule fires at its time", async () => {
    const { subject: ctx, advance } = setup();
    const schedules = createSchedulerService(ctx);
    const q = fake(ctx, "queue", "q");
    await schedules.createSchedule({ Name: "once", ScheduleExpression: "at(2025-01-01T00:05:00)", FlexibleTimeWindow: { Mode: "OFF" }, Target: { Arn: q.arn, RoleArn: "arn:aws:iam::000000000000:role/r" } });
    await advance(600_000);
    expect(q.received.map((entry) => entry.time)).toEqual([Date.UTC(2025, 0, 1, 0, 5)]);
  });
});
