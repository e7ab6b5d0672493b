/**
 * Wrong-typed values in every member of every SNS action's input: each call either succeeds or fails with an
 * AwsError (never a TypeError), and a call that fails changes nothing (no trace event, no delivery, the same topic
 * and subscription attributes and tags).
 */
import { createSimContext } from "@simcloud/core";
import { describeInputFuzz } from "@simcloud/core/testing";
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

describeInputFuzz("SNS native inputs: wrong types are AWS errors and change nothing", {
  shapes: SNS_INPUTS,
  world,
  baselines,
  action: (w, name) => (w.sns[name] as (input: unknown) => Promise<unknown>).bind(w.sns),
});
