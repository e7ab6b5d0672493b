import { createHash } from "node:crypto";
import { errors, invalidParameter } from "./errors";
import { effectiveDeliveryPolicyText, effectiveHttpPolicy, parseTopicDeliveryPolicy, type TopicDeliveryPolicy } from "./delivery-policy";
import { LIMITS } from "./limits";
import type { PortCaller, TagSet } from "@simcloud/core";
import type { EnvelopeContext } from "./envelope";
import type { SignatureVersion, SigningMode } from "./signing";
import type { Subscription } from "./subscription";
import { boolText } from "./validate";

/** A topic's attributes as one immutable record, replaced whole by SetTopicAttributes. */
export interface TopicSettings {
  readonly displayName: string;
  readonly policy: string;
  readonly deliveryPolicyText: string | undefined;
  readonly deliveryPolicy: TopicDeliveryPolicy | undefined;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  readonly signatureVersion: SignatureVersion;
  readonly tracingConfig: "PassThrough" | "Active";
  readonly kmsMasterKeyId: string | undefined;
  readonly archivePolicy: string | undefined;
  readonly fifoThroughputScope: "Topic" | "MessageGroup";
  readonly maximumMessageSize: number;
  /** Attributes stored and echoed but without simulated behaviour (delivery-status logging, data protection). */
  readonly passthrough: Readonly<Record<string, string>>;
}

/** The access policy AWS attaches to a new topic. */
export function defaultPolicy(topicArn: string, accountId: string): string {
  return JSON.stringify({
    Version: "2008-10-17",
    Id: "__default_policy_ID",
    Statement: [
      {
        Sid: "__default_statement_ID",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: [
          "SNS:GetTopicAttributes",
          "SNS:SetTopicAttributes",
          "SNS:AddPermission",
          "SNS:RemovePermission",
          "SNS:DeleteTopic",
          "SNS:Subscribe",
          "SNS:ListSubscriptionsByTopic",
          "SNS:Publish",
        ],
        Resource: topicArn,
        Condition: { StringEquals: { "AWS:SourceOwner": accountId } },
      },
    ],
  });
}

export function defaultTopicSettings(topicArn: string, accountId: string, fifo: boolean): TopicSettings {
  return {
    displayName: "",
    policy: defaultPolicy(topicArn, accountId),
    deliveryPolicyText: undefined,
    deliveryPolicy: undefined,
    fifo,
    contentBasedDeduplication: false,
    // FIFO topics answer SignatureVersion "2" without being asked (AWS's recorded GetTopicAttributes, 2025-09).
    signatureVersion: fifo ? "2" : "1",
    tracingConfig: "PassThrough",
    kmsMasterKeyId: undefined,
    archivePolicy: undefined,
    fifoThroughputScope: "Topic",
    maximumMessageSize: LIMITS.defaultMaximumMessageSize,
    passthrough: {},
  };
}

const LOGGING_ATTRIBUTE = /^(HTTP|Application|Lambda|SQS|Firehose)(SuccessFeedbackRoleArn|SuccessFeedbackSampleRate|FailureFeedbackRoleArn)$/;

function json(value: string, name: string): string {
  try {
    JSON.parse(value);
  } catch {
    throw invalidParameter(`${name}: failed to parse JSON`);
  }
  return value;
}

/** CreateTopic / SetTopicAttributes: validates one attribute against the topic's kind and returns the new settings. */
export function withTopicAttribute(settings: TopicSettings, name: string, value: string, subscriptions: Iterable<Subscription>): TopicSettings {
  const fifoOnly = (): void => {
    if (!settings.fifo) throw invalidParameter(`Attributes Reason: ${name} is only valid for FIFO topics`);
  };
  switch (name) {
    case "DisplayName":
      if (value.length > LIMITS.maxDisplayNameLength) throw invalidParameter("DisplayName");
      return { ...settings, displayName: value };
    case "Policy":
      return { ...settings, policy: json(value, "Policy") };
    case "DeliveryPolicy":
      if (value === "") return { ...settings, deliveryPolicyText: undefined, deliveryPolicy: undefined };
      return { ...settings, deliveryPolicyText: value, deliveryPolicy: parseTopicDeliveryPolicy(value) };
    case "ContentBasedDeduplication":
      fifoOnly();
      return { ...settings, contentBasedDeduplication: boolText(value, name) };
    case "SignatureVersion":
      if (value !== "1" && value !== "2") throw invalidParameter("SignatureVersion");
      return { ...settings, signatureVersion: value };
    case "TracingConfig":
      if (value !== "PassThrough" && value !== "Active") throw invalidParameter("TracingConfig");
      return { ...settings, tracingConfig: value };
    case "KmsMasterKeyId":
      return { ...settings, kmsMasterKeyId: value === "" ? undefined : value };
    case "ArchivePolicy": {
      fifoOnly();
      if (value === "" || value === "{}") return { ...settings, archivePolicy: undefined };
      const days = Number((JSON.parse(json(value, "ArchivePolicy")) as { MessageRetentionPeriod?: unknown }).MessageRetentionPeriod);
      if (!Number.isInteger(days) || days < LIMITS.minArchiveRetentionDays || days > LIMITS.maxArchiveRetentionDays) {
        throw invalidParameter("ArchivePolicy: MessageRetentionPeriod must be between 1 and 365 days");
      }
      return { ...settings, archivePolicy: value };
    }
    case "FifoThroughputScope":
      fifoOnly();
      if (value !== "Topic" && value !== "MessageGroup") throw invalidParameter("FifoThroughputScope");
      return { ...settings, fifoThroughputScope: value };
    case "MaximumMessageSize":
      return { ...settings, maximumMessageSize: maximumMessageSize(value, subscriptions) };
    case "DataProtectionPolicy":
      return { ...settings, passthrough: { ...settings.passthrough, [name]: json(value, name) } };
    default:
      if (LOGGING_ATTRIBUTE.test(name)) return { ...settings, passthrough: { ...settings.passthrough, [name]: value } };
      throw invalidParameter("AttributeName");
  }
}

/** AWS-LIMITS-2025: 1,024..1,048,576; above 256 KiB only SQS, Lambda and Firehose, at most 100 subscriptions. */
function maximumMessageSize(value: string, subscriptions: Iterable<Subscription>): number {
  const size = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(size >= LIMITS.minMaximumMessageSize && size <= LIMITS.maxMaximumMessageSize)) {
    throw invalidParameter(`MaximumMessageSize: must be between ${LIMITS.minMaximumMessageSize} and ${LIMITS.maxMaximumMessageSize} bytes`);
  }
  if (size > LIMITS.defaultMaximumMessageSize) {
    let count = 0;
    for (const sub of subscriptions) {
      count++;
      if (!largePayloadProtocol(sub.protocol)) throw invalidParameter(`MaximumMessageSize: topics above 262144 bytes cannot have ${sub.protocol} subscriptions`);
    }
    if (count > LIMITS.largeTopicMaxSubscriptions) throw invalidParameter("MaximumMessageSize: topics above 262144 bytes allow at most 100 subscriptions");
  }
  return size;
}

export function largePayloadProtocol(protocol: string): boolean {
  return protocol === "sqs" || protocol === "lambda" || protocol === "firehose";
}

interface DedupEntry {
  messageId: string;
  sequenceNumber: string | undefined;
  expires: number;
}

/** One topic: its settings, subscriptions in subscription order, tags, and FIFO deduplication state. */
export class Topic {
  settings: TopicSettings;
  /** By SubscriptionArn; change it through `subscribe` / `unsubscribe`, which keep the endpoint index. */
  readonly subscriptions = new Map<string, Subscription>();
  /** Protocol and endpoint → subscription: an idempotent Subscribe finds the existing one without a scan. */
  private readonly byEndpoint = new Map<string, Subscription>();
  readonly stats = { published: 0, delivered: 0, failed: 0, filteredOut: 0, redrivenToDlq: 0, failedToRedriveToDlq: 0 };
  deleted = false;
  /** Insertion order is expiry order, so expired ids are trimmed from the front. */
  private readonly dedup = new Map<string, DedupEntry>();
  private sequence = 0n;
  /** Who SNS is when it delivers to a queue or function (the same record for every delivery). */
  readonly caller: PortCaller;
  /** How notifications are written, kept while `settings` is the same record (SetTopicAttributes replaces it). */
  private envelope: { settings: TopicSettings; context: EnvelopeContext } | undefined;

  constructor(
    readonly arn: string,
    readonly name: string,
    readonly owner: string,
    settings: TopicSettings,
    /** Checked by CreateTopic before the topic exists (snsTagRules). */
    readonly tags: TagSet,
  ) {
    this.settings = settings;
    this.caller = Object.freeze({ principal: "sns.amazonaws.com", sourceArn: arn });
  }

  envelopeContext(region: string, signing: SigningMode): EnvelopeContext {
    const settings = this.settings;
    if (this.envelope?.settings !== settings) {
      this.envelope = { settings, context: { region, signatureVersion: settings.signatureVersion, signing, fifo: settings.fifo } };
    }
    return this.envelope.context;
  }

  get fifo(): boolean {
    return this.settings.fifo;
  }

  subscribe(sub: Subscription): void {
    this.subscriptions.set(sub.arn, sub);
    this.byEndpoint.set(endpointKey(sub.protocol, sub.endpoint), sub);
  }

  unsubscribe(sub: Subscription): void {
    this.subscriptions.delete(sub.arn);
    const key = endpointKey(sub.protocol, sub.endpoint);
    if (this.byEndpoint.get(key) === sub) this.byEndpoint.delete(key);
  }

  subscriptionTo(protocol: string, endpoint: string): Subscription | undefined {
    return this.byEndpoint.get(endpointKey(protocol, endpoint));
  }

  /** FIFO deduplication id: explicit, else SHA-256 of the message body with ContentBasedDeduplication. */
  deduplicationId(explicit: string | undefined, message: string): string {
    if (explicit !== undefined) return explicit;
    if (!this.settings.contentBasedDeduplication) {
      throw invalidParameter("The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
    }
    return createHash("sha256").update(message, "utf8").digest("hex");
  }

  /** A message seen within the 5-minute window returns the first one's ids and is not delivered again. */
  findDuplicate(deduplicationId: string, now: number): DedupEntry | undefined {
    for (const [id, entry] of this.dedup) {
      if (entry.expires > now) break;
      this.dedup.delete(id);
    }
    return this.dedup.get(deduplicationId);
  }

  remember(deduplicationId: string, messageId: string, sequenceNumber: string | undefined, now: number): void {
    this.dedup.set(deduplicationId, { messageId, sequenceNumber, expires: now + LIMITS.deduplicationWindowMs });
  }

  /** FIFO sequence numbers: 20 digits, strictly increasing per topic, like AWS's. */
  nextSequenceNumber(): string {
    this.sequence += 1n;
    return (10_000_000_000_000_000_000n + this.sequence * 1000n).toString();
  }

  /** GetTopicAttributes. */
  attributes(accountId: string): Record<string, string> {
    const s = this.settings;
    let confirmed = 0;
    let pending = 0;
    for (const sub of this.subscriptions.values()) {
      if (sub.pending) pending++;
      else confirmed++;
    }
    const http = effectiveHttpPolicy(s.deliveryPolicy, undefined);
    const out: Record<string, string> = {
      Policy: s.policy,
      Owner: accountId,
      SubscriptionsPending: String(pending),
      TopicArn: this.arn,
      EffectiveDeliveryPolicy: effectiveDeliveryPolicyText(http, s.deliveryPolicy?.http?.disableSubscriptionOverrides ?? false),
      SubscriptionsConfirmed: String(confirmed),
      DisplayName: s.displayName,
      SubscriptionsDeleted: "0",
      // MaximumMessageSize is the 2025 topic attribute (AWS-LIMITS-2025), newer than the recordings, which lack it.
      MaximumMessageSize: String(s.maximumMessageSize),
      ...s.passthrough,
    };
    // AWS lists these only away from their defaults (recorded GetTopicAttributes of fresh topics, 2025-09).
    if (s.fifo || s.signatureVersion !== "1") out["SignatureVersion"] = s.signatureVersion;
    if (s.tracingConfig !== "PassThrough") out["TracingConfig"] = s.tracingConfig;
    if (s.deliveryPolicyText !== undefined) out["DeliveryPolicy"] = s.deliveryPolicyText;
    if (s.kmsMasterKeyId !== undefined) out["KmsMasterKeyId"] = s.kmsMasterKeyId;
    if (s.fifo) {
      out["FifoTopic"] = "true";
      out["ContentBasedDeduplication"] = String(s.contentBasedDeduplication);
      if (s.fifoThroughputScope !== "Topic") out["FifoThroughputScope"] = s.fifoThroughputScope;
      if (s.archivePolicy !== undefined) out["ArchivePolicy"] = s.archivePolicy;
    }
    return out;
  }
}

/** Used by Subscribe for topics whose MaximumMessageSize exceeds 256 KiB. */
export function checkLargeTopicSubscription(topic: Topic, protocol: string): void {
  if (topic.settings.maximumMessageSize <= LIMITS.defaultMaximumMessageSize) return;
  if (!largePayloadProtocol(protocol)) throw invalidParameter(`Protocol Reason: topics above 262144 bytes accept only sqs, lambda and firehose subscriptions`);
  if (topic.subscriptions.size >= LIMITS.largeTopicMaxSubscriptions) throw errors.SubscriptionLimitExceededException("Subscription limit exceeded");
}

function endpointKey(protocol: string, endpoint: string): string {
  return `${protocol}\u0000${endpoint}`;
}
