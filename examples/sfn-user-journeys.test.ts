/**
 * Step Functions as a new user meets it (docs/sfn.md), through `simcloud` and the real `@aws-sdk/client-sfn` only:
 * a flaky Lambda retried with back-off, a Map over 1,000 items under MaxConcurrency, a year-long Wait, JSONata
 * variables, Step Functions Local's MockConfigFile example used unchanged, TestState, stopping and disposing mid-flight,
 * and determinism. Every wait is virtual.
 */
import { GetActivityTaskCommand, ListStateMachinesCommand, SFNClient, StartExecutionCommand, StartSyncExecutionCommand, TestStateCommand } from "@aws-sdk/client-sfn";
import { createCloud, type Cloud } from "simcloud";
import { describe, expect, it } from "vitest";

const ROLE = "arn:aws:iam::000000000000:role/sfn";
const DAY_MS = 86_400_000;
const fn = (name: string): string => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

async function runToEnd(cloud: Cloud, name: string, definition: object, input: unknown = {}) {
  const { stateMachineArn } = await cloud.sfn.createStateMachine({ name, roleArn: ROLE, definition: JSON.stringify(definition) });
  const { executionArn } = await cloud.sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  await cloud.runUntilIdle();
  return { executionArn, described: await cloud.sfn.describeExecution({ executionArn }) };
}

describe("retries, Map, Wait and timeouts on virtual time", () => {
  it("retries a flaky Lambda with IntervalSeconds × BackoffRate^n capped by MaxDelaySeconds", async () => {
    await using cloud = createCloud();
    const start = cloud.clock.now();
    const attempts: number[] = [];
    await cloud.lambda.createFunction({
      FunctionName: "flaky",
      handler: async () => {
        attempts.push(cloud.clock.now() - start);
        if (attempts.length < 4) throw Object.assign(new Error("try later"), { name: "Flaky" });
        return { ok: true };
      },
    });
    const { described } = await runToEnd(cloud, "retry", {
      StartAt: "T",
      States: { T: { Type: "Task", Resource: fn("flaky"), Retry: [{ ErrorEquals: ["Flaky"], IntervalSeconds: 1, BackoffRate: 3, MaxAttempts: 5, MaxDelaySeconds: 5 }], End: true } },
    });
    expect(described.status).toBe("SUCCEEDED");
    expect(attempts).toEqual([0, 1_000, 4_000, 9_000]); // 1 s, 3 s, then 9 s capped at 5 s
  });

  it("maps over 1,000 items with never more than MaxConcurrency iterations in flight", async () => {
    await using cloud = createCloud();
    let inFlight = 0;
    let peak = 0;
    await cloud.lambda.createFunction({
      FunctionName: "double",
      handler: async (n: number) => {
        peak = Math.max(peak, ++inFlight);
        await cloud.scheduler.sleep(100);
        inFlight--;
        return n * 2;
      },
    });
    const items = Array.from({ length: 1_000 }, (_, i) => i);
    const { described } = await runToEnd(
      cloud,
      "map",
      { StartAt: "M", States: { M: { Type: "Map", MaxConcurrency: 7, ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "T", States: { T: { Type: "Task", Resource: fn("double"), End: true } } }, End: true } } },
      items,
    );
    expect(described.status).toBe("SUCCEEDED");
    expect(JSON.parse(described.output!)).toEqual(items.map((i) => i * 2));
    expect(peak).toBe(7);
  });

  it("waits 360 days under runUntilIdle, and under autoAdvance once something awaits virtual time", async () => {
    for (const autoAdvance of [false, true]) {
      await using cloud = createCloud({ autoAdvance });
      const { stateMachineArn } = await cloud.sfn.createStateMachine({ name: "year", roleArn: ROLE, definition: JSON.stringify({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 360 * 86_400, End: true } } }) });
      const { executionArn } = await cloud.sfn.startExecution({ stateMachineArn });
      // autoAdvance jumps only while a caller awaits simulator work; polling DescribeExecution is not such work.
      if (autoAdvance) await cloud.scheduler.waitFor(cloud.scheduler.sleep(361 * DAY_MS));
      else await cloud.runUntilIdle();
      const described = await cloud.sfn.describeExecution({ executionArn });
      expect(described.status).toBe("SUCCEEDED");
      expect(described.stopDate!.getTime() - described.startDate.getTime()).toBe(360 * DAY_MS);
    }
  });

  it("a Task whose Lambda never settles fails with States.Timeout at TimeoutSeconds", async () => {
    await using cloud = createCloud();
    await cloud.lambda.createFunction({ FunctionName: "hang", Timeout: 900, handler: () => new Promise<never>(() => {}) });
    const { described, executionArn } = await runToEnd(cloud, "hang", { StartAt: "T", States: { T: { Type: "Task", Resource: fn("hang"), TimeoutSeconds: 5, End: true } } });
    expect(described).toMatchObject({ status: "FAILED", error: "States.Timeout" });
    expect(described.stopDate!.getTime() - described.startDate.getTime()).toBe(5_000);
    const { events } = await cloud.sfn.getExecutionHistory({ executionArn });
    expect(events.map((e) => e.type)).toEqual(["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionTimedOut", "ExecutionFailed"]);
    expect(events.map((e) => [e.id, e.previousEventId])).toEqual([[1, 0], [2, 0], [3, 2], [4, 3], [5, 4], [6, 5]]);
  });
});

describe("JSONata, mocks and TestState", () => {
  it("assigns workflow variables in one state and reads them in the next", async () => {
    await using cloud = createCloud();
    const { described } = await runToEnd(
      cloud,
      "vars",
      {
        QueryLanguage: "JSONata",
        StartAt: "A",
        States: {
          A: { Type: "Pass", Assign: { doubled: "{% $states.input.n * 2 %}", bonus: 5 }, Next: "B" },
          B: { Type: "Pass", Output: { total: "{% $doubled + $bonus %}", execution: "{% $states.context.Execution.Name != null %}" }, End: true },
        },
      },
      { n: 4 },
    );
    expect(JSON.parse(described.output!)).toEqual({ total: 13, execution: true });
  });

  it("runs the MockConfigFile example from 'Using mocked service integrations' unchanged (through SFNClient)", async () => {
    const mockConfig = {
      StateMachines: { LambdaSQSIntegration: { TestCases: { HappyPath: { LambdaState: "MockedLambdaSuccess", SQSState: "MockedSQSSuccess" }, RetryPath: { LambdaState: "MockedLambdaRetry", SQSState: "MockedSQSSuccess" } } } },
      MockedResponses: {
        MockedLambdaSuccess: { "0": { Return: { StatusCode: 200, Payload: { StatusCode: 200, body: "Hello from Lambda!" } } } },
        MockedSQSSuccess: { "0": { Return: { MD5OfMessageBody: "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", MessageId: "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51" } } },
        MockedLambdaRetry: {
          "0": { Throw: { Error: "Lambda.ResourceNotReadyException", Cause: "Lambda resource is not ready." } },
          "1-2": { Throw: { Error: "Lambda.TimeoutException", Cause: "Lambda timed out." } },
          "3": { Return: { StatusCode: 200, Payload: { StatusCode: 200, body: "Hello from Lambda!" } } },
        },
      },
    };
    await using cloud = createCloud({ sfn: { mockConfig } });
    const sfn = new SFNClient(cloud.clientConfig());
    const { stateMachineArn } = await cloud.sfn.createStateMachine({
      name: "LambdaSQSIntegration",
      roleArn: ROLE,
      definition: JSON.stringify({
        StartAt: "LambdaState",
        States: {
          LambdaState: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { "Payload.$": "$", FunctionName: "HelloWorldFunction" }, Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }], Next: "SQSState" },
          SQSState: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", Parameters: { QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/myQueue", "MessageBody.$": "$" }, End: true },
        },
      }),
    });
    for (const testCase of ["HappyPath", "RetryPath"]) {
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${stateMachineArn}#${testCase}`, input: "{}" }));
      await cloud.runUntilIdle();
      const described = await cloud.sfn.describeExecution({ executionArn: executionArn! });
      expect(described.status).toBe("SUCCEEDED");
      expect(JSON.parse(described.output!)).toMatchObject({ MessageId: "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51" });
      // Three retries: 2 s, 4 s, 8 s of virtual back-off on the RetryPath.
      expect(described.stopDate!.getTime() - described.startDate.getTime()).toBe(testCase === "RetryPath" ? 14_000 : 0);
    }
  });

  it("tests one state with TestState through SFNClient", async () => {
    await using cloud = createCloud();
    const sfn = new SFNClient(cloud.clientConfig());
    const result = await sfn.send(
      new TestStateCommand({ roleArn: ROLE, inspectionLevel: "DEBUG", input: '{"x":1}', definition: JSON.stringify({ Type: "Pass", Parameters: { "a.$": "$.x" }, ResultPath: "$.r", Next: "Next" }) }),
    );
    expect(result).toMatchObject({ status: "SUCCEEDED", nextState: "Next", output: '{"x":1,"r":{"a":1}}', inspectionData: { input: '{"x":1}' } });
  });
});

describe("stopping, disposing and replaying", () => {
  it("StopExecution mid-Map, mid-Parallel, mid-Wait and mid-callback leaves nothing running", async () => {
    await using cloud = createCloud();
    let calls = 0;
    await cloud.lambda.createFunction({ FunctionName: "slow", handler: async () => { calls++; await cloud.scheduler.sleep(1_000); return 1; } });
    const definitions: object[] = [
      { StartAt: "M", States: { M: { Type: "Map", MaxConcurrency: 2, ItemProcessor: { StartAt: "T", States: { T: { Type: "Task", Resource: fn("slow"), End: true } } }, End: true } } },
      { StartAt: "P", States: { P: { Type: "Parallel", Branches: [{ StartAt: "W", States: { W: { Type: "Wait", Seconds: 100, End: true } } }, { StartAt: "T", States: { T: { Type: "Task", Resource: fn("slow"), End: true } } }], End: true } } },
      { StartAt: "W", States: { W: { Type: "Wait", Seconds: 100_000, End: true } } },
      { StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken", Parameters: { FunctionName: "slow", "Payload.$": "$$.Task.Token" }, HeartbeatSeconds: 50, End: true } } },
    ];
    for (const [i, definition] of definitions.entries()) {
      const { stateMachineArn } = await cloud.sfn.createStateMachine({ name: `stop${i}`, roleArn: ROLE, definition: JSON.stringify(definition) });
      const { executionArn } = await cloud.sfn.startExecution({ stateMachineArn, input: JSON.stringify([1, 2, 3, 4, 5, 6]) });
      await cloud.advance(1_500);
      const before = calls;
      await cloud.sfn.stopExecution({ executionArn, error: "Stopped", cause: "by the test" });
      await cloud.runUntilIdle();
      expect(await cloud.sfn.describeExecution({ executionArn })).toMatchObject({ status: "ABORTED", error: "Stopped", cause: "by the test" });
      expect(calls).toBe(before);
      const { events } = await cloud.sfn.getExecutionHistory({ executionArn, reverseOrder: true, maxResults: 1 });
      expect(events[0]!.type).toBe("ExecutionAborted");
    }
  });

  it("disposing the cloud ends a pending StartSyncExecution and GetActivityTask long poll, native and through the SDK", async () => {
    const cloud = createCloud();
    const sfn = new SFNClient(cloud.clientConfig());
    await sfn.send(new ListStateMachinesCommand({}));
    const { stateMachineArn } = await cloud.sfn.createStateMachine({ name: "express", type: "EXPRESS", roleArn: ROLE, definition: JSON.stringify({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 100, End: true } } }) });
    const { activityArn } = await cloud.sfn.createActivity({ name: "work" });
    const outcome = (p: Promise<unknown>): Promise<string> => p.then(() => "resolved", (error: Error) => error.name);
    const pending = [
      outcome(cloud.sfn.startSyncExecution({ stateMachineArn })),
      outcome(cloud.sfn.getActivityTask({ activityArn })),
      outcome(sfn.send(new StartSyncExecutionCommand({ stateMachineArn }))),
      outcome(sfn.send(new GetActivityTaskCommand({ activityArn }))),
    ];
    await cloud.settle();
    await cloud[Symbol.asyncDispose]();
    expect(await Promise.all(pending)).toEqual(["CloudDisposedError", "CloudDisposedError", "CloudDisposedError", "CloudDisposedError"]);
  });

  it("the same seed gives the same execution ARN, UUIDs, random numbers, jittered back-offs and history", async () => {
    const once = async (): Promise<string> => {
      await using cloud = createCloud({ seed: 42 });
      let failures = 0;
      await cloud.lambda.createFunction({ FunctionName: "f", handler: async () => { if (failures++ < 2) throw new Error("again"); return 1; } });
      const { executionArn } = await runToEnd(cloud, "seeded", {
        StartAt: "P",
        States: {
          P: { Type: "Pass", Parameters: { "id.$": "States.UUID()", "n.$": "States.MathRandom(1, 1000)" }, Next: "T" },
          T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "f", "Payload.$": "$" }, Retry: [{ ErrorEquals: ["States.ALL"], JitterStrategy: "FULL", IntervalSeconds: 3 }], End: true },
        },
      });
      return JSON.stringify([executionArn, (await cloud.sfn.getExecutionHistory({ executionArn })).events]);
    };
    expect(await once()).toBe(await once());
  });
});
