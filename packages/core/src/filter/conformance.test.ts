/**
 * Every conformance vector in ./conformance: the vendored ones (copied verbatim from
 * ../shared/conformance/patterns) and our own extra-*.json files. Every *.json file in the folder is loaded.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { AwsError } from "../errors";
import { compileFilter } from "./compile";
import type { FilterDialect } from "./dialect";

const folder = fileURLToPath(new URL("./conformance/", import.meta.url));
const files = readdirSync(folder)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => [file, JSON.parse(readFileSync(folder + file, "utf8")) as unknown] as const);

interface Vector {
  name: string;
  kind: "eventbridge-pattern" | "sns-filter-attributes" | "sns-filter-body";
  pattern: object;
  event: object;
  eventJson?: string;
  expect?: boolean;
  expectError?: boolean;
}

const DIALECT: Record<Vector["kind"], FilterDialect> = {
  "eventbridge-pattern": "eventbridge",
  "sns-filter-attributes": "sns-attributes",
  "sns-filter-body": "sns-body",
};

it("the conformance folder holds the vendored vector files", () => {
  const names = files.map(([file]) => file);
  for (const vendored of ["eventbridge.json", "sns-attributes.json", "sns-body.json"]) expect(names).toContain(vendored);
});

for (const [file, vectors] of files) {
  describe(`conformance ${file}`, () => {
    it("is a JSON array of cases with known kinds", () => {
      expect(Array.isArray(vectors)).toBe(true);
      for (const vector of vectors as Vector[]) expect(Object.hasOwn(DIALECT, vector.kind), vector.name).toBe(true);
    });
    if (!Array.isArray(vectors)) return;
    for (const vector of vectors as Vector[]) {
      if (!Object.hasOwn(DIALECT, vector.kind)) continue;
      const dialect = DIALECT[vector.kind];
      if (vector.expectError) {
        it(`${vector.name} is rejected`, () => {
          expect(() => compileFilter(vector.pattern, dialect)).toThrow(AwsError);
          expect(() => compileFilter(JSON.stringify(vector.pattern), dialect)).toThrow(AwsError);
        });
        continue;
      }
      it(`${vector.name} → ${String(vector.expect)}`, () => {
        const filter = compileFilter(vector.pattern, dialect);
        expect(filter.matches(vector.event as never)).toBe(vector.expect);
        expect(compileFilter(JSON.stringify(vector.pattern), dialect).matches(vector.event as never)).toBe(vector.expect);
        if (vector.eventJson !== undefined) expect(filter.matches(vector.eventJson as never)).toBe(vector.expect);
      });
    }
  });
}
