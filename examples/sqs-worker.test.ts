/**
 * A queue feeding a function through an event source mapping (Lambda Developer Guide: "Using Lambda with
 * Amazon SQS"; "Handling errors for an SQS event source in Lambda"): partial batch failures are retried
 * after the visibility timeout, a poison message ends in the queue's DLQ through its redrive policy.
 */
import { createCloud, type SqsRecord } from "simcloud";
import { describe, expect, it } from "vitest";

async function setup() {
  const cloud = createCloud();
  const dlq = await cloud.sqs.createQueue({ QueueName: "orders-dlq" });
  const dlqArn = "arn:aws:sqs:us-east-1:000000000000:orders-dlq";
  const queue = await cloud.sqs.createQueue({
    QueueName: "orders",
    Attributes: { VisibilityTimeout: "30", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }) },
  });
  const processed: string[] = [];
  const attempts = new Map<string, number>();
  await cloud.lambda.createFunction({
    FunctionName: "worker",
    Timeout: 10,
    handler: async (event: { Records: SqsRecord[] }) => {
      const batchItemFailures: { itemIdentifier: string }[] = [];
      for (const record of event.Records) {
        attempts.set(record.body, (attempts.get(record.body) ?? 0) + 1);
        const order = JSON.parse(record.body) as { id: number; poison?: boolean; flaky?: boolean };
        // A flaky order fails its first attempt only; a poison order always fails.
        if (order.poison || (order.flaky && attempts.get(record.body) === 1)) batchItemFailures.push({ itemIdentifier: record.messageId });
        else processed.push(`order-${order.id}`);
      }
      return { batchItemFailures };
    },
  });
  const mapping = await cloud.lambda.createEventSourceMapping({
    FunctionName: "worker",
    EventSourceArn: "arn:aws:sqs:us-east-1:000000000000:orders",
    BatchSize: 10,
    FunctionResponseTypes: ["ReportBatchItemFailures"],
  });
  return { cloud, queueUrl: queue.QueueUrl as string, dlqUrl: dlq.QueueUrl as string, processed, attempts, mapping };
}

describe("sqs-worker: queue → event source mapping → function", () => {
  it("processes good messages, retries a flaky one after the visibility timeout, and moves a poison one to the DLQ", async () => {
    const { cloud, queueUrl, dlqUrl, processed, attempts, mapping } = await setup();
    expect(mapping.State).toBe("Creating");
    for (const body of [{ id: 1 }, { id: 2, flaky: true }, { id: 3, poison: true }, { id: 4 }]) {
      await cloud.sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body) });
    }
    await cloud.advance(1_000);
    expect(processed.sort()).toEqual(["order-1", "order-4"]);

    // The failed items come back after the 30-second visibility timeout; the flaky one succeeds.
    await cloud.advance(31_000);
    expect(processed.sort()).toEqual(["order-1", "order-2", "order-4"]);

    // Third receive of the poison message fails again; the fourth receive moves it to the DLQ (maxReceiveCount 3).
    await cloud.advance(120_000);
    expect(attempts.get(JSON.stringify({ id: 3, poison: true }))).toBe(3);
    const dead = await cloud.sqs.receiveMessage({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10 });
    expect((dead.Messages ?? []).map((m) => m.Body)).toEqual([JSON.stringify({ id: 3, poison: true })]);
    const attributes = await cloud.sqs.getQueueAttributes({ QueueUrl: queueUrl, AttributeNames: ["All"] });
    expect(attributes.Attributes).toMatchObject({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });

    const state = await cloud.lambda.getEventSourceMapping({ UUID: mapping.UUID });
    expect(state).toMatchObject({ State: "Enabled", LastProcessingResult: expect.stringMatching(/^(OK|PROBLEM: Function call failed)$/) as unknown as string });
    await cloud.dispose();
  });

  it("delivers records in AWS's event shape", async () => {
    const cloud = createCloud();
    const queue = await cloud.sqs.createQueue({ QueueName: "shapes" });
    const events: { Records: SqsRecord[] }[] = [];
    await cloud.lambda.createFunction({ FunctionName: "f", handler: async (event: { Records: SqsRecord[] }) => void events.push(event) });
    await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: "arn:aws:sqs:us-east-1:000000000000:shapes" });
    await cloud.sqs.sendMessage({
      QueueUrl: queue.QueueUrl as string,
      MessageBody: "hello",
      MessageAttributes: { kind: { DataType: "String", StringValue: "greeting" } },
    });
    await cloud.advance(1_000);
    expect(events).toHaveLength(1);
    expect(events[0]?.Records[0]).toMatchObject({
      body: "hello",
      md5OfBody: "5d41402abc4b2a76b9719d911017c592",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:shapes",
      awsRegion: "us-east-1",
      attributes: { ApproximateReceiveCount: "1", SentTimestamp: String(Date.UTC(2025, 0, 1)) },
      messageAttributes: { kind: { stringValue: "greeting", stringListValues: [], binaryListValues: [], dataType: "String" } },
    });
    await cloud.dispose();
  });

  it("keeps FIFO group order: a failed message blocks its group until it is retried", async () => {
    const cloud = createCloud();
    const queue = await cloud.sqs.createQueue({ QueueName: "jobs.fifo", Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true", VisibilityTimeout: "20" } });
    const seen: string[] = [];
    let failedOnce = false;
    await cloud.lambda.createFunction({
      FunctionName: "fifo",
      handler: async (event: { Records: SqsRecord[] }) => {
        for (const record of event.Records) {
          if (record.body === "a2" && !failedOnce) {
            failedOnce = true;
            throw new Error("a2 failed");
          }
          seen.push(record.body);
        }
        return null;
      },
    });
    await cloud.lambda.createEventSourceMapping({ FunctionName: "fifo", EventSourceArn: "arn:aws:sqs:us-east-1:000000000000:jobs.fifo", BatchSize: 1 });
    for (const body of ["a1", "a2", "a3"]) await cloud.sqs.sendMessage({ QueueUrl: queue.QueueUrl as string, MessageBody: body, MessageGroupId: "a" });
    await cloud.advance(5_000);
    expect(seen).toEqual(["a1"]);
    await cloud.advance(20_000);
    expect(seen).toEqual(["a1", "a2", "a3"]);
    await cloud.dispose();
  });

  it("FilterCriteria: only matching messages reach the function, the others are deleted (Lambda event filtering)", async () => {
    const cloud = createCloud();
    const queue = await cloud.sqs.createQueue({ QueueName: "filtered" });
    const bodies: string[] = [];
    await cloud.lambda.createFunction({ FunctionName: "f", handler: async (event: { Records: SqsRecord[] }) => void bodies.push(...event.Records.map((r) => r.body)) });
    await cloud.lambda.createEventSourceMapping({
      FunctionName: "f",
      EventSourceArn: "arn:aws:sqs:us-east-1:000000000000:filtered",
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { type: ["order"] } }) }] },
    });
    for (const body of [JSON.stringify({ type: "order", id: 1 }), JSON.stringify({ type: "noise" }), "plain text"]) {
      await cloud.sqs.sendMessage({ QueueUrl: queue.QueueUrl as string, MessageBody: body });
    }
    await cloud.advance(1_000);
    expect(bodies).toEqual([JSON.stringify({ type: "order", id: 1 })]);
    const attributes = await cloud.sqs.getQueueAttributes({ QueueUrl: queue.QueueUrl as string, AttributeNames: ["All"] });
    expect(attributes.Attributes).toMatchObject({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });
    await cloud.dispose();
  });
});
