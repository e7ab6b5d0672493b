/**
 * `pnpm bench sfn`: a 12-state machine (Pass with intrinsics, Choice, a Map of 10 items, a Task on a function) run
 * 2,000 times: simcloud's native API, simcloud through a real SFNClient, and the npm package aws-local-stepfunctions
 * (3.0.0) on the same definition, its Task answered by a local handler override, measured in the same run.
 */
import { SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { StateMachine } from "aws-local-stepfunctions";
import { createCloud } from "simcloud";
import { best, report, type Measurement } from "./measure";

const EXECUTIONS = 2000;
/**
 * Executions run in waves of 100 in every contender: 2,000 at once would make the simulated Lambda create 2,000
 * execution environments (cold starts, as AWS would), which measures Lambda scaling rather than the interpreter.
 */
const WAVE = 100;

// aws-local-stepfunctions 3 targets Node 22 and calls Promise.withResolvers (ES2024); Node 20 lacks it. The standard
// behaviour, added only if missing, lets the peer run here unchanged.
const promiseStatics = Promise as unknown as { withResolvers?: () => unknown };
if (typeof promiseStatics.withResolvers !== "function") {
  promiseStatics.withResolvers = () => {
    let resolve!: (value: unknown) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    return { promise, resolve, reject };
  };
}
const FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:score";

const definition = {
  StartAt: "Init",
  States: {
    Init: {
      Type: "Pass",
      Parameters: { "id.$": "States.Format('order-{}', $.n)", "items.$": "States.ArrayRange(1, 10, 1)", "n.$": "$.n" },
      Next: "Classify",
    },
    Classify: {
      Type: "Choice",
      Choices: [{ Variable: "$.n", NumericGreaterThan: 1000, Next: "Big" }],
      Default: "Small",
    },
    Big: { Type: "Pass", Result: "big", ResultPath: "$.size", Next: "Fan" },
    Small: { Type: "Pass", Result: "small", ResultPath: "$.size", Next: "Fan" },
    Fan: {
      Type: "Map",
      ItemsPath: "$.items",
      ItemProcessor: { StartAt: "Double", States: { Double: { Type: "Pass", Parameters: { "v.$": "States.MathAdd($, $)" }, End: true } } },
      ResultPath: "$.doubled",
      Next: "Score",
    },
    Score: { Type: "Task", Resource: FUNCTION, ResultPath: "$.score", Next: "Summarize" },
    Summarize: { Type: "Pass", Parameters: { "id.$": "$.id", "count.$": "States.ArrayLength($.doubled)", "score.$": "$.score" }, Next: "Tag" },
    Tag: { Type: "Pass", Result: { tagged: true }, ResultPath: "$.tag", Next: "Decide" },
    Decide: { Type: "Choice", Choices: [{ Variable: "$.count", NumericEquals: 10, Next: "Stamp" }], Default: "Failed" },
    Stamp: { Type: "Pass", Parameters: { "id.$": "$.id", "score.$": "$.score", "key.$": "States.Hash($.id, 'SHA-1')" }, Next: "Done" },
    Done: { Type: "Succeed" },
    Failed: { Type: "Fail", Error: "Unexpected" },
  },
};

const score = async (input: { items: number[] }): Promise<number> => input.items.length * 10;

/**
 * One unmeasured run, then the best of three: every contender is measured warm (its code compiled by the JIT). Without
 * it, simcloud's native figure paid for compiling the interpreter that the SFNClient run after it then reused.
 */
async function warmBest(label: string, body: () => Promise<void>): Promise<Measurement> {
  await body();
  return best(label, EXECUTIONS, 3, body);
}

export default async function (): Promise<void> {
  const peer = await warmBest("aws-local-stepfunctions 3.0.0", async () => {
    const machine = new StateMachine(definition as never, { validationOptions: { checkArn: false } } as never);
    for (let wave = 0; wave < EXECUTIONS; wave += WAVE) {
      const runs = [];
      for (let n = wave; n < wave + WAVE; n++) {
        runs.push(machine.run({ n }, { overrides: { taskResourceLocalHandlers: { Score: score } } } as never).result);
      }
      const outputs = (await Promise.all(runs)) as { score: number }[];
      if (outputs[0]?.score !== 100) throw new Error(`aws-local-stepfunctions gave ${JSON.stringify(outputs[0])}`);
    }
  });

  const native = await warmBest("simcloud cloud.sfn (native)", async () => {
    const cloud = createCloud({ recordTrace: false });
    await cloud.lambda.createFunction({ FunctionName: "score", handler: score });
    const { stateMachineArn } = await cloud.sfn.createStateMachine({ name: "bench", roleArn: "arn:aws:iam::000000000000:role/r", definition: JSON.stringify(definition) });
    const started = [];
    for (let wave = 0; wave < EXECUTIONS; wave += WAVE) {
      for (let n = wave; n < wave + WAVE; n++) started.push((await cloud.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ n }) })).executionArn);
      await cloud.runUntilIdle();
    }
    const last = await cloud.sfn.describeExecution({ executionArn: started.at(-1)! });
    if (last.status !== "SUCCEEDED") throw new Error(`simcloud execution ended ${last.status}: ${last.error} ${last.cause}`);
    await cloud.dispose();
  });

  const sdk = await warmBest("simcloud via SFNClient", async () => {
    const cloud = createCloud({ recordTrace: false });
    await cloud.lambda.createFunction({ FunctionName: "score", handler: score });
    const { stateMachineArn } = await cloud.sfn.createStateMachine({ name: "bench", roleArn: "arn:aws:iam::000000000000:role/r", definition: JSON.stringify(definition) });
    const client = new SFNClient(cloud.clientConfig({ cacheMiddleware: true }));
    for (let wave = 0; wave < EXECUTIONS; wave += WAVE) {
      for (let n = wave; n < wave + WAVE; n++) await client.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ n }) }));
      await cloud.runUntilIdle();
    }
    await cloud.dispose();
  });

  report([peer, native, sdk], peer.label);
}
