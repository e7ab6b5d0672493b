import { createSimContext, type QueuePort, type QueueSendInput, type SimContext } from "@simcloud/core";
import { awsError } from "@simcloud/core/testing";
import { describe, expect, it } from "vitest";
import { createFunctionService } from "./lambda";

const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

/** A standard queue stand-in that records what Lambda sends to it. */
function fakeQueue(ctx: SimContext, name: string): QueueSendInput[] {
  const sent: QueueSendInput[] = [];
  const port: QueuePort = {
    kind: "queue",
    arn: `arn:aws:sqs:${ctx.region}:${ctx.accountId}:${name}`,
    url: `https://sqs.${ctx.region}.amazonaws.com/${ctx.accountId}/${name}`,
    attributes: () => ({ fifo: false, visibilityTimeoutSeconds: 30 }),
    send(input) {
      sent.push(input);
      return { MessageId: String(sent.length), MD5OfMessageBody: "" };
    },
    receive: async () => [],
    deleteMessage: () => undefined,
    changeVisibility: () => undefined,
  };
  ctx.registry.register(port);
  return sent;
}

function setup() {
  const ctx = createSimContext({ start: Date.UTC(2025, 0, 1) });
  return { ctx, lambda: createFunctionService(ctx) };
}

describe("asynchronous invocation with reserved concurrency zero (Capturing records of Lambda asynchronous invocations)", () => {
  it("sends new events to the on-failure destination at once, without retries, and never runs the handler", async () => {
    const { ctx, lambda } = setup();
    const failures = fakeQueue(ctx, "failures");
    let calls = 0;
    await lambda.createFunction({ FunctionName: "f", handler: async () => void calls++ });
    await lambda.putFunctionConcurrency({ FunctionName: "f", ReservedConcurrentExecutions: 0 });
    await lambda.putFunctionEventInvokeConfig({ FunctionName: "f", DestinationConfig: { OnFailure: { Destination: "arn:aws:sqs:us-east-1:000000000000:failures" } } });
    expect((await lambda.invoke({ FunctionName: "f", InvocationType: "Event", Payload: json({ k: 1 }) })).StatusCode).toBe(202);
    await ctx.scheduler.advance(1_000);
    expect(failures).toHaveLength(1);
    const record = JSON.parse(failures[0]?.MessageBody ?? "null") as Record<string, Record<string, unknown>>;
    expect(record.requestPayload).toEqual({ k: 1 });
    expect(record.requestContext?.approximateInvokeCount).toBe(0);
    expect(record.responseContext?.statusCode).toBe(429);
    // The event is gone: lifting the limit does not bring it back.
    await lambda.deleteFunctionConcurrency({ FunctionName: "f" });
    await ctx.scheduler.advance(3_600_000);
    expect(calls).toBe(0);
    expect(failures).toHaveLength(1);
  });

  it("sends the event to the dead-letter queue with ErrorCode 429", async () => {
    const { ctx, lambda } = setup();
    const dlq = fakeQueue(ctx, "dlq");
    await lambda.createFunction({ FunctionName: "f", handler: async () => "ok", DeadLetterConfig: { TargetArn: "arn:aws:sqs:us-east-1:000000000000:dlq" } });
    await lambda.putFunctionConcurrency({ FunctionName: "f", ReservedConcurrentExecutions: 0 });
    await lambda.invoke({ FunctionName: "f", InvocationType: "Event", Payload: json({ k: 2 }) });
    await ctx.scheduler.advance(1_000);
    expect(dlq.map((message) => message.MessageBody)).toEqual([JSON.stringify({ k: 2 })]);
    expect(dlq[0]?.MessageAttributes?.ErrorCode?.StringValue).toBe("429");
  });

  it("keeps retrying events throttled by a busy reservation (How Lambda handles errors and retries with asynchronous invocation)", async () => {
    const { ctx, lambda } = setup();
    const started: number[] = [];
    await lambda.createFunction({
      FunctionName: "f",
      Timeout: 10,
      handler: async () => {
        started.push(ctx.clock.now() - Date.UTC(2025, 0, 1));
        if (started.length === 1) await ctx.scheduler.sleep(5_000);
      },
    });
    await lambda.putFunctionConcurrency({ FunctionName: "f", ReservedConcurrentExecutions: 1 });
    await lambda.invoke({ FunctionName: "f", InvocationType: "Event", Payload: json({}) });
    await lambda.invoke({ FunctionName: "f", InvocationType: "Event", Payload: json({}) });
    await ctx.scheduler.advance(600_000);
    expect(started).toHaveLength(2);
    expect(started[1]).toBeGreaterThanOrEqual(5_000);
  });
});

describe("dead-letter queue of a published version (Capturing records: versions use $LATEST's dead-letter queue settings)", () => {
  it("a failed event of version 1 goes to the dead-letter queue configured on $LATEST after publishing", async () => {
    const { ctx, lambda } = setup();
    const dlq = fakeQueue(ctx, "dlq");
    await lambda.createFunction({
      FunctionName: "f",
      handler: async () => {
        throw new Error("boom");
      },
    });
    await lambda.publishVersion({ FunctionName: "f" });
    await lambda.updateFunctionConfiguration({ FunctionName: "f", DeadLetterConfig: { TargetArn: "arn:aws:sqs:us-east-1:000000000000:dlq" } });
    await lambda.putFunctionEventInvokeConfig({ FunctionName: "f", Qualifier: "1", MaximumRetryAttempts: 0 });
    await lambda.invoke({ FunctionName: "f", Qualifier: "1", InvocationType: "Event", Payload: json({ v: 1 }) });
    await ctx.scheduler.advance(5_000);
    expect(dlq.map((message) => message.MessageBody)).toEqual([JSON.stringify({ v: 1 })]);
    expect(dlq[0]?.MessageAttributes?.ErrorCode?.StringValue).toBe("200");
    expect(dlq[0]?.MessageAttributes?.ErrorMessage?.StringValue).toBe("boom");
  });
});

describe("PutFunctionEventInvokeConfig destinations (API Reference: S3 buckets are supported only for on-failure destinations)", () => {
  it("accepts an S3 bucket on failure and refuses it on success", async () => {
    const { lambda } = setup();
    await lambda.createFunction({ FunctionName: "f", handler: async () => "ok" });
    const saved = await lambda.putFunctionEventInvokeConfig({ FunctionName: "f", DestinationConfig: { OnFailure: { Destination: "arn:aws:s3:::records" } } });
    expect(saved.DestinationConfig?.OnFailure?.Destination).toBe("arn:aws:s3:::records");
    const error = await awsError(lambda.putFunctionEventInvokeConfig({ FunctionName: "f", DestinationConfig: { OnSuccess: { Destination: "arn:aws:s3:::records" } } }));
    expect(error.code).toBe("InvalidParameterValueException");
  });

  it("an S3 on-failure destination is dropped and counted as a delivery failure (simcloud has no S3)", async () => {
    const { ctx, lambda } = setup();
    await lambda.createFunction({
      FunctionName: "f",
      handler: async () => {
        throw new Error("boom");
      },
    });
    await lambda.putFunctionEventInvokeConfig({ FunctionName: "f", MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: "arn:aws:s3:::records" } } });
    await lambda.invoke({ FunctionName: "f", InvocationType: "Event", Payload: json({}) });
    await ctx.scheduler.advance(1_000);
    expect((await lambda.getFunctionMetrics({ FunctionName: "f" })).DestinationDeliveryFailures).toBe(1);
  });
});
