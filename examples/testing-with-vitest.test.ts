/**
 * docs/testing.md, runnable: the `simcloud/vitest` fixture, matchers and `cloud.until`, with production code that
 * builds its own AWS SDK client (reached through `cloud.intercept()`).
 */
import { describe } from "vitest";
import { expect, test } from "simcloud/vitest";
import { checkout } from "./app/checkout";

test("an order goes through SQS to the worker; a bad one ends in the DLQ", async ({ cloud }) => {
  await using _intercept = await cloud.intercept();

  await cloud.sqs.createQueue({ QueueName: "orders-dlq" });
  await cloud.sqs.createQueue({
    QueueName: "orders",
    Attributes: { VisibilityTimeout: "30", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: cloud.sqs.arn("orders-dlq"), maxReceiveCount: 2 }) },
  });
  await cloud.lambda.createFunction({
    FunctionName: "fulfil",
    handler: async (event: { Records: { body: string }[] }) => {
      for (const record of event.Records) if ((JSON.parse(record.body) as { total: number }).total <= 0) throw new Error("bad total");
    },
  });
  await cloud.lambda.createEventSourceMapping({ FunctionName: "fulfil", EventSourceArn: cloud.sqs.arn("orders"), BatchSize: 1 });

  await checkout(cloud.sqs.url("orders"), { id: "o-1", total: 20 });
  await checkout(cloud.sqs.url("orders"), { id: "o-2", total: 0 });

  await cloud.until("sqs.message.moved-to-dlq");

  await expect(cloud.lambda.fn("fulfil")).toHaveBeenInvokedWith({ Records: [expect.objectContaining({ body: '{"id":"o-1","total":20}' })] });
  await expect(cloud.sqs.queue("orders")).toHaveDeadLettered({ id: "o-2", total: 0 });
  await expect(cloud.sqs.queue("orders-dlq")).toHaveMessages(1);
  await expect(cloud.lambda.fn("fulfil")).toHaveBeenInvokedTimes(3);
});

describe("with options", () => {
  test.override({ cloudOptions: { autoAdvance: true, seed: 42 } });

  test("the fixture takes createCloud's options", async ({ cloud }) => {
    await cloud.sns.createTopic({ Name: "news" });
    await cloud.sqs.createQueue({ QueueName: "inbox" });
    await cloud.sns.subscribe({ TopicArn: cloud.sns.arn("news"), Protocol: "sqs", Endpoint: cloud.sqs.arn("inbox"), Attributes: { RawMessageDelivery: "true" } });
    await cloud.sns.publish({ TopicArn: cloud.sns.arn("news"), Message: "hello" });
    // autoAdvance: a 20 s long poll returns at once in real time.
    const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl: cloud.sqs.url("inbox"), WaitTimeSeconds: 20 });
    expect(Messages.map((message) => message.Body)).toEqual(["hello"]);
    await expect(cloud.sns.topic("news")).toHaveDelivered("hello", { to: cloud.sqs.queue("inbox") });
  });
});
