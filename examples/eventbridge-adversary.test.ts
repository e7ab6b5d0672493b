/** Hostile input and awkward timing for EventBridge, Scheduler and Pipes: every call answers, nothing hangs. */
import { createCloud, type Cloud } from "simcloud";
import { describe, expect, it } from "vitest";

const Q = "arn:aws:sqs:us-east-1:000000000000:q";

async function rejection(run: () => Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await run();
  } catch (error) {
    const e = error as Error & { code?: string };
    return { name: e.code ?? e.name, message: e.message };
  }
  return { name: "none", message: "" };
}

async function count(cloud: Cloud, url: string): Promise<number> {
  const attributes = await cloud.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages"] });
  return Number(attributes.Attributes!["ApproximateNumberOfMessages"]);
}

describe("wrong types are ValidationExceptions, never TypeErrors", () => {
  const cases: [string, (cloud: Cloud) => Promise<unknown>][] = [
    ["putRule Name number", (cloud) => cloud.events.putRule({ Name: 5 as never, EventPattern: '{"source":["a"]}' })],
    ["putRule EventPattern object", (cloud) => cloud.events.putRule({ Name: "r", EventPattern: { source: ["a"] } as never })],
    ["putRule State bogus", (cloud) => cloud.events.putRule({ Name: "r", EventPattern: '{"source":["a"]}', State: "ON" as never })],
    ["putEvents Entries string", (cloud) => cloud.events.putEvents({ Entries: "x" as never })],
    ["putTargets Targets object", (cloud) => cloud.events.putTargets({ Rule: "r", Targets: {} as never })],
    ["putTargets Targets [null]", (cloud) => cloud.events.putTargets({ Rule: "r", Targets: [null as never] })],
    ["putTargets RetryPolicy string", (cloud) => cloud.events.putTargets({ Rule: "r", Targets: [{ Id: "t", Arn: Q, RetryPolicy: "x" as never }] })],
    ["testEventPattern Event number", (cloud) => cloud.events.testEventPattern({ EventPattern: '{"source":["a"]}', Event: 5 as never })],
    ["createSchedule Target null", (cloud) => cloud.schedules.createSchedule({ Name: "s", ScheduleExpression: "rate(1 minute)", FlexibleTimeWindow: { Mode: "OFF" }, Target: null as never })],
    ["createSchedule FlexibleTimeWindow missing", (cloud) => cloud.schedules.createSchedule({ Name: "s", ScheduleExpression: "rate(1 minute)", Target: { Arn: Q, RoleArn: "arn:aws:iam::000000000000:role/r" } } as never)],
    ["createPipe Source number", (cloud) => cloud.pipes.createPipe({ Name: "p", RoleArn: "arn:aws:iam::000000000000:role/r", Source: 1 as never, Target: Q })],
  ];
  for (const [name, run] of cases) {
    it(name, async () => {
      await using cloud = createCloud();
      await cloud.events.putRule({ Name: "r", EventPattern: '{"source":["a"]}' }).catch(() => undefined);
      const error = await rejection(() => run(cloud));
      expect(error.name).toMatch(/ValidationException|InvalidEventPatternException|SerializationException/);
    });
  }
});

it("a null entry is a per-entry failure, as AWS answers entries without Source", async () => {
  await using cloud = createCloud();
  const out = await cloud.events.putEvents({ Entries: [null as never, { Source: "a", DetailType: "t", Detail: "{}" }] });
  expect(out.FailedEntryCount).toBe(1);
  expect(out.Entries![0]).toEqual({ ErrorCode: "InvalidArgument", ErrorMessage: "Parameter Source is not valid. Reason: Source is a required argument." });
  expect(out.Entries![1]!.EventId).toBeDefined();
});

it("a deeply nested pattern and a huge value list answer quickly", async () => {
  await using cloud = createCloud();
  let deep = '["x"]';
  for (let i = 0; i < 20_000; i++) deep = `{"a":${deep}}`;
  const error = await rejection(() => cloud.events.putRule({ Name: "deep", EventPattern: deep }));
  expect(error.name).toMatch(/InvalidEventPatternException|ValidationException/);
  const huge = JSON.stringify({ detail: { n: Array.from({ length: 50_000 }, (_, i) => `v${i}`) } });
  const answer = await rejection(() => cloud.events.testEventPattern({ EventPattern: huge, Event: JSON.stringify({ id: "1", account: "000000000000", source: "a", time: "2025-01-01T00:00:00Z", region: "us-east-1", "detail-type": "t", resources: [], detail: { n: "v49999" } }) }));
  expect(["none", "InvalidEventPatternException", "ValidationException"]).toContain(answer.name);
});

it("PutEvents size: exactly 1 MiB is accepted, one byte more is refused", async () => {
  await using cloud = createCloud();
  const overhead = "a".length + "t".length + '{"p":""}'.length;
  const fill = (n: number) => JSON.stringify({ p: "x".repeat(n) });
  const ok = await cloud.events.putEvents({ Entries: [{ Source: "a", DetailType: "t", Detail: fill(1_048_576 - overhead) }] });
  expect(ok.FailedEntryCount).toBe(0);
  const error = await rejection(() => cloud.events.putEvents({ Entries: [{ Source: "a", DetailType: "t", Detail: fill(1_048_577 - overhead) }] }));
  expect(error).toEqual({ name: "ValidationException", message: "Total size of the entries in the request is over the limit." });
});

it("a target handler that never settles does not hang settle, advance or runUntilIdle", async () => {
  await using cloud = createCloud();
  const arn = "arn:aws:events:us-east-1:000000000000:api-destination/never/1";
  cloud.events.registerTargetHandler(arn, () => new Promise(() => undefined));
  await cloud.events.putRule({ Name: "r", EventPattern: '{"source":["a"]}' });
  await cloud.events.putTargets({ Rule: "r", Targets: [{ Id: "t", Arn: arn }] });
  await cloud.events.putEvents({ Entries: [{ Source: "a", DetailType: "t", Detail: "{}" }] });
  await cloud.settle();
  await cloud.advance(60_000);
  await cloud.runUntilIdle();
});

it("deleting a rule with deliveries in flight: retries stop without errors, the first attempt still went", async () => {
  await using cloud = createCloud();
  const arn = "arn:aws:events:us-east-1:000000000000:api-destination/flaky/1";
  let calls = 0;
  cloud.events.registerTargetHandler(arn, () => {
    calls++;
    throw new Error("down");
  });
  await cloud.events.putRule({ Name: "r", EventPattern: '{"source":["a"]}' });
  await cloud.events.putTargets({ Rule: "r", Targets: [{ Id: "t", Arn: arn }] });
  await cloud.events.putEvents({ Entries: [{ Source: "a", DetailType: "t", Detail: "{}" }] });
  await cloud.settle();
  expect(calls).toBe(1);
  await cloud.events.removeTargets({ Rule: "r", Ids: ["t"] });
  await cloud.events.deleteRule({ Name: "r" });
  await cloud.advance(86_400_000);
  await cloud.runUntilIdle();
  expect(calls).toBeGreaterThanOrEqual(1);
});

it("dispose in the middle of retries ends them quietly", async () => {
  const cloud = createCloud();
  const arn = "arn:aws:events:us-east-1:000000000000:api-destination/flaky/1";
  let calls = 0;
  cloud.events.registerTargetHandler(arn, async () => {
    calls++;
    throw new Error("down");
  });
  await cloud.events.putRule({ Name: "r", EventPattern: '{"source":["a"]}' });
  await cloud.events.putTargets({ Rule: "r", Targets: [{ Id: "t", Arn: arn }] });
  await cloud.events.putEvents({ Entries: [{ Source: "a", DetailType: "t", Detail: "{}" }] });
  await cloud.advance(10_000);
  const before = calls;
  await cloud.dispose();
  expect(calls).toBe(before);
  await expect(cloud.advance(1)).rejects.toThrow(/disposed/);
});

it("rate(1 minute) rules and schedules do not keep runUntilIdle alive", async () => {
  await using cloud = createCloud();
  const url = (await cloud.sqs.createQueue({ QueueName: "q" })).QueueUrl!;
  await cloud.advance(30_000);
  await cloud.events.putRule({ Name: "tick", ScheduleExpression: "rate(1 minute)" });
  await cloud.events.putTargets({ Rule: "tick", Targets: [{ Id: "q", Arn: Q }] });
  await cloud.schedules.createSchedule({ Name: "s", ScheduleExpression: "cron(* * * * ? *)", FlexibleTimeWindow: { Mode: "OFF" }, Target: { Arn: Q, RoleArn: "arn:aws:iam::000000000000:role/r" } });
  await cloud.runUntilIdle();
  await cloud.advance(5 * 60_000);
  expect(await count(cloud, url)).toBe(10);
});

it("the same seed gives the same event ids and the same retry times", async () => {
  const run = async () => {
    await using cloud = createCloud({ seed: 99 });
    const failures: number[] = [];
    cloud.on("events.target.failed", (event) => void failures.push(cloud.clock.now()));
    const arn = "arn:aws:events:us-east-1:000000000000:api-destination/flaky/1";
    cloud.events.registerTargetHandler(arn, () => {
      throw new Error("down");
    });
    await cloud.events.putRule({ Name: "r", EventPattern: '{"source":["a"]}' });
    await cloud.events.putTargets({ Rule: "r", Targets: [{ Id: "t", Arn: arn, RetryPolicy: { MaximumRetryAttempts: 5 } }] });
    const out = await cloud.events.putEvents({ Entries: [{ Source: "a", DetailType: "t", Detail: "{}" }] });
    await cloud.advance(3_600_000);
    return { ids: out.Entries!.map((entry) => entry.EventId), failures };
  };
  const a = await run();
  expect(a.failures).toHaveLength(6);
  expect(await run()).toEqual(a);
});
