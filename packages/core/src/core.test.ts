import { describe, expect, it } from "vitest";
import { buildArn, parseArn, partitionOf, requireArn } from "./arn";
import { createSimContext } from "./context";
import { AwsError, defineErrors, isAwsError } from "./errors";
import type { QueuePort } from "./ports";
import { Registry } from "./registry";
import { Trace } from "./trace";
import { assertSchema, compileSchema, parseIntegerText, safeRecord, utf8Length } from "./validation";

describe("AwsError", () => {
  it("carries its wire identity: code, status, fault, query code, modelled fields", () => {
    const errors = defineErrors({
      QueueDoesNotExist: { statusCode: 400, queryCode: "AWS.SimpleQueueService.NonExistentQueue" },
      InternalError: { statusCode: 500 },
    });
    const error = errors.QueueDoesNotExist("The specified queue does not exist.", { QueueUrl: "x" });
    expect(error).toBeInstanceOf(AwsError);
    expect(error).toMatchObject({
      name: "QueueDoesNotExist",
      code: "QueueDoesNotExist",
      statusCode: 400,
      fault: "client",
      queryCode: "AWS.SimpleQueueService.NonExistentQueue",
      fields: { QueueUrl: "x" },
      message: "The specified queue does not exist.",
    });
    expect(errors.InternalError("boom").fault).toBe("server");
    expect(isAwsError(error, "QueueDoesNotExist")).toBe(true);
    expect(isAwsError(error, "Other")).toBe(false);
    expect(isAwsError(new Error("x"))).toBe(false);
  });
});

describe("ARNs", () => {
  it("builds and parses ARNs in the cloud's partition, region and account", () => {
    const scope = { region: "us-east-1", accountId: "000000000000" };
    expect(buildArn("sqs", "orders", scope)).toBe("arn:aws:sqs:us-east-1:000000000000:orders");
    expect(buildArn("lambda", "function:f:live", scope)).toBe("arn:aws:lambda:us-east-1:000000000000:function:f:live");
    expect(buildArn("states", "stateMachine:m", { region: "cn-north-1", accountId: "1".repeat(12) })).toBe(
      "arn:aws-cn:states:cn-north-1:111111111111:stateMachine:m",
    );
    expect(parseArn("arn:aws:lambda:us-east-1:000000000000:function:f:live")).toEqual({
      partition: "aws",
      service: "lambda",
      region: "us-east-1",
      accountId: "000000000000",
      resource: "function:f:live",
    });
    expect(parseArn("arn:aws:s3:::bucket")?.resource).toBe("bucket");
    expect(parseArn("not-an-arn")).toBeUndefined();
    expect(parseArn("arn:aws:sqs")).toBeUndefined();
    expect(partitionOf("us-gov-west-1")).toBe("aws-us-gov");
    expect(() => requireArn("nope", (m) => new AwsError("InvalidParameterValue", m))).toThrow("Invalid ARN: nope");
  });
});

describe("Registry", () => {
  const port = (arn: string): QueuePort => ({
    kind: "queue",
    arn,
    url: "https://sqs.us-east-1.amazonaws.com/000000000000/q",
    attributes: () => ({ fifo: false, visibilityTimeoutSeconds: 30 }),
    send: () => ({ MessageId: "m", MD5OfMessageBody: "d" }),
    receive: async () => [],
    deleteMessage: () => undefined,
    changeVisibility: () => undefined,
  });

  it("resolves by ARN and kind, and unregisters", () => {
    const registry = new Registry();
    const queue = port("arn:aws:sqs:us-east-1:000000000000:q");
    registry.register(queue);
    expect(registry.resolve("queue", queue.arn)).toEqual({ port: queue, qualifier: undefined });
    expect(registry.resolve("topic", queue.arn)).toBeUndefined();
    expect(registry.list("queue")).toEqual([queue]);
    expect(() => registry.register(port(queue.arn))).toThrow(/already holds/);
    registry.unregister(queue.arn);
    expect(registry.resolve("queue", queue.arn)).toBeUndefined();
  });

  it("resolves a qualified Lambda ARN to the function with its qualifier, and nothing else that way", () => {
    const registry = new Registry();
    const fn = { kind: "function" as const, arn: "arn:aws:lambda:us-east-1:000000000000:function:f", invoke: async () => ({ StatusCode: 200 }) };
    registry.register(fn);
    expect(registry.resolve("function", `${fn.arn}:live`)).toEqual({ port: fn, qualifier: "live" });
    registry.register(port("arn:aws:sqs:us-east-1:000000000000:q"));
    expect(registry.resolve("queue", "arn:aws:sqs:us-east-1:000000000000:q:extra")).toBeUndefined();
  });
});

describe("Trace", () => {
  it("records ordered, timed events and calls listeners; a throwing listener does not break the caller", async () => {
    let now = 5;
    const trace = new Trace(() => now);
    const seen: string[] = [];
    const stop = trace.on("scheduler.task.failed", (event) => seen.push(event.label));
    trace.on("*", () => {
      throw new Error("listener bug");
    });
    const unhandled: unknown[] = [];
    const onError = (error: unknown): void => void unhandled.push(error);
    process.on("uncaughtException", onError);
    try {
      trace.record("scheduler.task.failed", { label: "a", error: "x" });
      now = 9;
      stop();
      trace.record("scheduler.task.failed", { label: "b", error: "y" });
      await new Promise<void>((resolve) => setImmediate(resolve));
    } finally {
      process.off("uncaughtException", onError);
    }
    expect(seen).toEqual(["a"]);
    expect(trace.events.map((e) => [e.seq, e.time, e.type])).toEqual([
      [0, 5, "scheduler.task.failed"],
      [1, 9, "scheduler.task.failed"],
    ]);
    expect(trace.of("cloud.disposed")).toEqual([]);
    expect(unhandled).toHaveLength(2);
  });

  it("can keep nothing in memory while still calling listeners", () => {
    const trace = new Trace(() => 0, { record: false });
    let calls = 0;
    trace.on("cloud.disposed", () => void calls++);
    trace.record("cloud.disposed", {});
    expect(calls).toBe(1);
    expect(trace.events).toHaveLength(0);
  });
});

describe("createSimContext", () => {
  it("applies AWS-like defaults and validates region and account", () => {
    const ctx = createSimContext();
    expect(ctx.region).toBe("us-east-1");
    expect(ctx.accountId).toBe("000000000000");
    expect(ctx.clock.now()).toBe(Date.UTC(2025, 0, 1));
    expect(createSimContext({ start: "2030-06-01T00:00:00Z" }).clock.now()).toBe(Date.UTC(2030, 5, 1));
    expect(createSimContext({ start: new Date(7) }).clock.now()).toBe(7);
    expect(() => createSimContext({ region: "Mars" })).toThrow(RangeError);
    expect(() => createSimContext({ accountId: "12" })).toThrow(RangeError);
    expect(() => createSimContext({ start: "yesterday" })).toThrow(RangeError);
  });

  it("records a failing scheduled task in the trace", async () => {
    const ctx = createSimContext();
    ctx.scheduler.after(10, () => {
      throw new TypeError("handler bug");
    }, { label: "user task" });
    await expect(ctx.scheduler.advance(20)).rejects.toThrow(/user task/);
    expect(ctx.trace.of("scheduler.task.failed")).toMatchObject([{ label: "user task", error: "TypeError: handler bug", time: Date.UTC(2025, 0, 1) + 10 }]);
  });
});

describe("validation helpers", () => {
  it("compiles a JSON schema once and turns the first problem into the caller's AwsError", () => {
    const schema = { type: "object", required: ["Name"], properties: { Name: { type: "string", maxLength: 3 } } };
    expect(compileSchema(schema)).toBe(compileSchema(schema));
    const toError = (problem: string): AwsError => new AwsError("ValidationException", problem);
    expect(() => assertSchema(schema, { Name: "ok" }, toError)).not.toThrow();
    expect(() => assertSchema(schema, { Name: "long" }, toError)).toThrow("Name must NOT have more than 3 characters");
    expect(() => assertSchema(schema, {}, toError)).toThrow("input must have required property 'Name'");
  });

  it("parses AWS's integer-as-text attributes strictly", () => {
    expect(parseIntegerText("30")).toBe(30);
    expect(parseIntegerText(" 7 ")).toBe(7);
    expect(parseIntegerText("3.5")).toBeUndefined();
    expect(parseIntegerText("1e3")).toBeUndefined();
    expect(parseIntegerText(4)).toBe(4);
  });

  it("counts UTF-8 bytes and keeps __proto__ keys as plain data", () => {
    expect(utf8Length("é€😀")).toBe(2 + 3 + 4);
    const record = safeRecord(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(record)).toBeNull();
    expect(record["__proto__"]).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});
