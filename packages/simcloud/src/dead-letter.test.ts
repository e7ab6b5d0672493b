/**
 * A poison message moved to its dead-letter queue must not strand the messages behind it ("Amazon SQS
 * dead-letter queues"), whether the receive comes from a real SQSClient or from a Lambda SQS mapping.
 */
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { createCloud, type Cloud, type SqsRecord } from "./index";

const arn = (name: string): string => `arn:aws:sqs:us-east-1:000000000000:${name}`;

async function queueWithDlq(cloud: Cloud): Promise<{ url: string; dlqUrl: string }> {
  const dlqUrl = (await cloud.sqs.createQueue({ QueueName: "jobs-dlq" })).QueueUrl!;
  const url = (
    await cloud.sqs.createQueue({
      QueueName: "jobs",
      Attributes: { VisibilityTimeout: "30", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn("jobs-dlq"), maxReceiveCount: 1 }) },
    })
  ).QueueUrl!;
  return { url, dlqUrl };
}

describe("dead-letter moves strand nothing", () => {
  it("through SQSClient: receive(10) after the poison's move returns the good messages", async () => {
    await using cloud = createCloud();
    const sqs = new SQSClient(cloud.clientConfig());
    const { url, dlqUrl } = await queueWithDlq(cloud);
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "poison" }));
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages?.map((m) => m.Body)).toEqual(["poison"]);
    await cloud.advance(30_000);
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "good-1" }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "good-2" }));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(got.Messages?.map((m) => m.Body)).toEqual(["good-1", "good-2"]);
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10 }));
    expect(dead.Messages?.map((m) => m.Body)).toEqual(["poison"]);
  });

  it("through a Lambda SQS mapping: a poison message does not strand the good jobs queued behind it", async () => {
    await using cloud = createCloud();
    const { url, dlqUrl } = await queueWithDlq(cloud);
    const processed: string[] = [];
    await cloud.lambda.createFunction({
      FunctionName: "worker",
      Timeout: 30,
      handler: async (event: { Records: SqsRecord[] }) => {
        const batchItemFailures: { itemIdentifier: string }[] = [];
        for (const record of event.Records) {
          if (record.body === "poison") batchItemFailures.push({ itemIdentifier: record.messageId });
          else {
            if (record.body.startsWith("slow")) await cloud.scheduler.sleep(25_000);
            processed.push(record.body);
          }
        }
        return { batchItemFailures };
      },
    });
    // Two concurrent batches at most: while both run a slow job, nobody polls, so the poison (visible again at
    // 30 s) and the good jobs (sent at 31 s) wait in the queue together, poison first.
    await cloud.lambda.createEventSourceMapping({
      FunctionName: "worker",
      EventSourceArn: arn("jobs"),
      BatchSize: 10,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    await cloud.sqs.sendMessage({ QueueUrl: url, MessageBody: "poison" });
    await cloud.advance(10_000);
    await cloud.sqs.sendMessage({ QueueUrl: url, MessageBody: "slow-1" });
    await cloud.advance(1_000);
    await cloud.sqs.sendMessage({ QueueUrl: url, MessageBody: "slow-2" });
    await cloud.advance(20_000);
    await cloud.sqs.sendMessage({ QueueUrl: url, MessageBody: "good-1" });
    await cloud.sqs.sendMessage({ QueueUrl: url, MessageBody: "good-2" });
    await cloud.advance(60_000);
    // The first worker back from slow-1 (at 35 s) takes poison, good-1 and good-2: the poison moves, the good jobs run.
    expect(processed).toEqual(["slow-1", "good-1", "good-2", "slow-2"]);
    const left = (await cloud.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["All"] })).Attributes!;
    expect(left).toMatchObject({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });
    const dead = await cloud.sqs.receiveMessage({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10 });
    expect(dead.Messages?.map((m) => m.Body)).toEqual(["poison"]);
  });
});
