import { isAwsError } from "@simcloud/core";
import { describe, expect, it } from "vitest";
import { harness, ROLE } from "./test-support";

const PASS = { StartAt: "P", States: { P: { Type: "Pass", End: true } } };

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAwsError(error)) return error.code;
    throw error;
  }
  return "none";
}

describe("state machines (API Reference: CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine)", () => {
  it("creates, describes and lists a STANDARD machine with its role stored", async () => {
    const h = harness();
    const arn = await h.machine(PASS, "orders");
    expect(arn).toBe("arn:aws:states:us-east-1:000000000000:stateMachine:orders");
    const described = await h.sfn.describeStateMachine({ stateMachineArn: arn });
    expect(described).toMatchObject({ name: "orders", status: "ACTIVE", type: "STANDARD", roleArn: ROLE, definition: JSON.stringify(PASS) });
    expect(described.creationDate.getTime()).toBe(Date.UTC(2025, 0, 1));
    const listed = await h.sfn.listStateMachines();
    expect(listed.stateMachines.map((m) => m.name)).toEqual(["orders"]);
  });

  it("creating the same machine again is idempotent; a different definition is StateMachineAlreadyExists", async () => {
    const h = harness();
    const arn = await h.machine(PASS, "a");
    expect(await h.machine(PASS, "a")).toBe(arn);
    expect(await code(h.machine({ StartAt: "X", States: { X: { Type: "Succeed" } } }, "a"))).toBe("StateMachineAlreadyExists");
  });

  it("refuses bad names, bad definitions and bad ARNs, storing nothing", async () => {
    const h = harness();
    expect(await code(h.machine(PASS, "has space"))).toBe("InvalidName");
    expect(await code(h.machine(PASS, "x".repeat(81)))).toBe("InvalidName");
    expect(await code(h.machine({ StartAt: "Nope", States: { A: { Type: "Pass", End: true } } }, "bad"))).toBe("InvalidDefinition");
    expect(await code(h.sfn.createStateMachine({ name: "j", roleArn: ROLE, definition: "{not json" }))).toBe("InvalidDefinition");
    expect((await h.sfn.listStateMachines()).stateMachines).toEqual([]);
    expect(await code(h.sfn.describeStateMachine({ stateMachineArn: "arn:aws:sqs:us-east-1:000000000000:q" }))).toBe("InvalidArn");
    expect(await code(h.sfn.describeStateMachine({ stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:ghost" }))).toBe("StateMachineDoesNotExist");
  });

  it("updates the definition and role with a new revision; deletes; the port follows", async () => {
    const h = harness();
    const arn = await h.machine(PASS, "u");
    expect(h.ctx.registry.resolve("state-machine", arn)).toBeDefined();
    const before = await h.sfn.describeStateMachine({ stateMachineArn: arn });
    const next = { StartAt: "S", States: { S: { Type: "Succeed" } } };
    const updated = await h.sfn.updateStateMachine({ stateMachineArn: arn, definition: JSON.stringify(next) });
    expect(updated.revisionId).not.toBe(before.revisionId);
    expect((await h.sfn.describeStateMachine({ stateMachineArn: arn })).definition).toBe(JSON.stringify(next));
    expect(await code(h.sfn.updateStateMachine({ stateMachineArn: arn }))).toBe("MissingRequiredParameter");
    await h.sfn.deleteStateMachine({ stateMachineArn: arn });
    expect(h.ctx.registry.resolve("state-machine", arn)).toBeUndefined();
    expect(await code(h.sfn.describeStateMachine({ stateMachineArn: arn }))).toBe("StateMachineDoesNotExist");
  });

  it("pages ListStateMachines with nextToken", async () => {
    const h = harness();
    for (const name of ["c", "a", "b"]) await h.machine(PASS, name);
    const first = await h.sfn.listStateMachines({ maxResults: 2 });
    expect(first.stateMachines.map((m) => m.name)).toEqual(["a", "b"]);
    const second = await h.sfn.listStateMachines({ maxResults: 2, nextToken: first.nextToken! });
    expect(second.stateMachines.map((m) => m.name)).toEqual(["c"]);
    expect(second.nextToken).toBeUndefined();
    expect(await code(h.sfn.listStateMachines({ nextToken: "garbage" }))).toBe("InvalidToken");
  });

  it("tags machines and activities", async () => {
    const h = harness();
    const arn = await h.machine(PASS, "t");
    await h.sfn.tagResource({ resourceArn: arn, tags: [{ key: "team", value: "a" }, { key: "env", value: "x" }] });
    await h.sfn.untagResource({ resourceArn: arn, tagKeys: ["env"] });
    expect((await h.sfn.listTagsForResource({ resourceArn: arn })).tags).toEqual([{ key: "team", value: "a" }]);
    const { activityArn } = await h.sfn.createActivity({ name: "work", tags: [{ key: "k", value: "v" }] });
    expect((await h.sfn.listTagsForResource({ resourceArn: activityArn })).tags).toEqual([{ key: "k", value: "v" }]);
    const many = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: "v" }));
    expect(await code(h.sfn.tagResource({ resourceArn: arn, tags: many }))).toBe("TooManyTags");
  });

  it("validates definitions with diagnostics (ValidateStateMachineDefinition)", async () => {
    const h = harness();
    expect(await h.sfn.validateStateMachineDefinition({ definition: JSON.stringify(PASS) })).toMatchObject({ result: "OK", diagnostics: [], truncated: false });
    const bad = await h.sfn.validateStateMachineDefinition({ definition: JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "Ghost" } } }) });
    expect(bad.result).toBe("FAIL");
    expect(bad.diagnostics[0]).toMatchObject({ severity: "ERROR" });
  });
});

describe("versions and aliases (PublishStateMachineVersion, CreateStateMachineAlias)", () => {
  it("publishes versions, routes an alias by weight from the seeded source and records the version on executions", async () => {
    const h = harness();
    const arn = await h.machine({ StartAt: "P", States: { P: { Type: "Pass", Result: "v1", End: true } } }, "v");
    const v1 = await h.sfn.publishStateMachineVersion({ stateMachineArn: arn });
    expect(v1.stateMachineVersionArn).toBe(`${arn}:1`);
    expect((await h.sfn.publishStateMachineVersion({ stateMachineArn: arn })).stateMachineVersionArn).toBe(`${arn}:1`);
    await h.sfn.updateStateMachine({ stateMachineArn: arn, definition: JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", Result: "v2", End: true } } }), publish: true });
    const versions = await h.sfn.listStateMachineVersions({ stateMachineArn: arn });
    expect(versions.stateMachineVersions.map((v) => v.stateMachineVersionArn)).toEqual([`${arn}:2`, `${arn}:1`]);
    const { stateMachineAliasArn } = await h.sfn.createStateMachineAlias({
      name: "live",
      routingConfiguration: [
        { stateMachineVersionArn: `${arn}:1`, weight: 50 },
        { stateMachineVersionArn: `${arn}:2`, weight: 50 },
      ],
    });
    expect(stateMachineAliasArn).toBe(`${arn}:live`);
    const outputs = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const described = await h.run(stateMachineAliasArn, {}, `e${i}`);
      outputs.add(described.output!);
      expect(described.stateMachineAliasArn).toBe(stateMachineAliasArn);
    }
    expect(outputs).toEqual(new Set(['"v1"', '"v2"']));
    expect(await code(h.sfn.deleteStateMachineVersion({ stateMachineVersionArn: `${arn}:1` }))).toBe("ConflictException");
    expect(await code(h.sfn.createStateMachineAlias({ name: "bad", routingConfiguration: [{ stateMachineVersionArn: `${arn}:1`, weight: 60 }] }))).toBe("ValidationException");
  });

  it("a route without its version ARN or weight (typed `T | undefined`, as the SDK does) is a ValidationException and creates nothing", async () => {
    const h = harness();
    const arn = await h.machine({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }, "r");
    await h.sfn.publishStateMachineVersion({ stateMachineArn: arn });
    expect(await code(h.sfn.createStateMachineAlias({ name: "a", routingConfiguration: [{ stateMachineVersionArn: undefined, weight: 100 }] }))).toBe("ValidationException");
    expect(await code(h.sfn.createStateMachineAlias({ name: "a", routingConfiguration: [{ stateMachineVersionArn: `${arn}:1`, weight: undefined }] }))).toBe("ValidationException");
    expect((await h.sfn.listStateMachineAliases({ stateMachineArn: arn })).stateMachineAliases).toEqual([]);
  });
});

describe("EXPRESS executions (recorded: test_sfn_api_express)", () => {
  it("have no record for DescribeExecution, StopExecution, GetExecutionHistory or ListExecutions", async () => {
    const h = harness();
    const arn = await h.machine(PASS, "x", "EXPRESS");
    const { executionArn } = await h.sfn.startExecution({ stateMachineArn: arn });
    expect(executionArn).toMatch(/:express:x:/);
    await h.ctx.scheduler.runUntilIdle();
    const invalid = await code(h.sfn.describeExecution({ executionArn }));
    expect(invalid).toBe("InvalidArn");
    expect(await code(h.sfn.stopExecution({ executionArn }))).toBe("InvalidArn");
    expect(await code(h.sfn.getExecutionHistory({ executionArn }))).toBe("InvalidArn");
    expect(await code(h.sfn.listExecutions({ stateMachineArn: arn }))).toBe("StateMachineTypeNotSupported");
    expect(h.sfn.executionPath(executionArn).map((step) => step.state)).toEqual(["P"]);
  });
});

describe("page tokens (API Reference: ListStateMachines, ListExecutions — nextToken; recorded in test_sfn_api)", () => {
  async function failure(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
    } catch (error) {
      if (isAwsError(error)) return `${error.code}: ${error.message}`;
      throw error;
    }
    return "none";
  }

  it("a token that was never issued is InvalidToken, as the recorded ListStateMachineAliases answer shows", async () => {
    const h = harness();
    const arn = await h.machine(PASS, "m");
    expect(await failure(h.sfn.listStateMachines({ nextToken: "InvalidToken" }))).toBe("InvalidToken: Invalid Token: 'Invalid token'");
    expect(await failure(h.sfn.listStateMachineAliases({ stateMachineArn: arn, nextToken: "InvalidToken" }))).toBe("InvalidToken: Invalid Token: 'Invalid token'");
  });

  it("a token longer than the action's limit is a ValidationException naming it (1024 for machines and versions, 3096 for executions)", async () => {
    const h = harness();
    const arn = await h.machine(PASS, "m");
    const long = (n: number): string => "x".repeat(n);
    expect(await failure(h.sfn.listStateMachines({ nextToken: long(1025) }))).toBe(
      `ValidationException: 1 validation error detected: Value '${long(1025)}' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 1024`,
    );
    expect(await failure(h.sfn.listStateMachineVersions({ stateMachineArn: arn, nextToken: long(1025) }))).toBe(
      `ValidationException: 1 validation error detected: Value '${long(1025)}' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 1024`,
    );
    expect(await failure(h.sfn.listExecutions({ stateMachineArn: arn, nextToken: long(3097) }))).toBe(
      `ValidationException: 1 validation error detected: Value '${long(3097)}' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 3096`,
    );
    expect(await failure(h.sfn.listExecutions({ stateMachineArn: arn, nextToken: long(3096) }))).toBe("InvalidToken: Invalid Token: 'Invalid token'");
  });
});

describe("payload members of the wrong type (a rejected call changes nothing)", () => {
  it("a non-string execution input is a ValidationException, never a TypeError", async () => {
    const h = harness();
    const arn = await h.machine(PASS, "typed");
    for (const input of [0, { a: 1 }, [1], true]) {
      expect(await code(h.sfn.startExecution({ stateMachineArn: arn, input: input as never }))).toBe("ValidationException");
    }
    expect((await h.sfn.listExecutions({ stateMachineArn: arn })).executions).toEqual([]);
  });
});
