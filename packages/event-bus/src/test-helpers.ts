/** Fake ports for tests: what a queue, function, state machine, stream or topic received, without the services. */
import { createSimContext, type MessageAttributeMap, type PortCaller, type SimContext, type SimContextOptions } from "@simcloud/core";
import { createEventBridgeService, type EventBridgeService } from "./events";

export interface Received {
  body: string;
  time: number;
  caller: PortCaller | undefined;
  attributes?: MessageAttributeMap | undefined;
  groupId?: string | undefined;
  partitionKey?: string | undefined;
}

export interface Fake {
  readonly arn: string;
  readonly received: Received[];
  bodies(): unknown[];
  /** The next `n` deliveries throw. */
  failNext(n: number): void;
}

type Kind = "queue" | "function" | "state-machine" | "stream" | "topic";

export function fake(ctx: SimContext, kind: Kind, name: string): Fake {
  const arn = {
    queue: `arn:aws:sqs:${ctx.region}:${ctx.accountId}:${name}`,
    function: `arn:aws:lambda:${ctx.region}:${ctx.accountId}:function:${name}`,
    "state-machine": `arn:aws:states:${ctx.region}:${ctx.accountId}:stateMachine:${name}`,
    stream: `arn:aws:kinesis:${ctx.region}:${ctx.accountId}:stream/${name}`,
    topic: `arn:aws:sns:${ctx.region}:${ctx.accountId}:${name}`,
  }[kind];
  let failures = 0;
  const received: Received[] = [];
  const take = (entry: Omit<Received, "time">) => {
    if (failures > 0) {
      failures--;
      throw new Error(`${name} is failing`);
    }
    received.push({ ...entry, time: ctx.scheduler.now() });
  };
  const text = (payload: Uint8Array | string | undefined) => (typeof payload === "string" ? payload : new TextDecoder().decode(payload));
  switch (kind) {
    case "queue":
      ctx.registry.register({
        kind,
        arn,
        url: `https://sqs.${ctx.region}.amazonaws.com/${ctx.accountId}/${name}`,
        attributes: () => ({ fifo: name.endsWith(".fifo"), visibilityTimeoutSeconds: 30 }),
        send(input, caller) {
          take({ body: input.MessageBody, caller, attributes: input.MessageAttributes, groupId: input.MessageGroupId });
          return { MessageId: `m${received.length}`, MD5OfMessageBody: "" };
        },
        receive: async () => [],
        deleteMessage() {},
        changeVisibility() {},
      });
      break;
    case "function":
      ctx.registry.register({
        kind,
        arn,
        async invoke(input, caller) {
          take({ body: text(input.Payload), caller });
          return { StatusCode: 202 };
        },
      });
      break;
    case "state-machine":
      ctx.registry.register({
        kind,
        arn,
        async startExecution(input, caller) {
          take({ body: input.input ?? "{}", caller });
          return { executionArn: `${arn}:exec-${received.length}`, startDate: new Date(ctx.scheduler.now()) };
        },
        // A recorder: the synchronous run echoes its input as its output.
        async startSyncExecution(input, caller) {
          take({ body: input.input ?? "{}", caller });
          return { executionArn: `${arn}:exec-${received.length}`, status: "SUCCEEDED", output: input.input ?? "{}" };
        },
      });
      break;
    case "stream":
      ctx.registry.register({
        kind,
        arn,
        async putRecord(input, caller) {
          take({ body: text(input.Data), caller, partitionKey: input.PartitionKey });
          return { ShardId: "shardId-000000000000", SequenceNumber: String(received.length) };
        },
        // A write-only recorder: nothing reads it back.
        readable: () => false,
        retentionHours: () => 24,
        shards: () => [],
        position: () => undefined,
        read: () => undefined,
        changed: () => new Promise<void>(() => {}),
      });
      break;
    case "topic":
      ctx.registry.register({
        kind,
        arn,
        async publish(input, caller) {
          take({ body: input.Message, caller });
          return { MessageId: `t${received.length}` };
        },
      });
      break;
  }
  return {
    arn,
    received,
    bodies: () => received.map((entry) => JSON.parse(entry.body) as unknown),
    failNext(n) {
      failures = n;
    },
  };
}

export function setup(options: SimContextOptions = {}): { ctx: SimContext; events: EventBridgeService } {
  const ctx = createSimContext(options);
  return { ctx, events: createEventBridgeService(ctx) };
}
