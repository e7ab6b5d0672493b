import {
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetEventSourceMappingCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListAliasesCommand,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
  ListTagsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  GetFunctionEventInvokeConfigCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
  paginateListFunctions,
  waitUntilFunctionActiveV2,
} from "@aws-sdk/client-lambda";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { createSimContext, type SimContext } from "@simcloud/core";
import { createFunctionService, type FunctionService } from "@simcloud/function";
import { createQueueService } from "@simcloud/queue";
import { beforeEach, describe, expect, it } from "vitest";
import { createClientConfig } from "../client-config";

let context: SimContext;
let lambda: FunctionService;
let client: LambdaClient;
let queues: SQSClient;

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const parse = (bytes: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(bytes)) as unknown;

beforeEach(async () => {
  context = createSimContext({ seed: 11, autoAdvance: true });
  lambda = createFunctionService(context);
  const services = { lambda, sqs: createQueueService(context) };
  client = new LambdaClient(createClientConfig(services, context));
  queues = new SQSClient(createClientConfig(services, context));
  await lambda.createFunction({
    FunctionName: "echo",
    Runtime: "nodejs20.x",
    Role: "arn:aws:iam::000000000000:role/r",
    Handler: "index.handler",
    handler: async (event: { fail?: boolean }) => {
      console.log("seen");
      if (event.fail) throw new Error("asked to fail");
      return { echoed: event };
    },
  });
});

describe("Lambda through LambdaClient", () => {
  it("invokes synchronously: status 200, payload bytes, executed version, tail log", async () => {
    const output = await client.send(new InvokeCommand({ FunctionName: "echo", Payload: json({ a: 1 }), LogType: "Tail" }));
    expect(output.StatusCode).toBe(200);
    expect(output.FunctionError).toBeUndefined();
    expect(output.ExecutedVersion).toBe("$LATEST");
    expect(parse(output.Payload)).toEqual({ echoed: { a: 1 } });
    expect(Buffer.from(output.LogResult ?? "", "base64").toString()).toContain("seen");
  });

  it("reports a handler's failure as FunctionError Unhandled with status 200, not as an exception", async () => {
    const output = await client.send(new InvokeCommand({ FunctionName: "echo", Payload: json({ fail: true }) }));
    expect(output.StatusCode).toBe(200);
    expect(output.FunctionError).toBe("Unhandled");
    expect(parse(output.Payload)).toMatchObject({ errorMessage: "asked to fail" });
  });

  it("answers Event invocations with 202 and DryRun with 204", async () => {
    expect((await client.send(new InvokeCommand({ FunctionName: "echo", InvocationType: "Event", Payload: json({}) }))).StatusCode).toBe(202);
    expect((await client.send(new InvokeCommand({ FunctionName: "echo", InvocationType: "DryRun" }))).StatusCode).toBe(204);
  });

  it("raises ResourceNotFoundException with status 404 for a missing function, ARNs in paths included", async () => {
    const error = await client.send(new InvokeCommand({ FunctionName: "arn:aws:lambda:us-east-1:000000000000:function:nope" })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as ResourceNotFoundException).$metadata.httpStatusCode).toBe(404);
  });

  it("manages configuration, versions, aliases, concurrency, event invoke config and tags", async () => {
    const configuration = await client.send(new GetFunctionConfigurationCommand({ FunctionName: "echo" }));
    expect(configuration.FunctionName).toBe("echo");
    await client.send(new UpdateFunctionConfigurationCommand({ FunctionName: "echo", Timeout: 30 }));
    expect((await client.send(new GetFunctionCommand({ FunctionName: "echo" }))).Configuration?.Timeout).toBe(30);
    const version = await client.send(new PublishVersionCommand({ FunctionName: "echo" }));
    expect(version.Version).toBe("1");
    expect((await client.send(new ListVersionsByFunctionCommand({ FunctionName: "echo" }))).Versions?.map((v) => v.Version)).toEqual(["$LATEST", "1"]);
    await client.send(new CreateAliasCommand({ FunctionName: "echo", Name: "live", FunctionVersion: "1" }));
    await client.send(new UpdateAliasCommand({ FunctionName: "echo", Name: "live", Description: "prod" }));
    expect((await client.send(new GetAliasCommand({ FunctionName: "echo", Name: "live" }))).Description).toBe("prod");
    expect((await client.send(new ListAliasesCommand({ FunctionName: "echo" }))).Aliases?.map((a) => a.Name)).toEqual(["live"]);
    const viaAlias = await client.send(new InvokeCommand({ FunctionName: "echo", Qualifier: "live", Payload: json({}) }));
    expect(viaAlias.ExecutedVersion).toBe("1");
    expect((await client.send(new PutFunctionConcurrencyCommand({ FunctionName: "echo", ReservedConcurrentExecutions: 5 }))).ReservedConcurrentExecutions).toBe(5);
    await client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "echo", MaximumRetryAttempts: 0 }));
    const invokeConfig = await client.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "echo" }));
    expect(invokeConfig.MaximumRetryAttempts).toBe(0);
    expect(invokeConfig.LastModified).toBeInstanceOf(Date);
    const arn = configuration.FunctionArn as string;
    await client.send(new TagResourceCommand({ Resource: arn, Tags: { team: "core", env: "test" } }));
    await client.send(new UntagResourceCommand({ Resource: arn, TagKeys: ["env"] }));
    expect((await client.send(new ListTagsCommand({ Resource: arn }))).Tags).toEqual({ team: "core" });
  });

  it("lists functions with the paginator and waits with the SDK's waiter", async () => {
    await lambda.createFunction({ FunctionName: "second", Runtime: "nodejs20.x", Role: "arn:aws:iam::000000000000:role/r", Handler: "i.h", handler: async () => null });
    const names: string[] = [];
    for await (const page of paginateListFunctions({ client, pageSize: 1 }, {})) names.push(...(page.Functions ?? []).map((f) => f.FunctionName ?? ""));
    expect(names.sort()).toEqual(["echo", "second"]);
    expect((await client.send(new ListFunctionsCommand({ MaxItems: 1 }))).NextMarker).toBeDefined();
    const waited = await waitUntilFunctionActiveV2({ client, maxWaitTime: 5 }, { FunctionName: "echo" });
    expect(waited.state).toBe("SUCCESS");
  });

  it("creates, reads, lists and deletes event source mappings", async () => {
    const { QueueUrl } = await queues.send(new CreateQueueCommand({ QueueName: "in" }));
    const { Attributes } = await queues.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
    const mapping = await client.send(new CreateEventSourceMappingCommand({ FunctionName: "echo", EventSourceArn: Attributes?.QueueArn, BatchSize: 5 }));
    expect(mapping.$metadata.httpStatusCode).toBe(202);
    expect((await client.send(new GetEventSourceMappingCommand({ UUID: mapping.UUID }))).BatchSize).toBe(5);
    expect((await client.send(new ListEventSourceMappingsCommand({ FunctionName: "echo" }))).EventSourceMappings).toHaveLength(1);
    await client.send(new DeleteEventSourceMappingCommand({ UUID: mapping.UUID }));
    await client.send(new DeleteFunctionCommand({ FunctionName: "echo" }));
    await expect(client.send(new GetFunctionCommand({ FunctionName: "echo" }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
