import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSimContext } from "@simcloud/core";
import { describe, expect, it } from "vitest";
import { createFunctionService } from "./lambda";

const dec = new TextDecoder();

/** Module handlers (Define Lambda function handler in Node.js): module scope runs once per execution environment. */
describe("Code.modulePath handlers", () => {
  const dir = mkdtempSync(join(tmpdir(), "simcloud-fn-"));
  const esm = join(dir, "index.mjs");
  writeFileSync(
    esm,
    `let inits = 0; inits++; const table = process.env.TABLE;
     let calls = 0;
     export const handler = async (event) => ({ inits, calls: ++calls, table, now: process.env.TABLE, event });`,
  );
  const cjs = join(dir, "worker.cjs");
  writeFileSync(cjs, `let calls = 0; exports.run = (event, context, callback) => callback(null, { calls: ++calls, name: process.env.AWS_LAMBDA_FUNCTION_NAME });`);

  it("loads an ESM handler, runs its module scope inside the function's environment once, and reuses it warm", async () => {
    const lambda = createFunctionService(createSimContext());
    await lambda.createFunction({ FunctionName: "m", Code: { modulePath: esm }, Handler: "index.handler", Environment: { Variables: { TABLE: "orders" } } });
    const first = JSON.parse(dec.decode((await lambda.invoke({ FunctionName: "m", Payload: '{"x":1}' })).Payload)) as Record<string, unknown>;
    const second = JSON.parse(dec.decode((await lambda.invoke({ FunctionName: "m" })).Payload)) as Record<string, unknown>;
    expect(first).toEqual({ inits: 1, calls: 1, table: "orders", now: "orders", event: { x: 1 } });
    expect(second).toMatchObject({ inits: 1, calls: 2 });
    expect(process.env["TABLE"]).toBeUndefined();
  });

  it("gives each function its own module instance and loads CommonJS with a named export", async () => {
    const lambda = createFunctionService(createSimContext());
    await lambda.createFunction({ FunctionName: "a", Code: { modulePath: esm } });
    await lambda.createFunction({ FunctionName: "b", Code: { modulePath: cjs, export: "run" } });
    await lambda.createFunction({ FunctionName: "c", Code: { modulePath: cjs }, Handler: "worker.run" });
    await lambda.invoke({ FunctionName: "a" });
    const b1 = JSON.parse(dec.decode((await lambda.invoke({ FunctionName: "b" })).Payload)) as Record<string, unknown>;
    const b2 = JSON.parse(dec.decode((await lambda.invoke({ FunctionName: "b" })).Payload)) as Record<string, unknown>;
    const c1 = JSON.parse(dec.decode((await lambda.invoke({ FunctionName: "c" })).Payload)) as Record<string, unknown>;
    expect([b1, b2, c1]).toEqual([
      { calls: 1, name: "b" },
      { calls: 2, name: "b" },
      { calls: 1, name: "c" },
    ]);
  });

  it("a missing module or export fails the invocation with Runtime.ImportModuleError / Runtime.HandlerNotFound", async () => {
    const lambda = createFunctionService(createSimContext());
    await lambda.createFunction({ FunctionName: "gone", Code: { modulePath: join(dir, "missing.mjs") } });
    await lambda.createFunction({ FunctionName: "noexport", Code: { modulePath: esm, export: "nope" } });
    const gone = await lambda.invoke({ FunctionName: "gone" });
    const noexport = await lambda.invoke({ FunctionName: "noexport" });
    expect(gone.FunctionError).toBe("Unhandled");
    expect(JSON.parse(dec.decode(gone.Payload))).toMatchObject({ errorType: "Runtime.ImportModuleError" });
    expect(JSON.parse(dec.decode(noexport.Payload))).toMatchObject({ errorType: "Runtime.HandlerNotFound" });
  });
});

describe("module instances are per cloud", () => {
  const dir = mkdtempSync(join(tmpdir(), "simcloud-iso-"));
  const counter = join(dir, "counter.mjs");
  writeFileSync(counter, `let n = 0; export const handler = async () => ++n;`);

  it("two fresh services with the same seed do not share a module instance", async () => {
    const results: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      const ctx = createSimContext({ seed: 5 });
      const lambda = createFunctionService(ctx);
      await lambda.createFunction({ FunctionName: "count", Code: { modulePath: counter } });
      results.push(JSON.parse(dec.decode((await lambda.invoke({ FunctionName: "count" })).Payload)));
      ctx.scheduler.dispose();
    }
    expect(results).toEqual([1, 1]);
  });
});
