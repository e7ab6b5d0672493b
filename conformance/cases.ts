/**
 * The vector formats (../shared/conformance/README.md and scenarios/README.md), loading the vendored
 * files in ./vectors, the services a case needs, and filter-pattern cases as scenario steps.
 */
import { readFileSync } from "node:fs";
import type { Behaviour } from "./functions";

export interface CallSpec {
  readonly service: string;
  readonly command: string;
  readonly input?: unknown;
}

/** `error`: the SDK exception name, or a list of acceptable names. */
export type ErrorSpec = string | readonly string[];

export type Step =
  | ({ readonly op: "call"; readonly save?: string; readonly output?: unknown; readonly error?: ErrorSpec } & CallSpec)
  | { readonly op: "expect"; readonly call: CallSpec; readonly output?: unknown; readonly error?: ErrorSpec; readonly save?: string }
  | ({ readonly op: "start"; readonly id: string } & CallSpec)
  | { readonly op: "pending"; readonly id: string }
  | { readonly op: "await"; readonly id: string; readonly output?: unknown; readonly error?: ErrorSpec; readonly save?: string }
  | { readonly op: "advance"; readonly ms: number | string }
  | { readonly op: "settle" }
  | { readonly op: "runUntilIdle" }
  | { readonly op: "expectNow"; readonly ms: number | string }
  | ({ readonly op: "waitFor"; readonly output: unknown; readonly stepMs?: number; readonly maxMs?: number; readonly save?: string } & CallSpec)
  | { readonly op: "save"; readonly name: string; readonly value: unknown }
  | { readonly op: "repeat"; readonly times: number | string; readonly steps: readonly Step[] }
  | { readonly op: "function"; readonly name: string; readonly behaviour: Behaviour; readonly timeout?: number }
  | ({ readonly op: "expectInvocations"; readonly name: string } & InvocationExpectations);

export interface InvocationExpectations {
  readonly count?: number;
  readonly atLeast?: number;
  readonly events?: unknown;
  readonly times?: unknown;
  readonly records?: unknown;
  readonly recordsUnordered?: unknown;
  readonly recordCount?: number;
  readonly filter?: unknown;
  readonly maxBatch?: number;
}

export interface ScenarioCase {
  readonly name: string;
  readonly area?: string;
  readonly doc?: string;
  readonly steps: readonly Step[];
}

export type FilterKind = "sns-filter-attributes" | "sns-filter-body" | "eventbridge-pattern";

export interface FilterCase {
  readonly name: string;
  readonly kind: FilterKind;
  readonly pattern: unknown;
  readonly event: unknown;
  readonly expect: boolean;
  readonly expectError?: boolean;
  /** The exact event text, where a number's spelling matters. */
  readonly eventJson?: string;
}

export type ConformanceCase = ScenarioCase | FilterCase;

export function isFilterCase(value: ConformanceCase): value is FilterCase {
  return "kind" in value && "pattern" in value;
}

const VECTORS = new URL("./vectors/", import.meta.url);

/** The cases of one vendored vector file, e.g. loadVectors("sqs.json"). */
export function loadVectors(file: string): ConformanceCase[] {
  const parsed: unknown = JSON.parse(readFileSync(new URL(file, VECTORS), "utf8"));
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected a JSON array of cases`);
  return parsed.map((item: unknown, i): ConformanceCase => {
    if (item === null || typeof item !== "object" || typeof (item as { name?: unknown }).name !== "string") {
      throw new Error(`${file}[${i}]: a case needs a name`);
    }
    const named = item as ConformanceCase;
    if (!isFilterCase(named) && !Array.isArray((named as { steps?: unknown }).steps)) throw new Error(`${file}: case ${named.name} has neither steps nor a pattern`);
    return named;
  });
}

/** Every service a case talks to (functions need lambda; a sleeping function needs sqs). */
export function servicesOf(testCase: ConformanceCase): Set<string> {
  const services = new Set<string>();
  if (isFilterCase(testCase)) {
    if (testCase.kind === "eventbridge-pattern") services.add("events");
    else services.add("sns").add("sqs");
    return services;
  }
  const visit = (steps: readonly Step[]) => {
    for (const step of steps) {
      switch (step.op) {
        case "call":
        case "start":
        case "waitFor":
          services.add(step.service);
          break;
        case "expect":
          services.add(step.call.service);
          break;
        case "function":
          services.add("lambda");
          if (JSON.stringify(step.behaviour).includes('"sleepMs"')) services.add("sqs");
          break;
        case "expectInvocations":
          services.add("lambda");
          break;
        case "repeat":
          visit(step.steps);
          break;
        default:
          break;
      }
    }
  };
  visit(testCase.steps);
  return services;
}

const ACCOUNT = "000000000000";
const REGION = "us-east-1";

function literal(value: unknown): { $literal: unknown } {
  return { $literal: value };
}

/** `{ DataType, StringValue | BinaryValue(base64) }` → a Publish MessageAttributeValue. */
function messageAttributes(attributes: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (attributes === null || typeof attributes !== "object") return out;
  for (const [name, raw] of Object.entries(attributes as Record<string, Record<string, unknown>>)) {
    const value: Record<string, unknown> = { DataType: raw.DataType };
    if (typeof raw.StringValue === "string") value.StringValue = raw.StringValue;
    if (typeof raw.BinaryValue === "string") value.BinaryValue = new Uint8Array(Buffer.from(raw.BinaryValue, "base64"));
    Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * A filter case as scenario steps. SNS: a raw-delivery SQS subscriber with the filter policy receives the
 * message exactly once and unchanged iff `expect`; `expectError`: Subscribe fails with
 * InvalidParameterException. EventBridge: TestEventPattern's Result, or InvalidEventPatternException.
 */
export function filterCaseSteps(testCase: FilterCase): Step[] {
  if (testCase.kind === "eventbridge-pattern") {
    const call: CallSpec = {
      service: "events",
      command: "TestEventPattern",
      input: { EventPattern: literal(JSON.stringify(testCase.pattern)), Event: literal(testCase.eventJson ?? JSON.stringify(testCase.event)) },
    };
    return [
      testCase.expectError === true
        ? { op: "call", ...call, error: "InvalidEventPatternException" }
        : { op: "call", ...call, output: { Result: testCase.expect } },
    ];
  }
  const event = (testCase.event ?? {}) as { message?: unknown; attributes?: unknown };
  const message = typeof event.message === "string" ? event.message : JSON.stringify(event.message);
  const subscribe: CallSpec = {
    service: "sns",
    command: "Subscribe",
    input: {
      TopicArn: "${topic.TopicArn}",
      Protocol: "sqs",
      Endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:filter-queue`,
      ReturnSubscriptionArn: true,
      Attributes: {
        RawMessageDelivery: "true",
        FilterPolicyScope: testCase.kind === "sns-filter-body" ? "MessageBody" : "MessageAttributes",
        FilterPolicy: literal(JSON.stringify(testCase.pattern)),
      },
    },
  };
  const steps: Step[] = [
    { op: "call", service: "sns", command: "CreateTopic", input: { Name: "filter-topic" }, save: "topic" },
    { op: "call", service: "sqs", command: "CreateQueue", input: { QueueName: "filter-queue" }, save: "queue" },
  ];
  if (testCase.expectError === true) {
    steps.push({ op: "call", ...subscribe, error: "InvalidParameterException" });
    return steps;
  }
  const attributes = messageAttributes(event.attributes);
  steps.push(
    { op: "call", ...subscribe },
    {
      op: "call",
      service: "sns",
      command: "Publish",
      input: { TopicArn: "${topic.TopicArn}", Message: literal(message), ...(Object.keys(attributes).length > 0 ? { MessageAttributes: literal(attributes) } : {}) },
    },
    { op: "settle" },
    {
      op: "call",
      service: "sqs",
      command: "ReceiveMessage",
      input: { QueueUrl: "${queue.QueueUrl}", MaxNumberOfMessages: 10, MessageAttributeNames: ["All"] },
      output: { Messages: testCase.expect ? [{ Body: literal(message) }] : { $empty: true } },
    },
  );
  return steps;
}
