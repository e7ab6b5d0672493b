/**
 * Scheduled jobs on virtual time: an EventBridge cron rule ("Schedule expressions for rules") invoking a function
 * every weekday at 09:00 UTC, and an EventBridge Scheduler one-time `at()` schedule in Europe/Berlin that crosses
 * the spring-forward change ("Schedule types on EventBridge Scheduler": time zones and daylight saving time).
 */
import { createCloud } from "simcloud";
import { expect, it } from "vitest";

it("a weekday 09:00 UTC cron rule invokes its function 10 times in two weeks, each with its scheduled time", async () => {
  await using cloud = createCloud(); // starts Wednesday 2025-01-01T00:00:00Z
  const seen: { time: string; source: string; detailType: string }[] = [];
  const { FunctionArn } = await cloud.lambda.createFunction({
    FunctionName: "daily-report",
    handler: async (event: { time: string; source: string; "detail-type": string }) => {
      seen.push({ time: event.time, source: event.source, detailType: event["detail-type"] });
    },
  });
  await cloud.events.putRule({ Name: "weekday-9am", ScheduleExpression: "cron(0 9 ? * MON-FRI *)" });
  await cloud.events.putTargets({ Rule: "weekday-9am", Targets: [{ Id: "report", Arn: FunctionArn }] });

  await cloud.advance(14 * 24 * 3_600_000);

  expect(seen.map((event) => event.time)).toEqual([
    "2025-01-01T09:00:00Z",
    "2025-01-02T09:00:00Z",
    "2025-01-03T09:00:00Z",
    "2025-01-06T09:00:00Z",
    "2025-01-07T09:00:00Z",
    "2025-01-08T09:00:00Z",
    "2025-01-09T09:00:00Z",
    "2025-01-10T09:00:00Z",
    "2025-01-13T09:00:00Z",
    "2025-01-14T09:00:00Z",
  ]);
  expect(new Set(seen.map((event) => `${event.source} / ${event.detailType}`))).toEqual(new Set(["aws.events / Scheduled Event"]));
});

it("a one-time at() schedule in Europe/Berlin fires at the wall time after clocks spring forward", async () => {
  await using cloud = createCloud({ start: "2025-03-29T00:00:00Z" });
  const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "reminders" });
  await cloud.schedules.createSchedule({
    Name: "sunday-brunch",
    // Berlin moves from UTC+1 to UTC+2 at 02:00 local on 2025-03-30: 10:00 local is 08:00 UTC that day.
    ScheduleExpression: "at(2025-03-30T10:00:00)",
    ScheduleExpressionTimezone: "Europe/Berlin",
    FlexibleTimeWindow: { Mode: "OFF" },
    ActionAfterCompletion: "DELETE",
    Target: { Arn: "arn:aws:sqs:us-east-1:000000000000:reminders", RoleArn: "arn:aws:iam::000000000000:role/scheduler", Input: '"brunch"' },
  });

  await cloud.advanceTo(Date.parse("2025-03-30T07:59:00Z"));
  expect((await cloud.sqs.receiveMessage({ QueueUrl: QueueUrl! })).Messages ?? []).toEqual([]);
  await cloud.advanceTo(Date.parse("2025-03-30T08:01:00Z"));
  const received = await cloud.sqs.receiveMessage({ QueueUrl: QueueUrl!, MessageSystemAttributeNames: ["SentTimestamp"] });
  expect(received.Messages?.map((message) => [message.Body, new Date(Number(message.Attributes?.SentTimestamp)).toISOString()])).toEqual([['"brunch"', "2025-03-30T08:00:00.000Z"]]);
  // ActionAfterCompletion DELETE: the schedule is gone once it has run.
  expect((await cloud.schedules.listSchedules()).Schedules).toEqual([]);
});
