/**
 * Wrong-typed values in every member of every SNS action's input: each call either succeeds or fails with an
 * AwsError (never a TypeError), and a call that fails changes nothing (no trace event, no delivery, the same topic
 * and subscription attributes and tags).
 */
import { createSimContext, isAwsError, memberPaths, withMember, WRONG_TYPED_VALUES as WRONG } from "@simcloud/core";
import { describe, expect, it } from "vitest";
import { SNS_INPUTS } from "./input-shapes";
import { createTopicService, type TopicService } from "./sns";
import { fakeQueue, type FakeQueue } from "./test-helpers";

const ARN = (name: string): string => `arn:aws:sns:us-east-1:000000000000:${name}`;

interface World {
  sns: TopicService;
  queue: FakeQueue;
  events: () => number;
  subscriptionArn: string;
  token: string;
  snapshot: () => Promise<string>;
}

async function world(): Promise<World> {
  const ctx = createSimContext({ seed: 7 });
  const sns = createTopicService(ctx, { signing: "placeholder" });
  const queue = fakeQueue(ctx, "q");
  await sns.createTopic({ Name: "t", Tags: [{ Key: "k", Value: "v" }] });
  await sns.createTopic({ Name: "t.fifo", Attributes: { FifoTopic: "true" } });
  const { SubscriptionArn } = await sns.subscribe({ TopicArn: ARN("t"), Protocol: "sqs", Endpoint: queue.arn });
  await sns.subscribe({ TopicArn: ARN("t"), Protocol: "email", Endpoint: "a@example.com" });
  await ctx.scheduler.settle();
  const token = sns.outbox().find((entry) => entry.token !== undefined)?.token ?? "no token";
  const snapshot = async (): Promise<string> => {
    const parts: unknown[] = [queue.sent.length, sns.outbox().length];
    for (const name of ["t", "t.fifo"]) {
      parts.push(await sns.getTopicAttributes({ TopicArn: ARN(name) }).catch(() => "gone"));
      parts.push(await sns.listTagsForResource({ ResourceArn: ARN(name) }).catch(() => "gone"));
    }
    parts.push(await sns.listSubscriptions({}));
    for (const sub of (await sns.listSubscriptions({})).Subscriptions ?? []) {
      if (sub.SubscriptionArn?.startsWith("arn:")) parts.push(await sns.getSubscriptionAttributes({ SubscriptionArn: sub.SubscriptionArn }));
    }
    return JSON.stringify(parts);
  };
  return { sns, queue, events: () => ctx.trace.events.length, subscriptionArn: SubscriptionArn!, token, snapshot };
}

function baselines(w: World): { [K in keyof typeof SNS_INPUTS]: Record<string, unknown> } {
  const t = ARN("t");
  const attributes = { color: { DataType: "String", StringValue: "red" }, blob: { DataType: "Binary", BinaryValue: Buffer.from("b") } };
  return {
    createTopic: { Name: "new", Attributes: { DisplayName: "d" }, Tags: [{ Key: "a", Value: "b" }], DataProtectionPolicy: undefined },
    deleteTopic: { TopicArn: t },
    listTopics: { NextToken: undefined },
    getTopicAttributes: { TopicArn: t },
    setTopicAttributes: { TopicArn: t, AttributeName: "DisplayName", AttributeValue: "x" },
    subscribe: { TopicArn: t, Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:000000000000:other", Attributes: { RawMessageDelivery: "true" }, ReturnSubscriptionArn: true },
    unsubscribe: { SubscriptionArn: w.subscriptionArn },
    confirmSubscription: { TopicArn: t, Token: w.token, AuthenticateOnUnsubscribe: "true" },
    listSubscriptions: {},
    listSubscriptionsByTopic: { TopicArn: t },
    getSubscriptionAttributes: { SubscriptionArn: w.subscriptionArn },
    setSubscriptionAttributes: { SubscriptionArn: w.subscriptionArn, AttributeName: "RawMessageDelivery", AttributeValue: "true" },
    publish: { TopicArn: t, Message: "m", Subject: "s", MessageAttributes: attributes },
    publishBatch: {
      TopicArn: t,
      PublishBatchRequestEntries: [
        { Id: "a", Message: "1", MessageAttributes: attributes },
        { Id: "b", Message: "2", Subject: "s" },
        { Id: "c", Message: "3" },
      ],
    },
    tagResource: { ResourceArn: t, Tags: [{ Key: "x", Value: "y" }] },
    untagResource: { ResourceArn: t, TagKeys: ["k"] },
    listTagsForResource: { ResourceArn: t },
    addPermission: { TopicArn: t, Label: "grant", AWSAccountId: ["111122223333"], ActionName: ["Publish"] },
    removePermission: { TopicArn: t, Label: "grant" },
  };
}

describe("SNS native inputs: wrong types are AWS errors and change nothing", () => {
  it("every action's baseline input succeeds", async () => {
    for (const action of Object.keys(SNS_INPUTS) as (keyof typeof SNS_INPUTS)[]) {
      const w = await world();
      await expect((w.sns[action] as (i: unknown) => Promise<unknown>)(baselines(w)[action]), action).resolves.toBeDefined();
    }
  });

  it.each(Object.keys(SNS_INPUTS) as (keyof typeof SNS_INPUTS)[])("%s: every member with null, numbers, strings, arrays, objects, buffers, symbols, undefined", async (action) => {
    let calls = 0;
    let rejected = 0;
    const shape = SNS_INPUTS[action];
    const template = baselines(await world())[action];
    for (const path of [[], ...memberPaths(shape, template)]) {
      // A rejected call changes nothing (asserted), so one world serves until a call succeeds.
      let w = await world();
      let before = await w.snapshot();
      for (const wrong of WRONG) {
        const input = withMember(baselines(w)[action], path, wrong);
        const events = w.events();
        calls++;
        try {
          await (w.sns[action] as (i: unknown) => Promise<unknown>)(input);
          if (w.events() !== events || (await w.snapshot()) !== before) {
            w = await world();
            before = await w.snapshot();
          }
        } catch (error) {
          rejected++;
          const where = `${action} ${path.join(".")} = ${String(wrong)}`;
          expect(isAwsError(error), `${where}: ${String(error)}`).toBe(true);
          expect(w.events(), `${where} recorded events`).toBe(events);
          expect(await w.snapshot(), `${where} changed state`).toBe(before);
        }
      }
    }
    expect(calls).toBe(WRONG.length * (1 + memberPaths(shape, template).length));
    expect(rejected).toBeGreaterThan(0);
  });
});
