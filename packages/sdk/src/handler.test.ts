import { GetQueueUrlCommand, ListQueuesCommand, SQSClient, SQSServiceException } from "@aws-sdk/client-sqs";
import { ListTopicsCommand, SNSClient, SNSServiceException } from "@aws-sdk/client-sns";
import { AwsError, createSimContext, type SimContext } from "@simcloud/core";
import { beforeEach, describe, expect, it } from "vitest";
import { createClientConfig } from "./client-config";
import { createRequestHandler } from "./handler";
import { sqsRoutes } from "./routes";
import { text } from "./wire";

let context: SimContext;
beforeEach(() => {
  context = createSimContext({ seed: 3 });
});

/** A stand-in SQS whose behaviour each test sets; the adapter must only translate what it returns or throws. */
function fakeSqs(listQueues: () => Promise<unknown>): object {
  return { listQueues, getQueueUrl: async () => ({ QueueUrl: "https://sqs.us-east-1.amazonaws.com/000000000000/q" }) };
}

describe("request handler", () => {
  it("turns a crash inside a service into the service's internal error (500), traced, never a rejection", async () => {
    const client = new SQSClient(createClientConfig({ sqs: fakeSqs(() => Promise.reject(new TypeError("x is undefined"))) }, context));
    const error = await client.send(new ListQueuesCommand({})).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SQSServiceException);
    expect(error).toMatchObject({ name: "InternalFailure", $fault: "server", $metadata: { httpStatusCode: 500 } });
    expect(context.trace.events.filter((event) => event.type === "sdk.internal-error")).toEqual([
      expect.objectContaining({ service: "sqs", operation: "ListQueues", error: "TypeError: x is undefined" }),
    ]);
  });

  it("answers an operation the service object lacks with UnknownOperationException", async () => {
    const client = new SQSClient(createClientConfig({ sqs: {} }, context));
    await expect(client.send(new ListQueuesCommand({}))).rejects.toMatchObject({ name: "UnknownOperationException", $metadata: { httpStatusCode: 400 } });
  });

  it("answers a client whose service is not mounted with an error, not a crash", async () => {
    const client = new SNSClient(createClientConfig({ sqs: fakeSqs(async () => ({})) }, context));
    const error = await client.send(new ListTopicsCommand({})).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SNSServiceException);
    expect(error).toMatchObject({ name: "InvalidAction", $metadata: { httpStatusCode: 400 } });
  });

  it("lets the SDK retry throttling errors when retries are enabled", async () => {
    let calls = 0;
    const sqs = fakeSqs(async () => {
      calls += 1;
      if (calls === 1) throw new AwsError("RequestThrottled", "Rate exceeded", { statusCode: 403, queryCode: "RequestThrottled" });
      return { QueueUrls: ["u"] };
    });
    const client = new SQSClient(createClientConfig({ sqs }, context, { maxAttempts: 2 }));
    const output = await client.send(new ListQueuesCommand({}));
    expect(output.QueueUrls).toEqual(["u"]);
    expect(output.$metadata.attempts).toBe(2);
  });

  it("does not retry by default: one attempt, the throttling error surfaces", async () => {
    let calls = 0;
    const sqs = fakeSqs(async () => {
      calls += 1;
      throw new AwsError("RequestThrottled", "Rate exceeded", { statusCode: 403, queryCode: "RequestThrottled" });
    });
    const client = new SQSClient(createClientConfig({ sqs }, context));
    await expect(client.send(new ListQueuesCommand({}))).rejects.toMatchObject({ name: "RequestThrottled" });
    expect(calls).toBe(1);
  });

  it("works under middleware users add, which sees the raw response", async () => {
    const client = new SQSClient(createClientConfig({ sqs: fakeSqs(async () => ({ QueueUrls: [] })) }, context));
    const statuses: number[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        statuses.push((result.response as { statusCode: number }).statusCode);
        return result;
      },
      { step: "deserialize", name: "observeStatus" },
    );
    await client.send(new GetQueueUrlCommand({ QueueName: "q" }));
    expect(statuses).toEqual([200]);
  });

  it("rejects with AbortError when the caller aborts a call still waiting on the service", async () => {
    const pending = new Promise<never>(() => {});
    const client = new SQSClient(createClientConfig({ sqs: fakeSqs(() => pending) }, context));
    const controller = new AbortController();
    const sending = client.send(new ListQueuesCommand({}), { abortSignal: controller.signal });
    controller.abort();
    await expect(sending).rejects.toMatchObject({ name: "AbortError" });
    await expect(client.send(new ListQueuesCommand({}), { abortSignal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
  });

  it("reads streamed request bodies and lower-cases header names", async () => {
    const handler = createRequestHandler({ services: { sqs: fakeSqs(async () => ({ QueueUrls: ["s"] })) }, context, routes: [sqsRoutes] });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"QueueNam'));
        controller.enqueue(new TextEncoder().encode('ePrefix":"s"}'));
        controller.close();
      },
    });
    const { response } = await handler.handle({ method: "POST", protocol: "https:", hostname: "h", path: "/", query: {}, headers: { "X-Amz-Target": "AmazonSQS.ListQueues" }, body });
    expect(response.statusCode).toBe(200);
    expect(text(response.body as Uint8Array)).toBe('{"QueueUrls":["s"]}');
    expect(handler.httpHandlerConfigs()).toEqual({});
  });
});
