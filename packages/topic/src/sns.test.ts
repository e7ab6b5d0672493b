import { describe, expect, it } from "vitest";
import { awsError } from "@simcloud/core/testing";
import { setup, fakeQueue } from "./test-helpers";
import type * as S from "./shapes";

const ACCOUNT = "000000000000";
const arn = (name: string): string => `arn:aws:sns:us-east-1:${ACCOUNT}:${name}`;

describe("error catalogue", () => {
  it("code is the SDK exception name, queryCode the awsQuery <Code> the wire carries", async () => {
    const { sns } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    expect(await awsError(sns.publish({ TopicArn: arn("nope"), Message: "x" }))).toMatchObject({ name: "NotFoundException", code: "NotFoundException", queryCode: "NotFound", statusCode: 404 });
    expect(await awsError(sns.publish({ TopicArn, Message: "" }))).toMatchObject({ code: "InvalidParameterException", queryCode: "InvalidParameter", statusCode: 400 });
    expect(await awsError(sns.publish({ TopicArn, Message: "x", MessageAttributes: { "a..b": { DataType: "String", StringValue: "v" } } }))).toMatchObject({
      code: "InvalidParameterValueException",
      queryCode: "ParameterValueInvalid",
    });
    expect(await awsError(sns.publish({ TopicArn: "arn:aws:sns:us-east-1:111111111111:t", Message: "x" }))).toMatchObject({
      code: "AuthorizationErrorException",
      queryCode: "AuthorizationError",
      statusCode: 403,
    });
  });
});

describe("CreateTopic API reference", () => {
  it("creates standard and FIFO topics and is idempotent for the same name and attributes", async () => {
    const { sns } = setup();
    expect(await sns.createTopic({ Name: "orders" })).toEqual({ TopicArn: arn("orders") });
    expect(await sns.createTopic({ Name: "orders" })).toEqual({ TopicArn: arn("orders") });
    const fifo = await sns.createTopic({ Name: "events.fifo", Attributes: { FifoTopic: "true", ContentBasedDeduplication: "true" } });
    expect(fifo.TopicArn).toBe(arn("events.fifo"));
    const attrs = (await sns.getTopicAttributes({ TopicArn: fifo.TopicArn })).Attributes ?? {};
    expect(attrs).toMatchObject({ FifoTopic: "true", ContentBasedDeduplication: "true", SubscriptionsConfirmed: "0", Owner: ACCOUNT, MaximumMessageSize: "262144" });
    expect(JSON.parse(attrs["Policy"] as string).Statement[0].Resource).toBe(arn("events.fifo"));
    expect(JSON.parse(attrs["EffectiveDeliveryPolicy"] as string).http.defaultHealthyRetryPolicy.numRetries).toBe(3);
    expect((await sns.listTopics()).Topics).toEqual([{ TopicArn: arn("orders") }, { TopicArn: arn("events.fifo") }]);
  });

  it("rejects different attributes for an existing name, bad names and FIFO mismatches", async () => {
    const { sns } = setup();
    await sns.createTopic({ Name: "t", Attributes: { DisplayName: "a" } });
    expect((await awsError(sns.createTopic({ Name: "t", Attributes: { DisplayName: "b" } }), "InvalidParameterException")).message).toMatch("Topic already exists with different attributes");
    expect((await awsError(sns.createTopic({ Name: "bad name" }), "InvalidParameterException")).message).toMatch("Invalid parameter: Topic Name");
    await awsError(sns.createTopic({ Name: "x".repeat(257) }), "InvalidParameterException");
    expect((await awsError(sns.createTopic({ Name: "plain.fifo" }), "InvalidParameterException")).message).toMatch("Topic Name");
    expect((await awsError(sns.createTopic({ Name: "plain", Attributes: { FifoTopic: "true" } }), "InvalidParameterException")).message).toMatch("Invalid parameter: Topic Name");
    expect((await awsError(sns.createTopic({ Name: "s", Attributes: { ContentBasedDeduplication: "true" } }), "InvalidParameterException")).message).toMatch(/only valid for FIFO topics/);
    expect((await awsError(sns.createTopic({ Name: "s", Attributes: { Bogus: "1" } }), "InvalidParameterException")).message).toMatch("Invalid parameter: AttributeName");
    expect((await sns.listTopics()).Topics).toHaveLength(1);
  });

  it("tags at creation, and TagResource / UntagResource / ListTagsForResource with AWS's limits", async () => {
    const { sns } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "tagged", Tags: [{ Key: "team", Value: "a" }] });
    await sns.tagResource({ ResourceArn: TopicArn, Tags: [{ Key: "env", Value: "test" }] });
    await sns.untagResource({ ResourceArn: TopicArn, TagKeys: ["team"] });
    expect((await sns.listTagsForResource({ ResourceArn: TopicArn })).Tags).toEqual([{ Key: "env", Value: "test" }]);
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await awsError(sns.tagResource({ ResourceArn: TopicArn, Tags: many }), "TagLimitExceededException");
    await awsError(sns.tagResource({ ResourceArn: TopicArn, Tags: [{ Key: "aws:x", Value: "v" }] }), "TagPolicyException");
    expect((await awsError(sns.listTagsForResource({ ResourceArn: arn("missing") }), "ResourceNotFoundException")).message).toMatch("Resource does not exist");
    expect((await awsError(sns.createTopic({ Name: "tagged", Tags: [{ Key: "env", Value: "prod" }] }), "InvalidParameterException")).message).toMatch(/different tags/);
    // Each rule of the kit's TagSet with SNS's own message; a rejected call changes no tag.
    const cases: [S.TagResourceInput["Tags"], string][] = [
      [[{ Key: "", Value: "v" }], "Invalid parameter: Tags.Key"],
      [[{ Key: "k", Value: "v".repeat(257) }], "Invalid parameter: Tags.Value"],
      [[{ Key: "d", Value: "1" }, { Key: "d", Value: "2" }], "Invalid parameter: Duplicated keys are not allowed."],
    ];
    for (const [Tags, message] of cases) expect((await awsError(sns.tagResource({ ResourceArn: TopicArn, Tags }), "InvalidParameterException")).message).toBe(message);
    expect((await awsError(sns.untagResource({ ResourceArn: TopicArn, TagKeys: [""] }), "InvalidParameterException")).message).toBe("Invalid parameter: TagKeys");
    await awsError(sns.createTopic({ Name: "over", Tags: [...many, { Key: "one-more", Value: "v" }] }), "TagLimitExceededException");
    expect((await sns.listTagsForResource({ ResourceArn: TopicArn })).Tags).toEqual([{ Key: "env", Value: "test" }]);
  });
});

describe("Topic attributes", () => {
  it("SetTopicAttributes validates each attribute and changes nothing when rejected", async () => {
    const { sns } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    await sns.setTopicAttributes({ TopicArn, AttributeName: "DisplayName", AttributeValue: "Orders" });
    await sns.setTopicAttributes({ TopicArn, AttributeName: "MaximumMessageSize", AttributeValue: "1048576" });
    expect((await awsError(sns.setTopicAttributes({ TopicArn, AttributeName: "MaximumMessageSize", AttributeValue: "1023" }), "InvalidParameterException")).message).toMatch(/MaximumMessageSize/);
    await awsError(sns.setTopicAttributes({ TopicArn, AttributeName: "FifoTopic", AttributeValue: "true" }), "InvalidParameterException");
    expect((await awsError(sns.setTopicAttributes({ TopicArn, AttributeName: "Policy", AttributeValue: "{" }), "InvalidParameterException")).message).toMatch(/Policy/);
    expect((await awsError(sns.setTopicAttributes({ TopicArn, AttributeName: "DeliveryPolicy", AttributeValue: '{"http":{"defaultHealthyRetryPolicy":{"numRetries":101}}}' }), "InvalidParameterException")).message).toMatch(/numRetries/);
    const attrs = (await sns.getTopicAttributes({ TopicArn })).Attributes;
    expect(attrs).toMatchObject({ DisplayName: "Orders", MaximumMessageSize: "1048576" });
  });

  it("AWS-LIMITS-2025: a topic above 256 KiB takes only sqs, lambda and firehose subscriptions", async () => {
    const { sns } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "big", Attributes: { MaximumMessageSize: "524288" } });
    await awsError(sns.subscribe({ TopicArn, Protocol: "email", Endpoint: "a@example.com" }), "InvalidParameterException");
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:000000000000:q" });
    const small = await sns.createTopic({ Name: "small" });
    await sns.subscribe({ TopicArn: small.TopicArn, Protocol: "sms", Endpoint: "+15555550100" });
    await awsError(sns.setTopicAttributes({ TopicArn: small.TopicArn, AttributeName: "MaximumMessageSize", AttributeValue: "300000" }), "InvalidParameterException");
  });

  it("FIFO topics hold ArchivePolicy and FifoThroughputScope", async () => {
    const { sns } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "a.fifo", Attributes: { FifoTopic: "true", ArchivePolicy: '{"MessageRetentionPeriod":"30"}' } });
    await sns.setTopicAttributes({ TopicArn, AttributeName: "FifoThroughputScope", AttributeValue: "MessageGroup" });
    await awsError(sns.setTopicAttributes({ TopicArn, AttributeName: "ArchivePolicy", AttributeValue: '{"MessageRetentionPeriod":"366"}' }), "InvalidParameterException");
    expect((await sns.getTopicAttributes({ TopicArn })).Attributes).toMatchObject({ ArchivePolicy: '{"MessageRetentionPeriod":"30"}', FifoThroughputScope: "MessageGroup" });
  });

  it("DeleteTopic removes subscriptions, unregisters the TopicPort and is idempotent", async () => {
    const { sns, ctx } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "gone" });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:000000000000:q" });
    expect(ctx.registry.resolve("topic", TopicArn as string)).toBeDefined();
    await sns.deleteTopic({ TopicArn });
    await sns.deleteTopic({ TopicArn });
    expect(ctx.registry.resolve("topic", TopicArn as string)).toBeUndefined();
    expect((await sns.listSubscriptions()).Subscriptions).toEqual([]);
    expect((await awsError(sns.getTopicAttributes({ TopicArn }), "NotFoundException")).message).toMatch("Topic does not exist");
  });
});

describe("Subscribe, ConfirmSubscription, Unsubscribe", () => {
  it("confirms same-account sqs and lambda at once, and makes http/email wait for confirmation", async () => {
    const { sns, ctx } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    const q = await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:000000000000:q" });
    expect(q.SubscriptionArn).toMatch(new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
    expect(await sns.subscribe({ TopicArn, Protocol: "email", Endpoint: "ops@example.com" })).toEqual({ SubscriptionArn: "pending confirmation" });
    await ctx.scheduler.settle();
    const [confirmation] = sns.outbox({ endpoint: "ops@example.com", type: "SubscriptionConfirmation" });
    expect(confirmation?.subject).toBe("AWS Notification - Subscription Confirmation");
    const listed = (await sns.listSubscriptionsByTopic({ TopicArn })).Subscriptions ?? [];
    expect(listed.map((s) => s.SubscriptionArn)).toEqual([q.SubscriptionArn, "PendingConfirmation"]);
    expect((await sns.getTopicAttributes({ TopicArn })).Attributes).toMatchObject({ SubscriptionsConfirmed: "1", SubscriptionsPending: "1" });
    expect((await awsError(sns.confirmSubscription({ TopicArn, Token: "nope" }), "InvalidParameterException")).message).toMatch(/^Invalid token$/);
    const confirmed = await sns.confirmSubscription({ TopicArn, Token: confirmation?.token });
    expect((await sns.getSubscriptionAttributes({ SubscriptionArn: confirmed.SubscriptionArn })).Attributes).toMatchObject({
      PendingConfirmation: "false",
      Protocol: "email",
      Endpoint: "ops@example.com",
    });
  });

  it("confirmation tokens expire after three days", async () => {
    const { sns, ctx } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    await sns.subscribe({ TopicArn, Protocol: "email-json", Endpoint: "a@example.com" });
    await ctx.scheduler.advance(3 * 24 * 3600 * 1000);
    const [confirmation] = sns.outbox("a@example.com");
    expect(JSON.parse(confirmation?.body ?? "{}").Type).toBe("SubscriptionConfirmation");
    expect((await awsError(sns.confirmSubscription({ TopicArn, Token: confirmation?.token }), "InvalidParameterException")).message).toMatch("Invalid token");
  });

  it("is idempotent for the same endpoint, and rejects different attributes, bad protocols and endpoints", async () => {
    const { sns } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    const endpoint = "arn:aws:sqs:us-east-1:000000000000:q";
    const first = await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: endpoint });
    expect(await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: endpoint })).toEqual(first);
    expect((await awsError(sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: endpoint, Attributes: { RawMessageDelivery: "true" } }), "InvalidParameterException")).message).toMatch(/different attributes/);
    expect((await awsError(sns.subscribe({ TopicArn, Protocol: "carrier-pigeon", Endpoint: "x" }), "InvalidParameterException")).message).toMatch("does not support this protocol string");
    expect((await awsError(sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: "not-an-arn" }), "InvalidParameterException")).message).toMatch("SQS endpoint ARN");
    expect((await awsError(sns.subscribe({ TopicArn, Protocol: "https", Endpoint: "http://x.example" }), "InvalidParameterException")).message).toMatch(/match the specified protocol/);
    expect((await awsError(sns.subscribe({ TopicArn, Protocol: "lambda", Endpoint: "arn:aws:lambda:us-east-1:000000000000:function:f", Attributes: { RawMessageDelivery: "true" } }), "InvalidParameterException")).message).toMatch(/does not support raw message delivery/);
    expect((await awsError(sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:000000000000:q.fifo" }), "InvalidParameterException")).message).toMatch(/FIFO SQS Queues can not be subscribed to standard SNS topics/);
    expect((await awsError(sns.subscribe({ TopicArn: arn("missing"), Protocol: "sqs", Endpoint: endpoint }), "NotFoundException")).message).toMatch("Topic does not exist");
    await awsError(sns.subscribe({ TopicArn: "arn:aws:sns:us-east-1:111111111111:other", Protocol: "sqs", Endpoint: endpoint }), "AuthorizationErrorException");
    expect((await sns.listSubscriptions()).Subscriptions).toHaveLength(1);
  });

  it("FIFO topics take only sqs subscriptions and FIFO dead-letter queues", async () => {
    const { sns } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "f.fifo", Attributes: { FifoTopic: "true" } });
    await awsError(sns.subscribe({ TopicArn, Protocol: "lambda", Endpoint: "arn:aws:lambda:us-east-1:000000000000:function:f" }), "InvalidParameterException");
    expect((await awsError(sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:000000000000:q.fifo", Attributes: { RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq"}' } }), "InvalidParameterException")).message).toMatch(/FIFO queue/);
  });

  it("Set/GetSubscriptionAttributes: FilterPolicy through the shared engine, both scopes, validated before any change", async () => {
    const { sns } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    const { SubscriptionArn } = await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:000000000000:q" });
    // A nested policy is invalid in MessageAttributes scope.
    expect(await awsError(sns.setSubscriptionAttributes({ SubscriptionArn, AttributeName: "FilterPolicy", AttributeValue: '{"order":{"status":["paid"]}}' }))).toMatchObject({
      name: "InvalidParameterException",
      code: "InvalidParameterException",
      queryCode: "InvalidParameter",
      statusCode: 400,
    });
    await sns.setSubscriptionAttributes({ SubscriptionArn, AttributeName: "FilterPolicyScope", AttributeValue: "MessageBody" });
    await sns.setSubscriptionAttributes({ SubscriptionArn, AttributeName: "FilterPolicy", AttributeValue: '{"order":{"status":["paid"]}}' });
    await awsError(sns.setSubscriptionAttributes({ SubscriptionArn, AttributeName: "FilterPolicyScope", AttributeValue: "MessageAttributes" }), "InvalidParameterException");
    expect((await awsError(sns.setSubscriptionAttributes({ SubscriptionArn, AttributeName: "DeliveryPolicy", AttributeValue: "{}" }), "InvalidParameterException")).message).toMatch(/delivery policies/);
    expect((await awsError(sns.setSubscriptionAttributes({ SubscriptionArn, AttributeName: "RedrivePolicy", AttributeValue: "{" }), "InvalidParameterException")).message).toMatch(/RedrivePolicy/);
    expect((await sns.getSubscriptionAttributes({ SubscriptionArn })).Attributes).toMatchObject({
      FilterPolicy: '{"order":{"status":["paid"]}}',
      FilterPolicyScope: "MessageBody",
      RawMessageDelivery: "false",
    });
  });

  it("Unsubscribe removes the subscription, is idempotent (AWS's recorded test_unsubscribe_idempotency), malformed ARNs are InvalidParameter", async () => {
    const { sns } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    const { SubscriptionArn } = await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:000000000000:q" });
    await sns.unsubscribe({ SubscriptionArn });
    await expect(sns.unsubscribe({ SubscriptionArn })).resolves.toEqual({});
    expect((await awsError(sns.unsubscribe({ SubscriptionArn: "arn:aws:sns:us-east-1:000000000000:random" }), "InvalidParameterException")).message).toMatch("Invalid parameter: SubscriptionId");
    expect((await awsError(sns.unsubscribe({ SubscriptionArn: "nope" }), "InvalidParameterException")).message).toMatch(/at least 6 elements/);
    expect((await sns.listSubscriptionsByTopic({ TopicArn })).Subscriptions).toEqual([]);
  });

  it("ListTopics and ListSubscriptions page by 100 with an opaque NextToken", async () => {
    const { sns } = setup();
    for (let i = 0; i < 150; i++) await sns.createTopic({ Name: `t${i}` });
    const first = await sns.listTopics();
    expect(first.Topics).toHaveLength(100);
    const second = await sns.listTopics({ NextToken: first.NextToken });
    expect(second.Topics).toHaveLength(50);
    expect(second.NextToken).toBeUndefined();
    expect((await awsError(sns.listTopics({ NextToken: "!!" }), "InvalidParameterException")).message).toMatch("NextToken");
    // The kit's tokens are scoped: a ListTopics token is not a ListSubscriptions one.
    expect((await awsError(sns.listSubscriptions({ NextToken: first.NextToken }), "InvalidParameterException")).message).toBe("Invalid parameter: NextToken");
  });
});

describe("Publish API reference", () => {
  it("returns a MessageId; missing topics are NotFound, other accounts AuthorizationError", async () => {
    const { sns } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    expect((await sns.publish({ TopicArn, Message: "hi" })).MessageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await awsError(sns.publish({ TopicArn: arn("nope"), Message: "x" }), "NotFoundException")).message).toMatch("Topic does not exist");
    await awsError(sns.publish({ TopicArn: "arn:aws:sns:us-east-1:111111111111:t", Message: "x" }), "AuthorizationErrorException");
    expect((await awsError(sns.publish({ Message: "x" }), "InvalidParameterException")).message).toMatch(/TopicArn or TargetArn/);
    await awsError(sns.publish({ TopicArn, PhoneNumber: "+15555550100", Message: "x" }), "InvalidParameterException");
  });

  it("enforces message, subject, attribute and size limits", async () => {
    const { sns } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    expect((await awsError(sns.publish({ TopicArn, Message: "" }), "InvalidParameterException")).message).toMatch("Invalid parameter: Empty message");
    expect((await awsError(sns.publish({ TopicArn, Message: "x", Subject: "s".repeat(101) }), "InvalidParameterException")).message).toMatch("Invalid parameter: Subject");
    expect((await awsError(sns.publish({ TopicArn, Message: "x", Subject: "two\nlines" }), "InvalidParameterException")).message).toMatch("Subject");
    expect((await awsError(sns.publish({ TopicArn, Message: "x".repeat(262_145) }), "InvalidParameterException")).message).toMatch("Invalid parameter: Message too long");
    // Amazon SNS message attributes: name, type and value all count towards the 256 KiB.
    expect((await awsError(sns.publish({ TopicArn, Message: "x".repeat(262_140), MessageAttributes: { ab: { DataType: "String", StringValue: "c" } } }), "InvalidParameterException")).message).toMatch("Message too long");
    await sns.publish({ TopicArn, Message: "x".repeat(262_144) });
    expect((await awsError(sns.publish({ TopicArn, Message: "x", MessageAttributes: { "AWS.x": { DataType: "String", StringValue: "v" } } }), "InvalidParameterValueException")).message).toMatch(/reserved/);
    await awsError(sns.publish({ TopicArn, Message: "x", MessageAttributes: { "a..b": { DataType: "String", StringValue: "v" } } }), "InvalidParameterValueException");
    expect((await awsError(sns.publish({ TopicArn, Message: "x", MessageAttributes: { n: { DataType: "Number", StringValue: "abc" } } }), "InvalidParameterValueException")).message).toMatch(/cast/);
    expect((await awsError(sns.publish({ TopicArn, Message: "x", MessageAttributes: { n: { DataType: "Float", StringValue: "1" } } }), "InvalidParameterValueException")).message).toMatch(/type prefixes/);
    await awsError(sns.publish({ TopicArn, Message: "x", MessageAttributes: { n: { DataType: "String.Array", StringValue: "[{}]" } } }), "InvalidParameterValueException");
    await awsError(sns.publish({ TopicArn, Message: "x", MessageAttributes: { n: { DataType: "String", StringValue: "" } } }), "InvalidParameterValueException");
    expect((await awsError(sns.publish({ TopicArn, Message: "x", MessageStructure: "json" }), "InvalidParameterException")).message).toMatch(/failed to parse/);
    expect((await awsError(sns.publish({ TopicArn, Message: '{"sqs":"a"}', MessageStructure: "json" }), "InvalidParameterException")).message).toMatch(/No default entry/);
    expect((await awsError(sns.publish({ TopicArn, Message: "x", MessageDeduplicationId: "d" }), "InvalidParameterException")).message).toMatch(/not valid for this topic type/);
  });

  it("FIFO: MessageGroupId required; dedup id explicit or content-based; sequence numbers increase", async () => {
    const { sns } = setup();
    const plain = await sns.createTopic({ Name: "p.fifo", Attributes: { FifoTopic: "true" } });
    expect((await awsError(sns.publish({ TopicArn: plain.TopicArn, Message: "x", MessageDeduplicationId: "d" }), "InvalidParameterException")).message).toMatch(/MessageGroupId parameter is required/);
    expect((await awsError(sns.publish({ TopicArn: plain.TopicArn, Message: "x", MessageGroupId: "g" }), "InvalidParameterException")).message).toMatch(/ContentBasedDeduplication/);
    const a = await sns.publish({ TopicArn: plain.TopicArn, Message: "x", MessageGroupId: "g", MessageDeduplicationId: "d1" });
    const b = await sns.publish({ TopicArn: plain.TopicArn, Message: "y", MessageGroupId: "g", MessageDeduplicationId: "d2" });
    expect(a.SequenceNumber).toMatch(/^\d{20}$/);
    expect(BigInt(b.SequenceNumber as string) > BigInt(a.SequenceNumber as string)).toBe(true);
    expect((await awsError(sns.publish({ TopicArn: plain.TopicArn, Message: "x", MessageGroupId: "g".repeat(129), MessageDeduplicationId: "d" }), "InvalidParameterException")).message).toMatch(/1 to 128/);
  });

  it("PhoneNumber and platform-endpoint TargetArn publishes land in the outbox", async () => {
    const { sns } = setup();
    const sms = await sns.publish({ PhoneNumber: "+15555550100", Message: "code 1234" });
    const push = await sns.publish({ TargetArn: "arn:aws:sns:us-east-1:000000000000:endpoint/GCM/app/abc", Message: "hello" });
    expect(sns.outbox("+15555550100")).toMatchObject([{ protocol: "sms", body: "code 1234", messageId: sms.MessageId }]);
    expect(sns.outbox({ protocol: "application" })).toMatchObject([{ body: "hello", messageId: push.MessageId }]);
    expect((await awsError(sns.publish({ PhoneNumber: "555", Message: "x" }), "InvalidParameterException")).message).toMatch(/PhoneNumber/);
  });
});

describe("PublishBatch API reference", () => {
  it("publishes up to 10 entries: an empty message fails its entry, a bad attribute the whole request (AWS's recorded answers)", async () => {
    const { sns } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    const out = await sns.publishBatch({
      TopicArn,
      PublishBatchRequestEntries: [
        { Id: "a", Message: "one" },
        { Id: "b", Message: "" },
      ],
    });
    expect(out.Successful?.map((s) => s.Id)).toEqual(["a"]);
    expect(out.Failed).toEqual([{ Id: "b", Code: "InvalidParameter", Message: "Invalid parameter: Empty message", SenderFault: true }]);
    expect((await awsError(sns.publishBatch({
        TopicArn,
        PublishBatchRequestEntries: [
          { Id: "a", Message: "one" },
          { Id: "c", Message: "three", MessageAttributes: { n: { DataType: "Number", StringValue: "x" } } },
        ],
      }), "InvalidParameterValueException")).message).toMatch("Could not cast message attribute 'n' value to number.");
  });

  it("rejects empty, oversized, duplicate-id and bad-id batches as a whole", async () => {
    const { sns } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    await awsError(sns.publishBatch({ TopicArn, PublishBatchRequestEntries: [] }), "EmptyBatchRequestException");
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, Message: "m" }));
    await awsError(sns.publishBatch({ TopicArn, PublishBatchRequestEntries: eleven }), "TooManyEntriesInBatchRequestException");
    await awsError(sns.publishBatch({ TopicArn, PublishBatchRequestEntries: [{ Id: "a", Message: "1" }, { Id: "a", Message: "2" }] }), "BatchEntryIdsNotDistinctException");
    await awsError(sns.publishBatch({ TopicArn, PublishBatchRequestEntries: [{ Id: "bad id", Message: "1" }] }), "InvalidBatchEntryIdException");
    const big = [{ Id: "a", Message: "x".repeat(200_000) }, { Id: "b", Message: "x".repeat(100_000) }];
    await awsError(sns.publishBatch({ TopicArn, PublishBatchRequestEntries: big }), "BatchRequestTooLongException");
    await awsError(sns.publishBatch({ TopicArn: arn("none"), PublishBatchRequestEntries: [{ Id: "a", Message: "1" }] }), "NotFoundException");
  });
});

describe("TopicPort", () => {
  it("lets other services publish through the registry", async () => {
    const { sns, ctx } = setup();
    const queue = fakeQueue(ctx, "q");
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn, Attributes: { RawMessageDelivery: "true" } });
    const port = ctx.registry.resolve("topic", TopicArn as string)?.port;
    const out = await port?.publish({ Message: "from a state machine" }, { principal: "states.amazonaws.com" });
    expect(out?.MessageId).toBeTypeOf("string");
    await ctx.scheduler.settle();
    expect(queue.bodies()).toEqual(["from a state machine"]);
  });
});
