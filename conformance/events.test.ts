/**
 * EventBridge vectors: scenarios/events.json, and every pattern vector (patterns/eventbridge.json and our own
 * extra-eventbridge.json, copied from packages/core/src/filter/conformance) twice: through TestEventPattern and
 * through a real rule with an SQS target (see event-rules.ts for the few a rule cannot express).
 */
import { describe, expect, it } from "vitest";
import { isFilterCase, loadVectors } from "./cases";
import { ruleCaseSteps } from "./event-rules";
import { formatFailure, runCase } from "./runner";
import { availability, defineVectorSuite } from "./suite";

await defineVectorSuite("events.json");
await defineVectorSuite("eventbridge.json");
await defineVectorSuite("extra-eventbridge.json");

const { driver, wired } = await availability();
if (wired.has("events") && wired.has("sqs")) {
  for (const file of ["eventbridge.json", "extra-eventbridge.json"]) {
    const vectors = loadVectors(file).filter(isFilterCase).filter((vector) => vector.kind === "eventbridge-pattern");
    const skipped: string[] = [];
    describe(`${file} through rules via ${driver}`, () => {
      for (const vector of vectors) {
        const ruleCase = ruleCaseSteps(vector);
        if (typeof ruleCase === "string") {
          skipped.push(`${vector.name}: ${ruleCase}`);
          continue;
        }
        it(ruleCase.testCase.name, async () => {
          const result = await runCase(ruleCase.testCase, { driver, cloudOptions: { accountId: ruleCase.accountId } });
          if (!result.ok) throw new Error(formatFailure(ruleCase.testCase.name, result));
        }, 60_000);
      }
      it("runs nearly every vector through a rule (the rest read fields PutEvents cannot set)", () => {
        expect(skipped.length, skipped.join("\n")).toBeLessThanOrEqual(Math.ceil(vectors.length * 0.05));
      });
    });
  }
}
