// Production code under test: it builds its SQS client at import time and knows nothing about simcloud.
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";

const sqs = new SQSClient({});

export async function checkout(queueUrl: string, order: { id: string; total: number }): Promise<void> {
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(order) }));
}
