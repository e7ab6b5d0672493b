/**
 * TestState on Map and Parallel states, mocks, stateConfiguration and stateName ("Using TestState API to test a state",
 * 2025), checked against LocalStack's recordings of AWS (tests/aws/services/stepfunctions/v2/test_state/*).
 */
import { awsError } from "@simcloud/core/testing";
import { describe, expect, it } from "vitest";
import { harness } from "./test-support";

const INPUT = JSON.stringify({ Values: ["first", "second", "third"] });
const processor = { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:000000000000:function:f", End: true } } };
const BASE_MAP = { Type: "Map", QueryLanguage: "JSONata", Items: "{% $states.input.Values %}", ItemProcessor: processor, Output: "{% $states %}", End: true };
const MAP_CATCH = {
  Type: "Map",
  QueryLanguage: "JSONata",
  Items: "{% $states.input.Values %}",
  ItemProcessor: processor,
  Catch: [{ ErrorEquals: ["MockException"], Output: "{% $states %}", Next: "HandleMockError" }, { ErrorEquals: ["States.ExceedToleratedFailureThreshold"], Output: "{% $states %}", Next: "HandleThreshold" }],
  ToleratedFailureCount: 1,
  End: true,
};
const MAP_RETRY = { ...MAP_CATCH, Catch: undefined, Retry: [{ ErrorEquals: ["MockException"], MaxAttempts: 3 }, { ErrorEquals: ["States.ExceedToleratedFailureThreshold"], MaxAttempts: 2 }] };
const PARALLEL = { Type: "Parallel", Branches: [{ StartAt: "B1", States: { B1: { Type: "Pass", End: true } } }, { StartAt: "B2", States: { B2: { Type: "Pass", End: true } } }], End: true };

describe("TestState: Map and Parallel need a mock that stands for their result (test_state_mock_validation)", () => {
  it("without a mock they are InvalidDefinition, as recorded", async () => {
    const h = harness();
    for (const state of [BASE_MAP, PARALLEL]) {
      const error = await awsError(h.sfn.testState({ definition: JSON.stringify(state), input: INPUT }));
      expect(error.code).toBe("InvalidDefinition");
      expect(error.message).toBe("TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]");
    }
  });

  it("refuses the mocks AWS refuses, with its messages", async () => {
    const h = harness();
    const cases: [object, Parameters<typeof h.sfn.testState>[0]["mock"], string, object?][] = [
      [{ Type: "Pass", End: true }, { result: "{}" }, "State type 'Pass' is not supported when a mock is specified"],
      [{ Type: "Fail", Error: "E" }, { errorOutput: { error: "E" } }, "State type 'Fail' is not supported when a mock is specified"],
      [BASE_MAP, { result: "[1]", errorOutput: { error: "E" } }, "A test mock should have only one of the following fields: [result, errorOutput]."],
      [BASE_MAP, { result: "{not json" }, "Mocked result must be valid JSON"],
      [BASE_MAP, { result: '{"a":1}' }, "Mocked result must be an array."],
      [{ ...BASE_MAP, ResultWriter: { Resource: "arn:aws:states:::s3:putObject", Arguments: { Bucket: "b", Prefix: "p" } } }, { result: "[1]" }, "Mocked result must be a JSON object."],
      [PARALLEL, { result: '{"a":1}' }, "Mocked result must be an array."],
      [PARALLEL, { result: "[1,2,3]" }, "Mocked result must contain the same number of items as number of Parallel branches."],
      [BASE_MAP, { result: "[1]" }, "TestState does not support RevealSecrets when a mock is specified.", { revealSecrets: true }],
    ];
    for (const [state, mock, message, extra] of cases) {
      const error = await awsError(h.sfn.testState({ definition: JSON.stringify(state), input: INPUT, mock, ...extra }));
      expect([error.code, error.message]).toEqual(["ValidationException", message]);
    }
    const noMock = await awsError(h.sfn.testState({ definition: JSON.stringify({ Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true }), input: INPUT, stateConfiguration: { mapIterationFailureCount: 1 } }));
    expect(noMock.message).toBe("TestState does not support MapIterationFailureCount when a mock is not specified.");
    const tooMany = await awsError(h.sfn.testState({ definition: JSON.stringify(BASE_MAP), input: INPUT, mock: { result: "[1,1]" }, stateConfiguration: { mapIterationFailureCount: 3 } }));
    expect(tooMany.message).toBe("Map iteration failure count must be less than or equal to the number of Map iterations");
  });
});

describe("TestState: a mocked Map or Parallel runs its own data flow around the mock (test_state_configuration, test_test_state_mock_scenarios)", () => {
  it("BASE_MAP_STATE: the mock is $states.result; DEBUG shows maxConcurrency", async () => {
    const h = harness();
    const out = await h.sfn.testState({ definition: JSON.stringify(BASE_MAP), input: INPUT, inspectionLevel: "DEBUG", mock: { result: "[1, 1, 1]" } });
    expect(out.status).toBe("SUCCEEDED");
    const output = JSON.parse(out.output!) as { input: unknown; result: unknown };
    expect(output.input).toEqual({ Values: ["first", "second", "third"] });
    expect(output.result).toEqual([1, 1, 1]);
    expect(out.inspectionData).toMatchObject({ input: INPUT, maxConcurrency: 0 });
    // Without a tolerance a failure count is not acted on: AWS's recording succeeds with the mocked result.
    const counted = await h.sfn.testState({ definition: JSON.stringify(BASE_MAP), input: INPUT, mock: { result: "[0, 0, 1]" }, stateConfiguration: { mapIterationFailureCount: 2 } });
    expect(counted.status).toBe("SUCCEEDED");
  });

  it("BASE_MAP_STATE_CATCH: failures over ToleratedFailureCount are caught (CAUGHT_ERROR, errorDetails.catchIndex 1)", async () => {
    const h = harness();
    const below = await h.sfn.testState({ definition: JSON.stringify(MAP_CATCH), input: INPUT, mock: { result: "[1, 1, 1]" }, stateConfiguration: { mapIterationFailureCount: 0 }, inspectionLevel: "DEBUG" });
    expect(below).toMatchObject({ status: "SUCCEEDED", inspectionData: { maxConcurrency: 0, toleratedFailureCount: 1 } });
    expect(JSON.parse(below.output!)).toEqual([1, 1, 1]);
    const above = await h.sfn.testState({ definition: JSON.stringify(MAP_CATCH), input: INPUT, mock: { result: "[0, 0, 1]" }, stateConfiguration: { mapIterationFailureCount: 2 }, inspectionLevel: "DEBUG" });
    expect(above).toMatchObject({
      status: "CAUGHT_ERROR",
      error: "States.ExceedToleratedFailureThreshold",
      cause: "The specified tolerated failure threshold was exceeded",
      nextState: "HandleThreshold",
      inspectionData: { errorDetails: { catchIndex: 1 }, toleratedFailureCount: 1 },
    });
    expect((JSON.parse(above.output!) as { errorOutput: unknown }).errorOutput).toEqual({ Error: "States.ExceedToleratedFailureThreshold", Cause: "The specified tolerated failure threshold was exceeded" });
  });

  it("BASE_MAP_STATE_RETRY: RETRIABLE with errorDetails { retryBackoffIntervalSeconds: 1, retryIndex: 1 }", async () => {
    const h = harness();
    const out = await h.sfn.testState({ definition: JSON.stringify(MAP_RETRY), input: INPUT, mock: { result: "[0, 0, 1]" }, stateConfiguration: { mapIterationFailureCount: 2 }, inspectionLevel: "TRACE" });
    expect(out).toMatchObject({ status: "RETRIABLE", error: "States.ExceedToleratedFailureThreshold", inspectionData: { errorDetails: { retryBackoffIntervalSeconds: 1, retryIndex: 1 } } });
  });

  it("a mocked error on a Map (errorCausedByState) fails it with the mock's error", async () => {
    const h = harness();
    const out = await h.sfn.testState({ definition: JSON.stringify(BASE_MAP), input: '{"Values":[1,1,1]}', mock: { errorOutput: { error: "MockException", cause: "Mock the cause of the error." } }, stateConfiguration: { errorCausedByState: "TestState" } });
    expect(out).toMatchObject({ status: "FAILED", error: "MockException", cause: "Mock the cause of the error." });
  });

  it("IO_PARALLEL_STATE: InputPath, ResultPath and OutputPath apply around the mocked branch results", async () => {
    const h = harness();
    const state = { ...PARALLEL, InputPath: "$.parallelInput", ResultPath: "$.parallelResult", OutputPath: "$" };
    const out = await h.sfn.testState({ definition: JSON.stringify(state), input: '{"parallelInput":{"data":"input_value"}}', mock: { result: '[{"branch1":"result"},{"branch2":"result"}]' } });
    expect(out.status).toBe("SUCCEEDED");
    expect(JSON.parse(out.output!)).toEqual({ parallelInput: { data: "input_value" }, parallelResult: [{ branch1: "result" }, { branch2: "result" }] });
  });
});

describe("TestState: stateConfiguration.retrierRetryCount and stateName", () => {
  const TASK_RETRY = { QueryLanguage: "JSONata", Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Arguments: { FunctionName: "foo", Payload: "bar" }, Retry: [{ ErrorEquals: ["MockException"], IntervalSeconds: 1, MaxAttempts: 5, BackoffRate: 2.0 }], End: true };
  const mock = { errorOutput: { error: "MockException", cause: "Mock the cause of the error." } };

  it("retries left: RETRIABLE with the next back-off (1 × 2^4 = 16 s); none left: FAILED with errorDetails.retryIndex", async () => {
    const h = harness();
    const below = await h.sfn.testState({ definition: JSON.stringify(TASK_RETRY), input: INPUT, mock, stateConfiguration: { retrierRetryCount: 4 }, inspectionLevel: "DEBUG" });
    expect(below).toMatchObject({ status: "RETRIABLE", error: "MockException", inspectionData: { errorDetails: { retryBackoffIntervalSeconds: 16, retryIndex: 0 } } });
    const above = await h.sfn.testState({ definition: JSON.stringify(TASK_RETRY), input: INPUT, mock, stateConfiguration: { retrierRetryCount: 5 }, inspectionLevel: "DEBUG" });
    expect(above).toMatchObject({ status: "FAILED", error: "MockException", cause: "Mock the cause of the error.", inspectionData: { errorDetails: { retryIndex: 0 } } });
  });

  it("stateName tests one state of a whole machine (BASE_MULTI_STATE_MACHINE), inheriting its QueryLanguage", async () => {
    const h = harness();
    const machine = JSON.stringify({ QueryLanguage: "JSONata", StartAt: "State0", States: { State0: { Type: "Pass", Next: "State1" }, State1: { Type: "Fail", Error: "SomeFailure", Cause: "This state machines raises a 'SomeFailure' failure." } } });
    expect(await h.sfn.testState({ definition: machine, stateName: "State0", input: '{"Value":"HelloWorld"}' })).toMatchObject({ status: "SUCCEEDED", nextState: "State1", output: '{"Value":"HelloWorld"}' });
    expect(await h.sfn.testState({ definition: machine, stateName: "State1", input: "{}" })).toMatchObject({ status: "FAILED", error: "SomeFailure" });
    expect((await awsError(h.sfn.testState({ definition: machine, stateName: "Nope", input: "{}" }))).code).toBe("ValidationException");
  });

  it("variables: the state starts with them; TRACE shows the variables after the state (test_state_with_variables)", async () => {
    const h = harness();
    const state = { QueryLanguage: "JSONata", Type: "Pass", Output: { got: "{% $var_input_value %}", n: "{% $var_constant_1 + 1 %}" }, Assign: { added: true }, End: true };
    const out = await h.sfn.testState({ definition: JSON.stringify(state), input: "{}", variables: JSON.stringify({ var_input_value: "test_value", var_constant_1: 10 }), inspectionLevel: "TRACE" });
    expect(JSON.parse(out.output!)).toEqual({ got: "test_value", n: 11 });
    expect(JSON.parse(out.inspectionData!.variables!)).toEqual({ var_input_value: "test_value", var_constant_1: 10, added: true });
    expect((await awsError(h.sfn.testState({ definition: JSON.stringify(state), input: "{}", variables: "[1]" }))).code).toBe("ValidationException");
  });
});
