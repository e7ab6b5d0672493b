/**
 * An order workflow on Step Functions: validate → charge (Retry on a flaky payment gateway) → Parallel inventory
 * checks in two warehouses → a 7-day cooling-off Wait → SNS notification → Succeed. When a warehouse is out of stock
 * the Catch path refunds the payment (compensation) and fails the order. The 7 days and every back-off pass in
 * virtual time: the test takes milliseconds.
 */
import { createCloud, type Cloud } from "simcloud";
import { describe, expect, it } from "vitest";

const DAY_MS = 86_400_000;
const fn = (name: string): string => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

function definition(topicArn: string): object {
  return {
    Comment: "Order workflow",
    StartAt: "Validate",
    States: {
      Validate: { Type: "Task", Resource: fn("validate-order"), ResultPath: "$.validation", Next: "Charge" },
      Charge: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: "charge-payment", "Payload.$": "$" },
        ResultSelector: { "paymentId.$": "$.Payload.paymentId" },
        ResultPath: "$.payment",
        Retry: [{ ErrorEquals: ["PaymentGatewayTimeout"], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 3 }],
        Next: "CheckInventory",
      },
      CheckInventory: {
        Type: "Parallel",
        Branches: [
          { StartAt: "WarehouseA", States: { WarehouseA: { Type: "Task", Resource: fn("warehouse-a"), End: true } } },
          { StartAt: "WarehouseB", States: { WarehouseB: { Type: "Task", Resource: fn("warehouse-b"), End: true } } },
        ],
        ResultPath: "$.stock",
        Catch: [{ ErrorEquals: ["OutOfStock"], ResultPath: "$.error", Next: "Refund" }],
        Next: "CoolingOff",
      },
      CoolingOff: { Type: "Wait", Seconds: 7 * 24 * 3600, Next: "Notify" },
      Notify: {
        Type: "Task",
        Resource: "arn:aws:states:::sns:publish",
        Parameters: { TopicArn: topicArn, "Message.$": "States.Format('order {} shipped', $.orderId)" },
        ResultPath: null,
        Next: "Done",
      },
      Done: { Type: "Succeed" },
      Refund: { Type: "Task", Resource: fn("refund-payment"), ResultPath: "$.refund", Next: "Cancelled" },
      Cancelled: { Type: "Fail", Error: "OrderCancelled", Cause: "An item was out of stock; the payment was refunded." },
    },
  };
}

interface Order {
  orderId: string;
  items: string[];
}

async function setUp(outOfStock: string[] = []): Promise<{ cloud: Cloud; arn: string; chargeAttempts: number[]; refunds: string[]; notifications: () => Promise<string[]> }> {
  const cloud = createCloud();
  const start = cloud.clock.now();
  const chargeAttempts: number[] = [];
  const refunds: string[] = [];
  await cloud.lambda.createFunction({
    FunctionName: "validate-order",
    handler: async (order: Order) => {
      if (order.items.length === 0) throw Object.assign(new Error("no items"), { name: "InvalidOrder" });
      return { valid: true };
    },
  });
  await cloud.lambda.createFunction({
    FunctionName: "charge-payment",
    handler: async (order: Order) => {
      chargeAttempts.push(cloud.clock.now() - start);
      // The gateway times out twice before it answers.
      if (chargeAttempts.length <= 2) throw Object.assign(new Error("gateway timed out"), { name: "PaymentGatewayTimeout" });
      return { paymentId: `pay-${order.orderId}` };
    },
  });
  for (const warehouse of ["a", "b"]) {
    await cloud.lambda.createFunction({
      FunctionName: `warehouse-${warehouse}`,
      handler: async (order: Order) => {
        const missing = order.items.filter((item) => outOfStock.includes(`${warehouse}:${item}`));
        if (missing.length > 0) throw Object.assign(new Error(`warehouse ${warehouse} lacks ${missing.join(", ")}`), { name: "OutOfStock" });
        return { warehouse, reserved: order.items.length };
      },
    });
  }
  await cloud.lambda.createFunction({
    FunctionName: "refund-payment",
    handler: async (order: Order & { payment: { paymentId: string } }) => {
      refunds.push(order.payment.paymentId);
      return { refunded: true };
    },
  });
  const { TopicArn } = await cloud.sns.createTopic({ Name: "order-events" });
  const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "order-events-inbox" });
  await cloud.sns.subscribe({ TopicArn: TopicArn!, Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:000000000000:order-events-inbox", Attributes: { RawMessageDelivery: "true" } });
  const { stateMachineArn } = await cloud.sfn.createStateMachine({
    name: "orders",
    roleArn: "arn:aws:iam::000000000000:role/orders",
    definition: JSON.stringify(definition(TopicArn!)),
  });
  const notifications = async (): Promise<string[]> => {
    const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl: QueueUrl!, MaxNumberOfMessages: 10 });
    return Messages.map((message) => message.Body!);
  };
  return { cloud, arn: stateMachineArn, chargeAttempts, refunds, notifications };
}

describe("order workflow (Step Functions)", () => {
  it("charges after two retries, checks both warehouses, waits 7 days in no real time, notifies", async () => {
    const { cloud, arn, chargeAttempts, notifications } = await setUp();
    const real = performance.now();
    const { executionArn } = await cloud.sfn.startExecution({ stateMachineArn: arn, name: "order-1", input: JSON.stringify({ orderId: "1", items: ["book", "pen"] }) });
    await cloud.runUntilIdle();
    const described = await cloud.sfn.describeExecution({ executionArn });
    expect(described.status).toBe("SUCCEEDED");
    expect(JSON.parse(described.output!)).toMatchObject({
      orderId: "1",
      payment: { paymentId: "pay-1" },
      stock: [{ warehouse: "a", reserved: 2 }, { warehouse: "b", reserved: 2 }],
    });
    // Back-off 2 s then 4 s (IntervalSeconds 2, BackoffRate 2), then the 7-day Wait.
    expect(chargeAttempts).toEqual([0, 2000, 6000]);
    expect(described.stopDate!.getTime() - described.startDate.getTime()).toBe(6000 + 7 * DAY_MS);
    expect(performance.now() - real).toBeLessThan(10_000);
    expect(await notifications()).toEqual(["order 1 shipped"]);
    const path = cloud.sfn.executionPath(executionArn);
    expect(path.filter((step) => step.scope === "").map((step) => step.state)).toEqual(["Validate", "Charge", "CheckInventory", "CoolingOff", "Notify", "Done"]);
    expect(path.find((step) => step.state === "Charge")!.retries).toBe(2);
    expect(cloud.sfn.renderMermaid({ executionArn })).toContain("↻2");
    await cloud.dispose();
  });

  it("compensates when a warehouse is out of stock: refund, then fail the order", async () => {
    const { cloud, arn, refunds, notifications } = await setUp(["b:pen"]);
    const { executionArn } = await cloud.sfn.startExecution({ stateMachineArn: arn, input: JSON.stringify({ orderId: "2", items: ["book", "pen"] }) });
    await cloud.runUntilIdle();
    const described = await cloud.sfn.describeExecution({ executionArn });
    expect(described).toMatchObject({ status: "FAILED", error: "OrderCancelled" });
    expect(refunds).toEqual(["pay-2"]);
    expect(await notifications()).toEqual([]);
    const types = (await cloud.sfn.getExecutionHistory({ executionArn })).events.map((event) => event.type);
    expect(types).toContain("ParallelStateFailed");
    expect(types.at(-1)).toBe("ExecutionFailed");
    await cloud.dispose();
  });
});
