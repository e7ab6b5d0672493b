import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListQueueTagsCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
  SQSServiceException,
  TagQueueCommand,
  UntagQueueCommand,
  paginateListQueues,
  TooManyEntriesInBatchRequest,
} from "@aws-sdk/client-sqs";
import { createSimContext, type SimContext } from "@simcloud/core";
import { createQueueService, type QueueService } from "@simcloud/queue";
import { beforeEach, describe, expect, it } from "vitest";
import { createClientConfig } from "../client-config";

let context: SimContext;
let sqs: QueueService;
let client: SQSClient;

beforeEach(() => {
  context = createSimContext({ seed: 7 });
  sqs = createQueueService(context);
  client = new SQSClient(createClientConfig({ sqs }, context));
});

async function createQueue(name: string, attributes: Record<string, string> = {}): Promise<string> {
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  return QueueUrl as string;
}

describe("SQS through SQSClient", () => {
  it("creates, finds, lists, tags and deletes queues", async () => {
    const url = await createQueue("orders", { VisibilityTimeout: "45" });
    expect((await client.send(new GetQueueUrlCommand({ QueueName: "orders" }))).QueueUrl).toBe(url);
    const attributes = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["VisibilityTimeout", "QueueArn"] }));
    expect(attributes.Attributes).toEqual({ VisibilityTimeout: "45", QueueArn: "arn:aws:sqs:us-east-1:000000000000:orders" });
    await client.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { DelaySeconds: "5" } }));
    expect((await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["DelaySeconds"] }))).Attributes).toEqual({ DelaySeconds: "5" });
    await client.send(new TagQueueCommand({ QueueUrl: url, Tags: { team: "core", ["__proto__"]: "data" } }));
    await client.send(new UntagQueueCommand({ QueueUrl: url, TagKeys: ["team"] }));
    expect((await client.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags).toEqual({ ["__proto__"]: "data" });
    expect((await client.send(new ListQueuesCommand({ QueueNamePrefix: "ord" }))).QueueUrls).toEqual([url]);
    const deleted = await client.send(new DeleteQueueCommand({ QueueUrl: url }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    expect(deleted.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends, receives, and deletes with MD5s and binary attributes checked by the SDK itself", async () => {
    const url = await createQueue("work");
    const sent = await client.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: "héllo\r\n<&>",
        MessageAttributes: {
          kind: { DataType: "String", StringValue: "order" },
          raw: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 254, 255]) },
        },
      }),
    );
    expect(sent.MessageId).toBeDefined();
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    const { Messages } = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ["All"], MessageSystemAttributeNames: ["ApproximateReceiveCount"] }));
    expect(Messages).toHaveLength(1);
    const [message] = Messages!;
    expect(message?.Body).toBe("héllo\r\n<&>");
    expect(message?.Attributes).toEqual({ ApproximateReceiveCount: "1" });
    expect(message?.MessageAttributes?.raw?.BinaryValue).toEqual(new Uint8Array([0, 1, 254, 255]));
    await client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message!.ReceiptHandle! }));
    expect((await client.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages).toBeUndefined();
  });

  it("runs the batch actions and reports per-entry failures in a 200", async () => {
    const url = await createQueue("batch");
    const sent = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "a", MessageBody: "one", MessageAttributes: { b: { DataType: "Binary", BinaryValue: new Uint8Array([7]) } } },
          { Id: "b", MessageBody: "two" },
        ],
      }),
    );
    expect(sent.Successful?.map((entry) => entry.Id).sort()).toEqual(["a", "b"]);
    expect(sent.Failed ?? []).toEqual([]);
    const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ["All"] }));
    expect(Messages).toHaveLength(2);
    const changed = await client.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "x", ReceiptHandle: Messages[0]!.ReceiptHandle!, VisibilityTimeout: 0 },
          { Id: "y", ReceiptHandle: "not-a-handle", VisibilityTimeout: 0 },
        ],
      }),
    );
    expect(changed.Successful).toEqual([{ Id: "x" }]);
    expect(changed.Failed?.[0]).toMatchObject({ Id: "y", SenderFault: true, Code: "ReceiptHandleIsInvalid" });
    await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: Messages[1]!.ReceiptHandle!, VisibilityTimeout: 60 }));
    const again = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    const deleted = await client.send(
      new DeleteMessageBatchCommand({ QueueUrl: url, Entries: again.Messages!.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }),
    );
    expect(deleted.Successful).toHaveLength(1);
    await client.send(new PurgeQueueCommand({ QueueUrl: url }));
  });

  it("lists dead-letter source queues and paginates ListQueues with the SDK's paginator", async () => {
    const dlq = await createQueue("dlq");
    const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ["QueueArn"] }));
    const source = await createQueue("source", { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes!.QueueArn, maxReceiveCount: 2 }) });
    expect((await client.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }))).queueUrls).toEqual([source]);
    for (let i = 0; i < 5; i++) await createQueue(`page-${i}`);
    const pages: string[][] = [];
    for await (const page of paginateListQueues({ client, pageSize: 2 }, { QueueNamePrefix: "page-" })) pages.push(page.QueueUrls ?? []);
    expect(pages.flat()).toHaveLength(5);
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });

  it("raises the SDK's modelled exception classes with the legacy query code and status", async () => {
    const missing = await client.send(new GetQueueUrlCommand({ QueueName: "nope" })).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(QueueDoesNotExist);
    expect(missing).toBeInstanceOf(SQSServiceException);
    expect(missing).toMatchObject({ name: "QueueDoesNotExist", Code: "AWS.SimpleQueueService.NonExistentQueue", Type: "Sender", $fault: "client" });
    expect((missing as QueueDoesNotExist).$metadata.httpStatusCode).toBe(400);
    const url = await createQueue("errors");
    const invalid = await client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: "garbage" })).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(ReceiptHandleIsInvalid);
    expect((invalid as ReceiptHandleIsInvalid).$metadata.httpStatusCode).toBe(404);
    const tooMany = await client
      .send(new SendMessageBatchCommand({ QueueUrl: url, Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: "x" })) }))
      .catch((error: unknown) => error);
    expect(tooMany).toBeInstanceOf(TooManyEntriesInBatchRequest);
  });

  it("long-polls in virtual time: a receive waits until a delayed message becomes visible", async () => {
    const url = await createQueue("slow");
    await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "later", DelaySeconds: 5 }));
    const receiving = client.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
    const started = context.clock.now();
    await context.scheduler.advance(5_000);
    const { Messages } = await receiving;
    expect(Messages?.[0]?.Body).toBe("later");
    expect(context.clock.now() - started).toBe(5_000);
  });

  it("Amazon SQS and AWS X-Ray: an X-Amzn-Trace-Id header is every message's AWSTraceHeader; a message's own attribute wins", async () => {
    const url = await createQueue("traced");
    const header = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    const own = "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0";
    // What the X-Ray SDK (or the SDK's own recursion detection inside a Lambda) does to every request of a client.
    const traced = new SQSClient(createClientConfig({ sqs }, context));
    traced.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers["X-Amzn-Trace-Id"] = header;
        return next(args);
      },
      { step: "build" },
    );
    await traced.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "one" }));
    await traced.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "two", MessageSystemAttributes: { AWSTraceHeader: { DataType: "String", StringValue: own } } }));
    await traced.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "a", MessageBody: "three" },
          { Id: "b", MessageBody: "four", MessageSystemAttributes: { AWSTraceHeader: { DataType: "String", StringValue: own } } },
        ],
      }),
    );
    await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "five" }));
    const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["AWSTraceHeader"] }));
    expect(Object.fromEntries(Messages.map((m) => [m.Body, m.Attributes?.AWSTraceHeader]))).toEqual({
      one: header,
      two: own,
      three: header,
      four: own,
      five: undefined,
    });
  });
});
