/**
 * Disposing a cloud while clients still wait on it: every pending call rejects with CloudDisposedError, SDK
 * clients get that error once (not a retried 500), and a consumer library's stop() returns.
 */
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { CloudDisposedError, createCloud } from "simcloud";
import { Consumer } from "sqs-consumer";
import { expect, it } from "vitest";

it("an SDK call pending at dispose, and any SDK call after it, fail with CloudDisposedError", async () => {
  const cloud = createCloud();
  const sqs = new SQSClient(cloud.clientConfig({ maxAttempts: 3 }));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "q" }));
  const pending = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
  await new Promise((resolve) => setImmediate(resolve));
  await cloud.dispose();
  const error = await pending.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CloudDisposedError);
  const after = await sqs.send(new ReceiveMessageCommand({ QueueUrl })).catch((e: unknown) => e);
  expect(after).toBeInstanceOf(CloudDisposedError);
  expect((after as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1).toBe(1);
});

it("sqs-consumer long-polling a cloud that is disposed: stop() waiting for the poll to complete returns at once", async () => {
  // Virtual time that nobody moves: the consumer's 20-second long poll is certainly pending at dispose.
  const cloud = createCloud();
  const sqs = new SQSClient(cloud.clientConfig());
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "jobs" }));
  const consumer = Consumer.create({ queueUrl: QueueUrl!, sqs, waitTimeSeconds: 20, handleMessage: async (message) => message, pollingWaitTimeMs: 10, pollingCompleteWaitTimeMs: 120_000 });
  const errors: unknown[] = [];
  consumer.on("error", (error) => errors.push(error));
  const stopped = new Promise<void>((resolve) => consumer.on("stopped", () => resolve()));
  consumer.start();
  await new Promise((resolve) => setTimeout(resolve, 5));
  await cloud.dispose();
  consumer.stop();
  await stopped;
  expect(consumer.status.isRunning).toBe(false);
  expect(errors.every((error) => error instanceof CloudDisposedError || String(error).includes("disposed"))).toBe(true);
});
