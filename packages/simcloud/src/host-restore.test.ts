import { types } from "node:util";
import { expect, it } from "vitest";
import { createCloud } from "./index";

it("process.env and console are the host's again once the last cloud is disposed", async () => {
  const log = console.log;
  const env = process.env;
  const a = createCloud();
  const b = createCloud();
  for (const cloud of [a, b]) {
    await cloud.lambda.createFunction({ FunctionName: "f", Environment: { Variables: { ONLY_IN_F: "1" } }, handler: async () => process.env["ONLY_IN_F"] });
    await cloud.lambda.invoke({ FunctionName: "f" });
  }
  expect(types.isProxy(process.env)).toBe(true);
  await a.dispose();
  // b still runs handlers: its scoped view stays installed.
  expect(types.isProxy(process.env)).toBe(true);
  expect(new TextDecoder().decode((await b.lambda.invoke({ FunctionName: "f" })).Payload)).toBe('"1"');
  await b.dispose();
  expect(types.isProxy(process.env)).toBe(false);
  expect(process.env).toBe(env);
  expect(console.log).toBe(log);
  expect(process.env["ONLY_IN_F"]).toBeUndefined();
});
