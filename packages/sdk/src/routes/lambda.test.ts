import {
  AddPermissionCommand,
  GetPolicyCommand,
  RemovePermissionCommand,
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionConcurrencyCommand,
  DeleteFunctionEventInvokeConfigCommand,
  DeleteProvisionedConcurrencyConfigCommand,
  GetAccountSettingsCommand,
  GetFunctionConcurrencyCommand,
  GetProvisionedConcurrencyConfigCommand,
  LambdaServiceException,
  ListFunctionEventInvokeConfigsCommand,
  PutProvisionedConcurrencyConfigCommand,
  UpdateEventSourceMappingCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionEventInvokeConfigCommand,
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
  GetFunctionRecursionConfigCommand,
  PutFunctionRecursionConfigCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
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

  it("sends the body's Type where AWS does: User on the caller's faults, none on ValidationException or the recorded exceptions", async () => {
    const missing = await client.send(new GetFunctionCommand({ FunctionName: "nope" })).catch((caught: unknown) => caught);
    expect(missing).toMatchObject({ name: "ResourceNotFoundException", Type: "User" });
    const invalid = await client.send(new PutFunctionRecursionConfigCommand({ FunctionName: "echo", RecursiveLoop: "Sometimes" as "Allow" })).catch((caught: unknown) => caught);
    expect(invalid).toMatchObject({ name: "ValidationException" });
    expect((invalid as { Type?: unknown }).Type).toBeUndefined();
    // LocalStack's recording of PutFunctionConcurrency below the unreserved minimum: no Type member.
    const floor = await client.send(new PutFunctionConcurrencyCommand({ FunctionName: "echo", ReservedConcurrentExecutions: 1000 })).catch((caught: unknown) => caught);
    expect(floor).toMatchObject({ name: "InvalidParameterValueException" });
    // The SDK's modelled exception always has the member; the value is what came on the wire.
    expect((floor as { Type?: unknown }).Type).toBeUndefined();
  });

  it("answers CreateFunction Pending and updates InProgress; the SDK's waiters succeed on their first, immediate check", async () => {
    // The handler is in-process code: the native API creates the function, the client waits for it.
    const native = await lambda.createFunction({ FunctionName: "fresh", handler: async () => "ok" });
    expect([native.State, native.StateReasonCode]).toEqual(["Pending", "Creating"]);
    const realStart = performance.now();
    expect((await waitUntilFunctionActiveV2({ client, maxWaitTime: 5, minDelay: 1 }, { FunctionName: "fresh" })).state).toBe("SUCCESS");
    const updated = await client.send(new UpdateFunctionConfigurationCommand({ FunctionName: "fresh", Description: "d" }));
    expect([updated.LastUpdateStatus, updated.LastUpdateStatusReasonCode]).toEqual(["InProgress", "Creating"]);
    expect((await waitUntilFunctionUpdatedV2({ client, maxWaitTime: 5, minDelay: 1 }, { FunctionName: "fresh" })).state).toBe("SUCCESS");
    // A waiter's second check would come after minDelay (1 s) of real time: both returned from their first.
    expect(performance.now() - realStart).toBeLessThan(1000);
  });

  it("carries each error's message under its model's key (ResourceConflictException: message; ResourceNotFoundException: Message)", async () => {
    await client.send(new CreateAliasCommand({ FunctionName: "echo", Name: "a", FunctionVersion: "$LATEST" }));
    const conflict = await client.send(new CreateAliasCommand({ FunctionName: "echo", Name: "a", FunctionVersion: "$LATEST" })).catch((caught: unknown) => caught);
    expect(conflict).toMatchObject({ name: "ResourceConflictException", Type: "User", message: "Alias already exists: arn:aws:lambda:us-east-1:000000000000:function:echo:a" });
    const missing = await client.send(new GetFunctionCommand({ FunctionName: "nope" })).catch((caught: unknown) => caught);
    expect(missing).toMatchObject({ name: "ResourceNotFoundException", message: "Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope" });
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

  it("routes the remaining concurrency, provisioned concurrency, event invoke config, alias and account actions", async () => {
    await client.send(new PutFunctionConcurrencyCommand({ FunctionName: "echo", ReservedConcurrentExecutions: 3 }));
    expect((await client.send(new GetFunctionConcurrencyCommand({ FunctionName: "echo" }))).ReservedConcurrentExecutions).toBe(3);
    const deletedConcurrency = await client.send(new DeleteFunctionConcurrencyCommand({ FunctionName: "echo" }));
    expect(deletedConcurrency.$metadata.httpStatusCode).toBe(204);
    expect((await client.send(new GetFunctionConcurrencyCommand({ FunctionName: "echo" }))).ReservedConcurrentExecutions).toBeUndefined();

    await client.send(new PublishVersionCommand({ FunctionName: "echo" }));
    const provisioned = await client.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: "echo", Qualifier: "1", ProvisionedConcurrentExecutions: 2 }));
    expect(provisioned.$metadata.httpStatusCode).toBe(202);
    expect(provisioned.RequestedProvisionedConcurrentExecutions).toBe(2);
    const readBack = await client.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: "echo", Qualifier: "1" }));
    expect(readBack.RequestedProvisionedConcurrentExecutions).toBe(2);
    const unpublished = await client
      .send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: "echo", Qualifier: "$LATEST", ProvisionedConcurrentExecutions: 1 }))
      .catch((error: unknown) => error);
    expect(unpublished).toMatchObject({ name: "InvalidParameterValueException", $metadata: { httpStatusCode: 400 } });
    await client.send(new DeleteProvisionedConcurrencyConfigCommand({ FunctionName: "echo", Qualifier: "1" }));
    await expect(client.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: "echo", Qualifier: "1" }))).rejects.toBeInstanceOf(LambdaServiceException);

    await client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "echo", MaximumRetryAttempts: 1 }));
    const updated = await client.send(new UpdateFunctionEventInvokeConfigCommand({ FunctionName: "echo", MaximumEventAgeInSeconds: 120 }));
    expect(updated).toMatchObject({ MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 120 });
    const configs = await client.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: "echo" }));
    expect(configs.FunctionEventInvokeConfigs).toHaveLength(1);
    expect(configs.FunctionEventInvokeConfigs?.[0]?.LastModified).toBeInstanceOf(Date);
    await client.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: "echo" }));
    expect((await client.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: "echo" }))).FunctionEventInvokeConfigs ?? []).toEqual([]);

    await client.send(new CreateAliasCommand({ FunctionName: "echo", Name: "old", FunctionVersion: "1" }));
    const deletedAlias = await client.send(new DeleteAliasCommand({ FunctionName: "echo", Name: "old" }));
    expect(deletedAlias.$metadata.httpStatusCode).toBe(204);
    await expect(client.send(new GetAliasCommand({ FunctionName: "echo", Name: "old" }))).rejects.toBeInstanceOf(ResourceNotFoundException);

    const settings = await client.send(new GetAccountSettingsCommand({}));
    expect(settings.AccountLimit?.ConcurrentExecutions).toBeGreaterThan(0);
    expect(settings.AccountUsage?.FunctionCount).toBe(1);
  });

  it("updates an event source mapping, and answers code and permission actions as the service does", async () => {
    const { QueueUrl } = await queues.send(new CreateQueueCommand({ QueueName: "updates" }));
    const { Attributes } = await queues.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
    const mapping = await client.send(new CreateEventSourceMappingCommand({ FunctionName: "echo", EventSourceArn: Attributes?.QueueArn, BatchSize: 5 }));
    const changed = await client.send(new UpdateEventSourceMappingCommand({ UUID: mapping.UUID, BatchSize: 7, Enabled: false }));
    expect(changed.$metadata.httpStatusCode).toBe(202);
    expect(changed.BatchSize).toBe(7);
    expect((await client.send(new GetEventSourceMappingCommand({ UUID: mapping.UUID }))).BatchSize).toBe(7);

    // A JS handler cannot travel through the SDK: code comes from the native API, and the service says so.
    const created = await client
      .send(new CreateFunctionCommand({ FunctionName: "zip", Role: "arn:aws:iam::000000000000:role/r", Runtime: "nodejs20.x", Handler: "i.h", Code: { ZipFile: new Uint8Array([80, 75]) } }))
      .catch((error: unknown) => error);
    expect(created).toBeInstanceOf(LambdaServiceException);
    expect(created).toMatchObject({ name: "InvalidParameterValueException", $metadata: { httpStatusCode: 400 } });
    expect((created as Error).message).toMatch(/pass handler/);
    const code = await client.send(new UpdateFunctionCodeCommand({ FunctionName: "echo", ZipFile: new Uint8Array([80, 75]) })).catch((error: unknown) => error);
    expect(code).toMatchObject({ name: "InvalidParameterValueException", $metadata: { httpStatusCode: 400 } });
    // Resource policies are kept and shaped as AWS returns them (AddPermission 201 with the statement, GetPolicy the document).
    const permission = await client.send(
      new AddPermissionCommand({ FunctionName: "echo", StatementId: "s", Action: "lambda:InvokeFunction", Principal: "sns.amazonaws.com" }),
    );
    expect(permission.$metadata.httpStatusCode).toBe(201);
    expect(JSON.parse(permission.Statement ?? "")).toMatchObject({ Sid: "s", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" } });
    const policy = await client.send(new GetPolicyCommand({ FunctionName: "echo" }));
    expect(JSON.parse(policy.Policy ?? "")).toMatchObject({ Version: "2012-10-17", Id: "default", Statement: [{ Sid: "s" }] });
    await client.send(new RemovePermissionCommand({ FunctionName: "echo", StatementId: "s" }));
    await expect(client.send(new GetPolicyCommand({ FunctionName: "echo" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("Put/GetFunctionRecursionConfig: Terminate by default, Allow once put, enum checked", async () => {
    expect((await client.send(new GetFunctionRecursionConfigCommand({ FunctionName: "echo" }))).RecursiveLoop).toBe("Terminate");
    const put = await client.send(new PutFunctionRecursionConfigCommand({ FunctionName: "echo", RecursiveLoop: "Allow" }));
    expect(put.RecursiveLoop).toBe("Allow");
    expect((await client.send(new GetFunctionRecursionConfigCommand({ FunctionName: "echo" }))).RecursiveLoop).toBe("Allow");
    const bad = await client.send(new PutFunctionRecursionConfigCommand({ FunctionName: "echo", RecursiveLoop: "Sometimes" as "Allow" })).catch((error: unknown) => error);
    expect(bad).toMatchObject({ name: "ValidationException", $metadata: { httpStatusCode: 400 } });
    const missing = await client.send(new GetFunctionRecursionConfigCommand({ FunctionName: "nope" })).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
  });
});

