/** Limits AWS enforces on data: variable sizes, input nesting, history flags, request member types. */
import { awsError } from "@simcloud/core/testing";
import { describe, expect, it } from "vitest";
import { harness } from "./test-support";

const pass = (assign: Record<string, unknown>, extra: object = {}): object => ({ Type: "Pass", Assign: assign, End: true, ...extra });

describe('"Passing data between states with variables": variable size limits', () => {
  it("a variable over 256 KiB fails the state with States.DataLimitExceeded, and nothing is assigned", async () => {
    const h = harness();
    const arn = await h.machine({ QueryLanguage: "JSONata", StartAt: "Big", States: { Big: pass({ big: "{% $pad('', 262144, 'x') & 'yy' %}" }) } });
    const out = await h.run(arn);
    expect(out.status).toBe("FAILED");
    expect(out.error).toBe("States.DataLimitExceeded");
    expect(out.cause).toContain("The state 'Big' assigns the variable 'big' a value larger than 256 KiB");
  });

  it("one Assign holds at most 256 KiB in all, though each variable is under the limit", async () => {
    const h = harness();
    const arn = await h.machine({ QueryLanguage: "JSONata", StartAt: "Two", States: { Two: pass({ a: "{% $pad('', 150000, 'x') %}", b: "{% $pad('', 150000, 'y') %}" }) } });
    const out = await h.run(arn);
    expect(out).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded" });
    expect(out.cause).toContain("together exceed 256 KiB");
  });

  it("an execution's variables hold at most 10 MiB in all", async () => {
    const h = harness();
    const states: Record<string, object> = {};
    for (let i = 0; i < 42; i++) states[`S${i}`] = { Type: "Pass", Assign: { [`v${i}`]: "{% $pad('', 250000, 'x') %}" }, ...(i === 41 ? { End: true } : { Next: `S${i + 1}` }) };
    const arn = await h.machine({ QueryLanguage: "JSONata", StartAt: "S0", States: states });
    const out = await h.run(arn);
    expect(out).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded" });
    expect(out.cause).toContain("The state 'S41' would make the execution's variables exceed 10 MiB");
    // Reassigning the same variable replaces its size instead of adding to it.
    const same: Record<string, object> = {};
    for (let i = 0; i < 42; i++) same[`S${i}`] = { Type: "Pass", Assign: { v: "{% $pad('', 250000, 'x') %}" }, ...(i === 41 ? { End: true } : { Next: `S${i + 1}` }) };
    expect((await h.run(await h.machine({ QueryLanguage: "JSONata", StartAt: "S0", States: same }, "same"))).status).toBe("SUCCEEDED");
  });

  it("StateExited lists the assigned variables as JSON text (assignedVariables, as AWS's recorded histories show)", async () => {
    const h = harness();
    const arn = await h.machine({ StartAt: "A", States: { A: pass({ n: 1, s: "x", o: { "k.$": "$.k" } }) } });
    const out = await h.run(arn, { k: [true] });
    const { events } = await h.sfn.getExecutionHistory({ executionArn: out.executionArn });
    expect(events.find((event) => event.type === "PassStateExited")!.stateExitedEventDetails).toEqual({
      name: "A",
      output: '{"k":[true]}',
      outputDetails: { truncated: false },
      assignedVariables: { n: "1", s: '"x"', o: '{"k":[true]}' },
      assignedVariablesDetails: { truncated: false },
    });
    const lean = await h.sfn.getExecutionHistory({ executionArn: out.executionArn, includeExecutionData: false });
    expect(lean.events.find((event) => event.type === "PassStateExited")!.stateExitedEventDetails).toEqual({ name: "A" });
  });
});

describe("StartExecution input nesting (AWS parses with Jackson: at most 1,000 levels)", () => {
  it("1,001 levels are InvalidExecutionInput with Jackson's wording; 1,000 are accepted", async () => {
    const h = harness();
    const arn = await h.machine({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
    const error = await awsError(h.sfn.startExecution({ stateMachineArn: arn, input: `${"[".repeat(1001)}${"]".repeat(1001)}` }));
    expect(error.code).toBe("InvalidExecutionInput");
    expect(error.message).toBe("Invalid State Machine Execution Input: 'Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)'");
    expect((await h.sfn.listExecutions({ stateMachineArn: arn })).executions).toEqual([]);
    // Brackets inside strings are not nesting.
    expect((await h.run(arn, { s: "[".repeat(2000) })).status).toBe("SUCCEEDED");
    const { executionArn } = await h.sfn.startExecution({ stateMachineArn: arn, input: `${"[".repeat(1000)}${"]".repeat(1000)}` });
    expect(executionArn).toContain(":execution:");
  });
});

describe("GetExecutionHistory", () => {
  it("reverseOrder and includeExecutionData must be booleans (ValidationException), checked before anything is read", async () => {
    const h = harness();
    const arn = await h.machine({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
    const out = await h.run(arn);
    const error = await awsError(h.sfn.getExecutionHistory({ executionArn: out.executionArn, reverseOrder: "yes" as unknown as boolean }));
    expect(error.code).toBe("ValidationException");
    expect(error.message).toBe("1 validation error detected: Value 'yes' at 'reverseOrder' failed to satisfy constraint: Member must be a boolean");
    expect((await awsError(h.sfn.getExecutionHistory({ executionArn: out.executionArn, includeExecutionData: 1 as unknown as boolean }))).code).toBe("ValidationException");
  });

  it("truncated stays false however large the data (API Reference HistoryEventExecutionDataDetails: 'Always false for API calls')", async () => {
    const h = harness();
    const arn = await h.machine({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
    const out = await h.run(arn, { s: "x".repeat(250_000) });
    const { events } = await h.sfn.getExecutionHistory({ executionArn: out.executionArn });
    const flags = events.flatMap((event) => Object.values(event).filter((value): value is Record<string, unknown> => typeof value === "object" && value !== null && !(value instanceof Date)))
      .flatMap((details) => [details.inputDetails, details.outputDetails].filter((flag) => flag !== undefined));
    expect(flags.length).toBe(4);
    expect(flags.every((flag) => (flag as { truncated: boolean }).truncated === false)).toBe(true);
  });
});

describe("JSONPath evaluation bound", () => {
  it("a path cut off by the visit bound fails with a cause that says so, not 'could not be found'", async () => {
    const h = harness();
    let deep: unknown = 0;
    // 900 levels: within the input nesting limit; three chained deep scans revisit ~900³/6 nodes.
    for (let i = 0; i < 900; i++) deep = { c: deep };
    const arn = await h.machine({ StartAt: "P", States: { P: { Type: "Pass", Parameters: { "all.$": "$..*..*..*" }, End: true } } });
    const out = await h.run(arn, deep);
    expect(out.status).toBe("FAILED");
    expect(out.error).toBe("States.Runtime");
    expect(out.cause).toMatch(/^The JSONPath '\$\.\.\*\.\.\*\.\.\*' was not evaluated: it visited more than 2,000,000 nodes/);
  });
});
