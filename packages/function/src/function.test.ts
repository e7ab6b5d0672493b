import { createSimContext } from "@simcloud/core";
import { awsError } from "@simcloud/core/testing";
import { describe, expect, it } from "vitest";
import { createFunctionService } from "./lambda";

const dec = new TextDecoder();

describe("versions and aliases", () => {
  it("PublishVersion snapshots code and configuration; $LATEST keeps changing", async () => {
    const lambda = createFunctionService(createSimContext());
    await lambda.createFunction({ FunctionName: "f", handler: async () => "v1", Timeout: 5 });
    const v1 = await lambda.publishVersion({ FunctionName: "f" });
    expect([v1.Version, v1.FunctionArn]).toEqual(["1", "arn:aws:lambda:us-east-1:000000000000:function:f:1"]);
    // Nothing changed: publishing again returns the same version.
    expect((await lambda.publishVersion({ FunctionName: "f" })).Version).toBe("1");
    await lambda.updateFunctionCode({ FunctionName: "f", handler: async () => "v2" });
    await lambda.updateFunctionConfiguration({ FunctionName: "f", Timeout: 9 });
    const invokeText = async (name: string, qualifier?: string) =>
      dec.decode((await lambda.invoke({ FunctionName: name, ...(qualifier ? { Qualifier: qualifier } : {}) })).Payload);
    expect(await invokeText("f", "1")).toBe('"v1"');
    expect(await invokeText("f:1")).toBe('"v1"');
    expect(await invokeText("f")).toBe('"v2"');
    expect((await lambda.getFunctionConfiguration({ FunctionName: "f", Qualifier: "1" })).Timeout).toBe(5);
    expect((await lambda.listVersionsByFunction({ FunctionName: "f" })).Versions.map((v) => v.Version)).toEqual(["$LATEST", "1"]);
    expect(await awsError(lambda.invoke({ FunctionName: "f", Qualifier: "7" }))).toMatchObject({ code: "ResourceNotFoundException", statusCode: 404, message: "Function not found: arn:aws:lambda:us-east-1:000000000000:function:f:7" });
    expect(await awsError(lambda.invoke({ FunctionName: "f:1", Qualifier: "2" }))).toMatchObject({ code: "InvalidParameterValueException", statusCode: 400 });
  });

  it("an alias routes by weight, deterministically for a seed (Implement Lambda canary deployments using a weighted alias)", async () => {
    const run = async (seed: number) => {
      const lambda = createFunctionService(createSimContext({ seed }));
      await lambda.createFunction({ FunctionName: "f", handler: async () => "one" });
      await lambda.publishVersion({ FunctionName: "f" });
      await lambda.updateFunctionCode({ FunctionName: "f", handler: async () => "two" });
      await lambda.publishVersion({ FunctionName: "f" });
      const alias = await lambda.createAlias({ FunctionName: "f", Name: "live", FunctionVersion: "1", RoutingConfig: { AdditionalVersionWeights: { "2": 0.25 } } });
      expect(alias).toMatchObject({ AliasArn: "arn:aws:lambda:us-east-1:000000000000:function:f:live", FunctionVersion: "1" });
      const versions: string[] = [];
      for (let i = 0; i < 400; i++) versions.push((await lambda.invoke({ FunctionName: "f:live" })).ExecutedVersion ?? "");
      return versions;
    };
    const first = await run(7);
    expect(first).toEqual(await run(7));
    const share = first.filter((v) => v === "2").length / first.length;
    expect(share).toBeGreaterThan(0.18);
    expect(share).toBeLessThan(0.32);
  });

  it("alias errors: duplicate (409), missing (404), two additional versions, version in use cannot be deleted", async () => {
    const lambda = createFunctionService(createSimContext());
    await lambda.createFunction({ FunctionName: "f", handler: async () => 1 });
    await lambda.publishVersion({ FunctionName: "f" });
    await lambda.createAlias({ FunctionName: "f", Name: "live", FunctionVersion: "1" });
    expect(await awsError(lambda.createAlias({ FunctionName: "f", Name: "live", FunctionVersion: "1" }))).toMatchObject({ code: "ResourceConflictException", statusCode: 409, message: "Alias already exists: arn:aws:lambda:us-east-1:000000000000:function:f:live" });
    expect(await awsError(lambda.getAlias({ FunctionName: "f", Name: "nope" }))).toMatchObject({ code: "ResourceNotFoundException", statusCode: 404, message: "Cannot find alias arn: arn:aws:lambda:us-east-1:000000000000:function:f:nope" });
    // AWS answers a $LATEST weight key with the model's ValidationException (recorded test_notfound_and_invalid_routingconfigs).
    expect((await awsError(lambda.updateAlias({ FunctionName: "f", Name: "live", RoutingConfig: { AdditionalVersionWeights: { $LATEST: 0.5 } } }))).code).toBe("ValidationException");
    expect(await awsError(lambda.deleteFunction({ FunctionName: "f", Qualifier: "1" }))).toMatchObject({ code: "ResourceConflictException", statusCode: 409 });
    await lambda.deleteAlias({ FunctionName: "f", Name: "live" });
    await lambda.deleteFunction({ FunctionName: "f", Qualifier: "1" });
    expect((await lambda.listVersionsByFunction({ FunctionName: "f" })).Versions).toHaveLength(1);
  });
});

describe("concurrency (Lambda function scaling)", () => {
  it("reserved concurrency throttles sync invokes with TooManyRequestsException 429 and counts Throttles", async () => {
    const ctx = createSimContext();
    const lambda = createFunctionService(ctx);
    await lambda.createFunction({ FunctionName: "f", Timeout: 10, handler: async () => ctx.scheduler.sleep(1000) });
    await lambda.putFunctionConcurrency({ FunctionName: "f", ReservedConcurrentExecutions: 1 });
    const first = lambda.invoke({ FunctionName: "f" });
    expect(await awsError(lambda.invoke({ FunctionName: "f" }))).toMatchObject({ code: "TooManyRequestsException", statusCode: 429, message: "Rate Exceeded." });
    await ctx.scheduler.advance(1000);
    expect((await first).StatusCode).toBe(200);
    expect((await lambda.getFunctionMetrics({ FunctionName: "f" })).Throttles).toBe(1);
  });

  it("reserved 0 stops every invocation; async events are discarded at once, without retries (Capturing records of Lambda asynchronous invocations)", async () => {
    const ctx = createSimContext();
    const lambda = createFunctionService(ctx);
    let runs = 0;
    await lambda.createFunction({ FunctionName: "f", handler: async () => ++runs });
    await lambda.putFunctionConcurrency({ FunctionName: "f", ReservedConcurrentExecutions: 0 });
    expect((await awsError(lambda.invoke({ FunctionName: "f" }))).code).toBe("TooManyRequestsException");
    await lambda.invoke({ FunctionName: "f", InvocationType: "Event" });
    await ctx.scheduler.advance(10_000);
    expect(runs).toBe(0);
    await lambda.deleteFunctionConcurrency({ FunctionName: "f" });
    await ctx.scheduler.advance(600_000);
    expect(runs).toBe(0);
    expect((await lambda.getFunctionMetrics({ FunctionName: "f" })).Throttles).toBe(2);
    // Events sent once capacity is back run as usual.
    await lambda.invoke({ FunctionName: "f", InvocationType: "Event" });
    await ctx.scheduler.advance(1_000);
    expect(runs).toBe(1);
  });

  it("the account limit throttles unreserved functions, and reservations must leave 100 unreserved", async () => {
    const ctx = createSimContext();
    const lambda = createFunctionService(ctx, { accountConcurrency: 150 });
    await lambda.createFunction({ FunctionName: "a", Timeout: 60, handler: () => ctx.scheduler.sleep(1000) });
    expect((await awsError(lambda.putFunctionConcurrency({ FunctionName: "a", ReservedConcurrentExecutions: 51 }))).message).toContain("decreases account's UnreservedConcurrentExecution below its minimum value of [100]");
    await lambda.putFunctionConcurrency({ FunctionName: "a", ReservedConcurrentExecutions: 50 });
    await lambda.createFunction({ FunctionName: "b", Timeout: 60, handler: () => ctx.scheduler.sleep(1000) });
    const running = Array.from({ length: 100 }, () => lambda.invoke({ FunctionName: "b" }));
    expect(await awsError(lambda.invoke({ FunctionName: "b" }))).toMatchObject({ code: "TooManyRequestsException", statusCode: 429, message: "Rate Exceeded." });
    expect((await lambda.getAccountSettings()).AccountLimit.UnreservedConcurrentExecutions).toBe(100);
    await ctx.scheduler.advance(1000);
    await Promise.all(running);
    expect((await lambda.getFunctionMetrics({ FunctionName: "b" })).MaxConcurrentExecutions).toBe(100);
  });

  it("provisioned concurrency removes cold starts for the alias it is configured on", async () => {
    const ctx = createSimContext();
    const lambda = createFunctionService(ctx);
    await lambda.createFunction({ FunctionName: "f", handler: async () => process.env["AWS_LAMBDA_INITIALIZATION_TYPE"] });
    await lambda.publishVersion({ FunctionName: "f" });
    await lambda.createAlias({ FunctionName: "f", Name: "live", FunctionVersion: "1" });
    expect((await awsError(lambda.putProvisionedConcurrencyConfig({ FunctionName: "f", Qualifier: "$LATEST", ProvisionedConcurrentExecutions: 1 }))).message).toContain("cannot be applied to unpublished function versions");
    const config = await lambda.putProvisionedConcurrencyConfig({ FunctionName: "f", Qualifier: "live", ProvisionedConcurrentExecutions: 2 });
    // AWS answers the put IN_PROGRESS with nothing allocated; any later read (default stateTransitionMs 0) is READY.
    expect([config.Status, config.AllocatedProvisionedConcurrentExecutions]).toEqual(["IN_PROGRESS", 0]);
    expect(await lambda.getProvisionedConcurrencyConfig({ FunctionName: "f", Qualifier: "live" })).toMatchObject({ Status: "READY", AllocatedProvisionedConcurrentExecutions: 2 });
    const out = await lambda.invoke({ FunctionName: "f", Qualifier: "live" });
    expect(dec.decode(out.Payload)).toBe('"provisioned-concurrency"');
    expect((await lambda.getFunctionMetrics({ FunctionName: "f" })).ColdStarts).toBe(0);
  });
});
