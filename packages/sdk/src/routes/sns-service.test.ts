/**
 * Every SNS action through a real SNSClient against the real topic service (with the queue and function services on
 * the same context, as in a cloud), down to deliveries read back with SQSClient. sns.test.ts keeps the wire-only
 * edge cases a real topic cannot produce.
 */
import {
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  InvalidParameterException,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishBatchCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  SNSClient,
  SNSServiceException,
  SubscribeCommand,
  TagResourceCommand,
  UnsubscribeCommand,
  UntagResourceCommand,
  paginateListSubscriptions,
  paginateListTopics,
} from "@aws-sdk/client-sns";
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { createSimContext, type SimContext } from "@simcloud/core";
import { createFunctionService, type FunctionService } from "@simcloud/function";
import { createQueueService } from "@simcloud/queue";
import { createTopicService, type TopicService } from "@simcloud/topic";
import { beforeEach, describe, expect, it } from "vitest";
import { createClientConfig } from "../client-config";

let context: SimContext;
let sns: TopicService;
let lambda: FunctionService;
let client: SNSClient;
let sqs: SQSClient;

beforeEach(() => {
  context = createSimContext({ seed: 13 });
  sns = createTopicService(context);
  lambda = createFunctionService(context);
  const services = { sns, lambda, sqs: createQueueService(context) };
  client = new SNSClient(createClientConfig(services, context));
  sqs = new SQSClient(createClientConfig(services, context));
});

const ACCOUNT = "000000000000";
const arnOf = (name: string) => `arn:aws:sns:us-east-1:${ACCOUNT}:${name}`;

async function createTopic(name: string, attributes?: Record<string, string>): Promise<string> {
  const { TopicArn } = await client.send(new CreateTopicCommand({ Name: name, Attributes: attributes }));
  return TopicArn as string;
}

async function createQueue(name: string, attributes: Record<string, string> = {}): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  return { url: QueueUrl as string, arn: Attributes?.QueueArn as string };
}

async function drain(url: string): Promise<{ Body?: string; MessageAttributes?: unknown; Attributes?: Record<string, string> }[]> {
  const all = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ["All"], MessageSystemAttributeNames: ["All"] }));
    if (Messages.length === 0) return all;
    all.push(...Messages);
    await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle as string })) }));
  }
}

const notification = (body: string | undefined) => JSON.parse(body ?? "{}") as Record<string, unknown>;

describe("SNS through SNSClient against the topic service", () => {
  it("creates standard and FIFO topics with attributes and tags, and reads and changes their attributes", async () => {
    const arn = await createTopic("orders", { DisplayName: "Orders <&>\nline 2" });
    expect(arn).toBe(arnOf("orders"));
    const fifo = await client.send(
      new CreateTopicCommand({
        Name: "orders.fifo",
        Attributes: { FifoTopic: "true", ContentBasedDeduplication: "true" },
        Tags: [{ Key: "team", Value: "core" }],
      }),
    );
    expect(fifo.TopicArn).toBe(arnOf("orders.fifo"));
    // Idempotent with the same attributes.
    expect(await createTopic("orders", { DisplayName: "Orders <&>\nline 2" })).toBe(arn);

    const { Attributes } = await client.send(new GetTopicAttributesCommand({ TopicArn: arn }));
    expect(Attributes).toMatchObject({ TopicArn: arn, DisplayName: "Orders <&>\nline 2", Owner: ACCOUNT, SubscriptionsConfirmed: "0" });
    expect(JSON.parse(Attributes?.Policy as string)).toMatchObject({ Version: "2008-10-17" });
    const fifoAttributes = await client.send(new GetTopicAttributesCommand({ TopicArn: fifo.TopicArn }));
    expect(fifoAttributes.Attributes).toMatchObject({ FifoTopic: "true", ContentBasedDeduplication: "true" });

    await client.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: "DisplayName", AttributeValue: "renamed" }));
    expect((await client.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes?.DisplayName).toBe("renamed");
    const conflict = await client.send(new CreateTopicCommand({ Name: "orders", Attributes: { DisplayName: "other" } })).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(InvalidParameterException);
  });

  it("lists topics and paginates them with the SDK's paginator", async () => {
    const created: string[] = [];
    for (let i = 0; i < 105; i++) created.push(await createTopic(`t-${String(i).padStart(3, "0")}`));
    const first = await client.send(new ListTopicsCommand({}));
    expect(first.Topics).toHaveLength(100);
    expect(first.NextToken).toBeDefined();
    const arns: string[] = [];
    let pages = 0;
    for await (const page of paginateListTopics({ client }, {})) {
      pages++;
      arns.push(...(page.Topics ?? []).map((topic) => topic.TopicArn as string));
    }
    expect(pages).toBe(2);
    expect(arns).toEqual(created);
  });

  it("subscribes queues, functions, HTTP endpoints and email; confirms; lists; reads and sets subscription attributes", async () => {
    const topicArn = await createTopic("events");
    const queue = await createQueue("events-q");
    const invoked: unknown[] = [];
    await lambda.createFunction({ FunctionName: "on-event", handler: async (event: unknown) => void invoked.push(event) });
    const functionArn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:on-event`;
    const posts: { body: string; type: string | undefined }[] = [];
    sns.registerEndpoint("https://hooks.example.com/sns", (request) => void posts.push({ body: request.body, type: request.headers["x-amz-sns-message-type"] }));

    const toQueue = await client.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: queue.arn, Attributes: { RawMessageDelivery: "true" } }));
    expect(toQueue.SubscriptionArn).toMatch(new RegExp(`^${topicArn}:[0-9a-f-]{36}$`));
    const toFunction = await client.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "lambda", Endpoint: functionArn }));
    const toHttp = await client.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "https", Endpoint: "https://hooks.example.com/sns" }));
    expect(toHttp.SubscriptionArn).toBe("pending confirmation");
    const toEmail = await client.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "email", Endpoint: "ops@example.com", ReturnSubscriptionArn: true }));
    expect(toEmail.SubscriptionArn).toMatch(new RegExp(`^${topicArn}:`));
    await context.scheduler.settle();

    // The HTTP endpoint got its SubscriptionConfirmation; confirm with its token through the SDK.
    expect(posts.map((post) => post.type)).toEqual(["SubscriptionConfirmation"]);
    const { Token } = notification(posts[0]?.body) as { Token: string };
    const confirmed = await client.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token, AuthenticateOnUnsubscribe: "true" }));
    expect(confirmed.SubscriptionArn).toMatch(new RegExp(`^${topicArn}:`));
    const badToken = await client.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: "nope" })).catch((error: unknown) => error);
    expect(badToken).toBeInstanceOf(InvalidParameterException);
    // The email confirmation was captured rather than sent.
    expect(sns.outbox({ endpoint: "ops@example.com", type: "SubscriptionConfirmation" })).toHaveLength(1);

    const listed = await client.send(new ListSubscriptionsCommand({}));
    expect(listed.Subscriptions?.map((sub) => [sub.Protocol, sub.Endpoint, sub.SubscriptionArn === "PendingConfirmation"])).toEqual([
      ["sqs", queue.arn, false],
      ["lambda", functionArn, false],
      ["https", "https://hooks.example.com/sns", false],
      ["email", "ops@example.com", true],
    ]);
    const byTopic = await client.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    expect(byTopic.Subscriptions).toHaveLength(4);
    expect(byTopic.Subscriptions?.[0]).toMatchObject({ TopicArn: topicArn, Owner: ACCOUNT, Protocol: "sqs" });
    const paged: string[] = [];
    for await (const page of paginateListSubscriptions({ client }, {})) paged.push(...(page.Subscriptions ?? []).map((sub) => sub.Protocol as string));
    expect(paged).toEqual(["sqs", "lambda", "https", "email"]);

    const subscriptionArn = toQueue.SubscriptionArn as string;
    const { Attributes } = await client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }));
    expect(Attributes).toMatchObject({ SubscriptionArn: subscriptionArn, TopicArn: topicArn, Protocol: "sqs", Endpoint: queue.arn, RawMessageDelivery: "true" });
    const policy = JSON.stringify({ kind: ["order"], amount: [{ numeric: [">", 10] }] });
    await client.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn, AttributeName: "FilterPolicy", AttributeValue: policy }));
    const after = await client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }));
    expect(JSON.parse(after.Attributes?.FilterPolicy as string)).toEqual(JSON.parse(policy));
    expect(after.Attributes?.FilterPolicyScope).toBe("MessageAttributes");

    const invalid = await client
      .send(new SetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn, AttributeName: "FilterPolicy", AttributeValue: "{not json" }))
      .catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(InvalidParameterException);
    expect(invalid).toBeInstanceOf(SNSServiceException);
    expect(invalid).toMatchObject({ name: "InvalidParameterException", $fault: "client", $metadata: { httpStatusCode: 400 } });
    expect((invalid as Error).message).toMatch(/FilterPolicy/);
  });

  it("publishes with String, Number, Binary and String.Array attributes, a Subject and a JSON structure, to every kind of subscriber", async () => {
    const topicArn = await createTopic("news");
    const raw = await createQueue("raw");
    const wrapped = await createQueue("wrapped");
    const events: unknown[] = [];
    await lambda.createFunction({ FunctionName: "reader", handler: async (event: unknown) => void events.push(event) });
    const posts: string[] = [];
    sns.registerEndpoint("http://hooks.example.com/in", (request) => void posts.push(request.body), { autoConfirm: true });
    await client.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: raw.arn, Attributes: { RawMessageDelivery: "true" } }));
    await client.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: wrapped.arn }));
    await client.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "lambda", Endpoint: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:reader` }));
    await client.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "http", Endpoint: "http://hooks.example.com/in" }));
    await context.scheduler.settle();
    posts.length = 0;

    const published = await client.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: "Breaking",
        Message: "line 1\r\nline <2> & 'three' ünïcode",
        MessageAttributes: {
          kind: { DataType: "String", StringValue: "order" },
          amount: { DataType: "Number", StringValue: "12.5" },
          bytes: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 254, 255]) },
          tags: { DataType: "String.Array", StringValue: '["a","b"]' },
        },
      }),
    );
    expect(published.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(published.$metadata).toMatchObject({ httpStatusCode: 200, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    await context.scheduler.settle();

    const [rawMessage] = await drain(raw.url);
    expect(rawMessage?.Body).toBe("line 1\r\nline <2> & 'three' ünïcode");
    expect(rawMessage?.MessageAttributes).toEqual({
      kind: { DataType: "String", StringValue: "order" },
      amount: { DataType: "Number", StringValue: "12.5" },
      bytes: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 254, 255]) },
      tags: { DataType: "String.Array", StringValue: '["a","b"]' },
    });
    const [wrappedMessage] = await drain(wrapped.url);
    const envelope = notification(wrappedMessage?.Body);
    expect(envelope).toMatchObject({
      Type: "Notification",
      MessageId: published.MessageId,
      TopicArn: topicArn,
      Subject: "Breaking",
      Message: "line 1\r\nline <2> & 'three' ünïcode",
      MessageAttributes: {
        kind: { Type: "String", Value: "order" },
        amount: { Type: "Number", Value: "12.5" },
        bytes: { Type: "Binary", Value: "AAH+/w==" },
        tags: { Type: "String.Array", Value: '["a","b"]' },
      },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ Records: [{ EventSource: "aws:sns", Sns: { MessageId: published.MessageId, Subject: "Breaking" } }] });
    expect(posts.map((body) => notification(body).MessageId)).toEqual([published.MessageId]);

    // MessageStructure json: one message per protocol, "default" for the rest.
    await client.send(
      new PublishCommand({
        TopicArn: topicArn,
        MessageStructure: "json",
        Message: JSON.stringify({ default: "for everyone", sqs: "for queues", lambda: "for functions" }),
      }),
    );
    await context.scheduler.settle();
    expect((await drain(raw.url)).map((m) => m.Body)).toEqual(["for queues"]);
    expect(notification((await drain(wrapped.url))[0]?.Body).Message).toBe("for queues");
    expect((events[1] as { Records: { Sns: { Message: string } }[] }).Records[0]?.Sns.Message).toBe("for functions");
    expect(notification(posts[1]).Message).toBe("for everyone");

    const invalidStructure = await client.send(new PublishCommand({ TopicArn: topicArn, MessageStructure: "json", Message: "{}" })).catch((error: unknown) => error);
    expect(invalidStructure).toBeInstanceOf(InvalidParameterException);
  });

  it("publishes batches, reporting per-entry failures in a 200, and to FIFO topics with sequence numbers", async () => {
    const topicArn = await createTopic("batch");
    const queue = await createQueue("batch-q");
    await client.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: queue.arn, Attributes: { RawMessageDelivery: "true" } }));
    const batch = await client.send(
      new PublishBatchCommand({
        TopicArn: topicArn,
        PublishBatchRequestEntries: [
          { Id: "ok-1", Message: "one", MessageAttributes: { b: { DataType: "Binary", BinaryValue: new Uint8Array([9]) } } },
          { Id: "empty", Message: "" },
          { Id: "ok-2", Message: "two", Subject: "s" },
        ],
      }),
    );
    expect(batch.$metadata.httpStatusCode).toBe(200);
    expect(batch.Successful?.map((entry) => entry.Id)).toEqual(["ok-1", "ok-2"]);
    expect(batch.Successful?.[0]?.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(batch.Failed).toEqual([{ Id: "empty", Code: "InvalidParameter", SenderFault: true, Message: expect.any(String) }]);
    await context.scheduler.settle();
    const delivered = await drain(queue.url);
    expect(delivered.map((m) => m.Body).sort()).toEqual(["one", "two"]);
    expect(delivered.find((m) => m.Body === "one")?.MessageAttributes).toEqual({ b: { DataType: "Binary", BinaryValue: new Uint8Array([9]) } });

    const duplicateIds = await client
      .send(new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: [{ Id: "a", Message: "x" }, { Id: "a", Message: "y" }] }))
      .catch((error: unknown) => error);
    expect(duplicateIds).toMatchObject({ name: "BatchEntryIdsNotDistinctException", $metadata: { httpStatusCode: 400 } });

    const fifoArn = await createTopic("orders.fifo", { FifoTopic: "true", ContentBasedDeduplication: "true" });
    const fifoQueue = await createQueue("orders-q.fifo", { FifoQueue: "true" });
    await client.send(new SubscribeCommand({ TopicArn: fifoArn, Protocol: "sqs", Endpoint: fifoQueue.arn, Attributes: { RawMessageDelivery: "true" } }));
    const first = await client.send(new PublishCommand({ TopicArn: fifoArn, Message: "a", MessageGroupId: "g" }));
    const second = await client.send(new PublishCommand({ TopicArn: fifoArn, Message: "b", MessageGroupId: "g" }));
    expect(first.SequenceNumber).toMatch(/^\d+$/);
    expect(BigInt(second.SequenceNumber as string)).toBeGreaterThan(BigInt(first.SequenceNumber as string));
    const again = await client.send(new PublishCommand({ TopicArn: fifoArn, Message: "a", MessageGroupId: "g" }));
    expect(again.MessageId).toBe(first.MessageId);
    const fifoBatch = await client.send(
      new PublishBatchCommand({ TopicArn: fifoArn, PublishBatchRequestEntries: [{ Id: "c", Message: "c", MessageGroupId: "g" }] }),
    );
    expect(fifoBatch.Successful?.[0]?.SequenceNumber).toMatch(/^\d+$/);
    await context.scheduler.settle();
    expect((await drain(fifoQueue.url)).map((m) => m.Body)).toEqual(["a", "b", "c"]);
  });

  it("tags, lists tags, untags, unsubscribes and deletes topics", async () => {
    const topicArn = await createTopic("tagged");
    await client.send(new TagResourceCommand({ ResourceArn: topicArn, Tags: [{ Key: "team", Value: "core" }, { Key: "__proto__", Value: "data" }] }));
    expect((await client.send(new ListTagsForResourceCommand({ ResourceArn: topicArn }))).Tags).toEqual([
      { Key: "team", Value: "core" },
      { Key: "__proto__", Value: "data" },
    ]);
    await client.send(new UntagResourceCommand({ ResourceArn: topicArn, TagKeys: ["team"] }));
    expect((await client.send(new ListTagsForResourceCommand({ ResourceArn: topicArn }))).Tags).toEqual([{ Key: "__proto__", Value: "data" }]);
    const missingResource = await client.send(new ListTagsForResourceCommand({ ResourceArn: arnOf("nope") })).catch((error: unknown) => error);
    expect(missingResource).toMatchObject({ name: "ResourceNotFoundException", $metadata: { httpStatusCode: 404 } });

    const queue = await createQueue("unsub");
    const { SubscriptionArn } = await client.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: queue.arn }));
    const unsubscribed = await client.send(new UnsubscribeCommand({ SubscriptionArn }));
    expect(unsubscribed.$metadata.httpStatusCode).toBe(200);
    expect((await client.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }))).Subscriptions ?? []).toEqual([]);
    const gone = await client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn })).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(NotFoundException);

    await client.send(new DeleteTopicCommand({ TopicArn: topicArn }));
    // Deleting a topic that does not exist is not an error.
    await client.send(new DeleteTopicCommand({ TopicArn: topicArn }));
    expect((await client.send(new ListTopicsCommand({}))).Topics ?? []).toEqual([]);
  });

  it("raises NotFoundException with its status for a missing topic, on reads and on publish", async () => {
    for (const command of [
      new GetTopicAttributesCommand({ TopicArn: arnOf("missing") }),
      new PublishCommand({ TopicArn: arnOf("missing"), Message: "x" }),
      new SubscribeCommand({ TopicArn: arnOf("missing"), Protocol: "sqs", Endpoint: `arn:aws:sqs:us-east-1:${ACCOUNT}:q` }),
    ]) {
      const error = await client.send(command as GetTopicAttributesCommand).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NotFoundException);
      expect(error).toMatchObject({ name: "NotFoundException", message: "Topic does not exist", $fault: "client", $metadata: { httpStatusCode: 404 } });
    }
  });

  it("fans one publish out to several queues, read back with SQSClient, honouring filter policies", async () => {
    const topicArn = await createTopic("orders");
    const all = await createQueue("all");
    const big = await createQueue("big");
    await client.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: all.arn }));
    await client.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: "sqs",
        Endpoint: big.arn,
        Attributes: { RawMessageDelivery: "true", FilterPolicy: JSON.stringify({ amount: [{ numeric: [">=", 100] }] }) },
      }),
    );
    for (const amount of [5, 150, 99, 1000]) {
      await client.send(new PublishCommand({ TopicArn: topicArn, Message: `order ${amount}`, MessageAttributes: { amount: { DataType: "Number", StringValue: String(amount) } } }));
    }
    await context.scheduler.settle();
    expect((await drain(all.url)).map((m) => notification(m.Body).Message).sort()).toEqual(["order 1000", "order 150", "order 5", "order 99"]);
    expect((await drain(big.url)).map((m) => m.Body).sort()).toEqual(["order 1000", "order 150"]);
    expect(sns.metrics(topicArn)).toMatchObject({ NumberOfMessagesPublished: 4, NumberOfNotificationsFilteredOut: 2 });
  });
});
