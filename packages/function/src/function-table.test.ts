import { createSimContext } from "@simcloud/core";
import { describe, expect, it } from "vitest";
import { createFunctionService } from "./lambda";

describe("functions in core's ResourceTable", () => {
  it("registers the function's port and traces resource.created / resource.deleted beside Lambda's own events", async () => {
    const ctx = createSimContext();
    const lambda = createFunctionService(ctx);
    const arn = "arn:aws:lambda:us-east-1:000000000000:function:f";
    await lambda.createFunction({ FunctionName: "f", handler: (event: unknown) => event });
    expect(ctx.registry.resolve("function", arn)?.port.arn).toBe(arn);
    expect(ctx.registry.resolve("function", `${arn}:live`)?.qualifier).toBe("live");
    expect((await lambda.getAccountSettings()).AccountUsage.FunctionCount).toBe(1);
    await lambda.deleteFunction({ FunctionName: arn });
    expect(ctx.registry.resolve("function", arn)).toBeUndefined();
    expect(ctx.trace.of("resource.created").map((event) => [event.kind, event.name, event.arn])).toEqual([["lambda.function", "f", arn]]);
    expect(ctx.trace.of("resource.deleted").map((event) => [event.kind, event.name])).toEqual([["lambda.function", "f"]]);
    expect(ctx.trace.of("lambda.function.deleted")).toHaveLength(1);
    // The name is free again, and the new function's port is the one other services reach.
    await lambda.createFunction({ FunctionName: "f", handler: () => "second" });
    expect(ctx.registry.resolve("function", arn)).toBeDefined();
  });
});
