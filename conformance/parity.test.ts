/**
 * Recorded-AWS parity (docs/conformance.md, "Parity with recorded AWS answers"): one test per case in
 * parity/{sqs,sns,lambda,events,scheduler,kinesis}.json. Cases listed in parity/known-differences.json must still differ (so the list
 * stays honest); every other case must match. The match rate is printed and written to .parity-rate.json.
 */
import { writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { loadKnownDifferences, loadParityCases, runParityCase, type ParityCase } from "./parity";

const FILES = ["sqs.json", "sns.json", "lambda.json", "events.json", "scheduler.json", "kinesis.json"] as const;
const known = loadKnownDifferences();
const all = new Map<string, ParityCase[]>(FILES.map((file) => [file, loadParityCases(file)]));
const tally = new Map<string, { matched: number; total: number }>();
/** Case → how it differs; written to $SIMCLOUD_PARITY_REPORT with the rate (to refresh known-differences.json). */
const differences: Record<string, string> = {};

for (const name of Object.keys(known)) {
  if (![...all.values()].some((cases) => cases.some((testCase) => testCase.name === name))) {
    throw new Error(`known-differences.json names ${name}, which is not a parity case`);
  }
}

afterAll(() => {
  const rows = [...tally.entries()].map(([file, { matched, total }]) => `${file}: ${matched}/${total} (${((100 * matched) / Math.max(total, 1)).toFixed(1)}%)`);
  const matched = [...tally.values()].reduce((sum, row) => sum + row.matched, 0);
  const total = [...tally.values()].reduce((sum, row) => sum + row.total, 0);
  const summary = `parity with recorded AWS answers: ${matched}/${total} (${((100 * matched) / Math.max(total, 1)).toFixed(1)}%); ${rows.join("; ")}`;
  console.log(summary);
  if (process.env.SIMCLOUD_PARITY_REPORT !== undefined) writeFileSync(process.env.SIMCLOUD_PARITY_REPORT, `${JSON.stringify({ matched, total, files: Object.fromEntries(tally), differences }, null, 2)}\n`);
});

for (const [file, cases] of all) {
  tally.set(file, { matched: 0, total: cases.length });
  describe(`parity ${file}`, () => {
    for (const testCase of cases) {
      const reason = known[testCase.name];
      const title = `${testCase.name} [${testCase.recorded.test} / ${testCase.recorded.key}]`;
      it(reason === undefined ? title : `${title} (known difference: ${reason})`, async () => {
        const result = await runParityCase(testCase);
        if (result.ok) {
          const row = tally.get(file);
          if (row !== undefined) row.matched += 1;
        } else {
          differences[testCase.name] = `step ${result.step}: ${result.message}`;
        }
        if (reason === undefined) {
          if (!result.ok) throw new Error(`${testCase.name} differs from AWS at step ${result.step}: ${result.message}`);
        } else {
          expect(result.ok, `${testCase.name} matches AWS now: remove it from parity/known-differences.json`).toBe(false);
        }
      }, 30_000);
    }
  });
}
