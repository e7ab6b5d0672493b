import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createSimContext, type SimContext } from "@simcloud/core";
import { afterAll, describe, expect, it } from "vitest";
import { createFunctionService } from "./lambda";

const dec = new TextDecoder();

// Fixtures live under this package's node_modules so a bare `immer` resolves as it would in a project.
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "node_modules", ".cache");
mkdirSync(root, { recursive: true });
const dir = mkdtempSync(join(root, "simcloud-modules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, source: string): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, source);
  return path;
}

async function call(lambda: ReturnType<typeof createFunctionService>, name: string, payload?: unknown): Promise<Record<string, unknown>> {
  const out = await lambda.invoke({ FunctionName: name, ...(payload === undefined ? {} : { Payload: JSON.stringify(payload) }) });
  const body = JSON.parse(dec.decode(out.Payload)) as Record<string, unknown>;
  if (out.FunctionError !== undefined) return { error: body };
  return body;
}

/** A cold start: the only environment idles out first (idle timeout 1 s here). */
async function idleOut(ctx: SimContext): Promise<void> {
  await ctx.scheduler.advance(2_000);
}

file("counter-state.mjs", `let n = 0; export const next = () => ++n;`);
const esm = file(
  "esm-handler.mjs",
  `import { next } from "./counter-state.mjs";
   let local = 0;
   export const handler = async () => ({ shared: next(), local: ++local });`,
);
file("cjs-state.cjs", `let n = 0; exports.next = () => ++n;`);
const cjs = file("cjs-handler.cjs", `const { next } = require("./cjs-state.cjs"); let local = 0; exports.handler = async () => ({ shared: next(), local: ++local });`);

describe("module handlers: one module instance per execution environment and per cloud", () => {
  for (const [kind, path] of [
    ["ESM", esm],
    ["CommonJS", cjs],
  ] as const) {
    it(`${kind}: module state (its own imported files too) persists warm and is fresh in a new environment`, async () => {
      const ctx = createSimContext({ seed: 3 });
      const lambda = createFunctionService(ctx, { environmentIdleTimeoutMs: 1_000 });
      await lambda.createFunction({ FunctionName: "f", Code: { modulePath: path } });
      const warm = [await call(lambda, "f"), await call(lambda, "f")];
      await idleOut(ctx);
      const cold = await call(lambda, "f");
      expect(warm).toEqual([
        { shared: 1, local: 1 },
        { shared: 2, local: 2 },
      ]);
      expect(cold).toEqual({ shared: 1, local: 1 });
      ctx.scheduler.dispose();
    });

    it(`${kind}: two clouds with the same seed share no state, not even in the handler's imported files`, async () => {
      const results: unknown[] = [];
      for (let i = 0; i < 2; i++) {
        const ctx = createSimContext({ seed: 5 });
        const lambda = createFunctionService(ctx);
        await lambda.createFunction({ FunctionName: "f", Code: { modulePath: path } });
        results.push(await call(lambda, "f"), await call(lambda, "f"));
        ctx.scheduler.dispose();
      }
      expect(results).toEqual([
        { shared: 1, local: 1 },
        { shared: 2, local: 2 },
        { shared: 1, local: 1 },
        { shared: 2, local: 2 },
      ]);
    });
  }

  it("an ESM handler importing node builtins and an npm package, reading import.meta in its own files", async () => {
    file("where.mjs", `export const where = import.meta.url; export const dir = import.meta.dirname;`);
    const path = file(
      "uses.mjs",
      `import { createHash } from "node:crypto";
       import { basename } from "path";
       import { produce } from "immer";
       import { where, dir } from "./where.mjs";
       export const handler = async (event) => ({
         url: import.meta.url, filename: import.meta.filename, where, dir,
         hash: createHash("sha256").update("x").digest("hex").slice(0, 8),
         base: basename(import.meta.url),
         next: produce(event, (draft) => { draft.n += 1; }),
         os: (await import("node:os")).EOL.length,
       });`,
    );
    const ctx = createSimContext();
    const lambda = createFunctionService(ctx);
    await lambda.createFunction({ FunctionName: "uses", Code: { modulePath: path } });
    expect(await call(lambda, "uses", { n: 1 })).toEqual({
      url: pathToFileURL(path).href,
      filename: path,
      where: pathToFileURL(join(dir, "where.mjs")).href,
      dir,
      hash: "2d711642",
      base: "uses.mjs",
      next: { n: 2 },
      os: 1,
    });
    ctx.scheduler.dispose();
  });

  it("packages: an ES-module-only package's default import is its default export; a CommonJS one's is module.exports", async () => {
    file("node_modules/esm-only/package.json", JSON.stringify({ name: "esm-only", type: "module", exports: { import: "./index.js" } }));
    file("node_modules/esm-only/index.js", `let n = 0; export default function count() { return ++n; } export const kind = "esm";`);
    file("node_modules/cjs-lib/package.json", JSON.stringify({ name: "cjs-lib" }));
    file("node_modules/cjs-lib/index.js", `exports.kind = "cjs"; exports.twice = (x) => 2 * x;`);
    const path = file(
      "packages.mjs",
      `import count, { kind } from "esm-only";
       import lib, { twice } from "cjs-lib";
       export const handler = async () => ({ count: count(), kind, lib: lib.kind, twice: twice(2) });`,
    );
    const ctx = createSimContext();
    const lambda = createFunctionService(ctx, { environmentIdleTimeoutMs: 1_000 });
    await lambda.createFunction({ FunctionName: "packages", Code: { modulePath: path } });
    const warm = [await call(lambda, "packages"), await call(lambda, "packages")];
    await idleOut(ctx);
    expect([...warm, await call(lambda, "packages")]).toEqual([
      { count: 1, kind: "esm", lib: "cjs", twice: 4 },
      { count: 2, kind: "esm", lib: "cjs", twice: 4 },
      { count: 1, kind: "esm", lib: "cjs", twice: 4 },
    ]);
    ctx.scheduler.dispose();
  });

  it("a TypeScript handler runs as it would after the user's own build", async () => {
    file("shape.ts", `export interface Shape { sides: number } export const square: Shape = { sides: 4 };`);
    const path = file("typed.ts", `import { square, type Shape } from "./shape"; let seen: Shape[] = []; export const handler = async (): Promise<number> => { seen.push(square); return seen.length * square.sides; };`);
    const ctx = createSimContext();
    const lambda = createFunctionService(ctx);
    await lambda.createFunction({ FunctionName: "typed", Code: { modulePath: path } });
    expect([await call(lambda, "typed"), await call(lambda, "typed")]).toEqual([4, 8]);
    ctx.scheduler.dispose();
  });

  it("a CommonJS handler sees its own __filename, __dirname and require", async () => {
    const path = file("paths.cjs", `const { join } = require("node:path"); exports.handler = async () => ({ f: __filename, d: __dirname, j: join(__dirname, "x"), m: typeof module.exports });`);
    const ctx = createSimContext();
    const lambda = createFunctionService(ctx);
    await lambda.createFunction({ FunctionName: "paths", Code: { modulePath: path } });
    expect(await call(lambda, "paths")).toEqual({ f: path, d: dir, j: join(dir, "x"), m: "object" });
    ctx.scheduler.dispose();
  });

  // Loaded through import() (see ModuleLoader): its own imported files are shared per process, so none here.
  it("a handler with top-level await (Lambda's Node.js ESM allows it) runs its init once per environment", async () => {
    const path = file("tla.mjs", `const { EOL } = await import("node:os"); const base = await Promise.resolve(10); let n = 0; export const handler = async () => ({ n: ++n, base, eol: EOL.length });`);
    const ctx = createSimContext();
    const lambda = createFunctionService(ctx, { environmentIdleTimeoutMs: 1_000 });
    await lambda.createFunction({ FunctionName: "tla", Code: { modulePath: path } });
    const first = [await call(lambda, "tla"), await call(lambda, "tla")];
    await idleOut(ctx);
    expect([...first, await call(lambda, "tla")]).toEqual([
      { n: 1, base: 10, eol: 1 },
      { n: 2, base: 10, eol: 1 },
      { n: 1, base: 10, eol: 1 },
    ]);
    ctx.scheduler.dispose();
  });

  it("with autoAdvance, time still moves once a module has loaded (esbuild's idle service holds nothing)", async () => {
    const path = file("hangs.mjs", `export const handler = () => new Promise(() => {});`);
    const ctx = createSimContext({ autoAdvance: true });
    const lambda = createFunctionService(ctx);
    await lambda.createFunction({ FunctionName: "hangs", Code: { modulePath: path }, Timeout: 2 });
    const out = await lambda.invoke({ FunctionName: "hangs" });
    expect(JSON.parse(dec.decode(out.Payload))).toMatchObject({ errorType: "Sandbox.Timedout" });
    ctx.scheduler.dispose();
  });

  it("an error's stack names the user's file", async () => {
    const path = file("throws.mjs", `export const handler = async () => { throw new Error("bad input"); };`);
    const ctx = createSimContext();
    const lambda = createFunctionService(ctx);
    await lambda.createFunction({ FunctionName: "throws", Code: { modulePath: path } });
    const { error } = await call(lambda, "throws");
    expect(error).toMatchObject({ errorType: "Error", errorMessage: "bad input" });
    expect((error as { trace: string[] }).trace.join("\n")).toContain(path);
    ctx.scheduler.dispose();
  });

  it("a changed handler file is picked up by the next cold start", async () => {
    const path = file("changes.mjs", `export const handler = async () => "v1";`);
    const ctx = createSimContext();
    const lambda = createFunctionService(ctx, { environmentIdleTimeoutMs: 1_000 });
    await lambda.createFunction({ FunctionName: "changes", Code: { modulePath: path } });
    const before = await call(lambda, "changes");
    writeFileSync(path, `export const handler = async () => "version 2";`);
    await idleOut(ctx);
    expect([before, await call(lambda, "changes")]).toEqual(["v1", "version 2"]);
    ctx.scheduler.dispose();
  });

  it("an init error and a syntax error fail the invocation with Runtime.ImportModuleError", async () => {
    const initFails = file("init-fails.mjs", `throw new TypeError("no config"); export const handler = async () => 1;`);
    const broken = file("broken.mjs", `export const handler = async () => {;`);
    const ctx = createSimContext();
    const lambda = createFunctionService(ctx);
    await lambda.createFunction({ FunctionName: "init-fails", Code: { modulePath: initFails } });
    await lambda.createFunction({ FunctionName: "broken", Code: { modulePath: broken } });
    expect(await call(lambda, "init-fails")).toEqual({ error: expect.objectContaining({ errorType: "Runtime.ImportModuleError", errorMessage: "TypeError: no config" }) });
    expect(await call(lambda, "broken")).toEqual({ error: expect.objectContaining({ errorType: "Runtime.ImportModuleError", errorMessage: expect.stringContaining("SyntaxError") }) });
    ctx.scheduler.dispose();
  });
});
