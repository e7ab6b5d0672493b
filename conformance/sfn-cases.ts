/**
 * Step Functions vectors (../shared/conformance/README.md, "sfn/"): create the functions, create the state machine,
 * start one execution, run until idle, describe it. Driven through the real SFNClient.
 */
import { readdirSync, readFileSync } from "node:fs";
import { CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand, StartSyncExecutionCommand } from "@aws-sdk/client-sfn";
import { createCloud, InMemoryObjectStore } from "simcloud";
import { isDeepStrictEqual } from "node:util";
import { createScriptedHandler, type Behaviour, type Invocation } from "./functions";
import { CLOUD_OPTIONS } from "./runner";

export interface SfnCase {
  readonly name: string;
  readonly note?: string;
  readonly functions?: Readonly<Record<string, Behaviour & { readonly timeout?: number }>>;
  readonly definition: unknown;
  readonly stateMachineName?: string;
  readonly executionName?: string;
  readonly input?: unknown;
  readonly expect?: {
    readonly status: "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";
    readonly output?: unknown;
    readonly error?: string | readonly string[];
    readonly cause?: string;
    readonly durationMs?: number;
    readonly durationMsAtMost?: number;
  };
  readonly expectError?: string;
  /** sfn-parity: the exact exception message with `expectError`. */
  readonly expectErrorMessage?: string;
  /** sfn-parity: "EXPRESS" creates an EXPRESS machine. */
  readonly stateMachineType?: "STANDARD" | "EXPRESS";
  /** sfn-parity: objects (bucket → key → body) a Distributed Map's ItemReader/ResultWriter reach through an in-memory store. */
  readonly s3Objects?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** sfn-parity: the types of the execution's history events, in order (GetExecutionHistory). */
  readonly expectHistoryTypes?: readonly string[];
}

const VECTORS = new URL("./vectors/sfn/", import.meta.url);
/** Recorded-AWS parity cases in the same format (sfn-parity/README.md); `api/` holds cases for other calls. */
const PARITY = new URL("./sfn-parity/", import.meta.url);
const ROLE = "arn:aws:iam::000000000000:role/sfn";
const FUNCTION_ROLE = "arn:aws:iam::000000000000:role/lambda";

export function sfnVectorFiles(): string[] {
  return readdirSync(VECTORS).filter((file) => file.endsWith(".json")).sort();
}

export function loadSfnCases(file: string, from: "vectors" | "parity" = "vectors"): SfnCase[] {
  return JSON.parse(readFileSync(new URL(file, from === "vectors" ? VECTORS : PARITY), "utf8")) as SfnCase[];
}

export function sfnParityFiles(): string[] {
  return readdirSync(PARITY).filter((file) => file.endsWith(".json")).sort();
}

/** Runs one case on a fresh cloud; resolves to the list of mismatches (empty when the case passes). */
export async function runSfnCase(testCase: SfnCase): Promise<string[]> {
  const cloud = createCloud({ ...CLOUD_OPTIONS });
  const problems: string[] = [];
  try {
    for (const [name, behaviour] of Object.entries(testCase.functions ?? {})) {
      const log: Invocation[] = [];
      const { timeout, ...rest } = behaviour;
      await cloud.lambda.createFunction({
        FunctionName: name,
        Role: FUNCTION_ROLE,
        Timeout: timeout ?? 3,
        handler: createScriptedHandler(rest, log, {
          offset: () => cloud.scheduler.now() - CLOUD_OPTIONS.start,
          sleep: (ms) => cloud.scheduler.sleep(ms),
        }),
      });
    }
    if (testCase.s3Objects !== undefined) {
      const store = new InMemoryObjectStore(() => cloud.scheduler.now());
      for (const [bucket, objects] of Object.entries(testCase.s3Objects)) for (const [key, body] of Object.entries(objects)) store.put(bucket, key, body);
      cloud.sfn.registerTaskHandler("arn:aws:states:::s3:*", store.handler);
    }
    const client = new SFNClient(cloud.clientConfig());
    let stateMachineArn: string | undefined;
    try {
      const created = await client.send(new CreateStateMachineCommand({
        name: testCase.stateMachineName ?? "conformance",
        roleArn: ROLE,
        definition: JSON.stringify(testCase.definition),
        ...(testCase.stateMachineType === undefined ? {} : { type: testCase.stateMachineType }),
      }));
      stateMachineArn = created.stateMachineArn;
    } catch (error) {
      const name = (error as Error).name;
      if (testCase.expectError === undefined) return [`CreateStateMachine failed: ${name}: ${(error as Error).message}`];
      if (name !== testCase.expectError) return [`CreateStateMachine failed with ${name}, expected ${testCase.expectError}`];
      if (testCase.expectErrorMessage !== undefined && (error as Error).message !== testCase.expectErrorMessage) {
        return [`CreateStateMachine message ${JSON.stringify((error as Error).message)}, expected ${JSON.stringify(testCase.expectErrorMessage)}`];
      }
      return [];
    }
    if (testCase.expectError !== undefined) return [`CreateStateMachine succeeded, expected ${testCase.expectError}`];
    const start = {
      stateMachineArn,
      input: JSON.stringify(testCase.input ?? {}),
      ...(testCase.executionName === undefined ? {} : { name: testCase.executionName }),
    };
    let executionArn: string | undefined;
    let described: { status?: string; output?: string; error?: string; cause?: string; startDate?: Date; stopDate?: Date };
    if (testCase.stateMachineType === "EXPRESS") {
      // AWS keeps no record of EXPRESS executions for DescribeExecution: run them with StartSyncExecution, moving
      // virtual time while the call waits.
      const answer = client.send(new StartSyncExecutionCommand(start));
      await cloud.runUntilIdle();
      described = await answer;
    } else {
      const started = await client.send(new StartExecutionCommand(start));
      await cloud.runUntilIdle();
      executionArn = started.executionArn;
      described = await client.send(new DescribeExecutionCommand({ executionArn }));
    }
    const expected = testCase.expect;
    if (expected === undefined) return ["the case has neither expect nor expectError"];
    if (described.status !== expected.status) problems.push(`status ${described.status}, expected ${expected.status} (error ${described.error ?? "-"}: ${described.cause ?? "-"})`);
    if ("output" in expected) {
      const output = described.output === undefined ? undefined : (JSON.parse(described.output) as unknown);
      if (!isDeepStrictEqual(output, expected.output)) problems.push(`output ${described.output}, expected ${JSON.stringify(expected.output)}`);
    }
    if (expected.error !== undefined) {
      const accepted = typeof expected.error === "string" ? [expected.error] : expected.error;
      if (!accepted.includes(described.error ?? "")) problems.push(`error ${described.error}, expected ${accepted.join(" or ")}`);
    }
    if (testCase.expectHistoryTypes !== undefined && executionArn !== undefined) {
      const { events = [] } = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
      const types = events.map((event) => event.type);
      if (!isDeepStrictEqual(types, testCase.expectHistoryTypes)) problems.push(`history ${types.join(",")}, expected ${testCase.expectHistoryTypes.join(",")}`);
    }
    if (expected.cause !== undefined && described.cause !== expected.cause) problems.push(`cause ${JSON.stringify(described.cause)}, expected ${JSON.stringify(expected.cause)}`);
    const duration = (described.stopDate?.getTime() ?? NaN) - (described.startDate?.getTime() ?? NaN);
    if (expected.durationMs !== undefined && duration !== expected.durationMs) problems.push(`duration ${duration} ms, expected ${expected.durationMs} ms`);
    if (expected.durationMsAtMost !== undefined && !(duration <= expected.durationMsAtMost)) problems.push(`duration ${duration} ms, expected at most ${expected.durationMsAtMost} ms`);
    return problems;
  } finally {
    await cloud.dispose();
  }
}
