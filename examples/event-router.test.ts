/**
 * An event router: one PutEvents fans out to an SQS queue (through an input transformer), a Step Functions state
 * machine and a Lambda function; a failing target is retried and lands in its dead-letter queue; the bus's archive
 * replays the day's events; a pipe carries queue messages through a Lambda enrichment to the state machine.
 * ("Amazon EventBridge input transformation", "How EventBridge retries delivering events", "Archiving and
 * replaying events", "Amazon EventBridge Pipes".)
 */
import { createCloud, type Cloud } from "simcloud";
import { expect, it } from "vitest";

const ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:fulfilment";

/** A real Step Functions state machine; `inputs()` reads its executions' inputs, oldest first. */
async function fulfilmentMachine(cloud: Cloud): Promise<{ inputs(): Promise<string[]> }> {
  await cloud.sfn.createStateMachine({
    name: "fulfilment",
    roleArn: "arn:aws:iam::000000000000:role/sfn",
    definition: JSON.stringify({ StartAt: "Fulfil", States: { Fulfil: { Type: "Pass", End: true } } }),
  });
  return {
    async inputs() {
      const { executions } = await cloud.sfn.listExecutions({ stateMachineArn: ARN });
      const described = await Promise.all(executions!.map((execution) => cloud.sfn.describeExecution({ executionArn: execution.executionArn! })));
      return described.sort((a, b) => a.startDate!.getTime() - b.startDate!.getTime()).map((execution) => execution.input!);
    },
  };
}

it("routes one order event to a queue, a state machine and a function; a failing webhook ends in its DLQ; archive and replay", async () => {
  await using cloud = createCloud();
  const machine = await fulfilmentMachine(cloud);
  const audit = (await cloud.sqs.createQueue({ QueueName: "audit" })).QueueUrl!;
  const dlq = (await cloud.sqs.createQueue({ QueueName: "webhook-dlq" })).QueueUrl!;
  const notified: unknown[] = [];
  const notify = await cloud.lambda.createFunction({ FunctionName: "notify", handler: async (event: unknown) => void notified.push(event) });
  const webhook = "arn:aws:events:us-east-1:000000000000:api-destination/partner/0001";
  cloud.events.registerTargetHandler(webhook, () => {
    throw new Error("503 Service Unavailable");
  });

  const { EventBusArn } = await cloud.events.createEventBus({ Name: "orders" });
  await cloud.events.putRule({ Name: "placed", EventBusName: "orders", EventPattern: JSON.stringify({ source: ["shop"], "detail-type": ["OrderPlaced"], detail: { total: [{ numeric: [">", 0] }] } }) });
  await cloud.events.putTargets({
    Rule: "placed",
    EventBusName: "orders",
    Targets: [
      {
        Id: "audit",
        Arn: "arn:aws:sqs:us-east-1:000000000000:audit",
        InputTransformer: { InputPathsMap: { id: "$.detail.id", total: "$.detail.total" }, InputTemplate: '{"order": <id>, "line": "order <id> for <total> EUR", "rule": "<aws.events.rule-name>"}' },
      },
      { Id: "fulfil", Arn: ARN, InputPath: "$.detail" },
      { Id: "notify", Arn: notify.FunctionArn! },
      { Id: "partner", Arn: webhook, RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 }, DeadLetterConfig: { Arn: "arn:aws:sqs:us-east-1:000000000000:webhook-dlq" } },
    ],
  });
  const { ArchiveArn } = await cloud.events.createArchive({ ArchiveName: "orders-archive", EventSourceArn: EventBusArn!, RetentionDays: 7 });

  await cloud.events.putEvents({ Entries: [{ EventBusName: "orders", Source: "shop", DetailType: "OrderPlaced", Detail: JSON.stringify({ id: 42, total: 99.5 }) }] });
  await cloud.settle();

  const audited = await cloud.sqs.receiveMessage({ QueueUrl: audit });
  expect(JSON.parse(audited.Messages![0]!.Body!)).toEqual({ order: 42, line: "order 42 for 99.5 EUR", rule: "placed" });
  expect((await machine.inputs()).map((input) => JSON.parse(input) as unknown)).toEqual([{ id: 42, total: 99.5 }]);
  expect(notified).toEqual([expect.objectContaining({ source: "shop", "detail-type": "OrderPlaced", detail: { id: 42, total: 99.5 } })]);

  // The webhook fails: two retries with back-off in virtual time, then the event goes to the DLQ.
  await cloud.advance(3_600_000);
  const dead = await cloud.sqs.receiveMessage({ QueueUrl: dlq, MessageAttributeNames: ["All"] });
  const attributes = dead.Messages![0]!.MessageAttributes!;
  expect(JSON.parse(dead.Messages![0]!.Body!)).toMatchObject({ source: "shop", detail: { id: 42 } });
  expect(attributes["ERROR_MESSAGE"]?.StringValue).toBe("503 Service Unavailable");
  expect(attributes["EXHAUSTED_RETRY_CONDITION"]?.StringValue).toBe("MaximumRetryAttempts");
  expect(attributes["RETRY_ATTEMPTS"]?.StringValue).toBe("2");

  // Replay the archived day: the rules see the event again, marked with replay-name.
  await cloud.events.startReplay({
    ReplayName: "rerun",
    EventSourceArn: ArchiveArn!,
    EventStartTime: new Date(Date.UTC(2025, 0, 1)),
    EventEndTime: new Date(Date.UTC(2025, 0, 2)),
    Destination: { Arn: EventBusArn! },
  });
  await cloud.settle();
  expect((await cloud.events.describeReplay({ ReplayName: "rerun" })).State).toBe("COMPLETED");
  expect(await machine.inputs()).toHaveLength(2);
  expect(notified[1]).toMatchObject({ "replay-name": "rerun", detail: { id: 42 } });
});

it("a pipe carries queue messages through a Lambda enrichment to the state machine", async () => {
  await using cloud = createCloud();
  const machine = await fulfilmentMachine(cloud);
  const incoming = (await cloud.sqs.createQueue({ QueueName: "incoming" })).QueueUrl!;
  await cloud.lambda.createFunction({
    FunctionName: "price",
    handler: async (orders: { sku: string }[]) => orders.map((order) => ({ ...order, price: order.sku === "A" ? 10 : 25 })),
  });
  await cloud.pipes.createPipe({
    Name: "pricing",
    RoleArn: "arn:aws:iam::000000000000:role/pipes",
    Source: "arn:aws:sqs:us-east-1:000000000000:incoming",
    SourceParameters: { SqsQueueParameters: { BatchSize: 10, MaximumBatchingWindowInSeconds: 5 } },
    Enrichment: "arn:aws:lambda:us-east-1:000000000000:function:price",
    EnrichmentParameters: { InputTemplate: '{"sku": <$.body.sku>}' },
    Target: ARN,
  });
  await cloud.sqs.sendMessage({ QueueUrl: incoming, MessageBody: JSON.stringify({ sku: "A" }) });
  await cloud.sqs.sendMessage({ QueueUrl: incoming, MessageBody: JSON.stringify({ sku: "B" }) });
  await cloud.advance(10_000);
  // One batch within the 5-second window: one execution with both priced orders.
  expect((await machine.inputs()).map((input) => JSON.parse(input) as unknown)).toEqual([
    [
      { sku: "A", price: 10 },
      { sku: "B", price: 25 },
    ],
  ]);
});
