import { createSimContext } from "@simcloud/core";
import { describe, expect, it } from "vitest";
import { createFunctionService } from "./lambda";

const dec = new TextDecoder();

describe("createFunction({ init }): an in-process init phase per execution environment", () => {
  it("runs once per environment: concurrent invocations get separate state, warm ones reuse it", async () => {
    const ctx = createSimContext();
    const lambda = createFunctionService(ctx);
    let inits = 0;
    await lambda.createFunction({
      FunctionName: "f",
      init: () => {
        const environment = ++inits;
        const seen: string[] = [];
        return async (event: { id: string }) => {
          seen.push(event.id);
          await ctx.scheduler.sleep(100);
          return { environment, seen: [...seen] };
        };
      },
    });
    const invoke = async (id: string): Promise<{ environment: number; seen: string[] }> =>
      JSON.parse(dec.decode((await lambda.invoke({ FunctionName: "f", Payload: JSON.stringify({ id }) })).Payload)) as { environment: number; seen: string[] };
    const both = Promise.all([invoke("a"), invoke("b")]);
    await ctx.scheduler.advance(100);
    expect(await both).toEqual([
      { environment: 1, seen: ["a"] },
      { environment: 2, seen: ["b"] },
    ]);
    const warm = invoke("c");
    await ctx.scheduler.advance(100);
    expect((await warm).seen).toHaveLength(2);
    expect(inits).toBe(2);
  });

  it("an init that returns no function is Runtime.HandlerNotFound; handler and init together are refused", async () => {
    const lambda = createFunctionService(createSimContext());
    await lambda.createFunction({ FunctionName: "bad", init: () => "nope" as never });
    const { FunctionError, Payload } = await lambda.invoke({ FunctionName: "bad" });
    expect(FunctionError).toBe("Unhandled");
    expect(JSON.parse(dec.decode(Payload))).toMatchObject({ errorType: "Runtime.HandlerNotFound", errorMessage: "init() returned string, not a handler function" });
    await expect(lambda.createFunction({ FunctionName: "both", handler: async () => 1, init: () => async () => 2 })).rejects.toMatchObject({
      code: "InvalidParameterValueException",
      message: "Pass one of handler, init or Code.modulePath.",
    });
  });
});

describe("lambda.environment.initialized: the init phase in the trace", () => {
  it("is recorded once per environment with its init duration, not for warm invocations", async () => {
    const ctx = createSimContext();
    const lambda = createFunctionService(ctx, { coldStartMs: 250 });
    await lambda.createFunction({ FunctionName: "f", init: () => async () => 1 });
    const first = lambda.invoke({ FunctionName: "f" });
    await ctx.scheduler.advance(250);
    await first;
    const warm = lambda.invoke({ FunctionName: "f" });
    await ctx.scheduler.advance(0);
    await warm;
    const inits = ctx.trace.of("lambda.environment.initialized");
    expect(inits).toHaveLength(1);
    const started = ctx.trace.of("lambda.invocation.started");
    expect(started.map((event) => event.coldStart)).toEqual([true, false]);
    expect(inits[0]).toMatchObject({ functionName: "f", environmentId: started[0]?.environmentId, version: "$LATEST", initDurationMs: 250, provisioned: false });
  });
});
