/**
 * Self-test of the step language, independent of the real services: a scripted stand-in service ("fake")
 * behind the driver interface, and stand-in `lambda`/`sqs` objects for function steps and their sleeps.
 */
import type { Cloud } from "simcloud";
import { describe, expect, it } from "vitest";
import type { ScenarioCase, Step } from "./cases";
import { DriverError, type Driver } from "./drivers";
import { runCase, SLEEP_QUEUE, type CaseResult, type RunOptions } from "./runner";

class FakeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

function fakeDriver(cloud: Cloud): Driver {
  let counter = 0;
  const handlers = stand(cloud).handlers;
  return {
    kind: "native",
    async call(service, command, input) {
      const body = (input ?? {}) as Record<string, unknown>;
      if (service !== "fake") throw new DriverError(`no service ${service}`);
      switch (command) {
        case "Echo":
          return { $metadata: { httpStatusCode: 200 }, ...body, At: new Date(cloud.scheduler.now()), Bytes: new TextEncoder().encode("bytes") };
        case "Fail":
          throw new FakeError(String(body.Code), "it failed as asked");
        case "Wait":
          await cloud.scheduler.sleep(Number(body.Ms));
          return { Waited: body.Ms };
        case "Count":
          return { Value: counter++ };
        case "Invoke": {
          const handler = handlers.get(String(body.FunctionName));
          if (handler === undefined) throw new FakeError("ResourceNotFoundException", "no such function");
          try {
            return { StatusCode: 200, Payload: JSON.stringify((await handler(body.Event)) ?? null) };
          } catch (error) {
            return { StatusCode: 200, FunctionError: "Unhandled", Payload: JSON.stringify({ errorType: (error as Error).name, errorMessage: (error as Error).message }) };
          }
        }
        default:
          throw new DriverError(`fake has no ${command}`);
      }
    },
    errorName: (_service, error) => (error instanceof FakeError ? error.code : "Error"),
    dispose() {},
  };
}

type Handler = (event: unknown) => Promise<unknown>;
interface StandIns {
  readonly handlers: Map<string, Handler>;
  readonly created: Record<string, unknown>[];
  readonly polls: number[];
}
const standIns = new WeakMap<Cloud, StandIns>();
function stand(cloud: Cloud): StandIns {
  const found = standIns.get(cloud);
  if (found === undefined) throw new Error("cloud was not prepared");
  return found;
}

let lastStandIns: StandIns | undefined;
function prepareCloud(fresh: Cloud): Cloud {
  const state: StandIns = { handlers: new Map(), created: [], polls: [] };
  lastStandIns = state;
  const lambda = {
    async createFunction(input: Record<string, unknown>) {
      state.created.push(input);
      state.handlers.set(String(input.FunctionName), input.handler as Handler);
      return { FunctionName: input.FunctionName };
    },
  };
  const sqs = {
    async createQueue(input: Record<string, unknown>) {
      return { QueueUrl: `http://sqs/${String(input.QueueName)}` };
    },
    async receiveMessage(input: Record<string, unknown>) {
      state.polls.push(Number(input.WaitTimeSeconds));
      await fresh.scheduler.sleep(Number(input.WaitTimeSeconds) * 1000);
      return {};
    },
  };
  const cloud = Object.assign(Object.create(fresh) as Cloud, { lambda, sqs });
  standIns.set(cloud, state);
  return cloud;
}

const options: RunOptions = { driverFactory: fakeDriver, prepareCloud, callTimeoutMs: 500 };
const run = (steps: Step[]): Promise<CaseResult> => runCase({ name: "self-test", steps } satisfies ScenarioCase, options);
async function passes(steps: Step[]): Promise<void> {
  const result = await run(steps);
  expect(result, result.ok ? "" : `${result.step} ${result.op}: ${result.message}`).toEqual({ ok: true, driver: "native" });
}
async function failsAt(steps: Step[], step: string, message: RegExp): Promise<void> {
  const result = await run(steps);
  expect(result.ok, "the case should fail").toBe(false);
  if (result.ok) return;
  expect(result.step).toBe(step);
  expect(result.message).toMatch(message);
}

describe("step language: time", () => {
  it("advance, settle, runUntilIdle and expectNow", async () => {
    await passes([{ op: "expectNow", ms: 0 }, { op: "advance", ms: 1500 }, { op: "settle" }, { op: "runUntilIdle" }, { op: "expectNow", ms: 1500 }]);
    await failsAt([{ op: "advance", ms: 1000 }, { op: "expectNow", ms: 999 }], "2", /expected virtual time start \+ 999 ms, it is start \+ 1000 ms/);
  });

  it("repeat runs its steps times times with ${$i} as the 0-based round", async () => {
    await passes([
      { op: "repeat", times: 3, steps: [{ op: "advance", ms: 1000 }, { op: "save", name: "last", value: "${$i}" }] },
      { op: "expectNow", ms: 3000 },
      { op: "call", service: "fake", command: "Echo", input: { Round: "${last}" }, output: { Round: 2 } },
    ]);
    await failsAt([{ op: "repeat", times: 2, steps: [{ op: "advance", ms: 10 }, { op: "expectNow", ms: 10 }] }], "1[round 1].2", /start \+ 20 ms/);
  });

  it("save stores a value; $now and $start interpolate", async () => {
    await passes([
      { op: "advance", ms: 250 },
      { op: "save", name: "t", value: "${$now}" },
      { op: "save", name: "d", value: { $date: 1000, base: "${t}" } },
      { op: "call", service: "fake", command: "Echo", input: { T: "${t}", Since: "${$start}", D: "${d}" }, output: { T: Date.UTC(2025, 0, 1) + 250, At: { $time: 250 }, D: { $time: 1250 } } },
    ]);
  });
});

describe("step language: calls", () => {
  it("call checks normalised output and saves it for later steps", async () => {
    await passes([
      { op: "call", service: "fake", command: "Echo", input: { Url: "http://q/1", Body: { $bytes: { a: 1 } } }, save: "q", output: { Url: "http://q/1", Body: { $json: { a: 1 } }, Bytes: "bytes", At: { $time: 0 }, $metadata: { $absent: true } } },
      { op: "call", service: "fake", command: "Echo", input: { Again: "${q.Url}/x" }, output: { Again: "http://q/1/x" } },
      { op: "expect", call: { service: "fake", command: "Echo", input: { N: 1 } }, output: { N: 1 }, save: "e" },
      { op: "call", service: "fake", command: "Echo", input: { N: "${e.N}" }, output: { N: 1 } },
    ]);
  });

  it("reports the output path that does not match", async () => {
    await failsAt(
      [{ op: "call", service: "fake", command: "Echo", input: { Messages: [{ Body: "a" }] }, output: { Messages: [{ Body: "b" }] } }],
      "1",
      /output \$\.Messages\[0\]\.Body: expected "b", got "a"\n\s+whole output:/,
    );
  });

  it("error: the call must fail with that name (or one of a list)", async () => {
    await passes([
      { op: "call", service: "fake", command: "Fail", input: { Code: "QueueDoesNotExist" }, error: "QueueDoesNotExist", save: "err" },
      { op: "call", service: "fake", command: "Fail", input: { Code: "B" }, error: ["A", "B"] },
      { op: "call", service: "fake", command: "Echo", input: { Was: "${err.name}" }, output: { Was: "QueueDoesNotExist" } },
    ]);
    await failsAt([{ op: "call", service: "fake", command: "Fail", input: { Code: "X" }, error: "Y" }], "1", /expected error Y, got error X: it failed as asked/);
    await failsAt([{ op: "call", service: "fake", command: "Echo", error: "Y" }], "1", /expected error Y, but the call succeeded with output/);
    await failsAt([{ op: "call", service: "fake", command: "Fail", input: { Code: "X" } }], "1", /the call failed with error X/);
  });

  it("a harness problem is never taken for the expected error", async () => {
    await failsAt([{ op: "call", service: "fake", command: "Nope", error: "DriverError" }], "1", /fake has no Nope/);
    await failsAt([{ op: "call", service: "fake", command: "Echo", input: { X: "${missing}" } }], "1", /no saved value named "missing"/);
  });

  it("a call that waits on virtual time is reported, not hung", async () => {
    await failsAt([{ op: "call", service: "fake", command: "Wait", input: { Ms: 5000 } }], "1", /did not return within 500 ms of real time .*`start` step/);
  });

  it("start, pending and await", async () => {
    await passes([
      { op: "start", id: "p", service: "fake", command: "Wait", input: { Ms: 5000 } },
      { op: "advance", ms: 4000 },
      { op: "pending", id: "p" },
      { op: "advance", ms: 1000 },
      { op: "await", id: "p", output: { Waited: 5000 }, save: "w" },
      { op: "start", id: "f", service: "fake", command: "Fail", input: { Code: "Boom" } },
      { op: "await", id: "f", error: "Boom" },
    ]);
    await failsAt(
      [{ op: "start", id: "p", service: "fake", command: "Wait", input: { Ms: 10 } }, { op: "advance", ms: 10 }, { op: "pending", id: "p" }],
      "3",
      /expected to be still pending, but it returned output \{"Waited":10\}/,
    );
    await failsAt([{ op: "start", id: "p", service: "fake", command: "Wait", input: { Ms: 10 } }, { op: "await", id: "p" }], "2", /has not returned \(1 s of real time, virtual time now start \+ 0 ms\)/);
    await failsAt([{ op: "await", id: "nope" }], "1", /no call was started with id "nope"/);
  });

  it("waitFor calls, advancing stepMs between calls, until the output matches", async () => {
    await passes([
      { op: "waitFor", service: "fake", command: "Count", output: { Value: 3 }, stepMs: 500 },
      { op: "expectNow", ms: 1500 },
    ]);
    await failsAt([{ op: "waitFor", service: "fake", command: "Count", output: { Value: -1 }, maxMs: 3000 }], "1", /still no match after 3000 virtual ms; last: output \$\.Value: expected -1/);
  });

  it("unknown ops fail the case", async () => {
    await failsAt([{ op: "teleport" } as unknown as Step], "1", /unknown step op "teleport"/);
  });
});

describe("step language: functions", () => {
  it("function creates a scripted handler; expectInvocations checks the log", async () => {
    await passes([
      { op: "function", name: "f", behaviour: { throw: { name: "Flaky", message: "x" }, times: 1, then: { echo: true } }, timeout: 7 },
      { op: "call", service: "fake", command: "Invoke", input: { FunctionName: "f", Event: { n: 1 } }, output: { FunctionError: "Unhandled", Payload: { $json: { errorType: "Flaky" } } } },
      { op: "advance", ms: 2000 },
      {
        op: "call",
        service: "fake",
        command: "Invoke",
        input: { FunctionName: "f", Event: { Records: [{ messageId: "m1", body: "a" }, { messageId: "m2", body: "b" }] } },
        output: { FunctionError: { $absent: true } },
      },
      {
        op: "expectInvocations",
        name: "f",
        count: 2,
        atLeast: 1,
        events: [{ n: 1 }, {}],
        times: [0, { $gte: 2000 }],
        records: [{ body: "a" }, { body: "b" }],
        recordsUnordered: [{ body: "b" }, { body: "a" }],
        recordCount: 2,
        maxBatch: 2,
      },
      { op: "expectInvocations", name: "f", filter: { body: "b" }, records: [{ messageId: "m2" }], recordCount: 1 },
    ]);
    expect(lastStandIns?.created[0]).toMatchObject({ FunctionName: "f", Runtime: "nodejs20.x", Handler: "index.handler", Timeout: 7, Role: "arn:aws:iam::000000000000:role/lambda" });
  });

  it("expectInvocations names what differs", async () => {
    const setup: Step[] = [
      { op: "function", name: "f", behaviour: {} },
      { op: "call", service: "fake", command: "Invoke", input: { FunctionName: "f", Event: { Records: [{ body: "a" }, { body: "b" }, { body: "c" }] } } },
    ];
    await failsAt([...setup, { op: "expectInvocations", name: "f", count: 2 }], "3", /expected 2 invocations, got 1\n\s+invocations: \[\{"at":0/);
    await failsAt([...setup, { op: "expectInvocations", name: "f", maxBatch: 2 }], "3", /no batch larger than 2 records, the largest had 3/);
    await failsAt([...setup, { op: "expectInvocations", name: "f", events: [{ Records: { $len: 2 } }] }], "3", /events\[0\]\.Records: expected length 2, got 3/);
    await failsAt([...setup, { op: "expectInvocations", name: "g", count: 0 }], "3", /no function step created g/);
  });

  it("sleepMs waits in virtual time via long polls of ≤ 20 s on the runner's queue", async () => {
    await passes([
      { op: "function", name: "slow", behaviour: { sleepMs: 45_500, return: "late" } },
      { op: "start", id: "i", service: "fake", command: "Invoke", input: { FunctionName: "slow", Event: {} } },
      { op: "advance", ms: 45_000 },
      { op: "pending", id: "i" },
      { op: "advance", ms: 500 },
      { op: "await", id: "i", output: { Payload: '"late"' } },
    ]);
    expect(lastStandIns?.polls).toEqual([20, 20, 5]);
    expect(SLEEP_QUEUE).toBe("scenario-runner-sleep");
  });
});
