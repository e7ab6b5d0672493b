/**
 * Publish once, every subscribed queue gets what its subscription allows ("Fanout to Amazon SQS queues",
 * "Amazon SNS message filtering", "Amazon SNS raw message delivery").
 */
import { createCloud } from "simcloud";
import { expect, it } from "vitest";

it("order events fan out to billing, shipping (attribute filter), analytics (body filter) and a raw queue", async () => {
  await using cloud = createCloud();
  const { TopicArn } = await cloud.sns.createTopic({ Name: "order-events" });
  const queue = async (name: string): Promise<{ url: string; arn: string }> => {
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: name });
    return { url: QueueUrl!, arn: `arn:aws:sqs:us-east-1:000000000000:${name}` };
  };
  const billing = await queue("billing");
  const shipping = await queue("shipping");
  const analytics = await queue("analytics");
  const raw = await queue("audit-raw");

  await cloud.sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: billing.arn });
  await cloud.sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: shipping.arn, Attributes: { FilterPolicy: JSON.stringify({ eventType: ["order_placed"] }) } });
  await cloud.sns.subscribe({
    TopicArn,
    Protocol: "sqs",
    Endpoint: analytics.arn,
    Attributes: { FilterPolicyScope: "MessageBody", FilterPolicy: JSON.stringify({ total: [{ numeric: [">=", 100] }] }) },
  });
  await cloud.sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: raw.arn, Attributes: { RawMessageDelivery: "true" } });

  const placed = await cloud.sns.publish({
    TopicArn,
    Subject: "Order placed",
    Message: JSON.stringify({ orderId: 1, total: 250 }),
    MessageAttributes: { eventType: { DataType: "String", StringValue: "order_placed" } },
  });
  const cancelled = await cloud.sns.publish({
    TopicArn,
    Message: JSON.stringify({ orderId: 2, total: 20 }),
    MessageAttributes: { eventType: { DataType: "String", StringValue: "order_cancelled" } },
  });
  await cloud.settle();

  const bodies = async (url: string): Promise<string[]> =>
    ((await cloud.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ["All"] })).Messages ?? []).map((m) => m.Body!);

  // Billing gets both, wrapped in the SNS envelope exactly as AWS writes it.
  const billed = (await bodies(billing.url)).map((b) => JSON.parse(b) as Record<string, unknown>);
  expect(billed.map((e) => e["MessageId"])).toEqual([placed.MessageId, cancelled.MessageId]);
  expect(billed[0]).toMatchObject({
    Type: "Notification",
    TopicArn,
    Subject: "Order placed",
    Message: '{"orderId":1,"total":250}',
    Timestamp: "2025-01-01T00:00:00.000Z",
    SignatureVersion: "1",
    MessageAttributes: { eventType: { Type: "String", Value: "order_placed" } },
  });
  expect(Object.keys(billed[1]!)).not.toContain("Subject");

  // Shipping filters on the eventType attribute; analytics on the body's total.
  expect((await bodies(shipping.url)).map((b) => JSON.parse(b).MessageId)).toEqual([placed.MessageId]);
  expect((await bodies(analytics.url)).map((b) => JSON.parse(JSON.parse(b).Message).orderId)).toEqual([1]);

  // The raw queue gets the message as published, with the SNS attributes as SQS attributes.
  const rawMessages = (await cloud.sqs.receiveMessage({ QueueUrl: raw.url, MaxNumberOfMessages: 10, MessageAttributeNames: ["All"] })).Messages ?? [];
  expect(rawMessages.map((m) => m.Body)).toEqual(['{"orderId":1,"total":250}', '{"orderId":2,"total":20}']);
  expect(rawMessages[0]?.MessageAttributes?.["eventType"]).toMatchObject({ DataType: "String", StringValue: "order_placed" });

  expect(cloud.sns.metrics(TopicArn!)).toMatchObject({ NumberOfMessagesPublished: 2, NumberOfNotificationsDelivered: 6, NumberOfNotificationsFilteredOut: 2 });
});
