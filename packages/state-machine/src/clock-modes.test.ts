/** One behaviour in the three clock modes: virtual (`advance`), `autoAdvance: true`, `clock: "system"` with fake timers. */
import { DEFAULT_START } from "@simcloud/clock";
import { createSimContext, type FunctionInvokeOutput } from "@simcloud/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createStateMachineService } from "./sfn";

const enc = new TextEncoder();
const definition = JSON.stringify({
  StartAt: "W",
  States: {
    W: { Type: "Wait", Seconds: 30, Next: "T" },
    T: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:000000000000:function:f", Retry: [{ ErrorEquals: ["Flaky"], IntervalSeconds: 2 }], End: true },
  },
});

describe.each(["virtual", "autoAdvance", "system"] as const)("a Wait and a Retry back-off [%s clock]", (mode) => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("finish exactly when virtual time reaches them", async () => {
    if (mode === "system") vi.useFakeTimers({ now: DEFAULT_START });
    const ctx = createSimContext({ ...(mode === "autoAdvance" ? { autoAdvance: true } : {}), ...(mode === "system" ? { clock: "system" } : {}) });
    const advance = async (ms: number): Promise<void> => {
      if (mode === "system") await vi.advanceTimersByTimeAsync(ms);
      else await ctx.scheduler.advance(ms);
    };
    let calls = 0;
    ctx.registry.register({
      kind: "function",
      arn: "arn:aws:lambda:us-east-1:000000000000:function:f",
      async invoke(): Promise<FunctionInvokeOutput> {
        calls += 1;
        if (calls === 1) return { StatusCode: 200, FunctionError: "Unhandled", Payload: enc.encode('{"errorType":"Flaky","errorMessage":"x"}') };
        return { StatusCode: 200, Payload: enc.encode('"ok"') };
      },
    });
    const sfn = createStateMachineService(ctx);
    const { stateMachineArn } = await sfn.createStateMachine({ name: "m", roleArn: "arn:aws:iam::000000000000:role/r", definition });
    const { executionArn } = await sfn.startExecution({ stateMachineArn, input: "{}" });
    await advance(29_999);
    expect((await sfn.describeExecution({ executionArn })).status).toBe("RUNNING");
    await advance(1);
    expect(calls).toBe(1);
    await advance(1_999);
    expect((await sfn.describeExecution({ executionArn })).status).toBe("RUNNING");
    await advance(1);
    const described = await sfn.describeExecution({ executionArn });
    expect(described).toMatchObject({ status: "SUCCEEDED", output: '"ok"' });
    expect(described.stopDate!.getTime() - described.startDate.getTime()).toBe(32_000);
    ctx.scheduler.dispose();
  });
});

describe.each(["virtual", "autoAdvance", "system"] as const)("a Distributed Map's child executions [%s clock]", (mode) => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("run on the same clock, MaxConcurrency at a time", async () => {
    if (mode === "system") vi.useFakeTimers({ now: DEFAULT_START });
    const ctx = createSimContext({ ...(mode === "autoAdvance" ? { autoAdvance: true } : {}), ...(mode === "system" ? { clock: "system" } : {}) });
    const advance = async (ms: number): Promise<void> => {
      if (mode === "system") await vi.advanceTimersByTimeAsync(ms);
      else await ctx.scheduler.advance(ms);
    };
    const sfn = createStateMachineService(ctx);
    const mapDefinition = JSON.stringify({
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          MaxConcurrency: 2,
          ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "W", States: { W: { Type: "Wait", Seconds: 10, End: true } } },
          End: true,
        },
      },
    });
    const { stateMachineArn } = await sfn.createStateMachine({ name: "m", roleArn: "arn:aws:iam::000000000000:role/r", definition: mapDefinition });
    const { executionArn } = await sfn.startExecution({ stateMachineArn, input: "[1,2,3]" });
    await advance(19_999);
    expect((await sfn.describeExecution({ executionArn })).status).toBe("RUNNING");
    await advance(1);
    const described = await sfn.describeExecution({ executionArn });
    expect(described).toMatchObject({ status: "SUCCEEDED", output: "[1,2,3]" });
    expect(described.stopDate!.getTime() - described.startDate.getTime()).toBe(20_000);
    ctx.scheduler.dispose();
  });
});
