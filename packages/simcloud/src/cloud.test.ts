import { inEveryClockMode } from "@simcloud/core/testing";
import { describe, expect, it } from "vitest";
import { ClockModeError, CloudDisposedError, createCloud, type TraceEvent } from "./index";

describe("createCloud", () => {
  it("builds one context with AWS-like defaults and the public time controls", async () => {
    const cloud = createCloud();
    expect(cloud.region).toBe("us-east-1");
    expect(cloud.accountId).toBe("000000000000");
    expect(cloud.clock.now()).toBe(Date.UTC(2025, 0, 1));
    await cloud.advance(1500);
    await cloud.advanceTo(new Date(Date.UTC(2025, 0, 2)));
    await cloud.settle();
    await cloud.runUntilIdle();
    expect(cloud.clock.now()).toBe(Date.UTC(2025, 0, 2));
    await cloud.dispose();
  });

  it("takes start, seed, region and accountId", async () => {
    await using cloud = createCloud({ start: "2030-01-01T00:00:00Z", seed: 99, region: "eu-west-1", accountId: "123456789012" });
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
    expect(QueueUrl).toBe("https://sqs.eu-west-1.amazonaws.com/123456789012/q");
    expect(cloud.clock.now()).toBe(Date.UTC(2030, 0, 1));
  });

  it("two clouds in one process share nothing", async () => {
    await using a = createCloud();
    await using b = createCloud();
    await a.sqs.createQueue({ QueueName: "only-in-a" });
    await a.advance(60_000);
    expect((await b.sqs.listQueues({})).QueueUrls ?? []).toEqual([]);
    expect(b.clock.now()).toBe(Date.UTC(2025, 0, 1));
    expect(b.trace.events).toHaveLength(0);
  });

  it("the same seed and scenario give the same trace, byte for byte; another seed gives other ids", async () => {
    const run = async (seed: number): Promise<string> => {
      await using cloud = createCloud({ seed });
      const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
      await cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: "x" });
      await cloud.sqs.receiveMessage({ QueueUrl: QueueUrl!, VisibilityTimeout: 5 });
      await cloud.advance(10_000);
      return JSON.stringify(cloud.trace.events);
    };
    expect(await run(1)).toBe(await run(1));
    expect(await run(1)).not.toBe(await run(2));
  });

  it("cloud.on observes typed events live and can stop", async () => {
    await using cloud = createCloud();
    const sent: TraceEvent<"sqs.message.sent">[] = [];
    const stop = cloud.on("sqs.message.sent", (event) => sent.push(event));
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
    await cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: "1" });
    stop();
    await cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: "2" });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: "sqs.message.sent", queueUrl: QueueUrl, time: Date.UTC(2025, 0, 1) });
  });

  it("dispose cancels everything scheduled, is idempotent, and later calls reject (helpers throw) with CloudDisposedError", async () => {
    const cloud = createCloud();
    let ran = false;
    cloud.scheduler.after(1000, () => (ran = true));
    await cloud.dispose();
    await cloud.dispose();
    await cloud[Symbol.asyncDispose]();
    expect(cloud.disposed).toBe(true);
    expect(ran).toBe(false);
    await expect(cloud.advance(1)).rejects.toBeInstanceOf(CloudDisposedError);
    await expect(cloud.sqs.createQueue({ QueueName: "q" })).rejects.toBeInstanceOf(CloudDisposedError);
    expect(() => cloud.on("*", () => undefined)).toThrow(CloudDisposedError);
    expect(() => cloud.sqs.queue("q")).toThrow(CloudDisposedError);
    await expect(cloud.sqs.createQueue({ QueueName: "q" })).rejects.toThrow("Cannot call sqs.createQueue: this cloud has been disposed.");
  });

  it("await using disposes at the end of the block", async () => {
    let escaped: ReturnType<typeof createCloud> | undefined;
    {
      await using cloud = createCloud();
      escaped = cloud;
    }
    expect(escaped.disposed).toBe(true);
  });

  it("a user task that throws is recorded in the trace and does not stop time", async () => {
    await using cloud = createCloud();
    let later = false;
    cloud.scheduler.after(10, () => {
      throw new Error("user bug");
    }, { label: "user callback" });
    cloud.scheduler.after(20, () => (later = true));
    await expect(cloud.advance(100)).rejects.toThrow(/user callback/);
    expect(later).toBe(true);
    expect(cloud.clock.now()).toBe(Date.UTC(2025, 0, 1) + 100);
    expect(cloud.trace.of("scheduler.task.failed")).toHaveLength(1);
  });

  it("passes service options through: SQS chaos is seeded and reproducible", async () => {
    const receiveCounts = async (): Promise<number> => {
      await using cloud = createCloud({ seed: 3, sqs: { chaos: { duplicateProbability: 1 } } });
      const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
      await cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: "x" });
      const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl: QueueUrl!, MaxNumberOfMessages: 10 });
      return Messages.length;
    };
    expect(await receiveCounts()).toBe(2);
  });
});

inEveryClockMode("createCloud's services on its clock", createCloud, (setup) => {
  it("a received message is visible again after its visibility timeout", async () => {
    const { subject: cloud, advance } = setup();
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
    await cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: "x" });
    await cloud.sqs.receiveMessage({ QueueUrl: QueueUrl!, VisibilityTimeout: 30 });
    await advance(30_000);
    const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl: QueueUrl!, MessageSystemAttributeNames: ["ApproximateReceiveCount"] });
    expect(Messages[0]?.Attributes?.ApproximateReceiveCount).toBe("2");
  });

  it("a long poll on an empty queue answers empty at the end of its wait (autoAdvance: in no real time)", async () => {
    const { subject: cloud, within, elapsed } = setup();
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
    const { Messages } = await within(20_000, cloud.sqs.receiveMessage({ QueueUrl: QueueUrl!, WaitTimeSeconds: 20 }));
    expect(Messages ?? []).toEqual([]);
    expect(elapsed()).toBe(20_000);
  });

  it("advance() is refused only with clock: 'system', where the fake timers own time", async () => {
    const { subject: cloud, mode } = setup();
    if (mode === "system") await expect(cloud.advance(1)).rejects.toBeInstanceOf(ClockModeError);
    else await expect(cloud.advance(1)).resolves.toBeUndefined();
  });
});
