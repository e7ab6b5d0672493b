import { describe, expect, it } from "vitest";
import { invalidDefinitionMessage, validateDefinition } from "./validate";

const check = (def: unknown): string => {
  const r = validateDefinition(typeof def === "string" ? def : JSON.stringify(def));
  return r.definition === undefined ? invalidDefinitionMessage(r.diagnostics) : "OK";
};
const pass = { Type: "Pass", End: true };

describe("ValidateStateMachineDefinition diagnostics as recorded by AWS (test_sfn_api_validation)", () => {
  it("not JSON: INVALID_JSON_DESCRIPTION with Jackson's wording and location", () => {
    const r = validateDefinition("not a definition");
    expect(r.diagnostics).toEqual([
      {
        severity: "ERROR",
        code: "INVALID_JSON_DESCRIPTION",
        location: '[Source: (String)"not a definition"; line: 1, column: 4]',
        message: "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)\"not a definition\"; line: 1, column: 4]",
      },
    ]);
  });
  it("empty string: Definition must be a valid JSON object", () => {
    expect(validateDefinition("").diagnostics).toEqual([{ severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", message: "Definition must be a valid JSON object" }]);
  });
  it("{}: These fields are required: [States, StartAt] at /", () => {
    expect(validateDefinition("{}").diagnostics).toEqual([{ severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", message: "These fields are required: [States, StartAt]", location: "/" }]);
    expect(check({ States: { A: pass } })).toBe("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] at /'");
  });
  it("JSONPath state under a JSONata machine", () => {
    expect(validateDefinition(JSON.stringify({ QueryLanguage: "JSONata", StartAt: "Pass", States: { Pass: { ...pass, QueryLanguage: "JSONPath" } } })).diagnostics).toEqual([
      { severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", message: "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", location: "/States/Pass" },
    ]);
  });
  it("EXPRESS rejects .waitForTaskToken", () => {
    const def = { StartAt: "SendMessageWithWait", States: { SendMessageWithWait: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", End: true } } };
    expect(validateDefinition(JSON.stringify(def), { type: "EXPRESS" }).diagnostics).toEqual([
      { severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", message: "Express state machine does not support '.waitForTaskToken' service integration ", location: "/States/SendMessageWithWait/Resource" },
    ]);
    expect(validateDefinition(JSON.stringify(def)).definition).toBeDefined();
  });
  it("bad Type, bad Timestamp, empty Branches, bad intrinsic, Credentials without RoleArn: AWS's messages", () => {
    expect(check({ StartAt: "ExistingButInvalidState", States: { ExistingButInvalidState: { Type: "Sleep", End: true } } })).toBe(
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at /States/ExistingButInvalidState/Type'",
    );
    expect(check({ StartAt: "WaitUntil", States: { WaitUntil: { Type: "Wait", Timestamp: "2016-12-05 21:29:29Z", End: true } } })).toBe(
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/WaitUntil/Timestamp'",
    );
    expect(check({ StartAt: "StateName", States: { StateName: { Type: "Parallel", Branches: [], End: true } } })).toBe("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/StateName/Branches'");
    expect(check({ StartAt: "IntrinsicEscape", States: { IntrinsicEscape: { Type: "Pass", Parameters: { "parsed.$": "States.StringToJson('x)" }, End: true } } })).toBe(
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call at /States/IntrinsicEscape/Parameters'",
    );
    expect(check({ StartAt: "State0", States: { State0: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Credentials: {}, End: true } } })).toBe(
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is required but was missing at /States/State0/Credentials'",
    );
  });
});

describe("ASL spec structural rules", () => {
  it("StartAt and every Next must name a state", () => {
    expect(check({ StartAt: "Nope", States: { A: pass } })).toContain("MISSING_TRANSITION_TARGET: Missing 'Next' target: Nope at /StartAt");
    expect(check({ StartAt: "A", States: { A: { Type: "Pass", Next: "Ghost" } } })).toContain("Missing 'Next' target: Ghost at /States/A/Next");
  });
  it("every state reachable; a terminal state exists; Next xor End", () => {
    expect(check({ StartAt: "A", States: { A: pass, B: pass } })).toContain('State "B" is not reachable.');
    expect(check({ StartAt: "A", States: { A: { Type: "Pass" } } })).toContain("SCHEMA_VALIDATION_FAILED");
    expect(check({ StartAt: "A", States: { A: { Type: "Pass", Next: "A" } } })).toContain("MISSING_END_STATE");
    expect(check({ StartAt: "A", States: { A: { Type: "Pass", Next: "B", End: true }, B: pass } })).toContain("mutually exclusive");
    expect(check({ StartAt: "A", States: {} })).toContain("Value cannot be empty at /States");
  });
  it("fields allowed per state type and per query language", () => {
    expect(check({ StartAt: "W", States: { W: { Type: "Pass", Seconds: 5, End: true } } })).toBe("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field \"Seconds\" is not supported by Step Functions at /States/W'");
    expect(check({ QueryLanguage: "JSONata", StartAt: "A", States: { A: { ...pass, InputPath: "$.a" } } })).toContain('The field "InputPath" is not supported by Step Functions in JSONata states at /States/A');
    expect(check({ StartAt: "A", States: { A: { ...pass, Output: {} } } })).toContain('The field "Output" is not supported by Step Functions in JSONPath states');
    expect(check({ StartAt: "A", States: { A: { Type: "Task", End: true } } })).toContain("These fields are required: [Resource] at /States/A");
  });
  it("paths, reference paths and JSONata syntax", () => {
    expect(check({ StartAt: "A", States: { A: { ...pass, InputPath: "a.b" } } })).toContain("/States/A/InputPath");
    expect(check({ StartAt: "A", States: { A: { ...pass, ResultPath: "$.a[*]" } } })).toContain("ReferencePath");
    expect(check({ QueryLanguage: "JSONata", StartAt: "A", States: { A: { ...pass, Output: "{% $states.input. %}" } } })).toContain("/States/A/Output");
  });
  it("Retry/Catch shape: States.ALL alone and last; Catch Next exists", () => {
    const t = (extra: object) => ({ StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:0:function:f", End: true, ...extra }, H: pass } });
    expect(check(t({ Retry: [{ ErrorEquals: ["States.ALL"] }, { ErrorEquals: ["X"] }], Catch: [{ ErrorEquals: ["X"], Next: "H" }] }))).toContain("last");
    expect(check(t({ Catch: [{ ErrorEquals: ["States.ALL", "X"], Next: "H" }] }))).toContain("alone");
    expect(check(t({ Catch: [{ ErrorEquals: ["X"], Next: "Z" }] }))).toContain("Missing 'Next' target: Z");
    expect(check(t({ Retry: [{ ErrorEquals: ["X"], BackoffRate: 0.5 }], Catch: [{ ErrorEquals: ["X"], Next: "H" }] }))).toContain("BackoffRate");
    expect(check(t({ Retry: [{ ErrorEquals: ["X"], JitterStrategy: "FULL", MaxDelaySeconds: 10 }], Catch: [{ ErrorEquals: ["X"], Next: "H" }] }))).toBe("OK");
  });
  it("Choice rules, Map processors and Parallel branches are checked recursively", () => {
    expect(check({ StartAt: "C", States: { C: { Type: "Choice", Choices: [{ Variable: "$.a", NumericEquals: "1", Next: "E" }] }, E: { Type: "Succeed" } } })).toContain("NumericEquals");
    expect(check({ StartAt: "M", States: { M: { Type: "Map", ItemProcessor: { StartAt: "X", States: { P: pass } }, End: true } } })).toContain("/States/M/ItemProcessor/StartAt");
    expect(check({ StartAt: "M", States: { M: { Type: "Map", Iterator: { StartAt: "P", States: { P: pass } }, End: true } } })).toBe("OK");
    expect(check({ StartAt: "P", States: { P: { Type: "Parallel", Branches: [{ StartAt: "A", States: { A: { Type: "Pass", Next: "Q" } } }], End: true } } })).toContain("/States/P/Branches[0]/States/A/Next");
  });
  it("state names are unique across branches and processors", () => {
    expect(check({ StartAt: "P", States: { P: { Type: "Parallel", Branches: [{ StartAt: "P", States: { P: pass } }], End: true } } })).toContain("DUPLICATE_STATE_NAME: Duplicate State name: P at /States/P/Branches[0]/States/P");
  });
  it("Assign may not use the reserved name states", () => {
    expect(check({ StartAt: "A", States: { A: { ...pass, Assign: { states: 1 } } } })).toContain("reserved");
  });
  it("the shared invalid vectors are rejected; valid machines come back parsed", () => {
    const ok = validateDefinition(JSON.stringify({ StartAt: "A", States: { A: pass } }));
    expect(ok).toEqual({ definition: { StartAt: "A", States: { A: pass } }, diagnostics: [] });
  });
});
