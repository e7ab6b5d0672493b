import { invalidParameter } from "./errors";
import type { SubscriptionProtocol } from "./types";

/** Creating an HTTP/S delivery policy: the four phases of retries after a failed first attempt. */
export interface HealthyRetryPolicy {
  minDelayTarget: number;
  maxDelayTarget: number;
  numRetries: number;
  numMaxDelayRetries: number;
  numNoDelayRetries: number;
  numMinDelayRetries: number;
  backoffFunction: "arithmetic" | "exponential" | "geometric" | "linear";
}

export interface EffectiveHttpPolicy {
  healthyRetryPolicy: HealthyRetryPolicy;
  headerContentType: string;
}

/** The HTTP/S default: 3 retries, 20 seconds apart (Amazon SNS message delivery retries). */
export const DEFAULT_HTTP_RETRY_POLICY: HealthyRetryPolicy = {
  minDelayTarget: 20,
  maxDelayTarget: 20,
  numRetries: 3,
  numMaxDelayRetries: 0,
  numNoDelayRetries: 0,
  numMinDelayRetries: 0,
  backoffFunction: "linear",
};

export const DEFAULT_CONTENT_TYPE = "text/plain; charset=UTF-8";

/**
 * AWS managed endpoints (SQS, Lambda): 3 immediate retries, 2 one second apart, 10 with exponential back-off
 * from 1 to 20 seconds, then 20 seconds apart: 100,015 attempts over 23 days in all.
 */
export const AWS_MANAGED_RETRY_POLICY: HealthyRetryPolicy = {
  minDelayTarget: 1,
  maxDelayTarget: 20,
  numRetries: 100_014,
  numNoDelayRetries: 3,
  numMinDelayRetries: 2,
  numMaxDelayRetries: 99_999,
  backoffFunction: "exponential",
};

/** Customer managed endpoints (SMTP, SMS, mobile push): 50 attempts over 6 hours. */
export const CUSTOMER_MANAGED_RETRY_POLICY: HealthyRetryPolicy = {
  minDelayTarget: 10,
  maxDelayTarget: 600,
  numRetries: 49,
  numNoDelayRetries: 0,
  numMinDelayRetries: 2,
  numMaxDelayRetries: 37,
  backoffFunction: "exponential",
};

/**
 * Delay in ms before retry `retry` (1-based), or undefined once the policy is exhausted. AWS names the four
 * back-off shapes without formulas; ours all start near minDelayTarget and reach maxDelayTarget at the last
 * back-off retry. No jitter: the simulator is deterministic.
 */
export function retryDelayMs(policy: HealthyRetryPolicy, retry: number): number | undefined {
  if (retry > policy.numRetries) return undefined;
  const { numNoDelayRetries: noDelay, numMinDelayRetries: minRetries, minDelayTarget: min, maxDelayTarget: max } = policy;
  const backoffCount = policy.numRetries - noDelay - minRetries - policy.numMaxDelayRetries;
  if (retry <= noDelay) return 0;
  if (retry <= noDelay + minRetries) return min * 1000;
  const i = retry - noDelay - minRetries;
  if (i > backoffCount) return max * 1000;
  return Math.round(backoff(policy.backoffFunction, min, max, i, backoffCount) * 1000);
}

function backoff(shape: HealthyRetryPolicy["backoffFunction"], min: number, max: number, i: number, n: number): number {
  const span = max - min;
  switch (shape) {
    case "linear":
      return min + (span * i) / n;
    case "arithmetic":
      return min + (span * i * (i + 1)) / (n * (n + 1));
    case "geometric":
      return min + (span * (2 ** i - 1)) / (2 ** n - 1);
    case "exponential":
      return min * (max / min) ** (i / n);
  }
}

const BACKOFF = new Set(["arithmetic", "exponential", "geometric", "linear"]);
const CONTENT_TYPES = /^(text\/plain|application\/json|application\/xml)(; ?charset=[A-Za-z0-9_-]+)?$/;

type Json = Record<string, unknown>;

function fail(detail: string): never {
  throw invalidParameter(`DeliveryPolicy: ${detail}`);
}

function parseObject(text: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    fail("failed to parse JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) fail("must be a JSON object");
  return parsed as Json;
}

function integer(source: Json, key: string, fallback: number, lo: number, hi: number): number {
  const value = source[key];
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < lo || value > hi) fail(`${key} must be an integer between ${lo} and ${hi}`);
  return value;
}

/** Validates a healthyRetryPolicy with AWS's rules: 0..100 retries, delays 1..3,600 s, at most 3,600 s in all. */
export function parseRetryPolicy(raw: unknown): HealthyRetryPolicy {
  if (raw === undefined) return DEFAULT_HTTP_RETRY_POLICY;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail("healthyRetryPolicy must be an object");
  const source = raw as Json;
  const maxDelayTarget = integer(source, "maxDelayTarget", DEFAULT_HTTP_RETRY_POLICY.maxDelayTarget, 1, 3600);
  const minDelayTarget = integer(source, "minDelayTarget", DEFAULT_HTTP_RETRY_POLICY.minDelayTarget, 1, maxDelayTarget);
  const numRetries = integer(source, "numRetries", DEFAULT_HTTP_RETRY_POLICY.numRetries, 0, 100);
  const numNoDelayRetries = integer(source, "numNoDelayRetries", 0, 0, numRetries);
  const numMinDelayRetries = integer(source, "numMinDelayRetries", 0, 0, numRetries);
  const numMaxDelayRetries = integer(source, "numMaxDelayRetries", 0, 0, numRetries);
  if (numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries > numRetries) {
    fail("numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries must not exceed numRetries");
  }
  const backoffFunction = source["backoffFunction"] ?? "linear";
  if (typeof backoffFunction !== "string" || !BACKOFF.has(backoffFunction)) fail("backoffFunction must be one of arithmetic, exponential, geometric, linear");
  const policy: HealthyRetryPolicy = {
    minDelayTarget,
    maxDelayTarget,
    numRetries,
    numMaxDelayRetries,
    numNoDelayRetries,
    numMinDelayRetries,
    backoffFunction: backoffFunction as HealthyRetryPolicy["backoffFunction"],
  };
  let total = 0;
  for (let retry = 1; retry <= numRetries; retry++) total += retryDelayMs(policy, retry) ?? 0;
  if (total > 3_600_000) fail("the total retry time must not exceed 3600 seconds");
  return policy;
}

function contentType(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  const value = (raw as Json | null)?.["headerContentType"];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !CONTENT_TYPES.test(value)) fail("headerContentType must be text/plain, application/json or application/xml");
  return value;
}

function throttle(raw: unknown): void {
  if (raw === undefined) return;
  if (typeof raw !== "object" || raw === null) fail("throttlePolicy must be an object");
  integer(raw as Json, "maxReceivesPerSecond", 1, 1, Number.MAX_SAFE_INTEGER);
}

export interface TopicDeliveryPolicy {
  http: { healthyRetryPolicy: HealthyRetryPolicy | undefined; headerContentType: string | undefined; disableSubscriptionOverrides: boolean } | undefined;
}

/** SetTopicAttributes DeliveryPolicy: `{"http": {"defaultHealthyRetryPolicy", "disableSubscriptionOverrides", …}}`. */
export function parseTopicDeliveryPolicy(text: string): TopicDeliveryPolicy {
  const root = parseObject(text);
  const http = root["http"];
  if (http === undefined) return { http: undefined };
  if (typeof http !== "object" || http === null) fail("http must be an object");
  const h = http as Json;
  throttle(h["defaultThrottlePolicy"]);
  return {
    http: {
      healthyRetryPolicy: h["defaultHealthyRetryPolicy"] === undefined ? undefined : parseRetryPolicy(h["defaultHealthyRetryPolicy"]),
      headerContentType: contentType(h["defaultRequestPolicy"]),
      disableSubscriptionOverrides: h["disableSubscriptionOverrides"] === true,
    },
  };
}

export interface SubscriptionDeliveryPolicy {
  healthyRetryPolicy: HealthyRetryPolicy | undefined;
  headerContentType: string | undefined;
}

/** SetSubscriptionAttributes DeliveryPolicy: `{"healthyRetryPolicy", "throttlePolicy", "requestPolicy"}`. */
export function parseSubscriptionDeliveryPolicy(text: string): SubscriptionDeliveryPolicy {
  const root = parseObject(text);
  throttle(root["throttlePolicy"]);
  return {
    healthyRetryPolicy: root["healthyRetryPolicy"] === undefined ? undefined : parseRetryPolicy(root["healthyRetryPolicy"]),
    headerContentType: contentType(root["requestPolicy"]),
  };
}

/** Subscription policy unless the topic disables overrides, then the topic's default, then AWS's. */
export function effectiveHttpPolicy(topic: TopicDeliveryPolicy | undefined, subscription: SubscriptionDeliveryPolicy | undefined): EffectiveHttpPolicy {
  const overrides = topic?.http?.disableSubscriptionOverrides !== true;
  const sub = overrides ? subscription : undefined;
  return {
    healthyRetryPolicy: sub?.healthyRetryPolicy ?? topic?.http?.healthyRetryPolicy ?? DEFAULT_HTTP_RETRY_POLICY,
    headerContentType: sub?.headerContentType ?? topic?.http?.headerContentType ?? DEFAULT_CONTENT_TYPE,
  };
}

export function retryPolicyFor(protocol: SubscriptionProtocol, http: EffectiveHttpPolicy): HealthyRetryPolicy {
  if (protocol === "http" || protocol === "https") return http.healthyRetryPolicy;
  if (protocol === "sqs" || protocol === "lambda" || protocol === "firehose") return AWS_MANAGED_RETRY_POLICY;
  return CUSTOMER_MANAGED_RETRY_POLICY;
}

/** The EffectiveDeliveryPolicy attribute text. */
export function effectiveDeliveryPolicyText(policy: EffectiveHttpPolicy, disableSubscriptionOverrides: boolean): string {
  return JSON.stringify({
    http: {
      defaultHealthyRetryPolicy: policy.healthyRetryPolicy,
      disableSubscriptionOverrides,
      defaultRequestPolicy: { headerContentType: policy.headerContentType },
    },
  });
}
