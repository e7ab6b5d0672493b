import { isAwsError } from "@simcloud/core";
import { describe, expect, it, vi } from "vitest";
import { harness, thrown } from "./test-support";

const LAMBDA = (name: string): string => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

describe("executions (ASL spec: state types; API Reference: StartExecution, DescribeExecution)", () => {
  it("runs a Task on a function and records AWS's history events and ids", async () => {
    const h = harness();
    h.fn("hello", (event) => ({ got: event }));
    const arn = await h.machine({ StartAt: "T", States: { T: { Type: "Task", Resource: LAMBDA("hello"), Next: "Done" }, Done: { Type: "Succeed" } } });
    const described = await h.run(arn, { a: 1 }, "first");
    expect(described).toMatchObject({ status: "SUCCEEDED", output: '{"got":{"a":1}}', name: "first", executionArn: "arn:aws:states:us-east-1:000000000000:execution:m:first" });
    const { events } = await h.sfn.getExecutionHistory({ executionArn: described.executionArn });
    expect(events.map((e) => [e.id, e.previousEventId, e.type])).toEqual([
      [1, 0, "ExecutionStarted"],
      [2, 0, "TaskStateEntered"],
      [3, 2, "LambdaFunctionScheduled"],
      [4, 3, "LambdaFunctionStarted"],
      [5, 4, "LambdaFunctionSucceeded"],
      [6, 5, "TaskStateExited"],
      [7, 6, "SucceedStateEntered"],
      [8, 7, "SucceedStateExited"],
      [9, 8, "ExecutionSucceeded"],
    ]);
    expect(events[0]).toMatchObject({ executionStartedEventDetails: { input: '{"a":1}', inputDetails: { truncated: false }, roleArn: "arn:aws:iam::000000000000:role/sfn" } });
    expect(events[2]).toMatchObject({ lambdaFunctionScheduledEventDetails: { resource: LAMBDA("hello"), input: '{"a":1}' } });
    const reversed = await h.sfn.getExecutionHistory({ executionArn: described.executionArn, reverseOrder: true, maxResults: 2, includeExecutionData: false });
    expect(reversed.events.map((e) => e.type)).toEqual(["ExecutionSucceeded", "SucceedStateExited"]);
    expect(reversed.events[0]!.executionSucceededEventDetails).toEqual({});
    const rest = await h.sfn.getExecutionHistory({ executionArn: described.executionArn, reverseOrder: true, maxResults: 100, nextToken: reversed.nextToken! });
    expect(rest.events).toHaveLength(7);
  });

  it("lambda:invoke returns Payload, StatusCode and ExecutedVersion; function errors surface as their errorType", async () => {
    const h = harness();
    h.fn("echo", (event) => event);
    h.fn("bad", () => {
      throw thrown("CustomError", "boom");
    });
    const ok = await h.machine({ StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "echo", "Payload.$": "$" }, End: true } } }, "ok");
    const out = JSON.parse((await h.run(ok, { k: "v" })).output!) as Record<string, unknown>;
    expect(out).toMatchObject({ Payload: { k: "v" }, StatusCode: 200, ExecutedVersion: "$LATEST" });
    const bad = await h.machine({ StartAt: "T", States: { T: { Type: "Task", Resource: LAMBDA("bad"), End: true } } }, "bad");
    const failed = await h.run(bad);
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toBe("CustomError");
    expect(JSON.parse(failed.cause!)).toMatchObject({ errorType: "CustomError", errorMessage: "boom" });
    const missing = await h.machine({ StartAt: "T", States: { T: { Type: "Task", Resource: LAMBDA("ghost"), End: true } } }, "missing");
    expect((await h.run(missing)).error).toBe("Lambda.ResourceNotFoundException");
  });

  it("retries with back-off on the virtual clock, then catches", async () => {
    const h = harness();
    let calls = 0;
    h.fn("flaky", () => {
      calls += 1;
      if (calls < 3) throw thrown("Flaky");
      return "ok";
    });
    const arn = await h.machine({ StartAt: "T", States: { T: { Type: "Task", Resource: LAMBDA("flaky"), Retry: [{ ErrorEquals: ["Flaky"], IntervalSeconds: 2, BackoffRate: 3 }], End: true } } });
    const described = await h.run(arn);
    expect(described.status).toBe("SUCCEEDED");
    expect(described.stopDate!.getTime() - described.startDate.getTime()).toBe(2000 + 6000);
    expect(h.sfn.executionPath(described.executionArn)[0]!.retries).toBe(2);
  });

  it("a Wait of a year costs no real time (Wait state, virtual clock)", async () => {
    const h = harness();
    const arn = await h.machine({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 365 * 86_400 - 1, End: true } } });
    const started = performance.now();
    const described = await h.run(arn, { x: 1 });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(described.status).toBe("SUCCEEDED");
    expect(described.stopDate!.getTime() - described.startDate.getTime()).toBe((365 * 86_400 - 1) * 1000);
  });

  it("Parallel runs branches side by side; Map honours MaxConcurrency", async () => {
    const h = harness();
    const arn = await h.machine({
      StartAt: "P",
      States: {
        P: {
          Type: "Parallel",
          Branches: [
            { StartAt: "A", States: { A: { Type: "Wait", Seconds: 5, End: true } } },
            { StartAt: "B", States: { B: { Type: "Pass", Result: "b", End: true } } },
          ],
          Next: "M",
        },
        M: {
          Type: "Map",
          ItemsPath: "$.items",
          MaxConcurrency: 2,
          ItemProcessor: { StartAt: "W", States: { W: { Type: "Wait", Seconds: 10, End: true } } },
          End: true,
        },
      },
    });
    const { executionArn } = await h.sfn.startExecution({ stateMachineArn: arn, input: "{}" });
    await h.ctx.scheduler.runUntilIdle();
    const parallelOnly = await h.sfn.describeExecution({ executionArn });
    expect(parallelOnly.status).toBe("FAILED"); // ItemsPath $.items is missing on the Parallel's array output
    const arn2 = await h.machine({
      StartAt: "M",
      States: { M: { Type: "Map", MaxConcurrency: 2, ItemProcessor: { StartAt: "W", States: { W: { Type: "Wait", Seconds: 10, End: true } } }, End: true } },
    }, "map");
    const mapped = await h.run(arn2, [1, 2, 3, 4, 5]);
    expect(mapped.output).toBe("[1,2,3,4,5]");
    expect(mapped.stopDate!.getTime() - mapped.startDate.getTime()).toBe(30_000);
  });

  it("Map fails past ToleratedFailureCount with States.ExceedToleratedFailureThreshold", async () => {
    const h = harness();
    const arn = await h.machine({
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          ToleratedFailureCount: 1,
          ItemProcessor: {
            StartAt: "C",
            States: { C: { Type: "Choice", Choices: [{ Variable: "$", NumericGreaterThan: 2, Next: "F" }], Default: "OK" }, F: { Type: "Fail", Error: "Big" }, OK: { Type: "Succeed" } },
          },
          End: true,
        },
      },
    });
    expect((await h.run(arn, [1, 2, 3])).status).toBe("SUCCEEDED");
    const failed = await h.run(arn, [1, 3, 4], "two");
    expect(failed.error).toBe("States.ExceedToleratedFailureThreshold");
  });

  it("TimeoutSeconds on a task and on the machine", async () => {
    const h = harness();
    h.fn("slow", () => h.ctx.scheduler.sleep(60_000).then(() => "late"));
    const task = await h.machine({ StartAt: "T", States: { T: { Type: "Task", Resource: LAMBDA("slow"), TimeoutSeconds: 5, End: true } } }, "task");
    const timedOut = await h.run(task);
    expect(timedOut).toMatchObject({ status: "FAILED", error: "States.Timeout" });
    expect(timedOut.stopDate!.getTime() - timedOut.startDate.getTime()).toBe(5000);
    const machine = await h.machine({ TimeoutSeconds: 3, StartAt: "W", States: { W: { Type: "Wait", Seconds: 100, End: true } } }, "machine");
    const whole = await h.run(machine);
    expect(whole.status).toBe("TIMED_OUT");
    expect(h.ctx.scheduler.nextTaskTime()).toBeUndefined();
  });

  it("StartExecution is idempotent for the same name and input while running; otherwise ExecutionAlreadyExists", async () => {
    const h = harness();
    const arn = await h.machine({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 10, End: true } } });
    const a = await h.sfn.startExecution({ stateMachineArn: arn, name: "n", input: '{"x":1}' });
    const b = await h.sfn.startExecution({ stateMachineArn: arn, name: "n", input: '{"x":1}' });
    expect(b).toEqual(a);
    await expect(h.sfn.startExecution({ stateMachineArn: arn, name: "n", input: '{"x":2}' })).rejects.toMatchObject({ code: "ExecutionAlreadyExists" });
    await expect(h.sfn.startExecution({ stateMachineArn: arn, name: "bad name" })).rejects.toMatchObject({ code: "InvalidName" });
    await expect(h.sfn.startExecution({ stateMachineArn: arn, input: "{oops" })).rejects.toMatchObject({ code: "InvalidExecutionInput" });
    await h.ctx.scheduler.runUntilIdle();
    await expect(h.sfn.startExecution({ stateMachineArn: arn, name: "n", input: '{"x":1}' })).rejects.toMatchObject({ code: "ExecutionAlreadyExists" });
  });

  it("StopExecution aborts and cancels pending waits; ListExecutions filters by status and pages", async () => {
    const h = harness();
    const arn = await h.machine({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 100 * 86_400, End: true } } });
    const a = await h.sfn.startExecution({ stateMachineArn: arn, name: "a" });
    await h.sfn.startExecution({ stateMachineArn: arn, name: "b" });
    await h.ctx.scheduler.settle();
    await h.sfn.stopExecution({ executionArn: a.executionArn, error: "Stop", cause: "asked" });
    expect(await h.sfn.describeExecution({ executionArn: a.executionArn })).toMatchObject({ status: "ABORTED", error: "Stop", cause: "asked" });
    const running = await h.sfn.listExecutions({ stateMachineArn: arn, statusFilter: "RUNNING" });
    expect(running.executions.map((e) => e.name)).toEqual(["b"]);
    const page1 = await h.sfn.listExecutions({ stateMachineArn: arn, maxResults: 1 });
    expect(page1.executions.map((e) => e.name)).toEqual(["b"]);
    const page2 = await h.sfn.listExecutions({ stateMachineArn: arn, maxResults: 1, nextToken: page1.nextToken! });
    expect(page2.executions.map((e) => e.name)).toEqual(["a"]);
    const history = await h.sfn.getExecutionHistory({ executionArn: a.executionArn });
    expect(history.events.at(-1)).toMatchObject({ type: "ExecutionAborted", executionAbortedEventDetails: { error: "Stop", cause: "asked" } });
  });

  it("a result that would serialize to hundreds of MB fails with States.DataLimitExceeded without serializing it", async () => {
    // `$..*..*..*` over a 200-deep chain (1.4 KB of input) selects 1.3 million subtrees, 390 MB as JSON.
    const h = harness();
    let chain: unknown = 1;
    for (let i = 0; i < 200; i++) chain = { a: chain };
    const arn = await h.machine({ StartAt: "P", States: { P: { Type: "Pass", Parameters: { "x.$": "$..*..*..*" }, End: true } } });
    expect((await h.run(arn, chain)).error).toBe("States.DataLimitExceeded");
    h.fn("f", () => 1);
    const task = await h.machine({ StartAt: "T", States: { T: { Type: "Task", Resource: LAMBDA("f"), Parameters: { "x.$": "$..*..*..*" }, End: true } } }, "task");
    expect((await h.run(task, chain)).error).toBe("States.DataLimitExceeded");
    const text = await h.machine({ StartAt: "P", States: { P: { Type: "Pass", Parameters: { "x.$": "States.JsonToString($..*..*..*)" }, End: true } } }, "text");
    expect((await h.run(text, chain)).error).toBe("States.DataLimitExceeded");
  }, 10_000); // a hang guard: serializing the selection first took over 30 s

  it("a result over 256 KiB fails with States.DataLimitExceeded", async () => {
    const h = harness();
    h.fn("big", () => "x".repeat(300 * 1024));
    const arn = await h.machine({ StartAt: "T", States: { T: { Type: "Task", Resource: LAMBDA("big"), End: true } } });
    expect((await h.run(arn)).error).toBe("States.DataLimitExceeded");
  });

  it("stops at the 25,000-event history quota instead of looping forever", async () => {
    const h = harness();
    const arn = await h.machine({
      StartAt: "A",
      States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Choice", Choices: [{ Variable: "$.stop", IsPresent: true, Next: "Done" }], Default: "A" }, Done: { Type: "Succeed" } },
    });
    const described = await h.run(arn);
    expect(described.status).toBe("FAILED");
    expect(described.error).toBe("States.Runtime");
    const { events } = await h.sfn.getExecutionHistory({ executionArn: described.executionArn, maxResults: 1, reverseOrder: true });
    expect(events[0]!.id).toBe(25_000);
  });
});

describe("callbacks and activities (.waitForTaskToken, SendTaskSuccess/Failure/Heartbeat, GetActivityTask)", () => {
  it("a .waitForTaskToken task waits for SendTaskSuccess hours later", async () => {
    const h = harness();
    const tokens: string[] = [];
    h.sfn.registerTaskHandler("arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken", ({ parameters }) => {
      tokens.push((parameters as { token: string }).token);
      return { ok: true };
    });
    const arn = await h.machine({
      StartAt: "T",
      States: { T: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken", Parameters: { "token.$": "$$.Task.Token" }, HeartbeatSeconds: 7200, End: true } },
    });
    const { executionArn } = await h.sfn.startExecution({ stateMachineArn: arn });
    await h.ctx.scheduler.advance(3_600_000);
    await h.sfn.sendTaskHeartbeat({ taskToken: tokens[0] });
    await h.ctx.scheduler.advance(3_600_000);
    await h.sfn.sendTaskSuccess({ taskToken: tokens[0], output: '{"answer":42}' });
    await h.ctx.scheduler.runUntilIdle();
    const described = await h.sfn.describeExecution({ executionArn });
    expect(described).toMatchObject({ status: "SUCCEEDED", output: '{"answer":42}' });
    expect(described.stopDate!.getTime() - described.startDate.getTime()).toBe(7_200_000);
    const types = (await h.sfn.getExecutionHistory({ executionArn })).events.map((e) => e.type);
    expect(types).toContain("TaskSubmitted");
    await expect(h.sfn.sendTaskSuccess({ taskToken: tokens[0], output: "{}" })).rejects.toMatchObject({ code: "TaskDoesNotExist" });
    await expect(h.sfn.sendTaskSuccess({ taskToken: "nope", output: "{}" })).rejects.toMatchObject({ code: "InvalidToken" });
  });

  it("a missed heartbeat fails the task with States.Timeout, as recorded (test_heartbeats); a late answer gets TaskTimedOut", async () => {
    const h = harness();
    let token = "";
    h.sfn.registerTaskHandler("arn:aws:states:::http:invoke.waitForTaskToken", ({ taskToken }) => {
      token = taskToken!;
      return {};
    });
    const arn = await h.machine({ StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:states:::http:invoke.waitForTaskToken", HeartbeatSeconds: 10, End: true } } });
    const described = await h.run(arn);
    expect(described.error).toBe("States.Timeout");
    const events = (await h.sfn.getExecutionHistory({ executionArn: described.executionArn })).events;
    expect(events.find((e) => e.type === "TaskTimedOut")?.taskTimedOutEventDetails).toMatchObject({ error: "States.Timeout" });
    await expect(h.sfn.sendTaskSuccess({ taskToken: token, output: "{}" })).rejects.toMatchObject({ code: "TaskTimedOut" });
  });

  it("States.HeartbeatTimeout is matched only inside Retry and Catch (guide: Error names); States.Timeout matches it too", async () => {
    const h = harness();
    h.sfn.registerTaskHandler("arn:aws:states:::http:invoke.waitForTaskToken", () => ({}));
    const task = (errorEquals: string[]) => ({
      StartAt: "T",
      States: {
        T: { Type: "Task", Resource: "arn:aws:states:::http:invoke.waitForTaskToken", HeartbeatSeconds: 10, TimeoutSeconds: 600, Catch: [{ ErrorEquals: errorEquals, Next: "C" }], End: true },
        C: { Type: "Pass", End: true },
      },
    });
    for (const errorEquals of [["States.HeartbeatTimeout"], ["States.Timeout"], ["States.ALL"]]) {
      const described = await h.run(await h.machine(task(errorEquals), `hb${errorEquals[0]!.replace(/\W/g, "")}`));
      expect(described.status).toBe("SUCCEEDED");
      expect(JSON.parse(described.output!)).toMatchObject({ Error: "States.Timeout" });
    }
    const timeoutOnly = task(["States.HeartbeatTimeout"]);
    (timeoutOnly.States.T as { HeartbeatSeconds?: number }).HeartbeatSeconds = undefined;
    timeoutOnly.States.T.TimeoutSeconds = 5;
    const described = await h.run(await h.machine(JSON.parse(JSON.stringify(timeoutOnly)) as object, "plainTimeout"));
    expect(described.status).toBe("FAILED");
    expect(described.error).toBe("States.Timeout");
  });

  it("an activity worker long-polls on virtual time and answers", async () => {
    const h = harness({ autoAdvance: true });
    const { activityArn } = await h.sfn.createActivity({ name: "work" });
    const empty = await h.sfn.getActivityTask({ activityArn, workerName: "w1" });
    expect(empty).toEqual({});
    expect(h.ctx.scheduler.now()).toBe(Date.UTC(2025, 0, 1) + 60_000);
    const arn = await h.machine({ StartAt: "A", States: { A: { Type: "Task", Resource: activityArn, End: true } } });
    const { executionArn } = await h.sfn.startExecution({ stateMachineArn: arn, input: '{"job":1}' });
    const task = await h.sfn.getActivityTask({ activityArn, workerName: "w1" });
    expect(task.input).toBe('{"job":1}');
    await h.sfn.sendTaskSuccess({ taskToken: task.taskToken, output: '"done"' });
    await h.ctx.scheduler.waitFor(Promise.resolve());
    await vi.waitFor(async () => expect((await h.sfn.describeExecution({ executionArn })).status).toBe("SUCCEEDED"));
    const types = (await h.sfn.getExecutionHistory({ executionArn })).events.map((e) => e.type);
    expect(types).toEqual(["ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted", "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded"]);
    await expect(h.sfn.describeActivity({ activityArn: `${activityArn}x` })).rejects.toMatchObject({ code: "ActivityDoesNotExist" });
  });
});

describe("service integrations (states:startExecution, events:putEvents, user handlers, mocks)", () => {
  it("states:startExecution.sync:2 waits for the child and returns its output as JSON", async () => {
    const h = harness();
    const child = await h.machine({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 30, Next: "P" }, P: { Type: "Pass", Result: { c: 1 }, End: true } } }, "child");
    const parent = await h.machine({
      StartAt: "S",
      States: { S: { Type: "Task", Resource: "arn:aws:states:::states:startExecution.sync:2", Parameters: { StateMachineArn: child, Input: { x: 1 } }, OutputPath: "$.Output", End: true } },
    }, "parent");
    const described = await h.run(parent);
    expect(described).toMatchObject({ status: "SUCCEEDED", output: '{"c":1}' });
    expect(described.stopDate!.getTime() - described.startDate.getTime()).toBe(30_000);
  });

  it("events:putEvents with no bus registered is a clear task failure", async () => {
    const h = harness();
    const arn = await h.machine({ StartAt: "E", States: { E: { Type: "Task", Resource: "arn:aws:states:::events:putEvents", Parameters: { Entries: [{ Source: "s", DetailType: "d", Detail: {} }] }, End: true } } });
    const described = await h.run(arn);
    expect(described.error).toBe("EventBridge.ResourceNotFoundException");
    expect(described.cause).toContain("default");
  });

  it("an unregistered aws-sdk resource names the way to stub it", async () => {
    const h = harness();
    const arn = await h.machine({ StartAt: "D", States: { D: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:dynamodb:getItem", Parameters: { TableName: "t" }, End: true } } });
    expect((await h.run(arn)).cause).toContain("registerTaskHandler");
    h.sfn.registerTaskHandler("arn:aws:states:::aws-sdk:dynamodb:*", ({ parameters }) => ({ Item: { table: (parameters as { TableName: string }).TableName } }));
    expect((await h.run(arn, {}, "again")).output).toBe('{"Item":{"table":"t"}}');
  });

  it("a Step Functions Local MockConfigFile answers tasks per test case, in sequence", async () => {
    const h = harness();
    const arn = await h.machine({
      StartAt: "T",
      States: { T: { Type: "Task", Resource: LAMBDA("never"), Retry: [{ ErrorEquals: ["Oops"], IntervalSeconds: 1 }], End: true } },
    }, "Mocked");
    h.sfn.setMockConfig({
      StateMachines: { Mocked: { TestCases: { RetryPath: { T: "FailThenOk" } } } },
      MockedResponses: { FailThenOk: { "0": { Throw: { Error: "Oops", Cause: "first" } }, "1": { Return: { fine: true } } } },
    });
    const described = await h.run(`${arn}#RetryPath`);
    expect(described).toMatchObject({ status: "SUCCEEDED", output: '{"fine":true}' });
  });

  it("renders a definition and an execution path as Mermaid", async () => {
    const h = harness();
    const arn = await h.machine({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 90, Next: "C" }, C: { Type: "Choice", Choices: [{ Variable: "$.ok", BooleanEquals: true, Next: "Y" }], Default: "N" }, Y: { Type: "Succeed" }, N: { Type: "Fail", Error: "No" } } });
    const described = await h.run(arn, { ok: true });
    const picture = h.sfn.renderMermaid({ executionArn: described.executionArn });
    expect(picture.startsWith("flowchart TD\n")).toBe(true);
    expect(picture).toContain("1.5 min".replace("1.5 min", "90 s"));
    expect(picture).toMatch(/class [n0-9,]+ taken/);
    expect(h.sfn.renderMermaid({ definition: JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }) })).toContain("P<br/>");
  });

  it("RedriveExecution resumes from the failed state", async () => {
    const h = harness();
    let healthy = false;
    h.fn("dep", () => {
      if (!healthy) throw thrown("Down");
      return "up";
    });
    const arn = await h.machine({ StartAt: "A", States: { A: { Type: "Pass", Result: 1, Next: "T" }, T: { Type: "Task", Resource: LAMBDA("dep"), End: true } } });
    const failed = await h.run(arn);
    expect(failed.status).toBe("FAILED");
    healthy = true;
    await h.sfn.redriveExecution({ executionArn: failed.executionArn });
    await h.ctx.scheduler.runUntilIdle();
    expect(await h.sfn.describeExecution({ executionArn: failed.executionArn })).toMatchObject({ status: "SUCCEEDED", output: '"up"', redriveCount: 1 });
    await expect(h.sfn.redriveExecution({ executionArn: failed.executionArn })).rejects.toSatisfy((e: unknown) => isAwsError(e, "ExecutionNotRedrivable"));
  });
});

describe("TestState (one state in isolation)", () => {
  it("reports output and next state, a mocked result, RETRIABLE and CAUGHT_ERROR", async () => {
    const h = harness();
    const pass = await h.sfn.testState({ definition: JSON.stringify({ Type: "Pass", Parameters: { "x.$": "$.a" }, Next: "Later" }), input: '{"a":5}', inspectionLevel: "DEBUG" });
    expect(pass).toMatchObject({ status: "SUCCEEDED", output: '{"x":5}', nextState: "Later", inspectionData: { input: '{"a":5}' } });
    const task = { Type: "Task", Resource: LAMBDA("never"), ResultPath: "$.r", End: true };
    expect(await h.sfn.testState({ definition: JSON.stringify(task), input: "{}", mock: { result: '{"v":1}' } })).toMatchObject({ status: "SUCCEEDED", output: '{"r":{"v":1}}' });
    const retrying = { ...task, Retry: [{ ErrorEquals: ["Boom"] }] };
    expect(await h.sfn.testState({ definition: JSON.stringify(retrying), input: "{}", mock: { errorOutput: { error: "Boom", cause: "c" } } })).toMatchObject({ status: "RETRIABLE", error: "Boom" });
    const catching = { ...task, Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handler" }] };
    expect(await h.sfn.testState({ definition: JSON.stringify(catching), input: "{}", mock: { errorOutput: { error: "Boom", cause: "c" } } })).toMatchObject({ status: "CAUGHT_ERROR", nextState: "Handler", error: "Boom" });
    const wait = await h.sfn.testState({ definition: JSON.stringify({ Type: "Wait", Seconds: 86_400, End: true }), input: '{"k":1}' });
    expect(wait).toMatchObject({ status: "SUCCEEDED", output: '{"k":1}' });
    await expect(h.sfn.testState({ definition: "{", input: "{}" })).rejects.toMatchObject({ code: "InvalidDefinition" });
  });
});

describe("optimised integrations through the ports (sqs:sendMessage, sns:publish)", () => {
  it("sends the message body as JSON text and publishes to a topic", async () => {
    const h = harness();
    const sent: unknown[] = [];
    const published: unknown[] = [];
    h.ctx.registry.register({
      kind: "queue",
      arn: "arn:aws:sqs:us-east-1:000000000000:q",
      url: "https://sqs.us-east-1.amazonaws.com/000000000000/q",
      attributes: () => ({ fifo: false, visibilityTimeoutSeconds: 30 }),
      send(input) {
        sent.push(input);
        return { MessageId: "m-1", MD5OfMessageBody: "md5" };
      },
      receive: async () => [],
      deleteMessage() {},
      changeVisibility() {},
    });
    h.ctx.registry.register({
      kind: "topic",
      arn: "arn:aws:sns:us-east-1:000000000000:t",
      async publish(input) {
        published.push(input);
        return { MessageId: "p-1" };
      },
    });
    const arn = await h.machine({
      StartAt: "Q",
      States: {
        Q: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", Parameters: { QueueUrl: "https://sqs.us-east-1.amazonaws.com/000000000000/q", MessageBody: { "id.$": "$.id" } }, ResultPath: "$.sqs", Next: "S" },
        S: { Type: "Task", Resource: "arn:aws:states:::sns:publish", Parameters: { TopicArn: "arn:aws:sns:us-east-1:000000000000:t", Message: "hello", Subject: "s" }, ResultPath: "$.sns", End: true },
      },
    });
    const described = await h.run(arn, { id: 9 });
    expect(JSON.parse(described.output!)).toEqual({ id: 9, sqs: { MessageId: "m-1", MD5OfMessageBody: "md5" }, sns: { MessageId: "p-1" } });
    expect(sent).toEqual([{ MessageBody: '{"id":9}' }]);
    expect(published).toEqual([{ Message: "hello", Subject: "s" }]);
    const { events } = await h.sfn.getExecutionHistory({ executionArn: described.executionArn });
    expect(events.find((e) => e.type === "TaskScheduled")).toMatchObject({ taskScheduledEventDetails: { resource: "sendMessage", resourceType: "sqs", region: "us-east-1" } });
    const missing = await h.machine({ StartAt: "Q", States: { Q: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", Parameters: { QueueUrl: "https://sqs.us-east-1.amazonaws.com/000000000000/ghost", MessageBody: "x" }, End: true } } }, "missing");
    expect((await h.run(missing)).error).toBe("SQS.AmazonSQSException");
  });
});

describe("aborted work (Map iterations cut short by a failing sibling)", () => {
  it("records TaskStateAborted then MapIterationAborted, and leaves nothing scheduled", async () => {
    const h = harness();
    h.fn("slow", () => h.ctx.scheduler.sleep(10_000).then(() => "late"));
    const arn = await h.machine({
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          ItemProcessor: {
            StartAt: "C",
            States: {
              C: { Type: "Choice", Choices: [{ Variable: "$", NumericEquals: 0, Next: "Boom" }], Default: "Slow" },
              Boom: { Type: "Fail", Error: "Boom" },
              Slow: { Type: "Task", Resource: LAMBDA("slow"), End: true },
            },
          },
          End: true,
        },
      },
    });
    const described = await h.run(arn, [0, 1]);
    expect(described).toMatchObject({ status: "FAILED", error: "Boom" });
    const types = (await h.sfn.getExecutionHistory({ executionArn: described.executionArn })).events.map((e) => e.type);
    expect(types).toContain("TaskStateAborted");
    expect(types.indexOf("TaskStateAborted")).toBeLessThan(types.indexOf("MapIterationAborted"));
    expect(types).toContain("MapIterationFailed");
    expect(types.at(-2)).toBe("MapStateFailed");
  });
});

describe("events:putEvents and states:startExecution.sync failures", () => {
  it("puts events on a registered bus; a failed .sync child fails the task with States.TaskFailed", async () => {
    const h = harness();
    const put: unknown[] = [];
    h.ctx.registry.register({
      kind: "event-bus",
      arn: "arn:aws:events:us-east-1:000000000000:event-bus/default",
      async putEvents(entries) {
        put.push(...entries);
        return { FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `e-${i}` })) };
      },
    });
    const events = await h.machine({ StartAt: "E", States: { E: { Type: "Task", Resource: "arn:aws:states:::events:putEvents", Parameters: { Entries: [{ Source: "app", DetailType: "done", Detail: { id: 1 } }] }, End: true } } }, "events");
    expect(JSON.parse((await h.run(events)).output!)).toEqual({ Entries: [{ EventId: "e-0" }], FailedEntryCount: 0 });
    expect(put).toEqual([{ Source: "app", DetailType: "done", Detail: '{"id":1}' }]);
    const child = await h.machine({ StartAt: "F", States: { F: { Type: "Fail", Error: "ChildBroke", Cause: "c" } } }, "child");
    const parent = await h.machine({ StartAt: "S", States: { S: { Type: "Task", Resource: "arn:aws:states:::states:startExecution.sync", Parameters: { StateMachineArn: child }, End: true } } }, "parent");
    const failed = await h.run(parent);
    expect(failed.error).toBe("States.TaskFailed");
    expect(JSON.parse(failed.cause!)).toMatchObject({ Status: "FAILED", Error: "ChildBroke", Cause: "c" });
    const plain = await h.machine({ StartAt: "S", States: { S: { Type: "Task", Resource: "arn:aws:states:::states:startExecution", Parameters: { StateMachineArn: child, Name: "kid" }, End: true } } }, "plain");
    expect(JSON.parse((await h.run(plain)).output!)).toMatchObject({ ExecutionArn: "arn:aws:states:us-east-1:000000000000:execution:child:kid" });
    const ghost = await h.machine({ StartAt: "S", States: { S: { Type: "Task", Resource: "arn:aws:states:::states:startExecution", Parameters: { StateMachineArn: `${child}x` }, End: true } } }, "ghost");
    expect((await h.run(ghost)).error).toBe("StepFunctions.StateMachineDoesNotExistException");
  });
});
