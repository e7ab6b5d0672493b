/** Test helpers: a context, the service, and stand-in ports for the services a state machine calls. */
import { createSimContext, type FunctionInvokeOutput, type SimContext, type SimContextOptions } from "@simcloud/core";
import { createStateMachineService, type StateMachineService } from "./sfn";

export const ROLE = "arn:aws:iam::000000000000:role/sfn";
const enc = new TextEncoder();
const dec = new TextDecoder();

export interface Harness {
  ctx: SimContext;
  sfn: StateMachineService;
  /** Creates a machine from a definition object and returns its ARN. */
  machine(definition: object, name?: string, type?: "STANDARD" | "EXPRESS"): Promise<string>;
  /** Starts an execution, runs until idle and describes it. */
  run(arn: string, input?: unknown, name?: string): Promise<Awaited<ReturnType<StateMachineService["describeExecution"]>>>;
  /** Registers a function port answering with `handler` (a thrown Error becomes a Lambda function error). */
  fn(name: string, handler: (event: unknown) => unknown): { calls: unknown[] };
}

export function harness(options: SimContextOptions = {}): Harness {
  const ctx = createSimContext({ start: Date.UTC(2025, 0, 1), ...options });
  const sfn = createStateMachineService(ctx);
  return {
    ctx,
    sfn,
    async machine(definition, name = "m", type = "STANDARD") {
      const out = await sfn.createStateMachine({ name, roleArn: ROLE, definition: JSON.stringify(definition), type });
      return out.stateMachineArn;
    },
    async run(arn, input = {}, name) {
      const { executionArn } = await sfn.startExecution({ stateMachineArn: arn, input: JSON.stringify(input), ...(name === undefined ? {} : { name }) });
      await ctx.scheduler.runUntilIdle();
      return sfn.describeExecution({ executionArn });
    },
    fn(name, handler) {
      const calls: unknown[] = [];
      const arn = `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
      ctx.registry.register({
        kind: "function",
        arn,
        async invoke(input): Promise<FunctionInvokeOutput> {
          const event = JSON.parse(typeof input.Payload === "string" ? input.Payload : dec.decode(input.Payload)) as unknown;
          calls.push(event);
          try {
            const result = await handler(event);
            return { StatusCode: 200, Payload: enc.encode(JSON.stringify(result ?? null)), ExecutedVersion: "$LATEST" };
          } catch (error) {
            const e = error as Error;
            return { StatusCode: 200, FunctionError: "Unhandled", Payload: enc.encode(JSON.stringify({ errorType: e.name, errorMessage: e.message, trace: [] })), ExecutedVersion: "$LATEST" };
          }
        },
      });
      return { calls };
    },
  };
}

export function thrown(name: string, message = "x"): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
