/**
 * Testing a Powertools/middy Lambda with simcloud (docs/testing.md): the handler module is loaded once per
 * execution environment, as in AWS, so its module-level BatchProcessor never mixes two concurrent batches.
 */
import { fileURLToPath } from "node:url";
import middy from "@middy/core";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { expect, test } from "simcloud/vitest";

const modulePath = fileURLToPath(new URL("./lambda/orders-batch.mjs", import.meta.url));

function sqsEvent(cloud: { sqs: { arn(name: string): string } }, orders: { id: string; total: number }[]): SQSEvent {
  return {
    Records: orders.map((order) => ({
      messageId: order.id,
      receiptHandle: `rh-${order.id}`,
      body: JSON.stringify(order),
      attributes: { ApproximateReceiveCount: "1", SentTimestamp: "0", SenderId: "test", ApproximateFirstReceiveTimestamp: "0" },
      messageAttributes: {},
      md5OfBody: "",
      eventSource: "aws:sqs",
      eventSourceARN: cloud.sqs.arn("orders"),
      awsRegion: "us-east-1",
    })),
  };
}

test("two concurrent batches: each reports only its own failed records", async ({ cloud }) => {
  await cloud.lambda.createFunction({ FunctionName: "orders", Code: { modulePath } });
  const invoke = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const { Payload } = await cloud.lambda.invoke({ FunctionName: "orders", Payload: JSON.stringify(event) });
    return JSON.parse(new TextDecoder().decode(Payload)) as SQSBatchResponse;
  };
  const [first, second] = await Promise.all([
    invoke(sqsEvent(cloud, [{ id: "a1", total: 5 }, { id: "a2", total: 0 }])),
    invoke(sqsEvent(cloud, [{ id: "b1", total: -1 }, { id: "b2", total: 7 }, { id: "b3", total: 0 }])),
  ]);
  expect(first.batchItemFailures).toEqual([{ itemIdentifier: "a2" }]);
  expect(second.batchItemFailures).toEqual([{ itemIdentifier: "b1" }, { itemIdentifier: "b3" }]);
  // Two environments, two cold starts: one module instance each.
  expect(cloud.trace.of("lambda.invocation.started").map((event) => event.coldStart)).toEqual([true, true]);
});

test("through an SQS event source mapping with ReportBatchItemFailures, only the failed order is retried and dead-lettered", async ({ cloud }) => {
  await cloud.sqs.createQueue({ QueueName: "orders-dlq" });
  await cloud.sqs.createQueue({
    QueueName: "orders",
    Attributes: { VisibilityTimeout: "30", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: cloud.sqs.arn("orders-dlq"), maxReceiveCount: 2 }) },
  });
  await cloud.lambda.createFunction({ FunctionName: "orders", Code: { modulePath } });
  await cloud.lambda.createEventSourceMapping({
    FunctionName: "orders",
    EventSourceArn: cloud.sqs.arn("orders"),
    BatchSize: 10,
    FunctionResponseTypes: ["ReportBatchItemFailures"],
  });
  for (const order of [{ id: "o1", total: 10 }, { id: "o2", total: 0 }, { id: "o3", total: 3 }]) {
    await cloud.sqs.sendMessage({ QueueUrl: cloud.sqs.url("orders"), MessageBody: JSON.stringify(order) });
  }
  await cloud.until("sqs.message.moved-to-dlq");
  await expect(cloud.sqs.queue("orders")).toHaveDeadLettered({ id: "o2", total: 0 });
  await expect(cloud.sqs.queue("orders")).toHaveMessages(0);
  await expect(cloud.sqs.queue("orders-dlq")).toHaveMessages(1);
});

test("a middy handler typed with @types/aws-lambda is an in-process handler as it is, no cast", async ({ cloud }) => {
  const handler = middy(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    expect(context.functionName).toBe("typed");
    return { batchItemFailures: event.Records.filter((record) => record.body === "bad").map((record) => ({ itemIdentifier: record.messageId })) };
  });
  await cloud.lambda.createFunction({ FunctionName: "typed", handler });
  const { Payload } = await cloud.lambda.invoke({ FunctionName: "typed", Payload: JSON.stringify(sqsEvent(cloud, [{ id: "x", total: 1 }])) });
  expect(JSON.parse(new TextDecoder().decode(Payload))).toEqual({ batchItemFailures: [] });
  await expect(cloud.lambda.fn("typed")).toHaveBeenInvokedTimes(1);
});
