/**
 * EventBridge wired into createCloud: Lambda's EventBridge destinations deliver to the bus ("Capturing records of
 * Lambda asynchronous invocations": an event bus destination gets the record as the event's detail).
 */
import { expect, it } from "vitest";
import { createCloud } from "./cloud";

it("a function's on-success and on-failure EventBridge destinations reach the bus's rules", async () => {
  await using cloud = createCloud();
  const bus = (await cloud.events.describeEventBus()).Arn!;
  const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "results" });
  await cloud.events.putRule({ Name: "lambda-results", EventPattern: JSON.stringify({ source: ["lambda"] }) });
  await cloud.events.putTargets({ Rule: "lambda-results", Targets: [{ Id: "q", Arn: "arn:aws:sqs:us-east-1:000000000000:results" }] });
  await cloud.lambda.createFunction({
    FunctionName: "f",
    handler: async (event: { fail?: boolean }) => {
      if (event.fail === true) throw new Error("nope");
      return { ok: true };
    },
  });
  await cloud.lambda.putFunctionEventInvokeConfig({
    FunctionName: "f",
    MaximumRetryAttempts: 0,
    DestinationConfig: { OnSuccess: { Destination: bus }, OnFailure: { Destination: bus } },
  });
  await cloud.lambda.invoke({ FunctionName: "f", InvocationType: "Event", Payload: JSON.stringify({ fail: false }) });
  await cloud.lambda.invoke({ FunctionName: "f", InvocationType: "Event", Payload: JSON.stringify({ fail: true }) });
  await cloud.advance(60_000);
  const received = await cloud.sqs.receiveMessage({ QueueUrl: QueueUrl!, MaxNumberOfMessages: 10 });
  const events = (received.Messages ?? []).map((message) => JSON.parse(message.Body!) as { "detail-type": string; source: string; detail: { requestContext: { condition: string }; responsePayload?: unknown } });
  expect(events.map((event) => event["detail-type"]).sort()).toEqual(["Lambda Function Invocation Result - Failure", "Lambda Function Invocation Result - Success"]);
  const success = events.find((event) => event["detail-type"].endsWith("Success"));
  expect(success?.detail.responsePayload).toEqual({ ok: true });
  expect(success?.detail.requestContext.condition).toBe("Success");
});
