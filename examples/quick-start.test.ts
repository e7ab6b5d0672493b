/** The README's quick start, as a test: a real SQSClient, a visibility timeout passed in virtual time. */
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { createCloud } from "simcloud";
import { expect, it } from "vitest";

it("README quick start: the message comes back after 30 virtual seconds", async () => {
  await using cloud = createCloud();
  const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "orders" });
  const sqs = new SQSClient(cloud.clientConfig());
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "hello" }));

  const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 30 }));
  expect(first.Messages?.[0]?.Body).toBe("hello");
  await cloud.advance(29_999);
  expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();
  await cloud.advance(1);
  const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ["All"] }));
  expect(again.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe("2");
  expect(cloud.clock.now()).toBe(Date.UTC(2025, 0, 1, 0, 0, 30));
});
