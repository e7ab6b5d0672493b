import { createSimContext, type SimContextOptions } from "@simcloud/core";
import { awsError, inEveryClockMode } from "@simcloud/core/testing";
import { describe, expect, it } from "vitest";
import { createFunctionService } from "./lambda";
import type { FunctionServiceOptions } from "./service";
import type { Architecture } from "./types";

const dec = new TextDecoder();
const payload = (bytes: Uint8Array | undefined): unknown => JSON.parse(dec.decode(bytes));

function setup(options: FunctionServiceOptions = {}, context: SimContextOptions = {}) {
  const ctx = createSimContext(context);
  return { ctx, lambda: createFunctionService(ctx, options) };
}

const PENDING = "The operation cannot be performed at this time. The function is currently in the following state: Pending";

describe("function states (Lambda function states; AWS's recorded test_function_lifecycle)", () => {
  it("CreateFunction answers Pending/Creating without LastUpdateStatus; the next call at the same instant reads Active with a new RevisionId", async () => {
    const { lambda } = setup();
    const created = await lambda.createFunction({ FunctionName: "f", handler: () => 1 });
    expect(created).toMatchObject({ State: "Pending", StateReason: "The function is being created.", StateReasonCode: "Creating" });
    expect(created).not.toHaveProperty("LastUpdateStatus");
    const got = (await lambda.getFunction({ FunctionName: "f" })).Configuration;
    expect(got).toMatchObject({ State: "Active", LastUpdateStatus: "Successful" });
    expect(got).not.toHaveProperty("StateReason");
    expect(got.RevisionId).not.toBe(created.RevisionId);
    // The Pending answer's RevisionId is stale once the function is Active, as AWS's is.
    expect((await awsError(lambda.updateFunctionConfiguration({ FunctionName: "f", RevisionId: created.RevisionId }))).code).toBe("PreconditionFailedException");
  });

  it("updates answer InProgress (reason and code as recorded), then read Successful with another RevisionId", async () => {
    const { lambda } = setup();
    await lambda.createFunction({ FunctionName: "f", handler: () => 1 });
    const active = (await lambda.getFunctionConfiguration({ FunctionName: "f" })).RevisionId;
    const updated = await lambda.updateFunctionConfiguration({ FunctionName: "f", Description: "d", RevisionId: active });
    expect(updated).toMatchObject({
      State: "Active",
      LastUpdateStatus: "InProgress",
      LastUpdateStatusReason: "The function is being created.",
      LastUpdateStatusReasonCode: "Creating",
    });
    const after = await lambda.getFunctionConfiguration({ FunctionName: "f" });
    expect(after).toMatchObject({ LastUpdateStatus: "Successful", Description: "d" });
    expect(after).not.toHaveProperty("LastUpdateStatusReason");
    expect(new Set([active, updated.RevisionId, after.RevisionId]).size).toBe(3);
    const code = await lambda.updateFunctionCode({ FunctionName: "f", handler: () => 2, RevisionId: after.RevisionId });
    expect(code.LastUpdateStatus).toBe("InProgress");
    expect((await lambda.invoke({ FunctionName: "f" })).StatusCode).toBe(200);
  });

  it("with a positive stateTransitionMs, Invoke of a Pending function and every update are refused 409 until the clock passes it", async () => {
    const { ctx, lambda } = setup({ stateTransitionMs: 1000 });
    await lambda.createFunction({ FunctionName: "f", handler: async () => "ran" });
    expect((await lambda.getFunction({ FunctionName: "f" })).Configuration.State).toBe("Pending");
    const refused = await awsError(lambda.invoke({ FunctionName: "f" }));
    expect([refused.code, refused.statusCode, refused.message, refused.fields.Type]).toEqual(["ResourceConflictException", 409, PENDING, "User"]);
    expect((await awsError(lambda.invoke({ FunctionName: "f", InvocationType: "Event" }))).message).toBe(PENDING);
    expect((await awsError(lambda.updateFunctionConfiguration({ FunctionName: "f", Timeout: 9 }))).message).toBe(PENDING);
    expect((await awsError(lambda.publishVersion({ FunctionName: "f" }))).message).toBe(PENDING);
    expect((await lambda.getFunctionConfiguration({ FunctionName: "f" })).Timeout).toBe(3);
    await ctx.scheduler.advance(999);
    expect((await lambda.getFunction({ FunctionName: "f" })).Configuration.State).toBe("Pending");
    await ctx.scheduler.advance(1);
    expect((await lambda.getFunction({ FunctionName: "f" })).Configuration.State).toBe("Active");
    expect(payload((await lambda.invoke({ FunctionName: "f" })).Payload)).toBe("ran");
    expect(ctx.trace.of("lambda.function.state").map((event) => [event.time, event.state, event.transition])).toEqual([[ctx.clock.now(), "Active", "create"]]);
  });

  it("during an update in progress, invocations run the previous code and updates fail with AWS's recorded message", async () => {
    const { ctx, lambda } = setup({ stateTransitionMs: 500 });
    await lambda.createFunction({ FunctionName: "f", handler: async () => "old" });
    await ctx.scheduler.advance(500);
    await lambda.updateFunctionCode({ FunctionName: "f", handler: async () => "new" });
    expect((await lambda.getFunction({ FunctionName: "f" })).Configuration.LastUpdateStatus).toBe("InProgress");
    expect(payload((await lambda.invoke({ FunctionName: "f" })).Payload)).toBe("old");
    const conflict = await awsError(lambda.updateFunctionCode({ FunctionName: "f", handler: async () => "newer" }));
    expect([conflict.code, conflict.statusCode, conflict.message]).toEqual([
      "ResourceConflictException",
      409,
      "The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:000000000000:function:f",
    ]);
    await ctx.scheduler.advance(500);
    expect((await lambda.getFunction({ FunctionName: "f" })).Configuration.LastUpdateStatus).toBe("Successful");
    expect(payload((await lambda.invoke({ FunctionName: "f" })).Payload)).toBe("new");
  });

  it("refuses a negative stateTransitionMs", () => {
    expect(() => setup({ stateTransitionMs: -1 })).toThrow(RangeError);
  });
});

inEveryClockMode("function states over time", createSimContext, (setup) => {
  it("with the default, a function is invocable right after CreateFunction", async () => {
    const { subject: ctx } = setup();
    const lambda = createFunctionService(ctx);
    expect((await lambda.createFunction({ FunctionName: "f", handler: async () => 7 })).State).toBe("Pending");
    expect(payload((await lambda.invoke({ FunctionName: "f" })).Payload)).toBe(7);
  });

  it("with a positive stateTransitionMs, a function becomes Active once that much time has passed", async () => {
    const { subject: ctx, advance } = setup();
    const lambda = createFunctionService(ctx, { stateTransitionMs: 2000 });
    await lambda.createFunction({ FunctionName: "f", handler: async () => 7 });
    expect((await awsError(lambda.invoke({ FunctionName: "f" }))).code).toBe("ResourceConflictException");
    await advance(2000);
    expect((await lambda.getFunctionConfiguration({ FunctionName: "f" })).State).toBe("Active");
    expect(payload((await lambda.invoke({ FunctionName: "f" })).Payload)).toBe(7);
  });
});

describe("provisioned concurrency (recorded test_lambda_provisioned_lifecycle)", () => {
  it("a version and an alias pointing at it cannot both hold a config (409 either way); deleting the alias drops its config", async () => {
    const { lambda } = setup();
    await lambda.createFunction({ FunctionName: "f", handler: async () => 1 });
    await lambda.publishVersion({ FunctionName: "f" });
    await lambda.createAlias({ FunctionName: "f", Name: "live", FunctionVersion: "1" });
    await lambda.putProvisionedConcurrencyConfig({ FunctionName: "f", Qualifier: "1", ProvisionedConcurrentExecutions: 1 });
    const onAlias = await awsError(lambda.putProvisionedConcurrencyConfig({ FunctionName: "f", Qualifier: "live", ProvisionedConcurrentExecutions: 1 }));
    expect([onAlias.code, onAlias.statusCode, onAlias.message]).toEqual(["ResourceConflictException", 409, "Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version"]);
    await lambda.deleteProvisionedConcurrencyConfig({ FunctionName: "f", Qualifier: "1" });
    await lambda.putProvisionedConcurrencyConfig({ FunctionName: "f", Qualifier: "live", ProvisionedConcurrentExecutions: 1 });
    const onVersion = await awsError(lambda.putProvisionedConcurrencyConfig({ FunctionName: "f", Qualifier: "1", ProvisionedConcurrentExecutions: 1 }));
    expect([onVersion.code, onVersion.message]).toEqual(["ResourceConflictException", "Version is pointed by a Provisioned Concurrency alias"]);
    await lambda.deleteAlias({ FunctionName: "f", Name: "live" });
    expect((await lambda.listProvisionedConcurrencyConfigs({ FunctionName: "f" })).ProvisionedConcurrencyConfigs).toEqual([]);
  });

  it("with a positive stateTransitionMs, a config reads IN_PROGRESS until that much time has passed", async () => {
    const { ctx, lambda } = setup({ stateTransitionMs: 100 });
    await lambda.createFunction({ FunctionName: "f", handler: async () => 1 });
    await ctx.scheduler.advance(100);
    await lambda.publishVersion({ FunctionName: "f" });
    await ctx.scheduler.advance(100);
    await lambda.putProvisionedConcurrencyConfig({ FunctionName: "f", Qualifier: "1", ProvisionedConcurrentExecutions: 3 });
    expect((await lambda.getProvisionedConcurrencyConfig({ FunctionName: "f", Qualifier: "1" })).Status).toBe("IN_PROGRESS");
    await ctx.scheduler.advance(100);
    expect(await lambda.getProvisionedConcurrencyConfig({ FunctionName: "f", Qualifier: "1" })).toMatchObject({ Status: "READY", AvailableProvisionedConcurrentExecutions: 3 });
  });
});

describe("versions, ARNs and RevisionIds as AWS answers them", () => {
  it("PublishVersion of an unchanged $LATEST returns the newest version, whatever the Description (recorded test_version_lifecycle)", async () => {
    const { lambda } = setup();
    await lambda.createFunction({ FunctionName: "f", handler: () => 1 });
    const before = (await lambda.getFunctionConfiguration({ FunctionName: "f" })).RevisionId;
    const first = await lambda.publishVersion({ FunctionName: "f", Description: "one" });
    // Publishing changes $LATEST's RevisionId too (recorded test_function_revisions_version_and_alias).
    const latest = (await lambda.getFunctionConfiguration({ FunctionName: "f" })).RevisionId;
    expect(new Set([before, first.RevisionId, latest]).size).toBe(3);
    const again = await lambda.publishVersion({ FunctionName: "f", Description: "another" });
    expect([again.Version, again.Description, again.RevisionId]).toEqual(["1", "one", first.RevisionId]);
    expect((await lambda.getFunctionConfiguration({ FunctionName: "f" })).RevisionId).toBe(latest);
    await lambda.updateFunctionConfiguration({ FunctionName: "f", Timeout: 5 });
    expect((await lambda.publishVersion({ FunctionName: "f" })).Version).toBe("2");
  });

  it("GetFunction by alias answers the alias ARN with its version; $LATEST by name is qualified; lists drop RuntimeVersionConfig", async () => {
    const { lambda } = setup();
    const created = await lambda.createFunction({ FunctionName: "f", handler: () => 1, Runtime: "python3.12" });
    expect(created.RuntimeVersionConfig?.RuntimeVersionArn).toMatch(/^arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/);
    await lambda.publishVersion({ FunctionName: "f" });
    await lambda.createAlias({ FunctionName: "f", Name: "live", FunctionVersion: "1" });
    const byAlias = (await lambda.getFunction({ FunctionName: "f:live" })).Configuration;
    expect([byAlias.FunctionArn, byAlias.Version]).toEqual(["arn:aws:lambda:us-east-1:000000000000:function:f:live", "1"]);
    const byArn = (await lambda.getFunction({ FunctionName: "arn:aws:lambda:us-east-1:000000000000:function:f:live" })).Configuration;
    expect(byArn.FunctionArn).toBe(byAlias.FunctionArn);
    expect((await lambda.getFunction({ FunctionName: "f", Qualifier: "$LATEST" })).Configuration.FunctionArn).toBe(`${created.FunctionArn}:$LATEST`);
    expect((await lambda.getFunction({ FunctionName: "f" })).Configuration.FunctionArn).toBe(created.FunctionArn);
    const versions = (await lambda.listVersionsByFunction({ FunctionName: "f" })).Versions;
    expect(versions.map((version) => version.FunctionArn)).toEqual([`${created.FunctionArn}:$LATEST`, `${created.FunctionArn}:1`]);
    expect(versions.every((version) => !("RuntimeVersionConfig" in version) && !("State" in version))).toBe(true);
    expect((await lambda.listFunctions()).Functions.map((fn) => fn.FunctionArn)).toEqual([created.FunctionArn]);
    expect((await lambda.listFunctions({ FunctionVersion: "ALL" })).Functions.map((fn) => fn.FunctionArn)).toEqual([`${created.FunctionArn}:$LATEST`, `${created.FunctionArn}:1`]);
    const runtime = await lambda.updateFunctionConfiguration({ FunctionName: "f", Runtime: "python3.13" });
    expect(runtime.RuntimeVersionConfig?.RuntimeVersionArn).not.toBe(created.RuntimeVersionConfig?.RuntimeVersionArn);
  });
});

describe("permission RevisionIds (recorded test_lambda_permission_fn_versioning)", () => {
  it("before a policy exists AddPermission checks RevisionId against its target's; then against the policy's", async () => {
    const { lambda } = setup();
    await lambda.createFunction({ FunctionName: "f", handler: async () => 1 });
    await lambda.publishVersion({ FunctionName: "f" });
    const alias = await lambda.createAlias({ FunctionName: "f", Name: "live", FunctionVersion: "1" });
    const statement = { Action: "lambda:InvokeFunction", Principal: "s3.amazonaws.com", StatementId: "s3" };
    const wrong = await awsError(lambda.addPermission({ FunctionName: "f", Qualifier: "live", RevisionId: "wrong", ...statement }));
    expect([wrong.code, wrong.statusCode]).toEqual(["PreconditionFailedException", 412]);
    await lambda.addPermission({ FunctionName: "f", Qualifier: "live", RevisionId: alias.RevisionId, ...statement });
    const latest = (await lambda.getFunctionConfiguration({ FunctionName: "f" })).RevisionId;
    await lambda.addPermission({ FunctionName: "f", RevisionId: latest, ...statement });
    const policy = await lambda.getPolicy({ FunctionName: "f" });
    expect((await awsError(lambda.addPermission({ FunctionName: "f", RevisionId: latest, ...statement, StatementId: "s3_2" }))).code).toBe("PreconditionFailedException");
    await lambda.addPermission({ FunctionName: "f", RevisionId: policy.RevisionId, ...statement, StatementId: "s3_2" });
  });
});

describe("validation AWS performs (recorded test_create_lambda_exceptions, test_list_functions, test_invalid_invoke)", () => {
  const ROLE = "1 validation error detected: Value 'r1' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";

  it("a Role that is not an IAM role ARN is a ValidationException quoting the pattern, on create and update", async () => {
    const { lambda } = setup();
    const error = await awsError(lambda.createFunction({ FunctionName: "f", handler: () => 1, Role: "r1" }));
    expect([error.code, error.message, error.fields.Type, error.messageKey]).toEqual(["ValidationException", ROLE, undefined, "message"]);
    expect((await lambda.listFunctions()).Functions).toEqual([]);
    await lambda.createFunction({ FunctionName: "f", handler: () => 1, Role: "arn:aws:iam::123456789012:role/service-role/x" });
    expect((await awsError(lambda.updateFunctionConfiguration({ FunctionName: "f", Role: "r1" }))).message).toBe(ROLE);
  });

  it("Architectures holds one of x86_64 and arm64, as the recorded ValidationExceptions say", async () => {
    const { lambda } = setup();
    const two = await awsError(lambda.createFunction({ FunctionName: "f", handler: () => 1, Architectures: ["x86_64", "arm64"] }));
    expect([two.code, two.message]).toEqual(["ValidationException", "1 validation error detected: Value '[x86_64, arm64]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1"]);
    const upper = await awsError(lambda.createFunction({ FunctionName: "f", handler: () => 1, Architectures: ["X86_64" as Architecture] }));
    expect(upper.message).toBe("1 validation error detected: Value '[X86_64]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]");
    expect((await lambda.createFunction({ FunctionName: "f", handler: () => 1, Architectures: ["arm64"] })).Architectures).toEqual(["arm64"]);
  });

  it("ListFunctions accepts FunctionVersion ALL only", async () => {
    const { lambda } = setup();
    const error = await awsError(lambda.listFunctions({ FunctionVersion: "invalid" as "ALL" }));
    expect([error.code, error.message]).toEqual(["ValidationException", "1 validation error detected: Value 'invalid' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]"]);
  });

  it("Invoke quotes its own FunctionName pattern, and accepts names that pattern allows (a dot: not found)", async () => {
    const { lambda } = setup();
    const error = await awsError(lambda.invoke({ FunctionName: "a@b" }));
    expect(error.message).toContain("([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?");
    expect((await awsError(lambda.invoke({ FunctionName: "my.fn" }))).code).toBe("ResourceNotFoundException");
    expect((await awsError(lambda.getFunction({ FunctionName: "my.fn" }))).code).toBe("ValidationException");
  });
});
