/** Native inputs that used to escape as TypeErrors (one after storing part of a batch): each is AWS's InvalidParameter and changes nothing. */
import { awsError } from "@simcloud/core/testing";
import { describe, expect, it } from "vitest";
import type { PublishBatchRequestEntry } from "./shapes";
import { fakeQueue, setup } from "./test-helpers";

describe("SNS bad native input", () => {
  it("PublishBatch with a null entry, or an entry whose attributes are malformed, publishes none of the batch", async () => {
    const { sns, ctx } = setup({ signing: "placeholder" });
    const queue = fakeQueue(ctx, "q");
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn });
    const good = [
      { Id: "a", Message: "1" },
      { Id: "b", Message: "2" },
    ];
    for (const bad of [null, { Id: "c", Message: "3", MessageAttributes: { k: null } }, { Id: "c", Message: "3", MessageAttributes: [] }]) {
      const entries = [...good, bad] as unknown as PublishBatchRequestEntry[];
      await awsError(sns.publishBatch({ TopicArn, PublishBatchRequestEntries: entries }), "InvalidParameterException");
    }
    await ctx.scheduler.settle();
    expect(ctx.trace.of("sns.message.published")).toHaveLength(0);
    expect(queue.sent).toHaveLength(0);
  });

  it("Attributes: { DisplayName: null } is InvalidParameter, on CreateTopic and Subscribe alike", async () => {
    const { sns } = setup();
    const attributes = { DisplayName: null } as unknown as Record<string, string>;
    expect(await awsError(sns.createTopic({ Name: "t", Attributes: attributes }))).toMatchObject({
      code: "InvalidParameterException",
      message: "Invalid parameter: Attributes.DisplayName",
    });
    expect((await sns.listTopics()).Topics).toEqual([]);
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    const subscribe = sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:000000000000:q", Attributes: { RawMessageDelivery: null } as unknown as Record<string, string> });
    await awsError(subscribe, "InvalidParameterException");
    expect((await sns.listSubscriptions()).Subscriptions).toEqual([]);
  });
});

describe("SNS required members typed `T | undefined` (as SDK v3 types them)", () => {
  it("a message attribute without DataType is AWS's ValidationError, on Publish and in a PublishBatch entry, and publishes nothing", async () => {
    const { sns, ctx } = setup({ signing: "placeholder" });
    const queue = fakeQueue(ctx, "q");
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn });
    expect(await awsError(sns.publish({ TopicArn, Message: "m", MessageAttributes: { color: { DataType: undefined, StringValue: "red" } } }))).toMatchObject({
      code: "ValidationError",
      message: "1 validation error detected: Value null at 'messageAttributes.color.member.dataType' failed to satisfy constraint: Member must not be null",
    });
    const entries = [{ Id: "a", Message: "m", MessageAttributes: { color: { DataType: undefined, StringValue: "red" } } }];
    await awsError(sns.publishBatch({ TopicArn, PublishBatchRequestEntries: entries }), "ValidationError");
    await ctx.scheduler.settle();
    expect(ctx.trace.of("sns.message.published")).toHaveLength(0);
    expect(queue.sent).toHaveLength(0);
  });
});

describe("SNS message attributes are copied in", () => {
  it("a publisher that reuses its Buffer after Publish does not change what the subscribers get (fan-out runs later)", async () => {
    const { sns, ctx } = setup({ signing: "placeholder" });
    const queue = fakeQueue(ctx, "q");
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn, Attributes: { RawMessageDelivery: "true" } });
    const buffer = Buffer.from([1, 2, 3]);
    await sns.publish({ TopicArn, Message: "m", MessageAttributes: { blob: { DataType: "Binary", BinaryValue: buffer } } });
    buffer.fill(0);
    await ctx.scheduler.settle();
    expect([...(queue.sent[0]!.input.MessageAttributes!["blob"]!.BinaryValue ?? [])]).toEqual([1, 2, 3]);
  });
});
