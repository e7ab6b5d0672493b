/** The client settings clientConfig() chooses for speed, and that each is undone by passing the SDK's own. */
import { GetQueueUrlCommand, ListQueuesCommand, QueueDoesNotExist, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { createHash } from "node:crypto";
import { createSimContext, type SimContext } from "@simcloud/core";
import { createQueueService } from "@simcloud/queue";
import type { FinalizeRequestMiddleware, HttpRequest } from "@smithy/types";
import { beforeEach, describe, expect, it } from "vitest";
import { createClientConfig } from "./client-config";

let context: SimContext;
let services: { sqs: ReturnType<typeof createQueueService> };
beforeEach(() => {
  context = createSimContext({ seed: 17 });
  services = { sqs: createQueueService(context) };
});

/** Records the host of every request that reaches the handler. */
function hostRecorder<I extends object, O extends object>(hosts: string[]): FinalizeRequestMiddleware<I, O> {
  return (next) => async (args) => {
    hosts.push((args.request as HttpRequest).hostname);
    return next(args);
  };
}

describe("clientConfig defaults", () => {
  it("addresses requests to the simcloud endpoint without the endpoint rule set, and honours an endpoint override", async () => {
    const hosts: string[] = [];
    const client = new SQSClient(createClientConfig(services, context));
    client.middlewareStack.add(hostRecorder(hosts), { step: "finalizeRequest", name: "hosts" });
    await client.send(new ListQueuesCommand({}));
    const custom = new SQSClient(createClientConfig(services, context, { endpoint: "http://localhost:4566" }));
    custom.middlewareStack.add(hostRecorder(hosts), { step: "finalizeRequest", name: "hosts" });
    await custom.send(new ListQueuesCommand({}));
    expect(hosts).toEqual(["simcloud.invalid", "localhost"]);
  });

  it("with cacheMiddleware: true, client middleware added before the first send still runs on every send", async () => {
    const hosts: string[] = [];
    const client = new SQSClient(createClientConfig(services, context, { cacheMiddleware: true }));
    client.middlewareStack.add(hostRecorder(hosts), { step: "finalizeRequest", name: "hosts" });
    for (let i = 0; i < 3; i++) await client.send(new ListQueuesCommand({}));
    expect(hosts).toHaveLength(3);
  });

  it("sees middleware added between sends, and per command, by default", async () => {
    const hosts: string[] = [];
    const client = new SQSClient(createClientConfig(services, context));
    await client.send(new ListQueuesCommand({}));
    client.middlewareStack.add(hostRecorder(hosts), { step: "finalizeRequest", name: "hosts" });
    await client.send(new ListQueuesCommand({}));
    const command = new ListQueuesCommand({});
    const perCommand: string[] = [];
    command.middlewareStack.add(hostRecorder(perCommand), { step: "finalizeRequest", name: "per-command" });
    await client.send(command);
    expect(hosts).toHaveLength(2);
    expect(perCommand).toEqual(["simcloud.invalid"]);
  });

  it("logs nothing by default; a logger passed in gets the SDK's info records", async () => {
    const quiet = createClientConfig(services, context);
    expect(typeof quiet.logger.debug).toBe("function");
    expect(quiet.logger.info).toBeUndefined();
    const records: unknown[] = [];
    const logger = { trace() {}, debug() {}, info: (record: unknown) => void records.push(record), warn() {}, error() {} };
    const client = new SQSClient(createClientConfig(services, context, { logger }));
    await client.send(new ListQueuesCommand({ QueueNamePrefix: "x" }));
    expect(records).toEqual([expect.objectContaining({ commandName: "ListQueuesCommand", input: { QueueNamePrefix: "x" } })]);
  });

  it("makes one attempt by default and reports it as the SDK's retry strategy does, on success and on error", async () => {
    const client = new SQSClient(createClientConfig(services, context));
    const output = await client.send(new ListQueuesCommand({}));
    expect(output.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 });
    const error = await client.send(new GetQueueUrlCommand({ QueueName: "missing" })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueueDoesNotExist);
    expect((error as QueueDoesNotExist).$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 });
  });

  it("leaves retries to the SDK when maxAttempts, retryMode or retryStrategy is given", () => {
    expect(createClientConfig(services, context).retryStrategy).toBeDefined();
    expect(createClientConfig(services, context, { maxAttempts: 3 })).not.toHaveProperty("retryStrategy");
    expect(createClientConfig(services, context, { retryMode: "adaptive" })).not.toHaveProperty("retryStrategy");
    const own = { retry: async () => ({ response: {}, output: {} }) };
    expect(createClientConfig(services, context, { retryStrategy: own }).retryStrategy).toBe(own);
  });

  it("still has the SQS client check every body's MD5, with the plain-JS MD5, and reject a wrong one", async () => {
    const good = "héllo wörld ✓";
    const sqs = {
      sendMessage: async () => ({ MessageId: "m", MD5OfMessageBody: "0".repeat(32) }),
      sendMessageBatch: async () => ({ Successful: [{ Id: "a", MessageId: "m", MD5OfMessageBody: "0".repeat(32) }], Failed: [] }),
      receiveMessage: async () => ({
        Messages: [
          { MessageId: "ok", ReceiptHandle: "r", Body: good, MD5OfBody: createHash("md5").update(good).digest("hex") },
          { MessageId: "bad", ReceiptHandle: "r", Body: "x", MD5OfBody: "0".repeat(32) },
        ],
      }),
    };
    const client = new SQSClient(createClientConfig({ sqs }, context));
    await expect(client.send(new SendMessageCommand({ QueueUrl: "q", MessageBody: good }))).rejects.toThrow("InvalidChecksumError");
    await expect(client.send(new SendMessageBatchCommand({ QueueUrl: "q", Entries: [{ Id: "a", MessageBody: good }] }))).rejects.toThrow("Invalid MD5 checksum on messages: m");
    await expect(client.send(new ReceiveMessageCommand({ QueueUrl: "q" }))).rejects.toThrow("Invalid MD5 checksum on messages: bad");
  });
});
