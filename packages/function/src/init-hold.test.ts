import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createSimContext } from "@simcloud/core";
import { describe, expect, it } from "vitest";
import { createFunctionService } from "./lambda";

const dec = new TextDecoder();

describe("autoAdvance holds time while the cloud itself awaits real work", () => {
  // A module whose init imports a large package: real milliseconds of loading, no virtual time at all.
  const dir = mkdtempSync(join(tmpdir(), "simcloud-init-"));
  const heavy = pathToFileURL(createRequire(import.meta.url).resolve("fast-check")).href;
  const file = join(dir, "slow-init.mjs");
  writeFileSync(file, `const ts = await import(${JSON.stringify(heavy)}); export const handler = async () => typeof (ts.default ?? ts).assert;`);

  it("a module handler whose init imports a package does not time out in virtual time", async () => {
    const ctx = createSimContext({ autoAdvance: true, seed: 77 });
    const lambda = createFunctionService(ctx);
    await lambda.createFunction({ FunctionName: "slow-init", Code: { modulePath: file }, Timeout: 3 });
    const startedAt = ctx.clock.now();
    const out = await lambda.invoke({ FunctionName: "slow-init" });
    expect(out.FunctionError).toBeUndefined();
    expect(JSON.parse(dec.decode(out.Payload))).toBe("function");
    expect(ctx.clock.now()).toBe(startedAt);
    ctx.scheduler.dispose();
  });
});

describe("autoAdvance does not jump while the process has real I/O requests pending", () => {
  const dir = mkdtempSync(join(tmpdir(), "simcloud-io-"));
  const big = join(dir, "big.bin");
  writeFileSync(big, Buffer.alloc(64 * 1024 * 1024, 7));

  it("a handler reading a large file with fs.promises finishes within its 3 s timeout", async () => {
    const { readFile } = await import("node:fs/promises");
    const ctx = createSimContext({ autoAdvance: true });
    const lambda = createFunctionService(ctx);
    await lambda.createFunction({
      FunctionName: "reader",
      Timeout: 3,
      handler: async () => {
        let total = 0;
        for (let i = 0; i < 4; i++) total += (await readFile(big)).length;
        return total;
      },
    });
    const out = await lambda.invoke({ FunctionName: "reader" });
    expect(dec.decode(out.Payload)).toBe(String(4 * 64 * 1024 * 1024));
    expect(out.FunctionError).toBeUndefined();
    expect(JSON.parse(dec.decode(out.Payload))).toBe(4 * 64 * 1024 * 1024);
    ctx.scheduler.dispose();
  });
});
