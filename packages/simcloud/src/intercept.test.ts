import net from "node:net";
import tls from "node:tls";
import { fileURLToPath } from "node:url";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { ListQueuesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCloud, UnservedAwsRequestError } from "./index";

describe("cloud.intercept", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("a module that builds its own SQSClient at import time reaches the cloud, through the SDK's real serialisation", async () => {
    await using cloud = createCloud();
    await using _stop = await cloud.intercept();
    const { placeOrder } = await import("./fixtures/order-service");
    await cloud.sqs.createQueue({ QueueName: "orders" });
    const messageId = await placeOrder(cloud.sqs.url("orders"), "o-1");
    const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl: cloud.sqs.url("orders") });
    expect(Messages.map((message) => [message.MessageId, message.Body])).toEqual([[messageId, '{"orderId":"o-1"}']]);
    // An SDK error comes back as the SDK's own exception class.
    const client = new SQSClient({});
    await expect(client.send(new ReceiveMessageCommand({ QueueUrl: cloud.sqs.url("missing") }))).rejects.toMatchObject({ name: "QueueDoesNotExist" });
  });

  it("a Lambda module handler (Code.modulePath) that builds its own client reaches the same cloud", async () => {
    await using cloud = createCloud();
    await using _stop = await cloud.intercept();
    await cloud.sqs.createQueue({ QueueName: "out" });
    await cloud.lambda.createFunction({
      FunctionName: "forwarder",
      Code: { modulePath: fileURLToPath(new URL("./fixtures/forwarder.mjs", import.meta.url)) },
      Environment: { Variables: { OUT_QUEUE_URL: cloud.sqs.url("out") } },
    });
    const { Payload } = await cloud.lambda.invoke({ FunctionName: "forwarder", Payload: JSON.stringify({ id: 7 }) });
    expect(JSON.parse(new TextDecoder().decode(Payload))).toEqual({ forwarded: true });
    const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl: cloud.sqs.url("out") });
    expect(Messages.map((message) => message.Body)).toEqual(['{"id":7}']);
  });

  it("with real-looking credentials in the environment, a service the cloud does not simulate fails before any socket opens", async () => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    vi.stubEnv("AWS_REGION", "us-east-1");
    const connects = [vi.spyOn(net.Socket.prototype, "connect"), vi.spyOn(tls, "connect"), vi.spyOn(net, "connect"), vi.spyOn(net, "createConnection")];
    await using cloud = createCloud();
    await using _stop = await cloud.intercept();
    const dynamo = new DynamoDBClient({ maxAttempts: 1 });
    const error = await dynamo.send(new ListTablesCommand({})).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnservedAwsRequestError);
    expect((error as UnservedAwsRequestError).service).toBe("dynamodb");
    expect((error as UnservedAwsRequestError).operation).toBe("ListTables");
    expect((error as Error).message).toContain("dynamodb ListTables (https://dynamodb.us-east-1.amazonaws.com/) was stopped before reaching AWS: this cloud does not simulate dynamodb");
    for (const spy of connects) expect(spy).not.toHaveBeenCalled();
  });

  it("a client configured for another region is refused, naming both", async () => {
    await using cloud = createCloud();
    await using _stop = await cloud.intercept();
    // (A QueueUrl names its own region: the SQS client sends there, whatever its configured region.)
    const client = new SQSClient({ region: "eu-west-1", maxAttempts: 1 });
    await expect(client.send(new ListQueuesCommand({}))).rejects.toThrow(
      "this cloud simulates us-east-1 only, the client is configured for eu-west-1",
    );
  });

  it("stop() ends it (idempotent) and restores the environment; dispose() stops it too; one cloud at a time", async () => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", undefined);
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", undefined);
    vi.stubEnv("AWS_REGION", undefined);
    vi.stubEnv("AWS_DEFAULT_REGION", undefined);
    const cloud = createCloud();
    const stop = await cloud.intercept();
    expect(process.env.AWS_REGION).toBe("us-east-1");
    expect(process.env.AWS_ACCESS_KEY_ID).toBe("SIMCLOUDINTERCEPT");
    await using other = createCloud();
    await expect(other.intercept()).rejects.toThrow("another cloud is already intercepting");
    stop();
    stop();
    expect(process.env.AWS_REGION).toBeUndefined();
    expect(process.env.AWS_ACCESS_KEY_ID).toBeUndefined();
    await (await other.intercept())[Symbol.asyncDispose]();
    await cloud.intercept();
    await cloud.dispose();
    await (await other.intercept())();
  });
});
