/**
 * The recorded-AWS parity cases (conformance/sfn-parity/*.json, written from LocalStack's
 * snapshot files recorded against real AWS) checked at the language level: executions of
 * Pass/Choice/Wait/Fail/Succeed/Map/Parallel machines through the data-flow API, exact
 * InvalidDefinition messages, and ValidateStateMachineDefinition diagnostics. The same
 * execution cases also run end to end through the real SFNClient in the conformance runner.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { run } from "./test-support";
import { invalidDefinitionMessage, validateDefinition } from "./validate";
import { variableReferences } from "./variable-references";

interface ParityCase {
  name: string;
  source: string;
  definition?: unknown;
  definitionText?: string;
  input?: unknown;
  stateMachineType?: "STANDARD" | "EXPRESS";
  expect?: { status: string; output?: unknown; error?: string; cause?: string };
  expectError?: string;
  expectErrorMessage?: string;
  validate?: { type?: "STANDARD" | "EXPRESS" };
  expectValidation?: { result: "OK" | "FAIL"; diagnostics: unknown[] };
  expectVariableReferences?: Record<string, string[]> | null;
}

const dir = join(__dirname, "../../../../conformance/sfn-parity");
const list = (d: string): string[] => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith(".json")).sort() : []);
const files = [...list(dir), ...list(join(dir, "api")).map((f) => `api/${f}`)];

for (const file of files) {
  // Distributed Map cases (map runs, S3 objects, the parent's history) need the service: the SFNClient runner checks them.
  const cases = (JSON.parse(readFileSync(join(dir, file), "utf8")) as (ParityCase & { expectHistoryTypes?: unknown })[]).filter((c) => c.expectHistoryTypes === undefined);
  if (cases.length === 0) continue;
  describe(`sfn-parity/${file}`, () => {
    it(`${cases.length} recorded cases match`, async () => {
      const problems: string[] = [];
      for (const c of cases) {
        const text = c.definitionText ?? JSON.stringify(c.definition);
        if (c.expectVariableReferences !== undefined) {
          const got = variableReferences(c.definition) ?? null;
          if (!isDeepStrictEqual(JSON.parse(JSON.stringify(got)), c.expectVariableReferences)) problems.push(`${c.name}: ${JSON.stringify(got)}`);
          continue;
        }
        if (c.expectValidation !== undefined) {
          const r = validateDefinition(text, { type: c.validate?.type ?? "STANDARD" });
          const result = r.diagnostics.some((d) => d.severity === "ERROR") ? "FAIL" : "OK";
          if (result !== c.expectValidation.result || !isDeepStrictEqual(JSON.parse(JSON.stringify(r.diagnostics)), c.expectValidation.diagnostics)) problems.push(`${c.name}: ${JSON.stringify(r.diagnostics)}`);
          continue;
        }
        if (c.expectError !== undefined) {
          const r = validateDefinition(text, { type: c.stateMachineType ?? "STANDARD" });
          const message = r.definition === undefined ? invalidDefinitionMessage(r.diagnostics) : "accepted";
          if (c.expectErrorMessage !== undefined ? message !== c.expectErrorMessage : r.definition !== undefined) problems.push(`${c.name}: ${message}`);
          continue;
        }
        const e = c.expect as NonNullable<ParityCase["expect"]>;
        const r = await run(c.definition, c.input);
        const got = { status: r.status, ...("output" in e ? { output: r.output } : {}), ...(e.error !== undefined ? { error: r.error } : {}), ...(e.cause !== undefined ? { cause: r.cause } : {}) };
        if (!isDeepStrictEqual(JSON.parse(JSON.stringify(got)), JSON.parse(JSON.stringify(e)))) problems.push(`${c.name}: got ${JSON.stringify(got)}`);
      }
      expect(problems).toEqual([]);
    });
  });
}
