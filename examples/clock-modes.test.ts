/**
 * One scenario, three ways to drive time: a synchronous Lambda invoke whose handler itself waits 5 virtual
 * seconds (a retry back-off) and then long-polls a queue. The result and the virtual timings are the same
 * whether the test advances time itself, lets autoAdvance jump, or drives the cloud with vi.useFakeTimers().
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCloud, type Cloud, type CloudOptions } from "simcloud";

const START = Date.UTC(2025, 0, 1);

interface Mode {
  name: string;
  options: CloudOptions;
  before?: () => void;
  /** Lets `ms` of virtual time pass while `pending` is in flight, then returns its result. */
  drive<T>(cloud: Cloud, ms: number, pending: Promise<T>): Promise<T>;
}

const modes: Mode[] = [
  {
    name: "virtual time, advanced by the test",
    options: {},
    async drive(cloud, ms, pending) {
      await cloud.advance(ms);
      return pending;
    },
  },
  { name: "autoAdvance", options: { autoAdvance: true }, drive: (_cloud, _ms, pending) => pending },
  {
    name: "clock: 'system' under vi.useFakeTimers()",
    options: { clock: "system" },
    before: () => vi.useFakeTimers({ now: START }),
    async drive(_cloud, ms, pending) {
      await vi.advanceTimersByTimeAsync(ms);
      return pending;
    },
  },
];

describe.each(modes)("$name", (mode) => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a handler that sleeps and long-polls completes at the same virtual times", async () => {
    mode.before?.();
    await using cloud = createCloud(mode.options);
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "work" });
    const seen: number[] = [];
    await cloud.lambda.createFunction({
      FunctionName: "patient",
      Timeout: 60,
      handler: async () => {
        seen.push(cloud.clock.now() - START);
        await cloud.scheduler.sleep(5_000);
        seen.push(cloud.clock.now() - START);
        const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl: QueueUrl!, WaitTimeSeconds: 10 });
        seen.push(cloud.clock.now() - START);
        return { received: Messages.length };
      },
    });
    const invoked = cloud.lambda.invoke({ FunctionName: "patient" });
    const result = await mode.drive(cloud, 15_000, invoked);
    expect(JSON.parse(new TextDecoder().decode(result.Payload))).toEqual({ received: 0 });
    expect(seen).toEqual([0, 5_000, 15_000]);
  });
});
