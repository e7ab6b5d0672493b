/**
 * `simcloud/vitest`: a fixture giving each test a fresh cloud, matchers on resource handles, and the failing
 * test's timeline printed for you.
 *
 *   import { test, expect } from "simcloud/vitest";
 *   test("a poison message is dead-lettered", async ({ cloud }) => { … await expect(cloud.sqs.queue("orders")).toHaveDeadLettered("poison") });
 */
import { expect, test as baseTest, vi } from "vitest";
import { createCloud, type Cloud, type CloudOptions } from "./cloud";
import { FAKE_TIMERS_ON_VIRTUAL_CLOUD, fakeTimersInstalled } from "./fake-timers";
import type { FunctionHandle, QueueHandle, ResourceHandle, TopicHandle } from "./handles";

export interface CloudFixtureOptions extends CloudOptions {
  /** Print the cloud's timeline when the test fails (default true). */
  printTimelineOnFailure?: boolean;
}

export interface CloudFixtures {
  /** Options for the `cloud` fixture: `test.override({ cloudOptions: { autoAdvance: true } })`. */
  cloudOptions: CloudFixtureOptions;
  /** A fresh cloud for this test, disposed after it. */
  cloud: Cloud;
}

/** A `test` whose `cloud` fixture starts from `defaults` (merged under `cloudOptions`). */
export function createCloudTest(defaults: CloudFixtureOptions = {}) {
  return baseTest.extend<CloudFixtures>({
    cloudOptions: defaults,
    cloud: async ({ cloudOptions, onTestFailed, task }, use) => {
      const { printTimelineOnFailure = true, ...options } = { ...defaults, ...cloudOptions };
      const cloud = createCloud(options);
      if (printTimelineOnFailure) {
        onTestFailed(() => {
          console.log(`simcloud timeline of "${task.name}":\n${cloud.trace.format()}`);
        });
      }
      try {
        await use(cloud);
      } finally {
        const confused = cloud.scheduler.mode === "virtual" && options.clock === undefined && vi.isFakeTimers();
        await cloud.dispose();
        if (confused) console.warn(`simcloud (test "${task.name}"): ${FAKE_TIMERS_ON_VIRTUAL_CLOUD}`);
      }
    },
  });
}

/** vitest's `test` with a `cloud` fixture (default options). */
export const test = createCloudTest();
export const it = test;
export { expect };

// ——— matchers ———

interface MatcherState {
  isNot: boolean;
  equals(a: unknown, b: unknown): boolean;
  utils: { printExpected(value: unknown): string; printReceived(value: unknown): string };
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

function requireHandle<K extends ResourceHandle["kind"]>(received: unknown, kind: K, matcher: string): Extract<ResourceHandle, { kind: K }> {
  const handle = received as Partial<ResourceHandle> | null;
  if (typeof handle !== "object" || handle === null || handle.kind !== kind || handle.cloud === undefined) {
    const helper = { "sqs.queue": "cloud.sqs.queue(name)", "lambda.function": "cloud.lambda.fn(name)", "sns.topic": "cloud.sns.topic(name)" }[kind];
    throw new TypeError(`${matcher}() expects a handle from ${helper}, got ${typeof received === "string" ? JSON.stringify(received) : typeof received}`);
  }
  return handle as Extract<ResourceHandle, { kind: K }>;
}

/** Runs what is due now, so the assertion sees the work the test's last call caused. */
async function settled(cloud: Cloud): Promise<void> {
  if (!cloud.disposed) await cloud.settle();
}

function timeline(cloud: Cloud): string {
  const hint = cloud.scheduler.mode === "virtual" && fakeTimersInstalled() ? `\n\nNote: ${FAKE_TIMERS_ON_VIRTUAL_CLOUD}` : "";
  return `\n\nTimeline (virtual time since the cloud was created):\n${cloud.trace.format({ last: 40 })}${hint}`;
}

/** A body matches as text, or (for object/asymmetric expectations) as the JSON it holds. */
function bodyMatches(state: MatcherState, body: unknown, expected: unknown): boolean {
  if (state.equals(body, expected)) return true;
  if (typeof body !== "string" || typeof expected === "string") return false;
  try {
    return state.equals(JSON.parse(body), expected);
  } catch {
    return false;
  }
}

export const matchers = {
  /** The queue holds `count` messages: visible, in flight and delayed together. */
  async toHaveMessages(this: MatcherState, received: unknown, count: number): Promise<MatcherResult> {
    const queue = requireHandle(received, "sqs.queue", "toHaveMessages");
    await settled(queue.cloud);
    const { Attributes = {} } = await queue.cloud.sqs.getQueueAttributes({
      QueueUrl: queue.url,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
    });
    const visible = Number(Attributes.ApproximateNumberOfMessages ?? 0);
    const inFlight = Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
    const delayed = Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0);
    const total = visible + inFlight + delayed;
    return {
      pass: total === count,
      message: () =>
        `expected queue "${queue.name}" ${this.isNot ? "not " : ""}to hold ${count} messages, it holds ${total} ` +
        `(${visible} visible, ${inFlight} in flight, ${delayed} delayed)${timeline(queue.cloud)}`,
    };
  },

  /** A message of this queue was moved to its dead-letter queue (with a body equal to `body`, when given). */
  async toHaveDeadLettered(this: MatcherState, received: unknown, body?: unknown): Promise<MatcherResult> {
    const queue = requireHandle(received, "sqs.queue", "toHaveDeadLettered");
    await settled(queue.cloud);
    const bodies = new Map<string, string>();
    for (const event of queue.cloud.trace.of("sqs.message.sent")) if (event.queueUrl === queue.url) bodies.set(event.messageId, event.body);
    const moved = queue.cloud.trace.of("sqs.message.moved-to-dlq").filter((event) => event.queueUrl === queue.url);
    const movedBodies = moved.map((event) => bodies.get(event.messageId));
    const pass = body === undefined ? moved.length > 0 : movedBodies.some((text) => bodyMatches(this, text, body));
    return {
      pass,
      message: () =>
        `expected queue "${queue.name}" ${this.isNot ? "not " : ""}to have dead-lettered ${body === undefined ? "a message" : this.utils.printExpected(body)}; ` +
        `dead-lettered: ${moved.length === 0 ? "none" : this.utils.printReceived(movedBodies)}${timeline(queue.cloud)}`,
    };
  },

  /** Some invocation of the function received an event equal to `event` (asymmetric matchers welcome). */
  async toHaveBeenInvokedWith(this: MatcherState, received: unknown, event: unknown): Promise<MatcherResult> {
    const fn = requireHandle(received, "lambda.function", "toHaveBeenInvokedWith");
    await settled(fn.cloud);
    const events = fn.cloud.trace.of("lambda.invocation.started").filter((started) => started.functionName === fn.name).map((started) => started.event);
    return {
      pass: events.some((actual) => this.equals(actual, event)),
      message: () =>
        `expected function "${fn.name}" ${this.isNot ? "not " : ""}to have been invoked with ${this.utils.printExpected(event)}; ` +
        `it was invoked ${events.length} times${events.length === 0 ? "" : ` with ${this.utils.printReceived(events.slice(0, 5))}`}${timeline(fn.cloud)}`,
    };
  },

  /** The function's handler started exactly `count` times (retries included; throttled attempts not). */
  async toHaveBeenInvokedTimes(this: MatcherState, received: unknown, count: number): Promise<MatcherResult> {
    const fn = requireHandle(received, "lambda.function", "toHaveBeenInvokedTimes");
    await settled(fn.cloud);
    const times = fn.cloud.trace.of("lambda.invocation.started").filter((started) => started.functionName === fn.name).length;
    return {
      pass: times === count,
      message: () => `expected function "${fn.name}" ${this.isNot ? "not " : ""}to have been invoked ${count} times, it was invoked ${times} times${timeline(fn.cloud)}`,
    };
  },

  /**
   * The topic delivered a message (equal to `message`, when given) to a subscriber (`to`: an endpoint ARN/URL or a
   * handle, when given).
   */
  async toHaveDelivered(this: MatcherState, received: unknown, message?: unknown, options: { to?: string | QueueHandle | FunctionHandle | TopicHandle } = {}): Promise<MatcherResult> {
    const topic = requireHandle(received, "sns.topic", "toHaveDelivered");
    await settled(topic.cloud);
    const to = typeof options.to === "object" ? options.to.arn : options.to;
    const published = new Map<string, string>();
    for (const event of topic.cloud.trace.of("sns.message.published")) if (event.topicArn === topic.arn) published.set(event.messageId, event.message);
    const delivered = topic.cloud.trace
      .of("sns.message.delivered")
      .filter((event) => event.topicArn === topic.arn && (to === undefined || event.endpoint === to))
      .map((event) => ({ endpoint: event.endpoint, message: published.get(event.messageId) }));
    const pass = delivered.some((delivery) => message === undefined || bodyMatches(this, delivery.message, message));
    return {
      pass,
      message: () =>
        `expected topic "${topic.name}" ${this.isNot ? "not " : ""}to have delivered ${message === undefined ? "a message" : this.utils.printExpected(message)}` +
        `${to === undefined ? "" : ` to ${to}`}; delivered: ${delivered.length === 0 ? "none" : this.utils.printReceived(delivered.slice(0, 5))}${timeline(topic.cloud)}`,
    };
  },
};

expect.extend(matchers);

export interface SimcloudMatchers<R = unknown> {
  /** The queue (a `cloud.sqs.queue(name)` handle) holds `count` messages: visible, in flight and delayed. Await it. */
  toHaveMessages(count: number): Promise<R>;
  /** A message of the queue went to its DLQ (with this body: text, or an object/asymmetric matcher for JSON bodies). Await it. */
  toHaveDeadLettered(body?: unknown): Promise<R>;
  /** The function (a `cloud.lambda.fn(name)` handle) was invoked with an event equal to `event`. Await it. */
  toHaveBeenInvokedWith(event: unknown): Promise<R>;
  /** The function's handler started exactly `count` times. Await it. */
  toHaveBeenInvokedTimes(count: number): Promise<R>;
  /** The topic (a `cloud.sns.topic(name)` handle) delivered a message (equal to `message`), optionally to one endpoint. Await it. */
  toHaveDelivered(message?: unknown, options?: { to?: string | QueueHandle | FunctionHandle | TopicHandle }): Promise<R>;
}

declare module "vitest" {
  // The type parameter must repeat vitest's own declaration exactly for the interfaces to merge.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
  interface Matchers<T = any> extends SimcloudMatchers<void> {}
}

export type { Cloud, CloudOptions } from "./cloud";
export type { QueueHandle, FunctionHandle, TopicHandle } from "./handles";
export { UntilTimeoutError } from "./until";
