import { describe, expect, it } from "vitest";
import { createSimContext, type SimContext } from "@simcloud/core";
import { inEveryClockMode, type ClockModeName } from "@simcloud/core/testing";
import { createTopicService, type TopicService } from "./sns";
import type { HttpNotificationRequest } from "./endpoints";
import { fakeQueue } from "./test-helpers";
import { retryDelayMs, parseRetryPolicy, AWS_MANAGED_RETRY_POLICY } from "./delivery-policy";

/**
 * How late a task scheduled from a promise continuation (after an async handler answers) runs. Only the system
 * clock under fake timers has one, and only for 0-ms delays: fake-timers arms a 0-ms timer created while it is
 * still ticking (a fired timer's microtasks run inside the tick) for the next millisecond. Tasks scheduled inside
 * a task, and non-zero delays, are exact.
 */
const continuationLag = (mode: ClockModeName): number => (mode === "system" ? 1 : 0);

const URL_ = "https://hooks.example.com/sns";

function confirmed(ctx: SimContext): Promise<void> {
  return new Promise((resolve) => ctx.trace.on("sns.subscription.confirmed", () => resolve()));
}

async function subscribeHttp(sns: TopicService, policy?: object): Promise<string> {
  const { TopicArn } = await sns.createTopic({ Name: "web" });
  await sns.subscribe({
    TopicArn,
    Protocol: "https",
    Endpoint: URL_,
    ReturnSubscriptionArn: true,
    ...(policy ? { Attributes: { DeliveryPolicy: JSON.stringify(policy) } } : {}),
  });
  return TopicArn as string;
}

// Elapsed virtual ms is exact in every mode (the system clock runs tasks due in the same ms together).
inEveryClockMode("HTTP/S delivery retries (Amazon SNS message delivery retries)", createSimContext, (setup) => {
  it("the default policy retries 3 times, 20 seconds apart, then redrives to the DLQ", async () => {
    const { subject: ctx, within, elapsed } = setup();
    const sns = createTopicService(ctx, { autoConfirm: true });
    const dlq = fakeQueue(ctx, "dlq");
    const calls: { type: string; at: number }[] = [];
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    ctx.trace.on("sns.message.dead-lettered", () => finished());
    sns.registerEndpoint(URL_, (request: HttpNotificationRequest) => {
      calls.push({ type: request.headers["x-amz-sns-message-type"] as string, at: elapsed() });
      return request.headers["x-amz-sns-message-type"] === "SubscriptionConfirmation" ? 200 : 503;
    });
    const subscribed = confirmed(ctx);
    const TopicArn = await subscribeHttp(sns);
    const [sub] = (await sns.listSubscriptionsByTopic({ TopicArn })).Subscriptions ?? [];
    await within(0, subscribed);
    const confirmedArn = (await sns.listSubscriptionsByTopic({ TopicArn })).Subscriptions?.[0]?.SubscriptionArn;
    expect(sub?.SubscriptionArn).toBe("PendingConfirmation");
    expect(confirmedArn).toMatch(/^arn:aws:sns:/);
    await sns.setSubscriptionAttributes({ SubscriptionArn: confirmedArn, AttributeName: "RedrivePolicy", AttributeValue: JSON.stringify({ deadLetterTargetArn: dlq.arn }) });
    await sns.publish({ TopicArn, Message: "hook" });
    await within(60_000, done);
    expect(calls).toEqual([
      { type: "SubscriptionConfirmation", at: 0 },
      { type: "Notification", at: 0 },
      { type: "Notification", at: 20_000 },
      { type: "Notification", at: 40_000 },
      { type: "Notification", at: 60_000 },
    ]);
    expect(JSON.parse(dlq.bodies()[0] as string)).toMatchObject({ Message: "hook" });
  });

  it("a custom policy backs off exponentially and stops retrying once the handler answers 2xx", async () => {
    const { subject: ctx, within, elapsed, mode } = setup();
    const sns = createTopicService(ctx, { autoConfirm: true });
    const times: number[] = [];
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    ctx.trace.on("sns.message.delivered", () => finished());
    sns.registerEndpoint(URL_, async (request) => {
      if (request.headers["x-amz-sns-message-type"] !== "Notification") return 200;
      times.push(elapsed());
      return times.length < 4 ? { statusCode: 500 } : undefined;
    });
    const policy = { healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 8, numRetries: 5, numNoDelayRetries: 1, backoffFunction: "exponential" } };
    const subscribed = confirmed(ctx);
    const TopicArn = await subscribeHttp(sns, policy);
    await within(0, subscribed);
    await sns.publish({ TopicArn, Message: "x" });
    await within(10_000, done);
    // Retries 2..5 form the back-off phase from 1 s to 8 s: 1·8^(1/4) = 1.682 s, 1·8^(2/4) = 2.828 s, …
    // The handler is async, so the immediate retry is scheduled from its answer's continuation (see continuationLag).
    const lag = continuationLag(mode);
    expect(times).toEqual([0, lag, lag + 1682, lag + 1682 + 2828]);
    expect(ctx.trace.of("sns.message.delivered")).toMatchObject([{ attempt: 4 }]);
  });
});

describe("HTTP/S subscriptions (Parsing Amazon SNS message formats)", () => {
  it("sends a signed SubscriptionConfirmation and stays pending until the SubscribeURL is visited", async () => {
    const ctx = createSimContext();
    const sns = createTopicService(ctx);
    const received: HttpNotificationRequest[] = [];
    sns.registerEndpoint(URL_, (request) => {
      received.push(request);
    });
    const TopicArn = await subscribeHttp(sns);
    await ctx.scheduler.settle();
    const confirmation = JSON.parse(received[0]?.body as string) as Record<string, string>;
    expect(Object.keys(confirmation)).toEqual(["Type", "MessageId", "Token", "TopicArn", "Message", "SubscribeURL", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL"]);
    expect(received[0]?.headers).toMatchObject({ "x-amz-sns-message-type": "SubscriptionConfirmation", "x-amz-sns-topic-arn": TopicArn });
    await sns.publish({ TopicArn, Message: "not yet" });
    await ctx.scheduler.settle();
    expect(received).toHaveLength(1);
    const { SubscriptionArn } = await sns.openUrl(confirmation["SubscribeURL"] as string);
    await sns.setSubscriptionAttributes({ SubscriptionArn, AttributeName: "RawMessageDelivery", AttributeValue: "true" });
    await sns.publish({ TopicArn, Message: "now" });
    await ctx.scheduler.settle();
    expect(received[1]).toMatchObject({ body: "now", headers: { "x-amz-sns-rawdelivery": "true", "x-amz-sns-subscription-arn": SubscriptionArn, "content-type": "text/plain; charset=UTF-8" } });
    await sns.unsubscribe({ SubscriptionArn });
    await ctx.scheduler.settle();
    expect(received[2]?.headers["x-amz-sns-message-type"]).toBe("UnsubscribeConfirmation");
  });

  it("a 4xx answer (other than 429) is a client-side error and is not retried", async () => {
    const ctx = createSimContext();
    const sns = createTopicService(ctx, { autoConfirm: true });
    let notifications = 0;
    sns.registerEndpoint(URL_, (request) => (request.headers["x-amz-sns-message-type"] === "Notification" ? (notifications++, 404) : 200));
    const TopicArn = await subscribeHttp(sns);
    await ctx.scheduler.settle();
    await sns.publish({ TopicArn, Message: "x" });
    await ctx.scheduler.runUntilIdle();
    expect(notifications).toBe(1);
    expect(ctx.trace.of("sns.delivery.failed")).toMatchObject([{ kind: "client", error: "HTTP 404" }]);
  });
});

describe("delivery policies (Creating an HTTP/S delivery policy)", () => {
  it("validates AWS's bounds", () => {
    expect(() => parseRetryPolicy({ numRetries: 101 })).toThrow(/numRetries/);
    expect(() => parseRetryPolicy({ minDelayTarget: 30, maxDelayTarget: 20 })).toThrow(/minDelayTarget/);
    expect(() => parseRetryPolicy({ numRetries: 2, numNoDelayRetries: 2, numMinDelayRetries: 1 })).toThrow(/must not exceed numRetries/);
    expect(() => parseRetryPolicy({ numRetries: 100, minDelayTarget: 3600, maxDelayTarget: 3600 })).toThrow(/3600 seconds/);
    expect(() => parseRetryPolicy({ backoffFunction: "cubic" })).toThrow(/backoffFunction/);
  });

  it("AWS managed endpoints: 3 immediate, 2 at 1 s, 10 backing off to 20 s, then every 20 s; 100,015 attempts", () => {
    const delays = Array.from({ length: 17 }, (_, i) => retryDelayMs(AWS_MANAGED_RETRY_POLICY, i + 1));
    expect(delays.slice(0, 5)).toEqual([0, 0, 0, 1000, 1000]);
    expect(delays[14]).toBe(20_000);
    expect(delays[16]).toBe(20_000);
    expect(retryDelayMs(AWS_MANAGED_RETRY_POLICY, 100_014)).toBe(20_000);
    expect(retryDelayMs(AWS_MANAGED_RETRY_POLICY, 100_015)).toBeUndefined();
  });
});
