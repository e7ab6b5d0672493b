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

/** A pipe from the queue "in" through the state machine `machine` as enrichment to the queue "out". */
async function enrichedPipe(type: "EXPRESS" | "STANDARD", state: Record<string, unknown>) {
  const cloud = createCloud();
  await cloud.sfn.createStateMachine({
    name: "enrich",
    type,
    roleArn: "arn:aws:iam::000000000000:role/sfn",
    definition: JSON.stringify({ StartAt: "S", States: { S: state.Type === "Fail" ? state : { ...state, End: true } } }),
  });
  const incoming = (await cloud.sqs.createQueue({ QueueName: "in", Attributes: { VisibilityTimeout: "600" } })).QueueUrl!;
  const out = (await cloud.sqs.createQueue({ QueueName: "out" })).QueueUrl!;
  await cloud.pipes.createPipe({
    Name: "p",
    RoleArn: "arn:aws:iam::000000000000:role/pipes",
    Source: "arn:aws:sqs:us-east-1:000000000000:in",
    Enrichment: "arn:aws:states:us-east-1:000000000000:stateMachine:enrich",
    EnrichmentParameters: { InputTemplate: '{"sku": <$.body.sku>}' },
    Target: "arn:aws:sqs:us-east-1:000000000000:out",
  });
  await cloud.sqs.sendMessage({ QueueUrl: incoming, MessageBody: JSON.stringify({ sku: "A" }) });
  await cloud.advance(30_000);
  const bodies = ((await cloud.sqs.receiveMessage({ QueueUrl: out, MaxNumberOfMessages: 10 })).Messages ?? []).map((message) => JSON.parse(message.Body!) as unknown);
  const failures = cloud.trace.events.filter((event) => event.type === "pipes.batch.failed");
  return { cloud, bodies, failures };
}

it("a pipe's EXPRESS state machine enrichment runs synchronously and its output becomes the events (Event enrichment in Amazon EventBridge Pipes)", async () => {
  const { cloud, bodies, failures } = await enrichedPipe("EXPRESS", { Type: "Pass", Parameters: { "priced.$": "$", price: 10 } });
  await using _ = cloud;
  expect(bodies).toEqual([{ priced: [{ sku: "A" }], price: 10 }]);
  expect(failures).toEqual([]);
});

it("a FAILED EXPRESS enrichment fails the batch: nothing reaches the target and the message stays on the source", async () => {
  const { cloud, bodies, failures } = await enrichedPipe("EXPRESS", { Type: "Fail", Error: "NoPrice", Cause: "unknown sku" });
  await using _ = cloud;
  expect(bodies).toEqual([]);
  expect(failures[0]).toMatchObject({ error: expect.stringContaining("NoPrice") });
  const attributes = await cloud.sqs.getQueueAttributes({ QueueUrl: (await cloud.sqs.getQueueUrl({ QueueName: "in" })).QueueUrl!, AttributeNames: ["ApproximateNumberOfMessagesNotVisible"] });
  expect(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe("1");
});

it("a STANDARD state machine cannot enrich (Pipes only supports Express workflows): the batch fails", async () => {
  const { cloud, bodies, failures } = await enrichedPipe("STANDARD", { Type: "Pass" });
  await using _ = cloud;
  expect(bodies).toEqual([]);
  expect(failures[0]).toMatchObject({ error: expect.stringContaining("not supported by this type of state machine") });
});
