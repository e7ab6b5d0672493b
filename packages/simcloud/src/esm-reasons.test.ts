import { describe, expect, it } from "vitest";
import { createCloud, type Cloud } from "./index";

async function mapped(cloud: Cloud, handler: (event: { Records: { messageId: string }[] }) => Promise<unknown>, timeout?: number): Promise<string | undefined> {
  await cloud.sqs.createQueue({ QueueName: "q" });
  await cloud.lambda.createFunction({ FunctionName: "f", handler, ...(timeout === undefined ? {} : { Timeout: timeout }) });
  await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: cloud.sqs.arn("q"), BatchSize: 1, FunctionResponseTypes: ["ReportBatchItemFailures"] });
  await cloud.sqs.sendMessage({ QueueUrl: cloud.sqs.url("q"), MessageBody: "m" });
  const batch = await cloud.until("lambda.esm.batch");
  return batch.reason;
}

/** The mapping's lines among the function's logs (getFunctionLogs), as a test author reads them. */
async function mappingLines(cloud: Cloud): Promise<string[]> {
  const { Invocations } = await cloud.lambda.getFunctionLogs({ FunctionName: "f" });
  return Invocations.flatMap((entry) => entry.Lines).filter((line) => line.includes("Event source mapping"));
}

const LINE = /^\d{4}-\d\d-\d\dT[\d:.]+Z\tEvent source mapping [0-9a-f-]{36} failed to process a batch of 1 record\(s\) from arn:aws:sqs:[^:]+:\d{12}:q: /;

describe("event source mapping: why a batch failed, in the trace and in the function's logs", () => {
  it("an unknown itemIdentifier fails the whole batch, and says which", async () => {
    await using cloud = createCloud();
    const reason = await mapped(cloud, async () => ({ batchItemFailures: [{ itemIdentifier: "not-a-message" }] }));
    expect(reason).toBe('invalid partial batch response: itemIdentifier "not-a-message" is not a message of this batch');
    const lines = await mappingLines(cloud);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(LINE);
    expect(lines[0]).toMatch(/: invalid partial batch response: itemIdentifier "not-a-message" is not a message of this batch$/);
  });

  it("a thrown error gives its type and message", async () => {
    await using cloud = createCloud();
    const reason = await mapped(cloud, async () => {
      throw new RangeError("total out of range");
    });
    expect(reason).toBe("the function failed: RangeError: total out of range");
    const lines = await mappingLines(cloud);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(LINE);
    expect(lines[0]).toMatch(/: the function failed: RangeError: total out of range$/);
  });

  it("a timeout says so; a success has no reason", async () => {
    await using cloud = createCloud();
    expect(await mapped(cloud, () => new Promise(() => undefined), 1)).toBe("the function timed out");
    expect(await mappingLines(cloud)).toEqual([expect.stringMatching(LINE)]);
    expect((await mappingLines(cloud))[0]).toMatch(/: the function timed out$/);
    await using other = createCloud();
    expect(await mapped(other, async () => ({ batchItemFailures: [] }))).toBeUndefined();
    expect(await mappingLines(other)).toEqual([]);
  });

  it("a throttled batch says the concurrency is exhausted", async () => {
    await using cloud = createCloud();
    await cloud.sqs.createQueue({ QueueName: "q" });
    await cloud.lambda.createFunction({ FunctionName: "f", handler: async () => undefined });
    await cloud.lambda.putFunctionConcurrency({ FunctionName: "f", ReservedConcurrentExecutions: 0 });
    await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn: cloud.sqs.arn("q"), BatchSize: 1 });
    await cloud.sqs.sendMessage({ QueueUrl: cloud.sqs.url("q"), MessageBody: "m" });
    const batch = await cloud.until("lambda.esm.batch");
    expect([batch.outcome, batch.reason]).toEqual(["throttled", "the function's concurrency is exhausted"]);
    const lines = await mappingLines(cloud);
    expect(lines[0]).toMatch(LINE);
    expect(lines[0]).toMatch(/: the function's concurrency is exhausted$/);
  });
});

describe("Kinesis mapping: why a batch failed, in the trace and in the function's logs", () => {
  async function streamed(cloud: Cloud, handler: () => Promise<unknown>): Promise<string | undefined> {
    await cloud.kinesis.createStream({ StreamName: "s", ShardCount: 1 });
    await cloud.advance(1_000); // CREATING → ACTIVE
    await cloud.lambda.createFunction({ FunctionName: "f", handler });
    const EventSourceArn = `arn:aws:kinesis:${cloud.region}:${cloud.accountId}:stream/s`;
    await cloud.lambda.createEventSourceMapping({ FunctionName: "f", EventSourceArn, StartingPosition: "TRIM_HORIZON", BatchSize: 1, MaximumRetryAttempts: 0, FunctionResponseTypes: ["ReportBatchItemFailures"] });
    await cloud.kinesis.putRecord({ StreamName: "s", PartitionKey: "k", Data: new TextEncoder().encode("r") });
    const batch = await cloud.until("lambda.esm.batch");
    return batch.reason;
  }

  it("a thrown error gives its type and message, and the log says so", async () => {
    await using cloud = createCloud();
    const reason = await streamed(cloud, async () => {
      throw new RangeError("bad record");
    });
    expect(reason).toBe("the function failed: RangeError: bad record");
    expect(await mappingLines(cloud)).toEqual([expect.stringMatching(/failed to process a batch of 1 record\(s\) from arn:aws:kinesis:.*: the function failed: RangeError: bad record$/)]);
  });

  it("an unknown itemIdentifier fails the whole batch, and says which", async () => {
    await using cloud = createCloud();
    expect(await streamed(cloud, async () => ({ batchItemFailures: [{ itemIdentifier: "42" }] }))).toBe('invalid partial batch response: unknown itemIdentifier "42"');
  });
});
