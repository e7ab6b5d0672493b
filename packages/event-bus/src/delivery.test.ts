import { describe, expect, it } from "vitest";
import type { SimContext, TraceEvent, TraceType } from "@simcloud/core";
import type { EventBridgeService } from "./events";
import { fake, setup } from "./test-helpers";

const ACCOUNT = "000000000000";

function traced<K extends TraceType>(ctx: SimContext, type: K): TraceEvent<K>[] {
  return ctx.trace.events.filter((event) => event.type === type) as unknown as TraceEvent<K>[];
}
const RULE_ARN = `arn:aws:events:us-east-1:${ACCOUNT}:rule/r`;

async function ruleWith(events: EventBridgeService, targets: Parameters<EventBridgeService["putTargets"]>[0]["Targets"], pattern = '{"source":["app"]}') {
  await events.putRule({ Name: "r", EventPattern: pattern });
  await events.putTargets({ Rule: "r", Targets: targets });
}

const put = (events: EventBridgeService, detail: object = {}, source = "app") => events.putEvents({ Entries: [{ Source: source, DetailType: "t", Detail: JSON.stringify(detail) }] });

describe("targets of every kind", () => {
  it("SQS (FIFO with MessageGroupId), SNS, Lambda async, Step Functions, Kinesis with PartitionKeyPath, a handler", async () => {
    const { ctx, events } = setup();
    const fifo = fake(ctx, "queue", "q.fifo");
    const topic = fake(ctx, "topic", "t");
    const fn = fake(ctx, "function", "f");
    const machine = fake(ctx, "state-machine", "m");
    const stream = fake(ctx, "stream", "s");
    const handled: string[] = [];
    const apiArn = `arn:aws:events:us-east-1:${ACCOUNT}:api-destination/hook/abc`;
    events.registerTargetHandler(apiArn, (input) => void handled.push(input));
    await events.putRule({ Name: "r", EventPattern: '{"source":["app"]}' });
    await events.putTargets({
      Rule: "r",
      Targets: [
        { Id: "fifo", Arn: fifo.arn, SqsParameters: { MessageGroupId: "g1" } },
        { Id: "topic", Arn: topic.arn },
        { Id: "fn", Arn: fn.arn },
        { Id: "sfn", Arn: machine.arn, InputPath: "$.detail" },
        { Id: "kinesis", Arn: stream.arn, KinesisParameters: { PartitionKeyPath: "$.detail.user" } },
      ],
    });
    await events.putRule({ Name: "api", EventPattern: '{"source":["app"]}' });
    await events.putTargets({ Rule: "api", Targets: [{ Id: "api", Arn: apiArn, Input: '{"fixed":true}' }] });
    await put(events, { user: "u-1" });
    await ctx.scheduler.settle();
    expect(fifo.received[0]?.groupId).toBe("g1");
    expect(topic.bodies()[0]).toMatchObject({ source: "app" });
    expect(fn.bodies()[0]).toMatchObject({ detail: { user: "u-1" } });
    expect(machine.bodies()).toEqual([{ user: "u-1" }]);
    expect(stream.received[0]?.partitionKey).toBe("u-1");
    expect(handled).toEqual(['{"fixed":true}']);
  });

  it("another bus: the event is put on it and its rules route it", async () => {
    const { ctx, events } = setup();
    const q = fake(ctx, "queue", "q");
    const { EventBusArn } = await events.createEventBus({ Name: "downstream" });
    await ruleWith(events, [{ Id: "bus", Arn: EventBusArn as string }]);
    await events.putRule({ Name: "down", EventPattern: '{"source":["app"]}', EventBusName: "downstream" });
    await events.putTargets({ Rule: "down", EventBusName: "downstream", Targets: [{ Id: "q", Arn: q.arn }] });
    await put(events, { hop: 1 });
    await ctx.scheduler.settle();
    expect(q.bodies()).toEqual([expect.objectContaining({ source: "app", detail: { hop: 1 } })]);
  });
});

describe("input transformation ('Amazon EventBridge input transformation')", () => {
  async function transformed(template: string, paths: Record<string, string> = {}): Promise<string> {
    const { ctx, events } = setup();
    const q = fake(ctx, "queue", "q");
    await ruleWith(events, [{ Id: "t", Arn: q.arn, InputTransformer: { InputPathsMap: paths, InputTemplate: template } }]);
    await events.putEvents({ Entries: [{ Source: "app", DetailType: "t", Detail: JSON.stringify({ instance: "i-1", state: "RUNNING", n: 5, tags: ["a", "b"], obj: { k: 'v"q' } }), Time: new Date("2025-01-01T00:00:00Z") }] });
    await ctx.scheduler.settle();
    return q.received[0]?.body as string;
  }
  const paths = { instance: "$.detail.instance", state: "$.detail.state", n: "$.detail.n", tags: "$.detail.tags", obj: "$.detail.obj", missing: "$.detail.none", first: "$.detail.tags[0]" };

  it("JSON template: unquoted placeholders take JSON values, quoted ones the string's characters", async () => {
    expect(JSON.parse(await transformed('{"i": <instance>, "n": <n>, "tags": <tags>, "msg": "<instance> is \\"<state>\\"", "none": <missing>, "first": <first>}', paths))).toEqual({
      i: "i-1",
      n: 5,
      tags: ["a", "b"],
      msg: 'i-1 is "RUNNING"',
      none: "", // a missing path: an empty string, as recorded (test_put_events_with_input_transformer_input_template_json)
      first: "a",
    });
  });
  it("string template: values as text", async () => {
    expect(await transformed('"<instance> is in state <state>"', paths)).toBe('"i-1 is in state RUNNING"');
    expect(await transformed("<instance> has <n> and <obj>", paths)).toBe('i-1 has 5 and {"k":"v\\"q"}');
  });
  it("predefined variables: rule name and ARN, ingestion time, the event with and without detail", async () => {
    const out = JSON.parse(await transformed('{"rule": "<aws.events.rule-name>", "arn": "<aws.events.rule-arn>", "at": "<aws.events.event.ingestion-time>", "event": <aws.events.event>, "full": <aws.events.event.json>}')) as Record<string, Record<string, unknown>>;
    expect(out["rule"]).toBe("r");
    expect(out["arn"]).toBe(RULE_ARN);
    expect(out["at"]).toBe("2025-01-01T00:00:00.000Z");
    expect(out["event"]).toMatchObject({ source: "app" });
    expect(out["event"]).not.toHaveProperty("detail");
    expect(out["full"]?.["detail"]).toMatchObject({ instance: "i-1" });
  });
  it("a path map key may not start with aws.", async () => {
    const { events } = setup();
    await events.putRule({ Name: "r", EventPattern: '{"source":["app"]}' });
    await expect(events.putTargets({ Rule: "r", Targets: [{ Id: "t", Arn: "arn:aws:sqs:us-east-1:000000000000:q", InputTransformer: { InputPathsMap: { "aws.x": "$.detail" }, InputTemplate: "<aws.x>" } }] })).rejects.toMatchObject({
      code: "ValidationException",
    });
  });
});

describe("retries and dead-letter queues ('How EventBridge retries delivering events')", () => {
  it("a failing target is retried with back-off in virtual time, then succeeds", async () => {
    const { ctx, events } = setup();
    const q = fake(ctx, "queue", "q");
    await ruleWith(events, [{ Id: "t", Arn: q.arn }]);
    q.failNext(2);
    await put(events);
    await ctx.scheduler.settle();
    expect(q.received).toHaveLength(0);
    const failures = traced(ctx, "events.target.failed");
    expect(failures).toHaveLength(1);
    await ctx.scheduler.advance(60_000);
    expect(q.received).toHaveLength(1);
    expect(q.received[0]?.time).toBeGreaterThan(0);
    expect(traced(ctx, "events.target.failed")).toHaveLength(2);
  });

  it("a missing target is a delivery failure: retried MaximumRetryAttempts times, then dead-lettered with AWS's attributes", async () => {
    const { ctx, events } = setup();
    const dlq = fake(ctx, "queue", "dlq");
    const missing = "arn:aws:sqs:us-east-1:000000000000:gone";
    await ruleWith(events, [{ Id: "t", Arn: missing, RetryPolicy: { MaximumRetryAttempts: 2 }, DeadLetterConfig: { Arn: dlq.arn } }]);
    const { Entries } = await put(events, { k: 1 });
    await ctx.scheduler.runUntilIdle();
    expect(traced(ctx, "events.target.failed")).toHaveLength(3);
    expect(dlq.bodies()).toEqual([expect.objectContaining({ id: Entries?.[0]?.EventId, detail: { k: 1 } })]);
    const attributes = dlq.received[0]?.attributes ?? {};
    expect(Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, value.StringValue]))).toEqual({
      RULE_ARN: RULE_ARN,
      TARGET_ARN: missing,
      ERROR_CODE: "ResourceNotFoundException",
      ERROR_MESSAGE: `Target ${missing} does not exist.`,
      EXHAUSTED_RETRY_CONDITION: "MaximumRetryAttempts",
      RETRY_ATTEMPTS: "2",
    });
  });

  it("MaximumEventAgeInSeconds ends retries by age; without a DLQ the event is dropped and traced", async () => {
    const { ctx, events } = setup();
    const q = fake(ctx, "queue", "q");
    await ruleWith(events, [{ Id: "t", Arn: q.arn, RetryPolicy: { MaximumEventAgeInSeconds: 60 } }]);
    q.failNext(1_000);
    await put(events);
    await ctx.scheduler.runUntilIdle();
    const dropped = traced(ctx, "events.target.dropped");
    expect(dropped).toHaveLength(1);
    expect(dropped[0]?.reason).toContain("MaximumEventAgeInSeconds");
    expect(ctx.scheduler.now() - Date.UTC(2025, 0, 1)).toBeLessThanOrEqual(60_000);
  });

  it("defaults: 185 retries within 24 hours", async () => {
    const { ctx, events } = setup();
    const q = fake(ctx, "queue", "q");
    const dlq = fake(ctx, "queue", "dlq");
    await ruleWith(events, [{ Id: "t", Arn: q.arn, DeadLetterConfig: { Arn: dlq.arn } }]);
    q.failNext(100_000);
    await put(events);
    await ctx.scheduler.runUntilIdle();
    const condition = dlq.received[0]?.attributes?.["EXHAUSTED_RETRY_CONDITION"]?.StringValue;
    const attempts = traced(ctx, "events.target.failed").length;
    expect(ctx.scheduler.now() - Date.UTC(2025, 0, 1)).toBeLessThanOrEqual(86_400_000);
    expect(condition === "MaximumRetryAttempts" ? attempts === 186 : condition === "MaximumEventAgeInSeconds").toBe(true);
  });
});

describe("schedule rules", () => {
  it("rate(5 minutes) fires 12 times an hour; cron fires at matching UTC minutes; events are Scheduled Events", async () => {
    const { ctx, events } = setup();
    const q = fake(ctx, "queue", "q");
    await events.putRule({ Name: "r", ScheduleExpression: "rate(5 minutes)" });
    await events.putTargets({ Rule: "r", Targets: [{ Id: "t", Arn: q.arn }] });
    await events.putRule({ Name: "daily", ScheduleExpression: "cron(30 9 * * ? *)" });
    await events.putTargets({ Rule: "daily", Targets: [{ Id: "t", Arn: q.arn, Input: '"daily"' }] });
    await ctx.scheduler.advance(3_600_000);
    expect(q.received).toHaveLength(12);
    expect(q.bodies()[0]).toMatchObject({ source: "aws.events", "detail-type": "Scheduled Event", time: "2025-01-01T00:05:00Z", resources: [RULE_ARN], detail: {} });
    await ctx.scheduler.advance(9 * 3_600_000);
    expect(q.bodies().filter((body) => body === "daily")).toHaveLength(1);
    expect(q.received.find((entry) => entry.body === '"daily"')?.time).toBe(Date.UTC(2025, 0, 1, 9, 30));
  });

  it("disabling stops a schedule, enabling restarts it; deleting cancels it", async () => {
    const { ctx, events } = setup();
    const q = fake(ctx, "queue", "q");
    await events.putRule({ Name: "r", ScheduleExpression: "rate(1 minute)" });
    await events.putTargets({ Rule: "r", Targets: [{ Id: "t", Arn: q.arn }] });
    await ctx.scheduler.advance(120_000);
    await events.disableRule({ Name: "r" });
    await ctx.scheduler.advance(600_000);
    expect(q.received).toHaveLength(2);
    await events.enableRule({ Name: "r" });
    await ctx.scheduler.advance(60_000);
    expect(q.received).toHaveLength(3);
    await events.removeTargets({ Rule: "r", Ids: ["t"] });
    await events.deleteRule({ Name: "r" });
    expect(ctx.scheduler.pendingTasks).toBe(0);
  });
});

describe("archives and replays ('Archiving and replaying events')", () => {
  it("an archive keeps matching events with their time; a replay re-sends a window with replay-name set", async () => {
    const { ctx, events } = setup();
    const q = fake(ctx, "queue", "q");
    const bus = (await events.describeEventBus()).Arn as string;
    const { ArchiveArn } = await events.createArchive({ ArchiveName: "all", EventSourceArn: bus, EventPattern: '{"source":["app"]}', RetentionDays: 1 });
    await expect(events.createArchive({ ArchiveName: "all", EventSourceArn: bus })).rejects.toMatchObject({ code: "ResourceAlreadyExistsException", message: "Archive all already exists." });
    await put(events, { n: 1 });
    await ctx.scheduler.advance(60_000);
    await put(events, { n: 2 });
    await put(events, { n: 3 }, "other");
    expect(await events.describeArchive({ ArchiveName: "all" })).toMatchObject({ ArchiveArn, EventCount: 2, State: "ENABLED", RetentionDays: 1 });
    await ruleWith(events, [{ Id: "t", Arn: q.arn }]);
    const start = Date.UTC(2025, 0, 1);
    await expect(events.startReplay({ ReplayName: "x", EventSourceArn: ArchiveArn, EventStartTime: new Date(start + 10), EventEndTime: new Date(start), Destination: { Arn: bus } })).rejects.toMatchObject({
      message: "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.",
    });
    const replay = await events.startReplay({ ReplayName: "x", EventSourceArn: ArchiveArn, EventStartTime: new Date(start), EventEndTime: new Date(start + 30_000), Destination: { Arn: bus } });
    expect(replay.State).toBe("STARTING");
    await ctx.scheduler.settle();
    expect(q.bodies()).toEqual([expect.objectContaining({ detail: { n: 1 }, "replay-name": "x", time: "2025-01-01T00:00:00Z" })]);
    expect(await events.describeReplay({ ReplayName: "x" })).toMatchObject({ State: "COMPLETED", EventLastReplayedTime: new Date(start) });
    // Replayed events are not archived again.
    expect((await events.describeArchive({ ArchiveName: "all" })).EventCount).toBe(2);
    await expect(events.cancelReplay({ ReplayName: "x" })).rejects.toMatchObject({ code: "IllegalStatusException" });
    // Retention: a day later the events are gone.
    await ctx.scheduler.advance(86_400_000 + 120_000);
    expect((await events.describeArchive({ ArchiveName: "all" })).EventCount).toBe(0);
    expect((await events.listReplays()).Replays?.map((item) => item.ReplayName)).toEqual(["x"]);
    expect((await events.listArchives()).Archives?.map((item) => item.ArchiveName)).toEqual(["all"]);
  });

  it("CancelReplay before it runs; cross-bus replays and missing archives are rejected", async () => {
    const { ctx, events } = setup();
    const bus = (await events.describeEventBus()).Arn as string;
    const other = (await events.createEventBus({ Name: "other" })).EventBusArn as string;
    const { ArchiveArn } = await events.createArchive({ ArchiveName: "a", EventSourceArn: bus });
    const window = { EventStartTime: new Date(0), EventEndTime: new Date(1000) };
    await expect(events.startReplay({ ReplayName: "x", EventSourceArn: ArchiveArn, ...window, Destination: { Arn: other } })).rejects.toMatchObject({
      message: "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.",
    });
    await expect(events.startReplay({ ReplayName: "x", EventSourceArn: `${ArchiveArn}x`, ...window, Destination: { Arn: bus } })).rejects.toMatchObject({
      message: "Parameter EventSourceArn is not valid. Reason: Archive ax does not exist.",
    });
    await events.startReplay({ ReplayName: "x", EventSourceArn: ArchiveArn, ...window, Destination: { Arn: bus } });
    expect((await events.cancelReplay({ ReplayName: "x" })).State).toBe("CANCELLING");
    await ctx.scheduler.settle();
    expect((await events.describeReplay({ ReplayName: "x" })).State).toBe("CANCELLED");
    await expect(events.updateArchive({ ArchiveName: "a" })).rejects.toMatchObject({ message: "At least one of EventPattern, RetentionDays or Description must be provided." });
    await events.deleteArchive({ ArchiveName: "a" });
    await expect(events.describeArchive({ ArchiveName: "a" })).rejects.toMatchObject({ code: "ResourceNotFoundException", message: "Archive a does not exist." });
  });

  it("a missing destination bus is reported before the cross-bus rule; an 11th active replay is refused (recorded in test_archive_and_replay)", async () => {
    const { ctx, events } = setup();
    const bus = (await events.describeEventBus()).Arn as string;
    const { ArchiveArn } = await events.createArchive({ ArchiveName: "a", EventSourceArn: bus });
    const window = { EventStartTime: new Date(0), EventEndTime: new Date(1000) };
    await expect(events.startReplay({ ReplayName: "x", EventSourceArn: ArchiveArn, ...window, Destination: { Arn: bus.replace("default", "missing") } })).rejects.toMatchObject({
      code: "ResourceNotFoundException",
      message: "Event bus missing does not exist.",
    });
    for (let i = 0; i < 10; i++) await events.startReplay({ ReplayName: `r${i}`, EventSourceArn: ArchiveArn, ...window, Destination: { Arn: bus } });
    const eleventh = { ReplayName: "r10", EventSourceArn: ArchiveArn, ...window, Destination: { Arn: bus } };
    await expect(events.startReplay(eleventh)).rejects.toMatchObject({ code: "LimitExceededException", message: "The requested resource exceeds the maximum number allowed." });
    expect((await events.listReplays()).Replays).toHaveLength(10);
    // Once the active ones complete, a new replay starts.
    await ctx.scheduler.settle();
    expect((await events.startReplay(eleventh)).State).toBe("STARTING");
  });
});
