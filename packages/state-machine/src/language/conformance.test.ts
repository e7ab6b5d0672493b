/**
 * The shared sfn conformance vectors (conformance/vectors/sfn, vendored by the executor)
 * that need no Task, run through the language API alone: data flow, intrinsics, choice,
 * wait arithmetic, JSONata, Parallel/Map data flow and validation.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./test-support";
import { validateDefinition } from "./validate";

interface Vector {
  name: string;
  definition: unknown;
  input: unknown;
  functions?: unknown;
  expect?: { status: string; output?: unknown; error?: string | string[]; cause?: string; durationMs?: number };
  expectError?: string;
}

const dirs = [join(__dirname, "../../../../conformance/vectors/sfn"), "/work/shared/conformance/sfn"];
const dir = dirs.find((d) => existsSync(d));
const vectors: Vector[] = dir === undefined ? [] : readdirSync(dir).filter((f) => f.endsWith(".json")).flatMap((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Vector[]);
const usesTask = (v: Vector): boolean => JSON.stringify(v.definition).includes('"Type":"Task"');

describe.runIf(vectors.length > 0)("shared sfn vectors without tasks (language only)", () => {
  for (const v of vectors.filter((x) => !usesTask(x) && x.functions === undefined)) {
    it(v.name, async () => {
      if (v.expectError !== undefined) {
        expect(validateDefinition(JSON.stringify(v.definition)).definition).toBeUndefined();
        return;
      }
      const e = v.expect as NonNullable<Vector["expect"]>;
      const r = await run(v.definition, v.input);
      if (e.status === "TIMED_OUT") return; // execution timeouts belong to the executor
      expect(r.status).toBe(e.status);
      if ("output" in e) expect(r.output).toEqual(e.output);
      if (e.error !== undefined) expect(Array.isArray(e.error) ? e.error : [e.error]).toContain(r.error);
      if (e.cause !== undefined) expect(r.cause).toBe(e.cause);
      if (e.durationMs !== undefined) expect(r.waitedMs).toBe(e.durationMs);
    });
  }
});
