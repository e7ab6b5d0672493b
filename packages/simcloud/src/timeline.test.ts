import { describe, expect, it } from "vitest";
import { createCloud, type Cloud } from "./index";
import { renderReport } from "./report";

async function fanOut(cloud: Cloud): Promise<void> {
  await cloud.sqs.createQueue({ QueueName: "dlq" });
  await cloud.sqs.createQueue({
    QueueName: "work",
    Attributes: { VisibilityTimeout: "10", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: cloud.sqs.arn("dlq"), maxReceiveCount: 1 }) },
  });
  await cloud.lambda.createFunction({
    FunctionName: "worker",
    handler: async () => {
      throw new TypeError("bad <input>");
    },
  });
  await cloud.lambda.createEventSourceMapping({ FunctionName: "worker", EventSourceArn: cloud.sqs.arn("work"), BatchSize: 1 });
  await cloud.sns.createTopic({ Name: "news" });
  await cloud.sns.subscribe({ TopicArn: cloud.sns.arn("news"), Protocol: "sqs", Endpoint: cloud.sqs.arn("work") });
  await cloud.sns.publish({ TopicArn: cloud.sns.arn("news"), Message: "hello" });
  await cloud.until("sqs.message.moved-to-dlq");
}

describe("cloud.trace.format", () => {
  it("prints one line per event in virtual seconds since the cloud was created, with short names and clipped bodies", async () => {
    await using cloud = createCloud({ seed: 3 });
    await cloud.advance(1_500);
    await cloud.sqs.createQueue({ QueueName: "q" });
    await cloud.sqs.sendMessage({ QueueUrl: cloud.sqs.url("q"), MessageBody: "x".repeat(200) });
    const lines = cloud.trace.format().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("+    1.500s  sqs.queue.created  queue=q fifo=false");
    expect(lines[1]).toMatch(/^\+    1\.500s  sqs\.message\.sent   queue=q messageId=[0-9a-f]{8} delaySeconds=0 body="x{59}…"$/);
    expect(cloud.trace.format({ last: 1 }).split("\n")[0]).toBe("… 1 earlier events");
  });

  it("says so when nothing happened", () => {
    expect(createCloud().trace.format()).toBe("(no trace events)");
  });
});

describe("cloud.trace.toMermaid", () => {
  it("draws publish → delivery → mapping batch → failure → DLQ across services, the SQS side of a delivery once", async () => {
    await using cloud = createCloud({ seed: 3 });
    await fanOut(cloud);
    const mermaid = cloud.trace.toMermaid();
    expect(mermaid.split("\n").slice(0, 6)).toEqual([
      "sequenceDiagram",
      "  participant P0 as test",
      "  participant P1 as news",
      "  participant P2 as work",
      "  participant P3 as worker",
      "  participant P4 as dlq",
    ]);
    expect(mermaid).toMatch(/P0->>P1: \+0\.000s publish [0-9a-f]{8}/);
    expect(mermaid).toContain("P1->>P2: +0.000s deliver (sqs)");
    expect(mermaid).toContain("P2-xP3: +0.000s batch of 1: failure");
    expect(mermaid).toContain("Note over P3: +0.000s TypeError");
    expect(mermaid).toMatch(/P2-xP4: \+10\.000s [0-9a-f]{8} moved to DLQ/);
    expect(mermaid).not.toContain("send ");
  });
});

describe("cloud.report", () => {
  it("writes one self-contained HTML page: inline SVG diagram, Mermaid source, escaped timeline, no script or remote URL", async () => {
    await using cloud = createCloud({ seed: 3 });
    await fanOut(cloud);
    const html = renderReport(cloud.trace.events, { start: cloud.startTime, title: "fan-out <demo>" });
    expect(html).toContain("<title>fan-out &lt;demo&gt;</title>");
    expect(html).toContain("<svg");
    expect(html).toContain("sequenceDiagram");
    expect(html).toContain("moved to DLQ");
    expect(html).not.toContain("<script");
    expect(html).not.toMatch(/(src|href)="https?:/);
    const { mkdtemp, readFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const path = join(await mkdtemp(join(tmpdir(), "simcloud-report-")), "nested", "run.html");
    expect(await cloud.report(path, { title: "fan-out <demo>" })).toBe(path);
    expect(await readFile(path, "utf8")).toBe(html);
  });
});
