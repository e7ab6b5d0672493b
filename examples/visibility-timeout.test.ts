/**
 * A consumer that crashes before deleting: the message reappears after the visibility timeout, and after
 * maxReceiveCount receives it lands in the dead-letter queue ("Amazon SQS visibility timeout",
 * "Amazon SQS dead-letter queues").
 */
import { createCloud } from "simcloud";
import { expect, it } from "vitest";

it("a crashing consumer's message comes back after 30 s, then moves to the DLQ on the 4th receive", async () => {
  await using cloud = createCloud();
  const dlq = await cloud.sqs.createQueue({ QueueName: "orders-dlq" });
  const { QueueUrl } = await cloud.sqs.createQueue({
    QueueName: "orders",
    Attributes: {
      VisibilityTimeout: "30",
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: "arn:aws:sqs:us-east-1:000000000000:orders-dlq", maxReceiveCount: 3 }),
    },
  });
  const { MessageId } = await cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: JSON.stringify({ orderId: 42 }) });

  const crashingConsumer = async (): Promise<string | undefined> => {
    const { Messages } = await cloud.sqs.receiveMessage({ QueueUrl: QueueUrl!, MessageSystemAttributeNames: ["ApproximateReceiveCount"] });
    // Crashes before DeleteMessage: the message stays in flight until its visibility timeout ends.
    return Messages?.[0]?.Attributes?.ApproximateReceiveCount;
  };

  expect(await crashingConsumer()).toBe("1");
  expect(await crashingConsumer()).toBeUndefined(); // hidden while in flight
  await cloud.advance(30_000);
  expect(await crashingConsumer()).toBe("2");
  await cloud.advance(30_000);
  expect(await crashingConsumer()).toBe("3");
  await cloud.advance(30_000);
  expect(await crashingConsumer()).toBeUndefined(); // the 4th receive moved it instead

  const { Messages } = await cloud.sqs.receiveMessage({ QueueUrl: dlq.QueueUrl!, MessageSystemAttributeNames: ["DeadLetterQueueSourceArn"] });
  expect(Messages?.[0]).toMatchObject({ MessageId, Attributes: { DeadLetterQueueSourceArn: "arn:aws:sqs:us-east-1:000000000000:orders" } });
  expect(cloud.trace.of("sqs.message.moved-to-dlq")).toHaveLength(1);
});
