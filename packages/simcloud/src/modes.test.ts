import { inEveryClockMode } from "@simcloud/core/testing";
import { expect, it } from "vitest";
import { createCloud } from "./index";

/** The first mode's steps (types and subjects, without times); every other mode must take the same ones. */
let reference: string | undefined;

/** One scenario, three clock modes, the same batches and concurrency (issue: [1,1,1] virtual but [1,2] under fake timers). */
inEveryClockMode("SNS → SQS → event source mapping", createCloud, (setup) => {
  it("three publishes give the same batches in every mode", async () => {
    const { subject: cloud, advance, settle } = setup({ seed: 5 });
    const batches: number[] = [];
    await cloud.sns.createTopic({ Name: "t" });
    await cloud.sqs.createQueue({ QueueName: "q" });
    await cloud.sns.subscribe({ TopicArn: cloud.sns.arn("t"), Protocol: "sqs", Endpoint: cloud.sqs.arn("q"), Attributes: { RawMessageDelivery: "true" } });
    await cloud.lambda.createFunction({
      FunctionName: "f",
      handler: async (event: { Records: unknown[] }) => {
        batches.push(event.Records.length);
      },
    });
    await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: cloud.sqs.arn("q"), BatchSize: 10 });
    for (const n of [1, 2, 3]) await cloud.sns.publish({ TopicArn: cloud.sns.arn("t"), Message: `m${n}` });
    await settle();
    await advance(5_000);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(3);
    expect(batches).toEqual([1, 1, 1]);
    // Publish events are compared apart: autoAdvance serves each publish after the fan-out already due has run
    // (docs/clock.md), so their places among the deliveries differ by design; everything else is step for step.
    const lines = cloud.trace.format().replace(/\+ +[\d.]+s/g, "").split("\n");
    const published = (line: string): boolean => line.includes("sns.message.published");
    const steps = [...lines.filter(published), ...lines.filter((line) => !published(line))].join("\n");
    reference ??= steps;
    expect(steps).toBe(reference);
  });
});
