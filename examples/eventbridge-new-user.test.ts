/**
 * A new user's checks of EventBridge, Scheduler and Pipes through the real AWS SDK clients, against AWS's
 * documented and recorded behaviour ("Amazon EventBridge input transformation", "Cron expressions reference",
 * "Schedule types on EventBridge Scheduler", LocalStack's recorded AWS answers for input transformers).
 */
import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand, StartReplayCommand, CreateArchiveCommand, DescribeReplayCommand } from "@aws-sdk/client-eventbridge";
import { CreateScheduleCommand, GetScheduleCommand, SchedulerClient } from "@aws-sdk/client-scheduler";
import { createCloud, type Cloud } from "simcloud";
import { describe, expect, it } from "vitest";

const QUEUE_ARN = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

async function drain(cloud: Cloud, url: string): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const { Messages } = await cloud.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
    if (Messages === undefined || Messages.length === 0) return bodies;
    for (const message of Messages) {
      bodies.push(message.Body!);
      await cloud.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle! });
    }
  }
}

const DETAIL = { command: "update-account", payload: { acc_id: "0a787ecb-4015", sf_id: "baz" }, listsingle: ["HIGH"], listmulti: ["ACTIVE", "INACTIVE"], valid: true, note: 'say "hi"\nbye' };
const PATHS = { userId: "$.detail.payload.acc_id", payload: "$.detail.payload", systemstring: "$.detail.awsAccountId", listsingle: "$.detail.listsingle", listmulti: "$.detail.listmulti", valid: "$.detail.valid", note: "$.detail.note" };

async function transformed(template: string, paths: Record<string, string> = PATHS): Promise<string[]> {
  await using cloud = createCloud();
  const events = new EventBridgeClient(cloud.clientConfig());
  const url = (await cloud.sqs.createQueue({ QueueName: "out" })).QueueUrl!;
  await events.send(new PutRuleCommand({ Name: "r", EventPattern: JSON.stringify({ source: ["core"] }) }));
  await events.send(new PutTargetsCommand({ Rule: "r", Targets: [{ Id: "t", Arn: QUEUE_ARN("out"), InputTransformer: { InputPathsMap: paths, InputTemplate: template } }] }));
  await events.send(new PutEventsCommand({ Entries: [{ Source: "core", DetailType: "core.update-account-command", Detail: JSON.stringify(DETAIL) }] }));
  await cloud.advance(60_000);
  return await drain(cloud, url);
}

describe("InputTransformer as AWS records it", () => {
  it("a quoted text template renders objects and lists without their quotes, missing paths as nothing", async () => {
    expect(await transformed('"Payload of <payload> with path users-service/users/<userId> and <userId>"')).toEqual(['"Payload of {acc_id:0a787ecb-4015,sf_id:baz} with path users-service/users/0a787ecb-4015 and 0a787ecb-4015"']);
    expect(await transformed('"<listsingle> single list item <listmulti> multiple list items <systemstring> system account id"')).toEqual(['"[HIGH] single list item [ACTIVE,INACTIVE] multiple list items  system account id"']);
    expect(await transformed('"Command is <valid>!"')).toEqual(['"Command is true!"']);
  });

  it("JSON templates: bare strings become JSON strings, bare objects and lists stay JSON", async () => {
    expect((await transformed('{"id" : <userId>}')).map((body) => JSON.parse(body) as unknown)).toEqual([{ id: "0a787ecb-4015" }]);
    expect((await transformed('{"id" : "<userId>"}')).map((body) => JSON.parse(body) as unknown)).toEqual([{ id: "0a787ecb-4015" }]);
    expect((await transformed('{"bod": [<userId>, "hardcoded"], "l": <listsingle>}')).map((body) => JSON.parse(body) as unknown)).toEqual([{ bod: ["0a787ecb-4015", "hardcoded"], l: ["HIGH"] }]);
  });

  it("a JSON value placed inside quotes in a JSON template makes invalid JSON: AWS delivers nothing", async () => {
    expect(await transformed('{"payload": "<payload>"}')).toEqual([]);
    expect(await transformed('{"singlelistitem": "<listsingle>"}')).toEqual([]);
  });

  it("a string with quotes and a newline inside a quoted placeholder still yields valid JSON", async () => {
    const [body] = await transformed('{"note": "<note>", "bare": <note>}');
    expect(JSON.parse(body!)).toEqual({ note: 'say "hi"\nbye', bare: 'say "hi"\nbye' });
  });

  it("<aws.events.event> is the event without detail, with AWS's detailType key; <aws.events.event.json> the whole event", async () => {
    const [body] = await transformed('{"originalEvent": <aws.events.event>, "originalEventJson": <aws.events.event.json>}', {});
    const parsed = JSON.parse(body!) as { originalEvent: Record<string, unknown>; originalEventJson: Record<string, unknown> };
    expect(Object.keys(parsed.originalEvent)).toEqual(["id", "account", "detailType", "time", "source", "region", "resources", "version"]);
    expect(parsed.originalEventJson).toMatchObject({ "detail-type": "core.update-account-command", detail: DETAIL });
  });
});

describe("schedules", () => {
  it("cron(0 9 ? * MON-FRI *) fires on weekdays at 09:00 UTC only", async () => {
    await using cloud = createCloud({ start: Date.UTC(2025, 0, 6) }); // a Monday
    const events = new EventBridgeClient(cloud.clientConfig());
    const url = (await cloud.sqs.createQueue({ QueueName: "ticks" })).QueueUrl!;
    await events.send(new PutRuleCommand({ Name: "weekday", ScheduleExpression: "cron(0 9 ? * MON-FRI *)" }));
    await events.send(new PutTargetsCommand({ Rule: "weekday", Targets: [{ Id: "q", Arn: QUEUE_ARN("ticks") }] }));
    const bodies: string[] = [];
    // Day by day: the queue keeps messages four days.
    for (let day = 0; day < 14; day++) {
      await cloud.advance(86_400_000);
      bodies.push(...(await drain(cloud, url)));
    }
    const times = bodies.map((body) => (JSON.parse(body) as { time: string }).time);
    expect(times).toHaveLength(10);
    for (const time of times) {
      expect(time).toMatch(/T09:00:00Z$/);
      expect([1, 2, 3, 4, 5]).toContain(new Date(time).getUTCDay());
    }
  });

  it("rate(5 minutes) for a day is 288 invocations, and runUntilIdle does not loop on it", async () => {
    await using cloud = createCloud({ start: Date.UTC(2025, 0, 1) });
    const url = (await cloud.sqs.createQueue({ QueueName: "ticks" })).QueueUrl!;
    await cloud.events.putRule({ Name: "five", ScheduleExpression: "rate(5 minutes)" });
    await cloud.events.putTargets({ Rule: "five", Targets: [{ Id: "q", Arn: QUEUE_ARN("ticks") }] });
    await cloud.advance(86_400_000);
    expect(await drain(cloud, url)).toHaveLength(288);
    await cloud.runUntilIdle();
    await cloud.schedules.createSchedule({ Name: "every-minute", ScheduleExpression: "rate(1 minute)", FlexibleTimeWindow: { Mode: "OFF" }, Target: { Arn: QUEUE_ARN("ticks"), RoleArn: "arn:aws:iam::000000000000:role/s" } });
    await cloud.runUntilIdle();
  });

  it("Scheduler at() in America/New_York across the November DST change, through SchedulerClient", async () => {
    await using cloud = createCloud({ start: Date.UTC(2025, 9, 30) });
    const scheduler = new SchedulerClient(cloud.clientConfig());
    const url = (await cloud.sqs.createQueue({ QueueName: "at" })).QueueUrl!;
    // 2025-11-02 01:30 happens twice in New York; 2025-11-03 09:00 EST is 14:00 UTC.
    await scheduler.send(new CreateScheduleCommand({ Name: "after", ScheduleExpression: "at(2025-11-03T09:00:00)", ScheduleExpressionTimezone: "America/New_York", FlexibleTimeWindow: { Mode: "OFF" }, Target: { Arn: QUEUE_ARN("at"), RoleArn: "arn:aws:iam::000000000000:role/s", Input: '{"at":"<aws.scheduler.scheduled-time>"}' } }));
    await scheduler.send(new CreateScheduleCommand({ Name: "before", ScheduleExpression: "at(2025-11-01T09:00:00)", ScheduleExpressionTimezone: "America/New_York", FlexibleTimeWindow: { Mode: "OFF" }, Target: { Arn: QUEUE_ARN("at"), RoleArn: "arn:aws:iam::000000000000:role/s", Input: '{"at":"<aws.scheduler.scheduled-time>"}' } }));
    const bodies: string[] = [];
    for (let day = 0; day < 7; day++) {
      await cloud.advance(86_400_000);
      bodies.push(...(await drain(cloud, url)));
    }
    const ats = bodies.map((body) => (JSON.parse(body) as { at: string }).at).sort();
    expect(ats).toEqual(["2025-11-01T13:00:00Z", "2025-11-03T14:00:00Z"]);
    expect((await scheduler.send(new GetScheduleCommand({ Name: "after" }))).State).toBe("ENABLED");
  });

  it("FlexibleTimeWindow: the same seed gives the same delivery times, within the window", async () => {
    const run = async (seed: number): Promise<number[]> => {
      await using cloud = createCloud({ seed, start: Date.UTC(2025, 0, 1) });
      const url = (await cloud.sqs.createQueue({ QueueName: "flex" })).QueueUrl!;
      const times: number[] = [];
      cloud.on("*", () => undefined);
      await cloud.schedules.createSchedule({ Name: "f", ScheduleExpression: "rate(1 hour)", FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 15 }, Target: { Arn: QUEUE_ARN("flex"), RoleArn: "arn:aws:iam::000000000000:role/s" } });
      for (let minute = 0; minute < 6 * 60; minute++) {
        await cloud.advance(60_000);
        const { Messages } = await cloud.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
        for (const message of Messages ?? []) {
          times.push(cloud.clock.now());
          await cloud.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle! });
        }
      }
      return times;
    };
    const a = await run(7);
    expect(a.length).toBeGreaterThanOrEqual(5);
    expect(await run(7)).toEqual(a);
    a.forEach((time, i) => {
      const offset = (time - Date.UTC(2025, 0, 1)) % 3_600_000;
      expect(offset, `delivery ${i}`).toBeLessThanOrEqual(15 * 60_000 + 60_000);
    });
  });
});

it("archive and replay: only the window's events come back, with replay-name, through EventBridgeClient", async () => {
  await using cloud = createCloud({ start: Date.UTC(2025, 0, 1) });
  const events = new EventBridgeClient(cloud.clientConfig());
  const url = (await cloud.sqs.createQueue({ QueueName: "r" })).QueueUrl!;
  await events.send(new PutRuleCommand({ Name: "all", EventPattern: JSON.stringify({ source: ["app"] }) }));
  await events.send(new PutTargetsCommand({ Rule: "all", Targets: [{ Id: "q", Arn: QUEUE_ARN("r") }] }));
  await events.send(new CreateArchiveCommand({ ArchiveName: "a", EventSourceArn: "arn:aws:events:us-east-1:000000000000:event-bus/default" }));
  for (let hour = 0; hour < 4; hour++) {
    await events.send(new PutEventsCommand({ Entries: [{ Source: "app", DetailType: "tick", Detail: JSON.stringify({ hour }) }] }));
    await cloud.advance(3_600_000);
  }
  await drain(cloud, url);
  await events.send(new StartReplayCommand({ ReplayName: "mid", EventSourceArn: "arn:aws:events:us-east-1:000000000000:archive/a", EventStartTime: new Date(Date.UTC(2025, 0, 1, 1)), EventEndTime: new Date(Date.UTC(2025, 0, 1, 3)), Destination: { Arn: "arn:aws:events:us-east-1:000000000000:event-bus/default" } }));
  await cloud.advance(60_000);
  const replayed = (await drain(cloud, url)).map((body) => JSON.parse(body) as { detail: { hour: number }; "replay-name": string });
  expect(replayed.map((event) => event.detail.hour)).toEqual([1, 2]);
  expect(replayed.every((event) => event["replay-name"] === "mid")).toBe(true);
  expect((await events.send(new DescribeReplayCommand({ ReplayName: "mid" }))).State).toBe("COMPLETED");
});

it("DLQ message attributes for a missing target, and the same seed gives the same event ids", async () => {
  const run = async (): Promise<{ ids: string[]; attributes: Record<string, string | undefined> }> => {
    await using cloud = createCloud({ seed: 11 });
    const dlq = (await cloud.sqs.createQueue({ QueueName: "dlq" })).QueueUrl!;
    await cloud.events.putRule({ Name: "r", EventPattern: JSON.stringify({ source: ["app"] }) });
    await cloud.events.putTargets({ Rule: "r", Targets: [{ Id: "gone", Arn: "arn:aws:lambda:us-east-1:000000000000:function:missing", RetryPolicy: { MaximumRetryAttempts: 1 }, DeadLetterConfig: { Arn: QUEUE_ARN("dlq") } }] });
    const out = await cloud.events.putEvents({ Entries: [{ Source: "app", DetailType: "x", Detail: "{}" }, { Source: "app", DetailType: "y", Detail: "{}" }] });
    await cloud.advance(3_600_000);
    const { Messages } = await cloud.sqs.receiveMessage({ QueueUrl: dlq, MessageAttributeNames: ["All"] });
    const attributes = Object.fromEntries(Object.entries(Messages![0]!.MessageAttributes!).map(([k, v]) => [k, v.StringValue]));
    return { ids: out.Entries!.map((entry) => entry.EventId!), attributes };
  };
  const first = await run();
  expect(first.attributes).toMatchObject({ RULE_ARN: "arn:aws:events:us-east-1:000000000000:rule/r", TARGET_ARN: "arn:aws:lambda:us-east-1:000000000000:function:missing", EXHAUSTED_RETRY_CONDITION: "MaximumRetryAttempts", RETRY_ATTEMPTS: "1" });
  expect(first.attributes["ERROR_CODE"]).toBeDefined();
  expect((await run()).ids).toEqual(first.ids);
});
