/** Fake ports for tests: what a queue or function received from SNS, without the real services. */
import { AwsError, createSimContext, type FunctionInvokeInput, type PortCaller, type QueueSendInput, type SimContext, type SimContextOptions } from "@simcloud/core";
import { createTopicService, type TopicService, type TopicServiceOptions } from "./sns";

export interface FakeQueue {
  arn: string;
  sent: { input: QueueSendInput; caller: PortCaller | undefined; time: number }[];
  bodies(): string[];
  /** Makes the next `n` sends (of messages `only` accepts) throw this error. */
  failNext(n: number, error: () => Error, only?: (input: QueueSendInput) => boolean): void;
}

export function fakeQueue(ctx: SimContext, name: string): FakeQueue {
  const arn = `arn:aws:sqs:${ctx.region}:${ctx.accountId}:${name}`;
  let failures = 0;
  let makeError: () => Error = () => new Error("boom");
  let selects: (input: QueueSendInput) => boolean = () => true;
  const queue: FakeQueue = {
    arn,
    sent: [],
    bodies: () => queue.sent.map((s) => s.input.MessageBody),
    failNext(n, error, only = () => true) {
      failures = n;
      makeError = error;
      selects = only;
    },
  };
  ctx.registry.register({
    kind: "queue",
    arn,
    url: `https://sqs.${ctx.region}.amazonaws.com/${ctx.accountId}/${name}`,
    attributes: () => ({ fifo: name.endsWith(".fifo"), visibilityTimeoutSeconds: 30 }),
    send(input, caller) {
      if (failures > 0 && selects(input)) {
        failures--;
        throw makeError();
      }
      queue.sent.push({ input, caller, time: ctx.scheduler.now() });
      return { MessageId: `m${queue.sent.length}`, MD5OfMessageBody: "" };
    },
    receive: async () => [],
    deleteMessage() {},
    changeVisibility() {},
  });
  return queue;
}

export interface FakeFunction {
  arn: string;
  invocations: { input: FunctionInvokeInput; caller: PortCaller | undefined; time: number }[];
  events(): unknown[];
}

export function fakeFunction(ctx: SimContext, name: string, behaviour: () => Promise<void> = async () => {}): FakeFunction {
  const arn = `arn:aws:lambda:${ctx.region}:${ctx.accountId}:function:${name}`;
  const fn: FakeFunction = {
    arn,
    invocations: [],
    events: () => fn.invocations.map((i) => JSON.parse(String(i.input.Payload)) as unknown),
  };
  ctx.registry.register({
    kind: "function",
    arn,
    async invoke(input, caller) {
      fn.invocations.push({ input, caller, time: ctx.scheduler.now() });
      await behaviour();
      return { StatusCode: 202 };
    },
  });
  return fn;
}

export const throttled = (): AwsError => new AwsError("TooManyRequestsException", "Rate exceeded", { statusCode: 429 });

export function setup(options: SimContextOptions & TopicServiceOptions = {}): { ctx: SimContext; sns: TopicService } {
  const ctx = createSimContext(options);
  return { ctx, sns: createTopicService(ctx, options) };
}

export const T0 = Date.UTC(2025, 0, 1);
