/**
 * The README demo: an order topic fans out to a billing queue and, through a filter policy, to a shipping
 * queue that a Lambda worker drains through an event source mapping. Each shipped order is announced on
 * EventBridge, whose rule turns it into a line for a notifications queue. One order is poison: the worker throws,
 * the message comes back after the visibility timeout, and after maxReceiveCount it lands in the DLQ.
 * Each shipped order is also written to a Kinesis stream, which an analytics function reads in order through a
 * stream event source mapping, and starts a Step Functions execution that tracks the delivery: a two-day Wait,
 * then a Pass. Everything runs on virtual time; the same seed prints the same story, byte for byte.
 */
import { createCloud, type Cloud, type KinesisEventRecord, type TraceEvent } from "simcloud";

export interface DemoResult {
  lines: string[];
  billed: number[];
  shipped: number[];
  deadLettered: number[];
  /** Order ids the analytics function read from the Kinesis stream, in order. */
  analysed: number[];
  notified: string[];
}

interface Order {
  orderId: number;
  total: number;
  express: boolean;
}

const ORDERS: Order[] = [
  { orderId: 1001, total: 42, express: true },
  { orderId: 1002, total: 17, express: false },
  { orderId: 1003, total: 99, express: true },
];
const POISON_ORDER = 1003;

export async function runDemo(): Promise<DemoResult> {
  await using cloud = createCloud({ seed: 7 });
  const lines: string[] = [];
  const start = cloud.clock.now();
  const stamp = (time: number): string => `+${((time - start) / 1000).toFixed(3).padStart(8)}s`;
  const say = (text: string): void => void lines.push(`${stamp(cloud.clock.now())}  ${text}`);
  cloud.on("*", (event) => {
    const line = describe(event);
    if (line !== undefined) lines.push(`${stamp(event.time)}  ${line}`);
  });

  // Infrastructure, exactly as a CDK/Terraform stack would declare it.
  const { TopicArn } = await cloud.sns.createTopic({ Name: "orders" });
  const dlq = await createQueue(cloud, "shipping-dlq");
  const billing = await createQueue(cloud, "billing");
  const shipping = await createQueue(cloud, "shipping", {
    VisibilityTimeout: "30",
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }),
  });
  await cloud.sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: billing.arn, Attributes: { RawMessageDelivery: "true" } });
  await cloud.sns.subscribe({
    TopicArn,
    Protocol: "sqs",
    Endpoint: shipping.arn,
    Attributes: { RawMessageDelivery: "true", FilterPolicy: JSON.stringify({ express: ["true"] }) },
  });

  const { stateMachineArn } = await cloud.sfn.createStateMachine({
    name: "delivery",
    roleArn: "arn:aws:iam::000000000000:role/delivery",
    definition: JSON.stringify({
      StartAt: "InTransit",
      States: {
        InTransit: { Type: "Wait", Seconds: 2 * 24 * 3600, Next: "Delivered" },
        Delivered: { Type: "Pass", Parameters: { "orderId.$": "$.orderId", status: "delivered" }, End: true },
      },
    }),
  });

  await cloud.kinesis.createStream({ StreamName: "order-events", ShardCount: 1 });
  const analysed: number[] = [];
  await cloud.lambda.createFunction({
    FunctionName: "order-analytics",
    handler: async (event: { Records: KinesisEventRecord[] }) => {
      for (const record of event.Records) analysed.push((JSON.parse(Buffer.from(record.kinesis.data, "base64").toString("utf8")) as Order).orderId);
    },
  });

  const shipped: number[] = [];
  await cloud.lambda.createFunction({
    FunctionName: "ship-order",
    Timeout: 10,
    handler: async (event: { Records: { body: string }[] }) => {
      for (const record of event.Records) {
        const order = JSON.parse(record.body) as Order;
        if (order.orderId === POISON_ORDER) throw new Error(`address for order ${order.orderId} is unreadable`);
        shipped.push(order.orderId);
        await cloud.kinesis.putRecord({ StreamName: "order-events", PartitionKey: String(order.orderId), Data: new TextEncoder().encode(record.body) });
        await cloud.events.putEvents({ Entries: [{ Source: "shop.shipping", DetailType: "OrderShipped", Detail: JSON.stringify({ orderId: order.orderId }) }] });
        await cloud.sfn.startExecution({ stateMachineArn, name: `order-${order.orderId}`, input: JSON.stringify({ orderId: order.orderId }) });
      }
    },
  });
  await cloud.lambda.createEventSourceMapping({ FunctionName: "ship-order", EventSourceArn: shipping.arn, BatchSize: 1 });
  // Kinesis streams take a moment to become ACTIVE, as in AWS.
  await cloud.advance(1_000);
  await cloud.lambda.createEventSourceMapping({
    FunctionName: "order-analytics",
    EventSourceArn: "arn:aws:kinesis:us-east-1:000000000000:stream/order-events",
    StartingPosition: "TRIM_HORIZON",
  });
  const notifications = await createQueue(cloud, "notifications");
  await cloud.events.putRule({ Name: "order-shipped", EventPattern: JSON.stringify({ source: ["shop.shipping"], "detail-type": ["OrderShipped"] }) });
  await cloud.events.putTargets({
    Rule: "order-shipped",
    Targets: [{ Id: "notify", Arn: notifications.arn, InputTransformer: { InputPathsMap: { id: "$.detail.orderId" }, InputTemplate: '"order <id> shipped"' } }],
  });
  say("stack ready: topic orders → billing (all) + shipping (express only) → λ ship-order → EventBridge → notifications + delivery state machine; DLQ after 2 receives; shipped orders → kinesis order-events → λ order-analytics");

  for (const order of ORDERS) {
    await cloud.sns.publish({
      TopicArn,
      Message: JSON.stringify(order),
      MessageAttributes: { express: { DataType: "String", StringValue: String(order.express) } },
    });
  }

  // Two minutes of virtual time pass in a few real milliseconds.
  await cloud.advance(120_000);

  const billed = (await drain(cloud, billing.url)).map((body) => (JSON.parse(body) as Order).orderId);
  const deadLettered = (await drain(cloud, dlq.url)).map((body) => (JSON.parse(body) as Order).orderId);
  const notified = (await drain(cloud, notifications.url)).map((body) => JSON.parse(body) as string);
  // The deliveries' two-day Waits: days of virtual time, milliseconds of real time.
  await cloud.advance(3 * 24 * 3600 * 1000);
  say(`billing queue holds orders ${billed.join(", ")}; shipped ${shipped.join(", ")}; dead-lettered ${deadLettered.join(", ")}; notified: ${notified.join(", ")}`);
  say(`analytics read orders ${analysed.join(", ")} from the order-events stream`);
  return { lines, billed, shipped, deadLettered, analysed, notified };
}

async function createQueue(cloud: Cloud, name: string, Attributes?: Record<string, string>): Promise<{ url: string; arn: string }> {
  const created = await cloud.sqs.createQueue({ QueueName: name, ...(Attributes ? { Attributes } : {}) });
  const url = created.QueueUrl as string;
  const { Attributes: attributes } = await cloud.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["QueueArn"] });
  return { url, arn: attributes?.QueueArn as string };
}

async function drain(cloud: Cloud, QueueUrl: string): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10 });
    if (Messages.length === 0) return bodies;
    for (const message of Messages) {
      bodies.push(message.Body as string);
      await cloud.sqs.deleteMessage({ QueueUrl, ReceiptHandle: message.ReceiptHandle as string });
    }
  }
}

const queueName = (url: string): string => url.slice(url.lastIndexOf("/") + 1);
const topicName = (arn: string): string => arn.slice(arn.lastIndexOf(":") + 1);

/** One readable line per trace event worth telling; the rest of the trace stays available in cloud.trace. */
function describe(event: TraceEvent): string | undefined {
  switch (event.type) {
    case "sns.message.published":
      return `sns   published ${event.messageId.slice(0, 8)} to ${topicName(event.topicArn)} (${event.subscriptions} subscriptions)`;
    case "sns.message.filtered-out":
      return `sns   filter policy kept ${event.messageId.slice(0, 8)} out of ${event.endpoint.slice(event.endpoint.lastIndexOf(":") + 1)}`;
    case "sqs.message.received":
      return `sqs   ${queueName(event.queueUrl)}: ${event.messageId.slice(0, 8)} received (receive #${event.receiveCount}, hidden ${event.visibilityTimeout}s)`;
    case "sqs.message.visibility-expired":
      return `sqs   ${queueName(event.queueUrl)}: ${event.messageId.slice(0, 8)} visible again after its visibility timeout`;
    case "sqs.message.moved-to-dlq":
      return `sqs   ${queueName(event.queueUrl)}: ${event.messageId.slice(0, 8)} moved to ${queueName(event.deadLetterQueueUrl)} after ${event.receiveCount} receives`;
    case "kinesis.record.put":
      return `kin   order-events: record ${event.sequenceNumber.slice(-6)} on ${event.shardId} (partition key ${event.partitionKey})`;
    case "lambda.invocation.completed":
      return `λ     ${event.functionName} ${event.functionError ? `failed (${event.errorType ?? event.functionError})` : "succeeded"} in ${event.durationMs} ms`;
    case "events.event.put":
      return `eb    ${event.detailType} from ${event.source} matched ${event.rules} rule(s)`;
    case "events.target.delivered":
      return `eb    rule ${event.ruleArn.slice(event.ruleArn.lastIndexOf("/") + 1)} delivered to ${event.targetArn.slice(event.targetArn.lastIndexOf(":") + 1)}`;
    case "lambda.esm.batch":
      return event.outcome === "success" ? undefined : `λ     mapping batch of ${event.size}: ${event.outcome}, message stays on the queue`;
    case "sfn.execution.started":
      return `sfn   ${event.name}: execution started`;
    case "sfn.state.entered":
      return event.stateType === "Wait" ? `sfn   ${event.executionArn.slice(event.executionArn.lastIndexOf(":") + 1)}: ${event.state} (Wait)` : undefined;
    case "sfn.execution.finished":
      return `sfn   ${event.executionArn.slice(event.executionArn.lastIndexOf(":") + 1)}: ${event.status}`;
    default:
      return undefined;
  }
}
