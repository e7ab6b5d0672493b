/**
 * autoAdvance (docs/clock.md): when nothing else can progress and a caller awaits simulator work, virtual time
 * jumps to the next task. A real SQSClient's 20-second long poll on an empty queue returns in milliseconds, with
 * the clock 20 s later; a message that a delayed send makes visible wakes the poll at exactly its delay.
 */
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { createCloud } from "simcloud";
import { expect, it } from "vitest";

const START = Date.UTC(2025, 0, 1);

it("long polls through the SDK complete in virtual time, by themselves", async () => {
  await using cloud = createCloud({ autoAdvance: true });
  const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "inbox" });
  const sqs = new SQSClient(cloud.clientConfig());

  const empty = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
  expect(empty.Messages).toBeUndefined();
  expect(cloud.clock.now() - START).toBe(20_000);

  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "later", DelaySeconds: 7 }));
  const woken = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
  expect(woken.Messages?.[0]?.Body).toBe("later");
  expect(cloud.clock.now() - START).toBe(27_000);
});
