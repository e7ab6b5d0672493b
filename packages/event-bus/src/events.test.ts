import { describe, expect, it } from "vitest";
import { PUT_EVENTS_MAX_BYTES } from "./limits";
import { fake, setup } from "./test-helpers";

const ACCOUNT = "000000000000";
const entry = (detail: object = {}, extra: object = {}) => ({ Source: "app", DetailType: "t", Detail: JSON.stringify(detail), ...extra });

describe("event buses", () => {
  it("the default bus exists; custom buses are created, described, listed and deleted", async () => {
    const { events } = setup();
    expect((await events.describeEventBus()).Arn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`);
    const created = await events.createEventBus({ Name: "orders", Description: "d", Tags: [{ Key: "team", Value: "a" }] });
    expect(created.EventBusArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders`);
    await expect(events.createEventBus({ Name: "orders" })).rejects.toMatchObject({ code: "ResourceAlreadyExistsException", message: "Event bus orders already exists." });
    expect((await events.listEventBuses()).EventBuses?.map((bus) => bus.Name)).toEqual(["default", "orders"]);
    expect((await events.listEventBuses({ NamePrefix: "ord" })).EventBuses?.map((bus) => bus.Name)).toEqual(["orders"]);
    expect((await events.listTagsForResource({ ResourceARN: created.EventBusArn })).Tags).toEqual([{ Key: "team", Value: "a" }]);
    await events.deleteEventBus({ Name: "orders" });
    await expect(events.describeEventBus({ Name: "orders" })).rejects.toMatchObject({ code: "ResourceNotFoundException", message: "Event bus orders does not exist." });
    await expect(events.deleteEventBus({ Name: "default" })).rejects.toMatchObject({ code: "ValidationException", message: "Cannot delete event bus default." });
  });

  it("ListEventBuses pages with Limit and NextToken", async () => {
    const { events } = setup();
    for (const name of ["a", "b", "c"]) await events.createEventBus({ Name: name });
    const first = await events.listEventBuses({ Limit: 2 });
    expect(first.EventBuses?.map((bus) => bus.Name)).toEqual(["a", "b"]);
    const second = await events.listEventBuses({ Limit: 2, NextToken: first.NextToken });
    expect(second.EventBuses?.map((bus) => bus.Name)).toEqual(["c", "default"]);
    expect(second.NextToken).toBeUndefined();
    await expect(events.listEventBuses({ NextToken: "bogus" })).rejects.toMatchObject({ code: "ValidationException" });
  });
});

describe("rules", () => {
  it("PutRule, DescribeRule, ListRules with NamePrefix and pages, Enable/DisableRule", async () => {
    const { events } = setup();
    const { RuleArn } = await events.putRule({ Name: "r1", EventPattern: '{"source":["app"]}', Description: "one" });
    expect(RuleArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:rule/r1`);
    await events.putRule({ Name: "r2", EventPattern: '{"source":["app"]}', State: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" });
    await events.putRule({ Name: "other", ScheduleExpression: "rate(1 hour)", State: "DISABLED" });
    expect(await events.describeRule({ Name: "r1" })).toEqual({
      Name: "r1",
      Arn: RuleArn,
      EventPattern: '{"source":["app"]}',
      State: "ENABLED",
      Description: "one",
      EventBusName: "default",
      CreatedBy: ACCOUNT,
    });
    expect((await events.listRules({ NamePrefix: "r" })).Rules?.map((rule) => rule.Name)).toEqual(["r1", "r2"]);
    const page1 = await events.listRules({ Limit: 1 });
    expect(page1.Rules?.map((rule) => rule.Name)).toEqual(["other"]);
    expect((await events.listRules({ Limit: 5, NextToken: page1.NextToken })).Rules?.map((rule) => rule.Name)).toEqual(["r1", "r2"]);
    await events.disableRule({ Name: "r1" });
    expect((await events.describeRule({ Name: "r1" })).State).toBe("DISABLED");
    await events.enableRule({ Name: "r1" });
    expect((await events.describeRule({ Name: "r1" })).State).toBe("ENABLED");
  });

  it("rejects what AWS rejects, changing nothing", async () => {
    const { events } = setup();
    await events.createEventBus({ Name: "custom" });
    await expect(events.putRule({ Name: "r" })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(events.putRule({ Name: "r", ScheduleExpression: "rate(5 minutes)", EventBusName: "custom" })).rejects.toMatchObject({
      message: "ScheduleExpression is supported only on the default event bus.",
    });
    await expect(events.putRule({ Name: "r", ScheduleExpression: "cron(0 1 * * * *)" })).rejects.toMatchObject({ code: "ValidationException", message: "Parameter ScheduleExpression is not valid." });
    await expect(events.putRule({ Name: "r", EventPattern: '{"source":"app"}' })).rejects.toMatchObject({ code: "InvalidEventPatternException" });
    await expect(events.putRule({ Name: "bad name!", EventPattern: "{}" })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(events.putRule({ Name: "r", EventPattern: '{"source":["a"]}', State: "ON" })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(events.putRule({ Name: "r", EventPattern: '{"source":["a"]}', EventBusName: "nope" })).rejects.toMatchObject({ code: "ResourceNotFoundException", message: "Event bus nope does not exist." });
    expect((await events.listRules()).Rules).toEqual([]);
    await expect(events.describeRule({ Name: "r" })).rejects.toMatchObject({ code: "ResourceNotFoundException", message: "Rule r does not exist on EventBus default." });
    await expect(events.describeRule({ Name: "r", EventBusName: "custom" })).rejects.toMatchObject({ message: "Rule r does not exist on EventBus custom." });
  });

  it("DeleteRule needs its targets removed first; deleting a missing rule succeeds", async () => {
    const { ctx, events } = setup();
    const q = fake(ctx, "queue", "q");
    await events.putRule({ Name: "r", EventPattern: '{"source":["app"]}' });
    await events.putTargets({ Rule: "r", Targets: [{ Id: "t", Arn: q.arn }] });
    await expect(events.deleteRule({ Name: "r" })).rejects.toMatchObject({ code: "ValidationException", message: "Rule can't be deleted since it has targets." });
    await events.removeTargets({ Rule: "r", Ids: ["t"] });
    await events.deleteRule({ Name: "r" });
    await events.deleteRule({ Name: "r" });
    expect((await events.listRules()).Rules).toEqual([]);
  });
});

describe("targets", () => {
  it("PutTargets, ListTargetsByRule, ListRuleNamesByTarget, RemoveTargets; five per rule", async () => {
    const { ctx, events } = setup();
    const q = fake(ctx, "queue", "q");
    await events.putRule({ Name: "a", EventPattern: '{"source":["app"]}' });
    await events.putRule({ Name: "b", EventPattern: '{"source":["app"]}' });
    const targets = [1, 2, 3, 4, 5].map((n) => ({ Id: `t${n}`, Arn: q.arn }));
    expect(await events.putTargets({ Rule: "a", Targets: targets })).toEqual({ FailedEntryCount: 0, FailedEntries: [] });
    await expect(events.putTargets({ Rule: "a", Targets: [{ Id: "t6", Arn: q.arn }] })).rejects.toMatchObject({
      code: "LimitExceededException",
      message: "The requested resource exceeds the maximum number allowed.",
    });
    // Re-putting an existing id replaces it and stays within the limit.
    await events.putTargets({ Rule: "a", Targets: [{ Id: "t1", Arn: q.arn, Input: '{"x":1}' }] });
    expect((await events.listTargetsByRule({ Rule: "a" })).Targets?.[0]).toEqual({ Id: "t1", Arn: q.arn, Input: '{"x":1}' });
    await events.putTargets({ Rule: "b", Targets: [{ Id: "only", Arn: q.arn }] });
    expect((await events.listRuleNamesByTarget({ TargetArn: q.arn })).RuleNames).toEqual(["a", "b"]);
    await events.removeTargets({ Rule: "a", Ids: ["t1", "t2"] });
    expect((await events.listTargetsByRule({ Rule: "a" })).Targets?.map((target) => target.Id)).toEqual(["t3", "t4", "t5"]);
  });

  it("validates ids, input settings, template placeholders, retry policies and FIFO group ids", async () => {
    const { events } = setup();
    await events.putRule({ Name: "r", EventPattern: '{"source":["app"]}' });
    const arn = "arn:aws:sqs:us-east-1:000000000000:q";
    await expect(events.putTargets({ Rule: "r", Targets: [{ Id: "!@#$@!#$", Arn: arn }] })).rejects.toMatchObject({
      message: "1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    });
    await expect(events.putTargets({ Rule: "r", Targets: [{ Id: "t", Arn: arn, Input: "{}", InputPath: "$.detail" }] })).rejects.toMatchObject({
      message: "Only one of Input, InputPath, or InputTransformer must be provided for target t.",
    });
    await expect(events.putTargets({ Rule: "r", Targets: [{ Id: "t", Arn: arn, InputTransformer: { InputPathsMap: { a: "$.detail" }, InputTemplate: '{"a": <a>, "b": <notdefinedkey>}' } }] })).rejects.toMatchObject({
      message: "InputTemplate for target t contains invalid placeholder notdefinedkey.",
    });
    await expect(events.putTargets({ Rule: "r", Targets: [{ Id: "t", Arn: arn, RetryPolicy: { MaximumEventAgeInSeconds: 30 } }] })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(events.putTargets({ Rule: "r", Targets: [{ Id: "t", Arn: `${arn}.fifo` }] })).rejects.toMatchObject({ message: "Parameter(s) SqsParameters must be specified for target: t." });
    await expect(events.putTargets({ Rule: "nope", Targets: [{ Id: "t", Arn: arn }] })).rejects.toMatchObject({ code: "ResourceNotFoundException" });
    expect((await events.listTargetsByRule({ Rule: "r" })).Targets).toEqual([]);
  });
});

describe("PutEvents", () => {
  it("gives each event id, account, region, time, version 0 and resources, and delivers matches as scheduled work", async () => {
    const { ctx, events } = setup();
    const q = fake(ctx, "queue", "q");
    await events.putRule({ Name: "r", EventPattern: '{"source":["app"]}' });
    await events.putTargets({ Rule: "r", Targets: [{ Id: "t", Arn: q.arn }] });
    const out = await events.putEvents({ Entries: [entry({ a: 1 }, { Resources: ["arn:x"] }), entry({}, { Time: new Date("2024-06-01T12:00:00Z") })] });
    expect(out.FailedEntryCount).toBe(0);
    expect(q.received).toHaveLength(0);
    await ctx.scheduler.settle();
    expect(q.bodies()).toEqual([
      { version: "0", id: out.Entries?.[0]?.EventId, "detail-type": "t", source: "app", account: ACCOUNT, time: "2025-01-01T00:00:00Z", region: "us-east-1", resources: ["arn:x"], detail: { a: 1 } },
      expect.objectContaining({ id: out.Entries?.[1]?.EventId, time: "2024-06-01T12:00:00Z", resources: [] }),
    ]);
    expect(q.received[0]?.caller).toEqual({ principal: "events.amazonaws.com", sourceArn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/r` });
  });

  it("reports per-entry failures in AWS's words", async () => {
    const { events } = setup();
    const out = await events.putEvents({
      Entries: [{ DetailType: "t", Detail: "{}" }, { Source: "a", Detail: "{}" }, { Source: "a", DetailType: "t" }, entry(), { Source: "a", DetailType: "t", Detail: "[1]" }, { Source: "a", DetailType: "t", Detail: '"text"' }, { Source: "a", DetailType: "t", Detail: "{" }],
    });
    expect(out.FailedEntryCount).toBe(6);
    expect(out.Entries).toEqual([
      { ErrorCode: "InvalidArgument", ErrorMessage: "Parameter Source is not valid. Reason: Source is a required argument." },
      { ErrorCode: "InvalidArgument", ErrorMessage: "Parameter DetailType is not valid. Reason: DetailType is a required argument." },
      { ErrorCode: "InvalidArgument", ErrorMessage: "Parameter Detail is not valid. Reason: Detail is a required argument." },
      { EventId: expect.any(String) },
      { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." },
      { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." },
      { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." },
    ]);
  });

  it("caps a request at 10 entries and PUT_EVENTS_MAX_BYTES (1 MiB) counted as AWS counts entry size", async () => {
    const { events } = setup();
    expect(PUT_EVENTS_MAX_BYTES).toBe(1_048_576);
    await expect(events.putEvents({ Entries: Array.from({ length: 11 }, () => entry()) })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(events.putEvents({ Entries: [] })).rejects.toMatchObject({ code: "ValidationException" });
    // Source (3) + DetailType (1) + Detail: exactly at the cap is accepted, one byte more is not.
    const fits = (extra: number) => ({ Source: "app", DetailType: "t", Detail: `{"a":"${"x".repeat(PUT_EVENTS_MAX_BYTES - 4 - 8 + extra)}"}` });
    expect((await events.putEvents({ Entries: [fits(0)] })).FailedEntryCount).toBe(0);
    await expect(events.putEvents({ Entries: [fits(1)] })).rejects.toMatchObject({ code: "ValidationException", message: "Total size of the entries in the request is over the limit." });
  });

  it("accepts entries for a bus that does not exist and routes them nowhere", async () => {
    const { ctx, events } = setup();
    const out = await events.putEvents({ Entries: [entry({}, { EventBusName: "missing" })] });
    expect(out).toEqual({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] });
    await ctx.scheduler.settle();
  });

  it("matches custom buses by name or ARN, and skips disabled rules", async () => {
    const { ctx, events } = setup();
    const q = fake(ctx, "queue", "q");
    const { EventBusArn } = await events.createEventBus({ Name: "orders" });
    await events.putRule({ Name: "on", EventPattern: '{"source":["app"]}', EventBusName: EventBusArn });
    await events.putRule({ Name: "off", EventPattern: '{"source":["app"]}', EventBusName: "orders", State: "DISABLED" });
    await events.putTargets({ Rule: "on", EventBusName: "orders", Targets: [{ Id: "t", Arn: q.arn, Input: '"on"' }] });
    await events.putTargets({ Rule: "off", EventBusName: "orders", Targets: [{ Id: "t", Arn: q.arn, Input: '"off"' }] });
    await events.putEvents({ Entries: [entry({}, { EventBusName: EventBusArn }), entry()] });
    await ctx.scheduler.settle();
    expect(q.bodies()).toEqual(["on"]);
  });
});

describe("TestEventPattern", () => {
  const event = JSON.stringify({ id: "1", account: ACCOUNT, source: "app", time: "2025-01-01T00:00:00Z", region: "us-east-1", "detail-type": "t", resources: [], detail: { n: 5 } });
  it("answers Result, and rejects bad patterns and events", async () => {
    const { events } = setup();
    expect(await events.testEventPattern({ EventPattern: '{"detail":{"n":[{"numeric":[">",4]}]}}', Event: event })).toEqual({ Result: true });
    expect(await events.testEventPattern({ EventPattern: '{"source":["other"]}', Event: event })).toEqual({ Result: false });
    await expect(events.testEventPattern({ EventPattern: '{"source":"x"}', Event: event })).rejects.toMatchObject({ code: "InvalidEventPatternException" });
    await expect(events.testEventPattern({ EventPattern: '{"source":["app"]}', Event: "not json" })).rejects.toMatchObject({ code: "ValidationException", message: "Parameter Event is not valid." });
    await expect(events.testEventPattern({ EventPattern: '{"source":["app"]}', Event: '{"source":"app"}' })).rejects.toMatchObject({ code: "ValidationException" });
  });
});

describe("permissions and tags", () => {
  it("PutPermission statements show in the bus policy; RemovePermission removes them", async () => {
    const { events } = setup();
    await events.putPermission({ Action: "events:PutEvents", Principal: "111122223333", StatementId: "s1" });
    await events.putPermission({ Action: "events:PutEvents", Principal: "*", StatementId: "s2" });
    const policy = JSON.parse((await events.describeEventBus()).Policy as string) as { Statement: object[] };
    expect(policy.Statement).toEqual([
      { Sid: "s1", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "events:PutEvents", Resource: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default` },
      { Sid: "s2", Effect: "Allow", Principal: "*", Action: "events:PutEvents", Resource: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default` },
    ]);
    await expect(events.removePermission({ StatementId: "nope" })).rejects.toMatchObject({ code: "ResourceNotFoundException", message: "Statement with the provided id does not exist." });
    await events.removePermission({ StatementId: "s1" });
    await events.removePermission({ RemoveAllPermissions: true });
    expect((await events.describeEventBus()).Policy).toBeUndefined();
    // Without any policy: a statement id is still "not found" (recorded in test_remove_permission_non_existing_sid).
    await expect(events.removePermission({ StatementId: "nope" })).rejects.toMatchObject({ code: "ResourceNotFoundException", message: "Statement with the provided id does not exist." });
    await expect(events.removePermission({ RemoveAllPermissions: true })).rejects.toMatchObject({ code: "ResourceNotFoundException", message: "EventBus does not have a policy." });
  });

  it("more than ten PutEvents entries: AWS's message prints each entry as its service does (test_put_events_exceed_limit_ten_entries)", async () => {
    const { events } = setup();
    const entry = { Source: "s", DetailType: "t", Detail: "{}", Resources: ["a", "b"] };
    const printed = "PutEventsRequestEntry(time=null, source=s, resources=[a, b], detailType=t, detail={}, eventBusName=null, traceHeader=null, kmsKeyIdentifier=null, internalMetadata=null)";
    await expect(events.putEvents({ Entries: Array.from({ length: 11 }, () => entry) })).rejects.toMatchObject({
      code: "ValidationException",
      message: `1 validation error detected: Value '[${Array.from({ length: 11 }, () => printed).join(", ")}]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10`,
    });
  });

  it("tags rules and buses by ARN", async () => {
    const { events } = setup();
    const { RuleArn } = await events.putRule({ Name: "r", EventPattern: '{"source":["a"]}', Tags: [{ Key: "k", Value: "v" }] });
    await events.tagResource({ ResourceARN: RuleArn, Tags: [{ Key: "k2", Value: "v2" }] });
    await events.untagResource({ ResourceARN: RuleArn, TagKeys: ["k"] });
    expect((await events.listTagsForResource({ ResourceARN: RuleArn })).Tags).toEqual([{ Key: "k2", Value: "v2" }]);
    await expect(events.listTagsForResource({ ResourceARN: `arn:aws:events:us-east-1:${ACCOUNT}:rule/missing` })).rejects.toMatchObject({
      code: "ResourceNotFoundException",
      message: "Rule missing does not exist on EventBus default.",
    });
  });
});
