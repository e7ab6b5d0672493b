/**
 * Real queue libraries nobody here wrote, unchanged, against simcloud: `sqs-producer` sends through an SQSClient,
 * `sqs-consumer` long-polls, processes and deletes. Failed messages come back after their visibility timeout and,
 * past maxReceiveCount, land in the dead-letter queue — all in virtual time, in milliseconds of real time.
 */
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { createCloud } from "simcloud";
import { Consumer } from "sqs-consumer";
import { Producer } from "sqs-producer";
import { expect, it } from "vitest";

it("processes messages with sqs-consumer, redelivers failures after the visibility timeout, then dead-letters them", async () => {
  await using cloud = createCloud({ autoAdvance: true });
  const sqs = new SQSClient(cloud.clientConfig());

  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: "orders-dlq" }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ["QueueArn"] }));
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({
      QueueName: "orders",
      Attributes: { VisibilityTimeout: "30", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: 2 }) },
    }),
  );
  const queueUrl = QueueUrl as string;

  const producer = Producer.create({ queueUrl, sqs });
  await producer.send([
    { id: "1", body: "order 1" },
    { id: "2", body: "order 2 bad" },
    { id: "3", body: "order 3", messageAttributes: { kind: { DataType: "String", StringValue: "gift" } } },
  ]);

  const processed: string[] = [];
  const attempts = new Map<string, number[]>();
  const consumer = Consumer.create({
    queueUrl,
    sqs,
    waitTimeSeconds: 20,
    messageAttributeNames: ["All"],
    handleMessage: async (message) => {
      const body = message.Body ?? "";
      attempts.set(body, [...(attempts.get(body) ?? []), cloud.clock.now()]);
      if (body.includes("bad")) throw new Error("cannot ship");
      processed.push(body);
      return message;
    },
  });
  const errors: string[] = [];
  consumer.on("processing_error", (error) => errors.push(error.message));
  const deadLettered = new Promise<void>((resolve) => cloud.on("sqs.message.moved-to-dlq", () => resolve()));
  const startedAt = cloud.clock.now();

  consumer.start();
  await deadLettered;
  consumer.stop({ abort: true });

  expect(processed.sort()).toEqual(["order 1", "order 3"]);
  const failedAt = attempts.get("order 2 bad") ?? [];
  expect(failedAt).toHaveLength(2);
  expect((failedAt[1] as number) - (failedAt[0] as number)).toBeGreaterThanOrEqual(30_000);
  expect(errors).toHaveLength(2);
  expect(errors[0]).toContain("cannot ship");
  expect(cloud.clock.now() - startedAt).toBeGreaterThanOrEqual(60_000);

  const inDlq = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.QueueUrl, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }));
  expect(inDlq.Messages?.map((message) => message.Body)).toEqual(["order 2 bad"]);
  const remaining = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
  expect(remaining.Attributes).toEqual({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });
});

it("sqs-consumer long-polls while SNS publishes to its queue under autoAdvance: every message is handled, none expires", async () => {
  await using cloud = createCloud({ autoAdvance: true });
  const sqs = new SQSClient(cloud.clientConfig());
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "orders" }));
  const { TopicArn } = await cloud.sns.createTopic({ Name: "orders" });
  await cloud.sns.subscribe({ TopicArn: TopicArn!, Protocol: "sqs", Endpoint: cloud.sqs.arn("orders"), Attributes: { RawMessageDelivery: "true" } });
  const handled: string[] = [];
  let allHandled!: () => void;
  // Awaited plainly: the consumer's next poll is a real setTimeout, which a scheduler.waitFor would let the clock jump past.
  const done = new Promise<void>((resolve) => (allHandled = resolve));
  const consumer = Consumer.create({
    queueUrl: QueueUrl as string,
    sqs,
    waitTimeSeconds: 20,
    handleMessage: async (message) => {
      handled.push(message.Body ?? "");
      if (handled.length === 3) allHandled();
      return message;
    },
  });
  consumer.start();
  for (const body of ["a", "b", "c"]) await cloud.sns.publish({ TopicArn: TopicArn!, Message: body });
  await done;
  consumer.stop({ abort: true });
  expect(handled.sort()).toEqual(["a", "b", "c"]);
  expect(cloud.trace.of("sqs.message.expired")).toEqual([]);
});
