/** Every vendored conformance vector (copied verbatim from ../shared/conformance/patterns). */
import { describe, expect, it } from "vitest";
import { AwsError } from "../errors";
import { compileFilter } from "./compile";
import type { FilterDialect } from "./dialect";
import eventbridge from "./conformance/eventbridge.json" with { type: "json" };
import snsAttributes from "./conformance/sns-attributes.json" with { type: "json" };
import snsBody from "./conformance/sns-body.json" with { type: "json" };

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

for (const [file, vectors] of [["eventbridge.json", eventbridge], ["sns-attributes.json", snsAttributes], ["sns-body.json", snsBody]] as const) {
  describe(`conformance ${file}`, () => {
    for (const vector of vectors as Vector[]) {
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
