/** Step Functions vectors (vectors/sfn/*.json): one test per case, each through the real SFNClient. */
import { describe, it } from "vitest";
import { loadSfnCases, runSfnCase, sfnVectorFiles } from "./sfn-cases";

for (const file of sfnVectorFiles()) {
  describe(`sfn/${file} via sdk`, () => {
    for (const testCase of loadSfnCases(file)) {
      it(testCase.name, async () => {
        const problems = await runSfnCase(testCase);
        if (problems.length > 0) throw new Error(`${testCase.name}:\n  ${problems.join("\n  ")}`);
      });
    }
  });
}
