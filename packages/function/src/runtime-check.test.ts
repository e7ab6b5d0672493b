import { createSimContext } from "@simcloud/core";
import { awsError } from "@simcloud/core/testing";
import { describe, expect, it, vi } from "vitest";
import { createFunctionService } from "./lambda";
import type { Runtime } from "./types";

describe("Runtime is checked against Lambda's runtimes (AWS's recorded answers)", () => {
  it("an unknown runtime is an InvalidParameterValueException (recorded 2026-01) listing the accepted ones; nothing is created", async () => {
    const lambda = createFunctionService(createSimContext());
    const error = await awsError(lambda.createFunction({ FunctionName: "f", Runtime: "cobol" as Runtime, handler: () => 1 }));
    expect([error.code, error.fields.Type]).toEqual(["InvalidParameterValueException", "User"]);
    expect(error.statusCode).toBe(400);
    expect(error.message).toMatch(/^Value cobol at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: \[nodejs20\.x, python3\.14, .*, java8\.al2\] or be a valid ARN$/);
    expect((await lambda.listFunctions({})).Functions).toEqual([]);
  });

  it("a deprecated runtime is an InvalidParameterValueException; current ones are accepted, on update too", async () => {
    const lambda = createFunctionService(createSimContext());
    const error = await awsError(lambda.createFunction({ FunctionName: "f", Runtime: "nodejs14.x", handler: () => 1 }));
    expect(error).toMatchObject({
      code: "InvalidParameterValueException",
      statusCode: 400,
      message: "The runtime parameter of nodejs14.x is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.",
    });
    await lambda.createFunction({ FunctionName: "f", Runtime: "nodejs22.x", handler: () => 1 });
    expect((await awsError(lambda.updateFunctionConfiguration({ FunctionName: "f", Runtime: "PYTHON3.9" as Runtime }))).code).toBe("InvalidParameterValueException");
    expect((await lambda.updateFunctionConfiguration({ FunctionName: "f", Runtime: "python3.12" })).Runtime).toBe("python3.12");
  });
});

describe("a sync invoke does not depend on how many functions exist", () => {
  it("invoking never iterates over every function (the reserved-concurrency total is kept, not summed)", async () => {
    const ctx = createSimContext();
    const lambda = createFunctionService(ctx);
    for (let i = 0; i < 300; i++) await lambda.createFunction({ FunctionName: `f${i}`, handler: async () => i });
    await lambda.putFunctionConcurrency({ FunctionName: "f1", ReservedConcurrentExecutions: 5 });
    await lambda.invoke({ FunctionName: "f0" });
    const values = vi.spyOn(Map.prototype, "values");
    try {
      await lambda.invoke({ FunctionName: "f0" });
      const large = values.mock.contexts.filter((map) => (map as Map<unknown, unknown>).size >= 300);
      expect(large).toEqual([]);
    } finally {
      values.mockRestore();
    }
    expect((await lambda.getAccountSettings()).AccountLimit?.UnreservedConcurrentExecutions).toBe(995);
    await lambda.deleteFunction({ FunctionName: "f1" });
    expect((await lambda.getAccountSettings()).AccountLimit?.UnreservedConcurrentExecutions).toBe(1000);
  });
});
