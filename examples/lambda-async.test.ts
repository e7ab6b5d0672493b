/**
 * Asynchronous invocation (Lambda Developer Guide: "How Lambda handles errors and retries with asynchronous
 * invocation", "Capturing records of Lambda asynchronous invocations"): 202 at once, two retries one and two
 * minutes apart, then the on-failure destination and the dead-letter queue; on-success records too.
 */
import { createCloud } from "simcloud";
import { describe, expect, it } from "vitest";

const enc = new TextEncoder();

describe("lambda async invocation with destinations", () => {
  it("sends an on-failure record after retries are exhausted, and the event to the DLQ", async () => {
    const cloud = createCloud();
    const failures = await cloud.sqs.createQueue({ QueueName: "failures" });
    const dlq = await cloud.sqs.createQueue({ QueueName: "dlq" });
    const times: number[] = [];
    await cloud.lambda.createFunction({
      FunctionName: "f",
      DeadLetterConfig: { TargetArn: "arn:aws:sqs:us-east-1:000000000000:dlq" },
      handler: async () => {
        times.push(cloud.clock.now() - Date.UTC(2025, 0, 1));
        const error = new Error("boom");
        error.name = "BoomError";
        throw error;
      },
    });
    await cloud.lambda.putFunctionEventInvokeConfig({
      FunctionName: "f",
      DestinationConfig: { OnFailure: { Destination: "arn:aws:sqs:us-east-1:000000000000:failures" } },
    });
    const accepted = await cloud.lambda.invoke({ FunctionName: "f", InvocationType: "Event", Payload: enc.encode(JSON.stringify({ order: 9 })) });
    expect(accepted).toEqual({ StatusCode: 202 });
    await cloud.advance(3_600_000);
    expect(times).toEqual([0, 60_000, 180_000]);

    const received = await cloud.sqs.receiveMessage({ QueueUrl: failures.QueueUrl as string });
    const record = JSON.parse(received.Messages?.[0]?.Body ?? "null") as Record<string, unknown>;
    expect(record).toMatchObject({
      version: "1.0",
      timestamp: "2025-01-01T00:03:00.000Z",
      requestContext: { condition: "RetriesExhausted", approximateInvokeCount: 3, functionArn: "arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST" },
      requestPayload: { order: 9 },
      responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
      responsePayload: { errorType: "BoomError", errorMessage: "boom" },
    });
    const dead = await cloud.sqs.receiveMessage({ QueueUrl: dlq.QueueUrl as string, MessageAttributeNames: ["All"] });
    expect(dead.Messages?.[0]).toMatchObject({
      Body: JSON.stringify({ order: 9 }),
      MessageAttributes: { ErrorMessage: { StringValue: "boom" }, ErrorCode: { StringValue: "200" } },
    });
    await cloud.dispose();
  });

  it("MaximumRetryAttempts 0 and an on-success destination to another function", async () => {
    const cloud = createCloud();
    let attempts = 0;
    const records: unknown[] = [];
    await cloud.lambda.createFunction({ FunctionName: "audit", handler: async (event: unknown) => void records.push(event) });
    await cloud.lambda.createFunction({
      FunctionName: "f",
      handler: async (event: { fail: boolean }) => {
        attempts++;
        if (event.fail) throw new Error("no");
        return { ok: true };
      },
    });
    await cloud.lambda.putFunctionEventInvokeConfig({
      FunctionName: "f",
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnSuccess: { Destination: "arn:aws:lambda:us-east-1:000000000000:function:audit" } },
    });
    await cloud.lambda.invoke({ FunctionName: "f", InvocationType: "Event", Payload: enc.encode('{"fail":true}') });
    await cloud.lambda.invoke({ FunctionName: "f", InvocationType: "Event", Payload: enc.encode('{"fail":false}') });
    await cloud.advance(3_600_000);
    expect(attempts).toBe(2);
    expect(records).toMatchObject([{ requestContext: { condition: "Success", approximateInvokeCount: 1 }, requestPayload: { fail: false }, responsePayload: { ok: true } }]);
    await cloud.dispose();
  });

  it("MaximumEventAgeInSeconds discards an event whose retry would come too late", async () => {
    const cloud = createCloud();
    const failures = await cloud.sqs.createQueue({ QueueName: "old" });
    let attempts = 0;
    await cloud.lambda.createFunction({
      FunctionName: "f",
      handler: async () => {
        attempts++;
        throw new Error("no");
      },
    });
    await cloud.lambda.putFunctionEventInvokeConfig({
      FunctionName: "f",
      MaximumEventAgeInSeconds: 60,
      DestinationConfig: { OnFailure: { Destination: "arn:aws:sqs:us-east-1:000000000000:old" } },
    });
    await cloud.lambda.invoke({ FunctionName: "f", InvocationType: "Event", Payload: enc.encode("{}") });
    await cloud.advance(3_600_000);
    // The first retry at 60 s is still within the age limit; the second, at 180 s, is not.
    expect(attempts).toBe(2);
    const received = await cloud.sqs.receiveMessage({ QueueUrl: failures.QueueUrl as string });
    expect(JSON.parse(received.Messages?.[0]?.Body ?? "null")).toMatchObject({ requestContext: { condition: "EventAgeExceeded", approximateInvokeCount: 2 } });
    await cloud.dispose();
  });
});
