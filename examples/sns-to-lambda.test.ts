/**
 * SNS and Lambda end to end ("Using AWS Lambda with Amazon SNS", "Amazon SNS message filtering", "Capturing
 * records of Lambda asynchronous invocations"): a topic invokes a subscribed function asynchronously with the
 * SNS event; a failing subscriber's on-failure record goes to another topic; on-success records published to a
 * topic reach a function subscribed to it.
 */
import { createCloud, type Cloud, type SnsEvent } from "simcloud";
import { describe, expect, it } from "vitest";

const START = Date.UTC(2025, 0, 1);
const fnArn = (name: string): string => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

async function queue(cloud: Cloud, name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: name });
  return { url: QueueUrl!, arn: `arn:aws:sqs:us-east-1:000000000000:${name}` };
}

describe("SNS → Lambda", () => {
  it("a filtered lambda subscription receives the SNS event record, exactly in AWS's shape", async () => {
    await using cloud = createCloud();
    const { TopicArn } = await cloud.sns.createTopic({ Name: "orders" });
    const events: { at: number; event: SnsEvent }[] = [];
    await cloud.lambda.createFunction({
      FunctionName: "on-order",
      handler: async (event: SnsEvent) => void events.push({ at: cloud.clock.now() - START, event }),
    });
    const { SubscriptionArn } = await cloud.sns.subscribe({
      TopicArn,
      Protocol: "lambda",
      Endpoint: fnArn("on-order"),
      Attributes: { FilterPolicy: JSON.stringify({ eventType: ["order_placed"] }) },
      ReturnSubscriptionArn: true,
    });

    await cloud.advance(1_500);
    const placed = await cloud.sns.publish({
      TopicArn,
      Subject: "Order placed",
      Message: JSON.stringify({ orderId: 7 }),
      MessageAttributes: { eventType: { DataType: "String", StringValue: "order_placed" } },
    });
    await cloud.sns.publish({ TopicArn, Message: "ignored", MessageAttributes: { eventType: { DataType: "String", StringValue: "order_cancelled" } } });
    await cloud.settle();

    // The filter let one message through; the function ran at the publish time.
    expect(events).toHaveLength(1);
    const [{ at, event }] = events as [{ at: number; event: SnsEvent }];
    expect(at).toBe(1_500);
    expect(event.Records).toHaveLength(1);
    const record = event.Records[0]!;
    expect(Object.keys(record).sort()).toEqual(["EventSource", "EventSubscriptionArn", "EventVersion", "Sns"]);
    expect(record).toMatchObject({ EventSource: "aws:sns", EventVersion: "1.0", EventSubscriptionArn: SubscriptionArn });
    expect(Object.keys(record.Sns).sort()).toEqual(
      ["Message", "MessageAttributes", "MessageId", "Signature", "SignatureVersion", "SigningCertUrl", "Subject", "Timestamp", "TopicArn", "Type", "UnsubscribeUrl"].sort(),
    );
    expect(record.Sns).toMatchObject({
      Type: "Notification",
      MessageId: placed.MessageId,
      TopicArn,
      Subject: "Order placed",
      Message: JSON.stringify({ orderId: 7 }),
      Timestamp: "2025-01-01T00:00:01.500Z",
      SignatureVersion: "1",
      MessageAttributes: { eventType: { Type: "String", Value: "order_placed" } },
    });
    expect(record.Sns.Signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(record.Sns.SigningCertUrl).toMatch(/^https:\/\/sns\.us-east-1\.amazonaws\.com\/SimpleNotificationService-[0-9a-f]+\.pem$/);
    expect(record.Sns.UnsubscribeUrl).toBe(
      `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${SubscriptionArn}`,
    );
    const metrics = await cloud.lambda.getFunctionMetrics({ FunctionName: "on-order" });
    expect(metrics).toMatchObject({ Invocations: 1, Errors: 0 });
  });

  it("a failing subscriber is retried after 1 and 2 minutes, then its on-failure record is published to a topic", async () => {
    await using cloud = createCloud();
    const { TopicArn } = await cloud.sns.createTopic({ Name: "payments" });
    const failures = await cloud.sns.createTopic({ Name: "lambda-failures" });
    const inbox = await queue(cloud, "failure-inbox");
    await cloud.sns.subscribe({ TopicArn: failures.TopicArn, Protocol: "sqs", Endpoint: inbox.arn });
    const attempts: number[] = [];
    await cloud.lambda.createFunction({
      FunctionName: "charge",
      handler: async () => {
        attempts.push(cloud.clock.now() - START);
        const error = new Error("card declined");
        error.name = "PaymentError";
        throw error;
      },
    });
    await cloud.lambda.putFunctionEventInvokeConfig({
      FunctionName: "charge",
      DestinationConfig: { OnFailure: { Destination: failures.TopicArn! } },
    });
    await cloud.sns.subscribe({ TopicArn, Protocol: "lambda", Endpoint: fnArn("charge") });
    const published = await cloud.sns.publish({ TopicArn, Message: "charge #1" });

    await cloud.runUntilIdle();
    expect(attempts).toEqual([0, 60_000, 180_000]);

    const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl: inbox.url });
    expect(Messages).toHaveLength(1);
    const notification = JSON.parse(Messages[0]!.Body!) as { Type: string; TopicArn: string; Message: string };
    expect(notification).toMatchObject({ Type: "Notification", TopicArn: failures.TopicArn });
    const record = JSON.parse(notification.Message) as Record<string, unknown>;
    expect(record).toMatchObject({
      version: "1.0",
      timestamp: "2025-01-01T00:03:00.000Z",
      requestContext: { condition: "RetriesExhausted", approximateInvokeCount: 3, functionArn: `${fnArn("charge")}:$LATEST` },
      responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
      responsePayload: { errorType: "PaymentError", errorMessage: "card declined" },
    });
    // The request payload is the SNS event the function was given.
    expect(record["requestPayload"]).toMatchObject({
      Records: [{ EventSource: "aws:sns", Sns: { MessageId: published.MessageId, TopicArn, Message: "charge #1" } }],
    });
  });

  it("Lambda → SNS → Lambda: on-success records go to a topic whose subscriber is another function", async () => {
    await using cloud = createCloud();
    const audit = await cloud.sns.createTopic({ Name: "audit" });
    const audited: unknown[] = [];
    await cloud.lambda.createFunction({
      FunctionName: "auditor",
      handler: async (event: SnsEvent) => void audited.push(...event.Records.map((record) => JSON.parse(record.Sns.Message) as unknown)),
    });
    await cloud.sns.subscribe({ TopicArn: audit.TopicArn, Protocol: "lambda", Endpoint: fnArn("auditor") });
    await cloud.lambda.createFunction({ FunctionName: "work", handler: async (event: { n: number }) => ({ doubled: event.n * 2 }) });
    await cloud.lambda.putFunctionEventInvokeConfig({
      FunctionName: "work",
      DestinationConfig: { OnSuccess: { Destination: audit.TopicArn! }, OnFailure: { Destination: "arn:aws:sns:us-east-1:000000000000:missing" } },
    });
    expect((await cloud.lambda.invoke({ FunctionName: "work", InvocationType: "Event", Payload: JSON.stringify({ n: 21 }) })).StatusCode).toBe(202);
    await cloud.runUntilIdle();
    expect(audited).toMatchObject([
      {
        version: "1.0",
        requestContext: { condition: "Success", approximateInvokeCount: 1, functionArn: `${fnArn("work")}:$LATEST` },
        requestPayload: { n: 21 },
        responseContext: { statusCode: 200, executedVersion: "$LATEST" },
        responsePayload: { doubled: 42 },
      },
    ]);
    expect(audited[0]).not.toHaveProperty("responseContext.functionError");
    expect((await cloud.lambda.getFunctionMetrics({ FunctionName: "work" })).DestinationDeliveryFailures).toBe(0);
  });

  it("a destination topic that no longer exists drops the record and counts a delivery failure", async () => {
    await using cloud = createCloud();
    const gone = await cloud.sns.createTopic({ Name: "gone" });
    await cloud.lambda.createFunction({ FunctionName: "f", handler: async () => "ok" });
    await cloud.lambda.putFunctionEventInvokeConfig({ FunctionName: "f", DestinationConfig: { OnSuccess: { Destination: gone.TopicArn! } } });
    await cloud.sns.deleteTopic({ TopicArn: gone.TopicArn });
    await cloud.lambda.invoke({ FunctionName: "f", InvocationType: "Event", Payload: "{}" });
    await cloud.runUntilIdle();
    expect((await cloud.lambda.getFunctionMetrics({ FunctionName: "f" })).DestinationDeliveryFailures).toBe(1);
    expect(cloud.trace.of("lambda.destination.dropped")).toMatchObject([{ functionName: "f", destination: gone.TopicArn, error: "the topic does not exist" }]);
  });
});
