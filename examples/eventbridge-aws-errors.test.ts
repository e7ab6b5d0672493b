/**
 * Error codes and messages as AWS's recorded answers give them (LocalStack's snapshots of real AWS, events and
 * scheduler), through the real SDK clients.
 */
import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeArchiveCommand,
  DescribeEventBusCommand,
  DescribeReplayCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  StartReplayCommand,
  UpdateArchiveCommand,
} from "@aws-sdk/client-eventbridge";
import { CreateScheduleCommand, GetScheduleCommand, SchedulerClient } from "@aws-sdk/client-scheduler";
import { createCloud } from "simcloud";
import { expect, it } from "vitest";

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error("expected a failure");
}

const DEFAULT_BUS = "arn:aws:events:us-east-1:000000000000:event-bus/default";

it("EventBridge errors as recorded", async () => {
  await using cloud = createCloud();
  const events = new EventBridgeClient(cloud.clientConfig());
  await events.send(new CreateEventBusCommand({ Name: "b" }));
  expect(await failure(events.send(new CreateEventBusCommand({ Name: "b" })))).toEqual({ name: "ResourceAlreadyExistsException", message: "Event bus b already exists.", status: 400 });
  expect(await failure(events.send(new DescribeEventBusCommand({ Name: "nope" })))).toMatchObject({ name: "ResourceNotFoundException", message: "Event bus nope does not exist." });
  expect(await failure(events.send(new DeleteEventBusCommand({ Name: "default" })))).toMatchObject({ name: "ValidationException", message: "Cannot delete event bus default." });
  expect(await failure(events.send(new DescribeRuleCommand({ Name: "nope" })))).toMatchObject({ name: "ResourceNotFoundException", message: "Rule nope does not exist on EventBus default." });
  expect(await failure(events.send(new PutRuleCommand({ Name: "s", EventBusName: "b", ScheduleExpression: "rate(1 minute)" })))).toMatchObject({ name: "ValidationException", message: "ScheduleExpression is supported only on the default event bus." });
  for (const bad of ["cron(INVALID)", "cron(0 9 * * * *)", "rate(1 minutes)", "rate(0 minutes)", "cron(0 9 ? * MON-FRI)", "rate(5 seconds)"]) {
    expect(await failure(events.send(new PutRuleCommand({ Name: "s", ScheduleExpression: bad }))), bad).toMatchObject({ name: "ValidationException", message: "Parameter ScheduleExpression is not valid." });
  }
  const pattern = await failure(events.send(new PutRuleCommand({ Name: "p", EventPattern: '{"source": "not-a-list"}' })));
  expect(pattern.name).toBe("InvalidEventPatternException");
  expect(pattern.message).toMatch(/^Event pattern is not valid\. Reason: /);
  await events.send(new PutRuleCommand({ Name: "r", EventPattern: '{"source":["a"]}' }));
  await events.send(new PutTargetsCommand({ Rule: "r", Targets: [{ Id: "t", Arn: "arn:aws:sqs:us-east-1:000000000000:q" }] }));
  expect(await failure(events.send(new DeleteRuleCommand({ Name: "r" })))).toMatchObject({ name: "ValidationException", message: "Rule can't be deleted since it has targets." });
  const six = Array.from({ length: 6 }, (_, i) => ({ Id: `t${i}`, Arn: "arn:aws:sqs:us-east-1:000000000000:q" }));
  expect(await failure(events.send(new PutTargetsCommand({ Rule: "r", Targets: six })))).toMatchObject({ name: "LimitExceededException", message: "The requested resource exceeds the maximum number allowed." });
  expect(await failure(events.send(new PutTargetsCommand({ Rule: "r", Targets: [{ Id: "!@#$@!#$", Arn: "arn:aws:sqs:us-east-1:000000000000:q" }] })))).toMatchObject({
    name: "ValidationException",
    message: "1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
  });
  const eleven = Array.from({ length: 11 }, () => ({ Source: "a", DetailType: "b", Detail: "{}" }));
  const tooMany = await failure(events.send(new PutEventsCommand({ Entries: eleven })));
  expect(tooMany.name).toBe("ValidationException");
  expect(tooMany.message).toMatch(/^1 validation error detected: Value '.*' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10$/s);
  expect(await failure(events.send(new CreateArchiveCommand({ ArchiveName: "a", EventSourceArn: "arn:aws:events:us-east-1:000000000000:event-bus/nope" })))).toMatchObject({ name: "ResourceNotFoundException", message: "Event bus nope does not exist." });
  await events.send(new CreateArchiveCommand({ ArchiveName: "a", EventSourceArn: DEFAULT_BUS }));
  expect(await failure(events.send(new CreateArchiveCommand({ ArchiveName: "a", EventSourceArn: DEFAULT_BUS })))).toMatchObject({ name: "ResourceAlreadyExistsException", message: "Archive a already exists." });
  expect(await failure(events.send(new DescribeArchiveCommand({ ArchiveName: "nope" })))).toMatchObject({ name: "ResourceNotFoundException", message: "Archive nope does not exist." });
  expect(await failure(events.send(new UpdateArchiveCommand({ ArchiveName: "nope" })))).toMatchObject({ name: "ValidationException", message: "At least one of EventPattern, RetentionDays or Description must be provided." });
  const replay = { ReplayName: "x", EventSourceArn: "arn:aws:events:us-east-1:000000000000:archive/a", EventStartTime: new Date(Date.UTC(2025, 0, 1)), EventEndTime: new Date(Date.UTC(2025, 0, 2)), Destination: { Arn: DEFAULT_BUS } };
  expect(await failure(events.send(new StartReplayCommand({ ...replay, EventSourceArn: "arn:aws:events:us-east-1:000000000000:archive/nope" })))).toMatchObject({ name: "ValidationException", message: "Parameter EventSourceArn is not valid. Reason: Archive nope does not exist." });
  expect(await failure(events.send(new StartReplayCommand({ ...replay, EventEndTime: replay.EventStartTime })))).toMatchObject({ name: "ValidationException", message: "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime." });
  expect(await failure(events.send(new StartReplayCommand({ ...replay, Destination: { Arn: "arn:aws:events:us-east-1:000000000000:event-bus/b" } })))).toMatchObject({ name: "ValidationException", message: "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted." });
  await events.send(new StartReplayCommand(replay));
  expect(await failure(events.send(new StartReplayCommand(replay)))).toMatchObject({ name: "ResourceAlreadyExistsException", message: "Replay x already exists." });
  expect(await failure(events.send(new DescribeReplayCommand({ ReplayName: "nope" })))).toMatchObject({ name: "ResourceNotFoundException", message: "Replay nope does not exist." });
});

it("ListRules: sorted by name, Limit and NextToken; DescribeRule fields", async () => {
  await using cloud = createCloud();
  const events = new EventBridgeClient(cloud.clientConfig());
  for (const name of ["r-3", "r-0", "x", "r-2", "r-1"]) await events.send(new PutRuleCommand({ Name: name, EventPattern: '{"source":["a"]}' }));
  const first = await events.send(new ListRulesCommand({ NamePrefix: "r-", Limit: 3 }));
  expect(first.Rules!.map((rule) => rule.Name)).toEqual(["r-0", "r-1", "r-2"]);
  expect(first.NextToken).toBeDefined();
  const second = await events.send(new ListRulesCommand({ NamePrefix: "r-", Limit: 3, NextToken: first.NextToken }));
  expect(second.Rules!.map((rule) => rule.Name)).toEqual(["r-3"]);
  expect(second.NextToken).toBeUndefined();
  const described = await events.send(new DescribeRuleCommand({ Name: "x" }));
  expect(Object.keys(described).filter((key) => key !== "$metadata").sort()).toEqual(["Arn", "CreatedBy", "EventBusName", "EventPattern", "Name", "State"]);
  expect(described).toMatchObject({ Arn: "arn:aws:events:us-east-1:000000000000:rule/x", CreatedBy: "000000000000", EventBusName: "default", State: "ENABLED" });
});

it("Scheduler errors as recorded", async () => {
  await using cloud = createCloud();
  const scheduler = new SchedulerClient(cloud.clientConfig());
  const target = { Arn: "arn:aws:sqs:us-east-1:000000000000:q", RoleArn: "arn:aws:iam::000000000000:role/r" };
  expect(await failure(scheduler.send(new GetScheduleCommand({ Name: "nope" })))).toMatchObject({ name: "ResourceNotFoundException", message: "Schedule nope does not exist.", status: 404 });
  const bad = await failure(scheduler.send(new CreateScheduleCommand({ Name: "s", ScheduleExpression: "rate(0 minutes)", FlexibleTimeWindow: { Mode: "OFF" }, Target: target })));
  expect(bad.name).toBe("ValidationException");
  await scheduler.send(new CreateScheduleCommand({ Name: "s", ScheduleExpression: "rate(5 minutes)", FlexibleTimeWindow: { Mode: "OFF" }, Target: target }));
  expect(await failure(scheduler.send(new CreateScheduleCommand({ Name: "s", ScheduleExpression: "rate(5 minutes)", FlexibleTimeWindow: { Mode: "OFF" }, Target: target })))).toMatchObject({ name: "ConflictException", message: "Schedule s already exists.", status: 409 });
});
