import type { Cloud } from "simcloud";

/** The demo's story in a few lines: an order topic fans out to a queue that a Lambda worker drains; one order is poison. */
export async function runDemoScenario(cloud: Cloud): Promise<void> {
  await cloud.sns.createTopic({ Name: "orders" });
  await cloud.sqs.createQueue({ QueueName: "shipping-dlq" });
  await cloud.sqs.createQueue({
    QueueName: "shipping",
    Attributes: { VisibilityTimeout: "30", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: cloud.sqs.arn("shipping-dlq"), maxReceiveCount: 2 }) },
  });
  await cloud.sns.subscribe({ TopicArn: cloud.sns.arn("orders"), Protocol: "sqs", Endpoint: cloud.sqs.arn("shipping"), Attributes: { RawMessageDelivery: "true" } });
  await cloud.lambda.createFunction({
    FunctionName: "ship-order",
    handler: async (event: { Records: { body: string }[] }) => {
      for (const record of event.Records) if ((JSON.parse(record.body) as { orderId: number }).orderId === 1003) throw new Error("carrier rejected order 1003");
    },
  });
  await cloud.lambda.createEventSourceMapping({ FunctionName: "ship-order", EventSourceArn: cloud.sqs.arn("shipping"), BatchSize: 1 });
  for (const orderId of [1001, 1002, 1003]) await cloud.sns.publish({ TopicArn: cloud.sns.arn("orders"), Message: JSON.stringify({ orderId }) });
  await cloud.until("sqs.message.moved-to-dlq");
}
