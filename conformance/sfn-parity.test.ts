/**
 * Recorded-AWS parity (sfn-parity/*.json, written from LocalStack's snapshots of real AWS): every execution case end
 * to end through the real SFNClient (EXPRESS cases through StartSyncExecution), and
 * the api/ cases (ValidateStateMachineDefinition diagnostics, DescribeStateMachine's variableReferences).
 */
import { CreateStateMachineCommand, DescribeStateMachineCommand, SFNClient, ValidateStateMachineDefinitionCommand } from "@aws-sdk/client-sfn";
import { createCloud } from "simcloud";
import { describe, expect, it } from "vitest";
import { loadSfnCases, runSfnCase, sfnParityFiles } from "./sfn-cases";

/** Cases that do not match AWS yet: case name → why. Each is asserted to still fail, so a fix is noticed. */
const KNOWN_MISMATCHES: Readonly<Record<string, string>> = {};

for (const file of sfnParityFiles()) {
  describe(`sfn-parity/${file} via sdk`, () => {
    for (const testCase of loadSfnCases(file, "parity")) {
      const reason = KNOWN_MISMATCHES[testCase.name];
      it(reason === undefined ? testCase.name : `${testCase.name} (known mismatch: ${reason})`, async () => {
        const problems = await runSfnCase(testCase);
        if (reason !== undefined) expect(problems, "passes now: remove it from KNOWN_MISMATCHES").not.toEqual([]);
        else if (problems.length > 0) throw new Error(`${testCase.name}:\n  ${problems.join("\n  ")}`);
      });
    }
  });
}

interface ApiCase {
  readonly name: string;
  readonly definition?: unknown;
  readonly definitionText?: string;
  readonly validate?: { readonly type?: "STANDARD" | "EXPRESS" };
  readonly expectValidation?: { readonly result: string; readonly diagnostics: readonly unknown[] };
  readonly expectVariableReferences?: Readonly<Record<string, readonly string[]>> | null;
}

describe("sfn-parity/api via sdk (ValidateStateMachineDefinition, DescribeStateMachine.variableReferences)", () => {
  for (const file of ["api/validation-api.json", "api/variable-references.json"]) {
    for (const testCase of loadSfnCases(file, "parity") as unknown as ApiCase[]) {
      it(testCase.name, async () => {
        await using cloud = createCloud();
        const client = new SFNClient(cloud.clientConfig());
        const definition = testCase.definitionText ?? JSON.stringify(testCase.definition);
        if (testCase.expectValidation !== undefined) {
          const answer = await client.send(new ValidateStateMachineDefinitionCommand({ definition, type: testCase.validate?.type ?? "STANDARD" }));
          expect({ result: answer.result, diagnostics: answer.diagnostics }).toEqual(testCase.expectValidation);
        }
        if (testCase.expectVariableReferences !== undefined) {
          const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: "refs", definition, roleArn: "arn:aws:iam::000000000000:role/sfn" }));
          const described = await client.send(new DescribeStateMachineCommand({ stateMachineArn }));
          expect(described.variableReferences ?? null).toEqual(testCase.expectVariableReferences);
        }
      });
    }
  }
});
