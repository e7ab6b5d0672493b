import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  InvalidDefinition,
  ListExecutionsCommand,
  ListMapRunsCommand,
  DescribeMapRunCommand,
  UpdateMapRunCommand,
  ResourceNotFound,
  TestStateCommand,
  ListTagsForResourceCommand,
  paginateListStateMachines,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StateMachineDoesNotExist,
  StateMachineTypeNotSupported,
  StopExecutionCommand,
  ValidateStateMachineDefinitionCommand,
} from "@aws-sdk/client-sfn";
import { createSimContext, type SimContext } from "@simcloud/core";
import { createStateMachineService, type StateMachineService } from "@simcloud/state-machine";
import { beforeEach, describe, expect, it } from "vitest";
import { createClientConfig } from "../client-config";

const ROLE = "arn:aws:iam::000000000000:role/sfn";
const WAIT = JSON.stringify({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 30, Next: "P" }, P: { Type: "Pass", Result: { done: true }, End: true } } });

let context: SimContext;
let sfn: StateMachineService;
let client: SFNClient;

beforeEach(() => {
  context = createSimContext({ seed: 3 });
  sfn = createStateMachineService(context);
  client = new SFNClient(createClientConfig({ sfn }, context));
});

describe("Step Functions over AWS JSON 1.0 (AWSStepFunctions.<Action>)", () => {
  it("creates, describes with epoch-second timestamps as Dates, and pages ListStateMachines", async () => {
    const { stateMachineArn, creationDate } = await client.send(new CreateStateMachineCommand({ name: "a", definition: WAIT, roleArn: ROLE, tags: [{ key: "k", value: "v" }] }));
    expect(creationDate).toEqual(new Date(Date.UTC(2025, 0, 1)));
    await client.send(new CreateStateMachineCommand({ name: "b", definition: WAIT, roleArn: ROLE, type: "EXPRESS" }));
    const described = await client.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(described).toMatchObject({ name: "a", type: "STANDARD", status: "ACTIVE", roleArn: ROLE, definition: WAIT });
    const names: string[] = [];
    for await (const page of paginateListStateMachines({ client, pageSize: 1 }, {})) names.push(...(page.stateMachines ?? []).map((m) => m.name!));
    expect(names).toEqual(["a", "b"]);
    expect((await client.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }))).tags).toEqual([{ key: "k", value: "v" }]);
  });

  it("maps errors to the SDK's exception classes", async () => {
    await expect(client.send(new CreateStateMachineCommand({ name: "x", definition: '{"StartAt":"Nope","States":{}}', roleArn: ROLE }))).rejects.toBeInstanceOf(InvalidDefinition);
    await expect(client.send(new DescribeStateMachineCommand({ stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:ghost" }))).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: "w", definition: WAIT, roleArn: ROLE }));
    await client.send(new StartExecutionCommand({ stateMachineArn, name: "e", input: "{}" }));
    await expect(client.send(new StartExecutionCommand({ stateMachineArn, name: "e", input: '{"other":1}' }))).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    await expect(client.send(new StartSyncExecutionCommand({ stateMachineArn }))).rejects.toBeInstanceOf(StateMachineTypeNotSupported);
    const diagnostics = await client.send(new ValidateStateMachineDefinitionCommand({ definition: '{"StartAt":"A","States":{"A":{"Type":"Pass"}}}' }));
    expect(diagnostics.result).toBe("FAIL");
  });

  it("runs an execution on virtual time and returns its history", async () => {
    const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: "w", definition: WAIT, roleArn: ROLE }));
    const { executionArn, startDate } = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"a":1}' }));
    await context.scheduler.runUntilIdle();
    const described = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: "SUCCEEDED", output: '{"done":true}', input: '{"a":1}' });
    expect(described.stopDate!.getTime() - startDate!.getTime()).toBe(30_000);
    const history = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 3 }));
    expect(history.events!.map((e) => e.type)).toEqual(["ExecutionStarted", "WaitStateEntered", "WaitStateExited"]);
    expect(history.events![0]!.timestamp).toEqual(startDate);
    expect(history.events![0]!.executionStartedEventDetails).toMatchObject({ input: '{"a":1}', roleArn: ROLE });
    expect(history.nextToken).toBeDefined();
    const stopped = await client.send(new StopExecutionCommand({ executionArn }));
    expect(stopped.stopDate).toEqual(described.stopDate);
  });

  it("an activity worker and a callback answer through the client", async () => {
    const { activityArn } = await client.send(new CreateActivityCommand({ name: "work" }));
    const definition = JSON.stringify({ StartAt: "A", States: { A: { Type: "Task", Resource: activityArn, End: true } } });
    const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: "act", definition, roleArn: ROLE }));
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"job":7}' }));
    await context.scheduler.settle();
    const task = await client.send(new GetActivityTaskCommand({ activityArn, workerName: "w" }));
    expect(task.input).toBe('{"job":7}');
    await client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"ok":true}' }));
    await context.scheduler.runUntilIdle();
    expect((await client.send(new DescribeExecutionCommand({ executionArn }))).output).toBe('{"ok":true}');
  });

  it("StartSyncExecution runs an EXPRESS machine to the end", async () => {
    const auto = createSimContext({ autoAdvance: true });
    const service = createStateMachineService(auto);
    const express = new SFNClient(createClientConfig({ sfn: service }, auto));
    const { stateMachineArn } = await express.send(new CreateStateMachineCommand({ name: "x", definition: WAIT, roleArn: ROLE, type: "EXPRESS" }));
    const result = await express.send(new StartSyncExecutionCommand({ stateMachineArn, input: "{}" }));
    expect(result).toMatchObject({ status: "SUCCEEDED", output: '{"done":true}' });
    expect(result.stopDate!.getTime() - result.startDate!.getTime()).toBe(30_000);
    expect(result.billingDetails?.billedDurationInMilliseconds).toBe(30_000);
    expect(result.executionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:express:x:/);
  });

  it("a Distributed Map's map run: ListMapRuns, DescribeMapRun, UpdateMapRun and ListExecutions by mapRunArn", async () => {
    const definition = JSON.stringify({
      StartAt: "Map",
      States: {
        Map: {
          Type: "Map",
          Label: "Fan",
          MaxConcurrency: 1,
          ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "W", States: { W: { Type: "Wait", Seconds: 5, End: true } } },
          End: true,
        },
      },
    });
    const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: "fan", definition, roleArn: ROLE }));
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, input: "[1,2,3]" }));
    await context.scheduler.advance(1);
    const { mapRuns = [] } = await client.send(new ListMapRunsCommand({ executionArn }));
    expect(mapRuns).toHaveLength(1);
    const mapRunArn = mapRuns[0]!.mapRunArn!;
    expect(mapRuns[0]!.startDate).toBeInstanceOf(Date);
    await client.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 2, toleratedFailureCount: 1 }));
    const running = await client.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(running).toMatchObject({ status: "RUNNING", maxConcurrency: 2, toleratedFailureCount: 1, toleratedFailurePercentage: 0 });
    expect(running.itemCounts).toMatchObject({ total: 3, running: 2, pending: 1 });
    await context.scheduler.runUntilIdle();
    const done = await client.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(done.status).toBe("SUCCEEDED");
    expect(done.stopDate).toBeInstanceOf(Date);
    expect(done.executionCounts).toMatchObject({ succeeded: 3, resultsWritten: 3, total: 3 });
    const { executions = [] } = await client.send(new ListExecutionsCommand({ mapRunArn }));
    expect(executions.map((execution) => execution.mapRunArn)).toEqual([mapRunArn, mapRunArn, mapRunArn]);
    await expect(client.send(new DescribeMapRunCommand({ mapRunArn: `${mapRunArn}0` }))).rejects.toBeInstanceOf(ResourceNotFound);
  });

  it("GetExecutionHistory refuses a non-boolean reverseOrder with ValidationException, as AWS's validation does", async () => {
    const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: "h", definition: WAIT, roleArn: ROLE }));
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn }));
    const error = (await client.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: "yes" as unknown as boolean })).catch((e: unknown) => e)) as Error;
    expect(error.name).toBe("ValidationException");
    expect(error.message).toBe("1 validation error detected: Value 'yes' at 'reverseOrder' failed to satisfy constraint: Member must be a boolean");
  });

  it("TestState on a Map with a mock and stateConfiguration travels the wire (CAUGHT_ERROR with errorDetails)", async () => {
    const definition = JSON.stringify({
      Type: "Map",
      QueryLanguage: "JSONata",
      Items: "{% $states.input.Values %}",
      ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "P", States: { P: { Type: "Pass", End: true } } },
      Catch: [{ ErrorEquals: ["States.ExceedToleratedFailureThreshold"], Next: "Handle" }],
      ToleratedFailureCount: 0,
      End: true,
    });
    const answer = await client.send(new TestStateCommand({ definition, input: '{"Values":[1,2]}', inspectionLevel: "DEBUG", mock: { result: "[1,2]" }, stateConfiguration: { mapIterationFailureCount: 1 } }));
    expect(answer).toMatchObject({ status: "CAUGHT_ERROR", nextState: "Handle", error: "States.ExceedToleratedFailureThreshold", inspectionData: { errorDetails: { catchIndex: 0 }, maxConcurrency: 0, toleratedFailureCount: 0 } });
  });
});
