/**
 * A state's exit event records its output as JSON text. Where a `$.key` ResultPath adds one member to the input, the
 * executor writes that text from the input's text (execution.ts, mergedText) instead of serializing the whole output:
 * it must be exactly JSON.stringify of the output, in every shape of input and key.
 */
import { describe, expect, it } from "vitest";
import { harness } from "./test-support";

const LAMBDA = "arn:aws:lambda:us-east-1:000000000000:function:f";

describe("state exit texts (history stateExitedEventDetails.output = JSON of the state's output)", () => {
  it("equals JSON.stringify of the output for every ResultPath shape", async () => {
    const h = harness();
    h.fn("f", (event) => ({ got: event, list: [1, "two", null] }));
    const arn = await h.machine({
      StartAt: "Append",
      States: {
        Append: { Type: "Pass", Result: { r: 1 }, ResultPath: "$.added", Next: "Replace" },
        Replace: { Type: "Pass", Result: "again", ResultPath: "$.added", Next: "Index" },
        Index: { Type: "Pass", Result: 7, ResultPath: "$.10", Next: "Proto" },
        Proto: { Type: "Pass", Result: { p: true }, ResultPath: "$.__proto__", Next: "Deep" },
        Deep: { Type: "Pass", Result: [1, 2], ResultPath: "$.deep.er", Next: "Quoted" },
        Quoted: { Type: "Pass", Result: "q", ResultPath: "$['we\"ird key']", Next: "Unicode" },
        Unicode: { Type: "Pass", Result: "é\u2028\ud800", ResultPath: "$.ключ", Next: "Filtered" },
        Filtered: { Type: "Pass", Result: 1, ResultPath: "$.kept", OutputPath: "$.deep", Next: "Empty" },
        Empty: { Type: "Pass", Parameters: {}, Next: "IntoEmpty" },
        IntoEmpty: { Type: "Pass", Result: null, ResultPath: "$.n", Next: "Call" },
        Call: { Type: "Task", Resource: LAMBDA, ResultPath: "$.called", Next: "Selected" },
        Selected: { Type: "Task", Resource: LAMBDA, ResultSelector: { "l.$": "$.list" }, ResultPath: "$.selected", Next: "Mapped" },
        Mapped: { Type: "Map", ItemsPath: "$.selected.l", ItemProcessor: { StartAt: "I", States: { I: { Type: "Pass", End: true } } }, ResultPath: "$.mapped", End: true },
      },
    });
    const described = await h.run(arn, { "3": "index-like first", z: { nested: [1, { a: "b" }] }, s: "x\"y\\z\n" });
    expect(described.status).toBe("SUCCEEDED");
    const path = h.sfn.executionPath(described.executionArn).filter((step) => step.scope === "");
    const { events } = await h.sfn.getExecutionHistory({ executionArn: described.executionArn, maxResults: 1000 });
    const exited = events.filter((e) => e.type.endsWith("StateExited") && e.previousEventId !== undefined);
    const topLevel = exited.filter((e) => path.some((step) => step.state === (e.stateExitedEventDetails as { name: string }).name));
    expect(topLevel.length).toBe(path.length);
    for (const step of path) {
      const event = topLevel.find((e) => (e.stateExitedEventDetails as { name: string }).name === step.state)!;
      expect((event.stateExitedEventDetails as { output: string }).output, step.state).toBe(JSON.stringify(step.output));
    }
    // The appended member really is last, and an existing one is replaced in place.
    expect(JSON.parse((topLevel[1]!.stateExitedEventDetails as { output: string }).output)).toMatchObject({ added: "again" });
  });
});
