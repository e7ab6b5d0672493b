import { createSimContext, type SimContextOptions } from "@simcloud/core";
import { awsError, inEveryClockMode } from "@simcloud/core/testing";
import { describe, expect, it, vi } from "vitest";
import { createFunctionService } from "./lambda";

const enc = new TextEncoder();
const dec = new TextDecoder();
const json = (value: unknown): Uint8Array => enc.encode(JSON.stringify(value));
const parse = (bytes: Uint8Array | undefined): unknown => JSON.parse(dec.decode(bytes));

function setup(options: SimContextOptions = {}) {
  const ctx = createSimContext(options);
  return { ctx, lambda: createFunctionService(ctx) };
}

describe("CreateFunction / GetFunction / List / Update / Delete", () => {
  it("applies AWS defaults (Timeout 3, MemorySize 128, $LATEST) and returns the configuration", async () => {
    const { lambda } = setup();
    const config = await lambda.createFunction({ FunctionName: "f", handler: () => 1 });
    expect(config).toMatchObject({
      FunctionName: "f",
      FunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:f",
      Timeout: 3,
      MemorySize: 128,
      Version: "$LATEST",
      State: "Pending",
      EphemeralStorage: { Size: 512 },
      LastModified: "2025-01-01T00:00:00.000+0000",
    });
    const got = await lambda.getFunction({ FunctionName: "arn:aws:lambda:us-east-1:000000000000:function:f" });
    expect(got.Configuration.CodeSha256).toBe(config.CodeSha256);
    expect(got.Configuration.State).toBe("Active");
  });

  it("refuses a duplicate name with ResourceConflictException 409", async () => {
    const { lambda } = setup();
    await lambda.createFunction({ FunctionName: "f", handler: () => 1 });
    const error = await awsError(lambda.createFunction({ FunctionName: "f", handler: () => 2 }));
    expect([error.code, error.statusCode, error.message]).toEqual(["ResourceConflictException", 409, "Function already exist: f"]);
  });

  it.each([
    [{ Timeout: 0 }, "Member must have value greater than or equal to 1"],
    [{ Timeout: 901 }, "Member must have value less than or equal to 900"],
    [{ MemorySize: 127 }, "Member must have value greater than or equal to 128"],
    [{ MemorySize: 10_241 }, "Member must have value less than or equal to 10240"],
  ])("validates limits (Lambda quotas) %o", async (limits, message) => {
    const { lambda } = setup();
    const error = await awsError(lambda.createFunction({ FunctionName: "f", handler: () => 1, ...limits }));
    expect(error.code).toBe("ValidationException");
    expect(error.message).toContain(message);
    expect((await lambda.listFunctions()).Functions).toEqual([]);
  });

  it("refuses reserved environment variable keys and more than 4 KB of variables", async () => {
    const { lambda } = setup();
    const reserved = await awsError(lambda.createFunction({ FunctionName: "f", handler: () => 1, Environment: { Variables: { AWS_REGION: "x" } } }));
    expect(reserved.code).toBe("InvalidParameterValueException");
    expect(reserved.message).toContain("Reserved keys used in this request: AWS_REGION");
    const big = await awsError(lambda.createFunction({ FunctionName: "f", handler: () => 1, Environment: { Variables: { BIG: "x".repeat(5000) } } }));
    expect(big.message).toContain("exceeded the 4KB limit");
  });

  it("updates configuration, lists with pagination, deletes, then reports ResourceNotFoundException 404", async () => {
    const { lambda } = setup();
    for (const name of ["c", "a", "b"]) await lambda.createFunction({ FunctionName: name, handler: () => name });
    const updated = await lambda.updateFunctionConfiguration({ FunctionName: "a", Timeout: 10, Description: "d" });
    expect([updated.Timeout, updated.Description]).toEqual([10, "d"]);
    const first = await lambda.listFunctions({ MaxItems: 2 });
    expect(first.Functions.map((f) => f.FunctionName)).toEqual(["a", "b"]);
    const second = await lambda.listFunctions({ MaxItems: 2, Marker: first.NextMarker });
    expect(second.Functions.map((f) => f.FunctionName)).toEqual(["c"]);
    expect(second.NextMarker).toBeUndefined();
    await lambda.deleteFunction({ FunctionName: "a" });
    const error = await awsError(lambda.getFunction({ FunctionName: "a" }));
    expect([error.code, error.statusCode, error.message]).toEqual([
      "ResourceNotFoundException",
      404,
      "Function not found: arn:aws:lambda:us-east-1:000000000000:function:a",
    ]);
  });
});

describe("Invoke RequestResponse (API Reference: Invoke)", () => {
  it("returns the handler's result as the JSON payload with status 200 and ExecutedVersion", async () => {
    const { lambda } = setup();
    await lambda.createFunction({ FunctionName: "f", handler: async (event: { a: number }) => ({ doubled: event.a * 2 }) });
    const out = await lambda.invoke({ FunctionName: "f", Payload: json({ a: 21 }) });
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(out.ExecutedVersion).toBe("$LATEST");
    expect(parse(out.Payload)).toEqual({ doubled: 42 });
  });

  it("supports the callback style and returns null for an undefined result", async () => {
    const { lambda } = setup();
    await lambda.createFunction({
      FunctionName: "cb",
      handler: (event: { n: number }, _context, callback) => {
        callback(null, event.n + 1);
      },
    });
    await lambda.createFunction({ FunctionName: "void", handler: async () => undefined });
    expect(parse((await lambda.invoke({ FunctionName: "cb", Payload: json({ n: 1 }) })).Payload)).toBe(2);
    expect(dec.decode((await lambda.invoke({ FunctionName: "void" })).Payload)).toBe("null");
  });

  it("ignores what a non-async handler without a callback returns, as the Node.js runtime does (response null)", async () => {
    const { lambda } = setup();
    await lambda.createFunction({ FunctionName: "sync", handler: (event: { n: number }) => ({ n: event.n }) });
    const out = await lambda.invoke({ FunctionName: "sync", Payload: json({ n: 1 }) });
    expect(out.FunctionError).toBeUndefined();
    expect(dec.decode(out.Payload)).toBe("null");
  });

  it("turns a thrown error into FunctionError Unhandled with errorType, errorMessage and trace", async () => {
    const { lambda } = setup();
    class BoomError extends Error {
      override name = "BoomError";
    }
    await lambda.createFunction({
      FunctionName: "f",
      handler: async () => {
        throw new BoomError("boom");
      },
    });
    const out = await lambda.invoke({ FunctionName: "f", Payload: json({}) });
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe("Unhandled");
    const payload = parse(out.Payload) as { errorType: string; errorMessage: string; trace: string[] };
    expect(payload.errorType).toBe("BoomError");
    expect(payload.errorMessage).toBe("boom");
    expect(payload.trace[0]).toBe("BoomError: boom");
    expect((await lambda.getFunctionMetrics({ FunctionName: "f" })).Errors).toBe(1);
  });

  it("callback errors and thrown strings follow the Node.js runtime's error document", async () => {
    const { lambda } = setup();
    await lambda.createFunction({ FunctionName: "cb", handler: (_e, _c, callback) => callback(new TypeError("bad")) });
    await lambda.createFunction({
      FunctionName: "str",
      handler: async () => {
        throw "plain";
      },
    });
    expect(parse((await lambda.invoke({ FunctionName: "cb" })).Payload)).toMatchObject({ errorType: "TypeError", errorMessage: "bad" });
    expect(parse((await lambda.invoke({ FunctionName: "str" })).Payload)).toEqual({ errorType: "string", errorMessage: "plain", trace: [] });
  });

  it("refuses a request over 6 MB with RequestTooLargeException 413 and a non-JSON payload with InvalidRequestContentException", async () => {
    const { lambda } = setup();
    const handler = vi.fn(() => 1);
    await lambda.createFunction({ FunctionName: "f", handler });
    const big = await awsError(lambda.invoke({ FunctionName: "f", Payload: json("x".repeat(6_291_456)) }));
    expect([big.code, big.statusCode]).toEqual(["RequestTooLargeException", 413]);
    expect(big.message).toBe("Request must be smaller than 6291456 bytes for the InvokeFunction operation");
    const asyncBig = await awsError(lambda.invoke({ FunctionName: "f", InvocationType: "Event", Payload: json("x".repeat(1_048_576)) }));
    expect(asyncBig.code).toBe("RequestTooLargeException");
    const bad = await awsError(lambda.invoke({ FunctionName: "f", Payload: enc.encode("{nope") }));
    expect(bad.code).toBe("InvalidRequestContentException");
    expect(handler).not.toHaveBeenCalled();
  });

  it("reports a response over 6 MB as Function.ResponseSizeTooLarge", async () => {
    const { lambda } = setup();
    await lambda.createFunction({ FunctionName: "f", handler: async () => "x".repeat(6_291_456) });
    const out = await lambda.invoke({ FunctionName: "f" });
    expect(out.FunctionError).toBe("Unhandled");
    expect(parse(out.Payload)).toMatchObject({ errorType: "Function.ResponseSizeTooLarge" });
  });

  it("a handler that has finished is not timed out by a caller that moves time right after starting the invoke", async () => {
    const { ctx, lambda } = setup();
    await lambda.createFunction({ FunctionName: "quick", handler: async () => "done" });
    await lambda.createFunction({ FunctionName: "chained", handler: async () => await Promise.resolve(await Promise.resolve("done")) });
    for (const name of ["quick", "chained"]) {
      const pending = lambda.invoke({ FunctionName: name, LogType: "Tail" });
      await ctx.scheduler.advance(5_000);
      const out = await pending;
      expect(out.FunctionError).toBeUndefined();
      expect(parse(out.Payload)).toBe("done");
      expect(Buffer.from(out.LogResult ?? "", "base64").toString()).toContain("Duration: 0.00 ms");
    }
  });

  it("… nor by fake timers advanced right after starting the invoke (clock: 'system')", async () => {
    vi.useFakeTimers({ now: Date.UTC(2025, 0, 1) });
    try {
      const { lambda } = setup({ clock: "system" });
      await lambda.createFunction({ FunctionName: "chained", handler: async () => await Promise.resolve(await Promise.resolve("done")) });
      const pending = lambda.invoke({ FunctionName: "chained" });
      await vi.advanceTimersByTimeAsync(5_000);
      const out = await pending;
      expect(out.FunctionError).toBeUndefined();
      expect(parse(out.Payload)).toBe("done");
    } finally {
      vi.useRealTimers();
    }
  });

  it("DryRun answers 204 without running the handler; a missing function is ResourceNotFoundException", async () => {
    const { lambda } = setup();
    const handler = vi.fn(() => 1);
    await lambda.createFunction({ FunctionName: "f", handler });
    expect(await lambda.invoke({ FunctionName: "f", InvocationType: "DryRun" })).toEqual({ StatusCode: 204 });
    expect(handler).not.toHaveBeenCalled();
    const missing = await awsError(lambda.invoke({ FunctionName: "nope" }));
    expect(missing.code).toBe("ResourceNotFoundException");
  });

  it("passes the context object (Using the Lambda context object in Node.js)", async () => {
    const { lambda } = setup();
    let seen: Record<string, unknown> = {};
    await lambda.createFunction({
      FunctionName: "ctx",
      MemorySize: 256,
      Timeout: 7,
      handler: async (_event, context) => {
        seen = { ...context, remaining: context.getRemainingTimeInMillis() };
        return null;
      },
    });
    await lambda.invoke({ FunctionName: "ctx" });
    expect(seen).toMatchObject({
      functionName: "ctx",
      functionVersion: "$LATEST",
      invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:ctx",
      memoryLimitInMB: "256",
      logGroupName: "/aws/lambda/ctx",
      remaining: 7000,
    });
    expect(seen["awsRequestId"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seen["logStreamName"]).toMatch(/^2025\/01\/01\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it("LogType Tail returns START, the handler's console lines, END and REPORT with virtual durations", async () => {
    const { ctx, lambda } = setup();
    const stdout = vi.spyOn(process.stdout, "write");
    await lambda.createFunction({
      FunctionName: "f",
      handler: async () => {
        console.log("hello %s", "world");
        console.error("oops");
        await ctx.scheduler.sleep(1234);
        return 1;
      },
    });
    const pending = lambda.invoke({ FunctionName: "f", LogType: "Tail" });
    await ctx.scheduler.advance(1234);
    const out = await pending;
    const log = Buffer.from(out.LogResult ?? "", "base64").toString("utf8").split("\n");
    expect(log[0]).toMatch(/^START RequestId: \S+ Version: \$LATEST$/);
    expect(log[1]).toMatch(/^2025-01-01T00:00:00.000Z\t\S+\tINFO\thello world$/);
    expect(log[2]).toMatch(/\tERROR\toops$/);
    expect(log[3]).toMatch(/^END RequestId: /);
    expect(log[4]).toMatch(/^REPORT RequestId: \S+\tDuration: 1234.00 ms\tBilled Duration: 1234 ms\tMemory Size: 128 MB\tInit Duration: 0.00 ms$/);
    const written = stdout.mock.calls.map((call) => String(call[0]));
    stdout.mockRestore();
    expect(written.some((text) => text.includes("hello world"))).toBe(false);
    const logs = await lambda.getFunctionLogs({ FunctionName: "f" });
    expect(logs.Invocations[0]?.Lines).toEqual(log.slice(0, 5));
  });

  it("keeps the last 4 KB of a long log in LogResult", async () => {
    const { lambda } = setup();
    await lambda.createFunction({
      FunctionName: "f",
      handler: async () => {
        for (let i = 0; i < 200; i++) console.log(`line ${i} ${"x".repeat(40)}`);
        return 1;
      },
    });
    const out = await lambda.invoke({ FunctionName: "f", LogType: "Tail" });
    const tail = Buffer.from(out.LogResult ?? "", "base64");
    expect(tail.length).toBe(4096);
    expect(tail.toString("utf8")).toContain("REPORT RequestId");
  });
});

describe("environment variables and execution environments", () => {
  it("each function sees its own process.env, host code sees none of them", async () => {
    const { ctx, lambda } = setup();
    const read = async () => {
      const before = process.env["GREETING"];
      await ctx.scheduler.sleep(10);
      return { before, after: process.env["GREETING"], name: process.env["AWS_LAMBDA_FUNCTION_NAME"], region: process.env["AWS_REGION"] };
    };
    await lambda.createFunction({ FunctionName: "en", handler: read, Environment: { Variables: { GREETING: "hello" } } });
    await lambda.createFunction({ FunctionName: "fr", handler: read, Environment: { Variables: { GREETING: "bonjour" } } });
    const a = lambda.invoke({ FunctionName: "en" });
    const b = lambda.invoke({ FunctionName: "fr" });
    await ctx.scheduler.advance(10);
    expect(parse((await a).Payload)).toEqual({ before: "hello", after: "hello", name: "en", region: "us-east-1" });
    expect(parse((await b).Payload)).toEqual({ before: "bonjour", after: "bonjour", name: "fr", region: "us-east-1" });
    expect(process.env["GREETING"]).toBeUndefined();
    expect(process.env["AWS_LAMBDA_FUNCTION_NAME"]).toBeUndefined();
  });

  it("writes persist in a warm environment but not in a concurrent one (one invocation per environment)", async () => {
    const { ctx, lambda } = setup();
    await lambda.createFunction({
      FunctionName: "counter",
      handler: async (event: { wait: number }) => {
        const n = Number(process.env["COUNT"] ?? "0") + 1;
        process.env["COUNT"] = String(n);
        if (event.wait > 0) await ctx.scheduler.sleep(event.wait);
        return n;
      },
    });
    const first = await lambda.invoke({ FunctionName: "counter", Payload: json({ wait: 0 }) });
    const second = await lambda.invoke({ FunctionName: "counter", Payload: json({ wait: 0 }) });
    expect([parse(first.Payload), parse(second.Payload)]).toEqual([1, 2]);
    const slow = lambda.invoke({ FunctionName: "counter", Payload: json({ wait: 100 }) });
    const concurrent = lambda.invoke({ FunctionName: "counter", Payload: json({ wait: 100 }) });
    await ctx.scheduler.advance(100);
    // The warm environment continues at 3; the concurrent invocation gets a cold one starting at 1.
    expect([parse((await slow).Payload), parse((await concurrent).Payload)]).toEqual([3, 1]);
    const metrics = await lambda.getFunctionMetrics({ FunctionName: "counter" });
    expect(metrics).toMatchObject({ Invocations: 4, ColdStarts: 2, MaxConcurrentExecutions: 2, ConcurrentExecutions: 0 });
  });

  it("an idle environment expires and the next invocation is a cold start", async () => {
    const ctx = createSimContext();
    const lambda = createFunctionService(ctx, { environmentIdleTimeoutMs: 60_000 });
    await lambda.createFunction({ FunctionName: "f", handler: async () => 1 });
    await lambda.invoke({ FunctionName: "f" });
    await ctx.scheduler.advance(30_000);
    await lambda.invoke({ FunctionName: "f" });
    await ctx.scheduler.advance(60_000);
    await lambda.invoke({ FunctionName: "f" });
    expect((await lambda.getFunctionMetrics({ FunctionName: "f" })).ColdStarts).toBe(2);
  });
});

inEveryClockMode("timeouts and virtual time", createSimContext, (setup) => {
  it("a handler that sleeps in virtual time completes when time moves, with its virtual duration", async () => {
    const { subject: ctx, within } = setup();
    const lambda = createFunctionService(ctx);
    await lambda.createFunction({
      FunctionName: "f",
      Timeout: 10,
      handler: async (_e, context) => {
        await ctx.scheduler.sleep(5000);
        return context.getRemainingTimeInMillis();
      },
    });
    const out = await within(5000, lambda.invoke({ FunctionName: "f", LogType: "Tail" }));
    expect(parse(out.Payload)).toBe(5000);
    expect(Buffer.from(out.LogResult ?? "", "base64").toString()).toContain("Duration: 5000.00 ms\tBilled Duration: 5000 ms");
  });

  it('a handler still pending at its timeout fails with "Task timed out after 3.00 seconds"; one that never settles freezes nothing', async () => {
    const { subject: ctx, within } = setup();
    const lambda = createFunctionService(ctx);
    await lambda.createFunction({ FunctionName: "never", handler: () => new Promise(() => undefined) });
    const start = ctx.clock.now();
    const out = await within(3000, lambda.invoke({ FunctionName: "never", LogType: "Tail" }));
    expect(ctx.clock.now() - start).toBe(3000);
    expect(out.FunctionError).toBe("Unhandled");
    expect(parse(out.Payload)).toEqual({
      errorType: "Sandbox.Timedout",
      errorMessage: expect.stringMatching(/^RequestId: \S+ Error: Task timed out after 3\.00 seconds$/) as unknown as string,
    });
    const log = Buffer.from(out.LogResult ?? "", "base64").toString();
    expect(log).toMatch(/2025-01-01T00:00:03.000Z \S+ Task timed out after 3.00 seconds/);
    expect(log).toContain("Status: timeout");
    // The timed-out environment is discarded: the next invocation is a cold start.
    await within(3000, lambda.invoke({ FunctionName: "never" }));
    expect((await lambda.getFunctionMetrics({ FunctionName: "never" })).ColdStarts).toBe(2);
  });

  it("async invoke retries after 1 and 2 minutes (How Lambda handles errors and retries with asynchronous invocation)", async () => {
    const { subject: ctx, mode, advance } = setup();
    const lambda = createFunctionService(ctx);
    const start = ctx.clock.now();
    const times: number[] = [];
    await lambda.createFunction({
      FunctionName: "f",
      handler: async () => {
        times.push(ctx.clock.now() - start);
        throw new Error("boom");
      },
    });
    expect((await lambda.invoke({ FunctionName: "f", InvocationType: "Event", Payload: json({}) })).StatusCode).toBe(202);
    if (mode === "autoAdvance") {
      // Nothing awaits the async event: autoAdvance only moves time for awaited work, so drive it.
      await ctx.scheduler.runUntilIdle();
    } else {
      await advance(0);
      await advance(60_000);
      await advance(120_000);
    }
    expect(times).toEqual([0, 60_000, 180_000]);
  });
});
