import { compileFilter, parseArn, type CompiledFilter } from "@simcloud/core";
import { unsubscribeUrlJson } from "./envelope";
import { invalidParameter } from "./errors";
import {
  effectiveDeliveryPolicyText,
  effectiveHttpPolicy,
  parseSubscriptionDeliveryPolicy,
  type EffectiveHttpPolicy,
  type SubscriptionDeliveryPolicy,
  type TopicDeliveryPolicy,
} from "./delivery-policy";
import type { PublishedMessage, SubscriptionProtocol } from "./types";
import { jsonParseReason } from "./validate";

export type FilterPolicyScope = "MessageAttributes" | "MessageBody";

/** A subscription's settable attributes, as one immutable record: a rejected change leaves the old one in place. */
export interface SubscriptionSettings {
  readonly raw: boolean;
  readonly filterPolicy: string | undefined;
  readonly filterScope: FilterPolicyScope;
  readonly filter: CompiledFilter<"sns-attributes"> | CompiledFilter<"sns-body"> | undefined;
  readonly redrivePolicy: string | undefined;
  readonly deadLetterTargetArn: string | undefined;
  readonly deliveryPolicyText: string | undefined;
  readonly deliveryPolicy: SubscriptionDeliveryPolicy | undefined;
  readonly subscriptionRoleArn: string | undefined;
}

export const DEFAULT_SUBSCRIPTION_SETTINGS: SubscriptionSettings = {
  raw: false,
  filterPolicy: undefined,
  filterScope: "MessageAttributes",
  filter: undefined,
  redrivePolicy: undefined,
  deadLetterTargetArn: undefined,
  deliveryPolicyText: undefined,
  deliveryPolicy: undefined,
  subscriptionRoleArn: undefined,
};

const RAW_PROTOCOLS = new Set<SubscriptionProtocol>(["sqs", "http", "https", "firehose"]);

export const SETTABLE_SUBSCRIPTION_ATTRIBUTES = [
  "DeliveryPolicy",
  "FilterPolicy",
  "FilterPolicyScope",
  "RawMessageDelivery",
  "RedrivePolicy",
  "SubscriptionRoleArn",
] as const;

/** SetSubscriptionAttributes / Subscribe Attributes: validates one attribute and returns the new settings. */
export function withAttribute(
  settings: SubscriptionSettings,
  name: string,
  value: string,
  protocol: SubscriptionProtocol,
  fifoTopic: boolean,
  inSubscribe = false,
): SubscriptionSettings {
  // Subscribe's Attributes name the map ("Attributes Reason: …"); SetSubscriptionAttributes names the attribute only.
  const reason = inSubscribe ? "Attributes Reason: " : "";
  switch (name) {
    case "RawMessageDelivery": {
      // Any letter case is accepted ("TrUe"), as AWS does.
      const lower = value.toLowerCase();
      if (lower !== "true" && lower !== "false") throw invalidParameter(`${reason}RawMessageDelivery: Invalid value [${value}]. Must be true or false.`);
      const raw = lower === "true";
      if (raw && !RAW_PROTOCOLS.has(protocol)) throw invalidParameter(`Attributes Reason: Delivery protocol [${protocol}] does not support raw message delivery.`);
      return { ...settings, raw };
    }
    case "FilterPolicy":
      if (value === "") return { ...settings, filterPolicy: undefined, filter: undefined };
      {
        const problem = jsonParseReason(value);
        if (problem !== undefined) throw invalidParameter(`${reason}FilterPolicy: failed to parse JSON. ${problem}`);
      }
      return { ...settings, filterPolicy: value, filter: compile(value, settings.filterScope) };
    case "FilterPolicyScope": {
      if (value !== "MessageAttributes" && value !== "MessageBody") {
        throw invalidParameter("Attributes Reason: FilterPolicyScope: Invalid value [" + value + "]. Please use either MessageBody or MessageAttributes");
      }
      const filter = settings.filterPolicy === undefined ? undefined : compile(settings.filterPolicy, value);
      return { ...settings, filterScope: value, filter };
    }
    case "RedrivePolicy": {
      if (value === "") return { ...settings, redrivePolicy: undefined, deadLetterTargetArn: undefined };
      return { ...settings, redrivePolicy: value, deadLetterTargetArn: deadLetterTarget(value, fifoTopic) };
    }
    case "DeliveryPolicy":
      if (protocol !== "http" && protocol !== "https") {
        throw invalidParameter(`Attributes Reason: DeliveryPolicy: Delivery protocol [${protocol}] does not support delivery policies.`);
      }
      if (value === "") return { ...settings, deliveryPolicyText: undefined, deliveryPolicy: undefined };
      return { ...settings, deliveryPolicyText: value, deliveryPolicy: parseSubscriptionDeliveryPolicy(value) };
    case "SubscriptionRoleArn":
      if (parseArn(value)?.service !== "iam") throw invalidParameter("Attributes Reason: SubscriptionRoleArn: Invalid role ARN");
      return { ...settings, subscriptionRoleArn: value };
    default:
      throw invalidParameter("AttributeName");
  }
}

/** The shared engine throws SNS's own InvalidParameterException (query code InvalidParameter) for a bad policy. */
function compile(policy: string, scope: FilterPolicyScope): SubscriptionSettings["filter"] {
  return scope === "MessageBody" ? compileFilter(policy, "sns-body") : compileFilter(policy, "sns-attributes");
}

/** Amazon SNS dead-letter queues: an SQS queue ARN; FIFO topics need a FIFO queue, standard topics a standard one. */
function deadLetterTarget(text: string, fifoTopic: boolean): string {
  const problem = jsonParseReason(text);
  if (problem !== undefined) throw invalidParameter(`RedrivePolicy: failed to parse JSON. ${problem}`);
  const parsed: unknown = JSON.parse(text);
  const target = (parsed as { deadLetterTargetArn?: unknown } | null)?.deadLetterTargetArn;
  const arn = typeof target === "string" ? parseArn(target) : undefined;
  if (typeof target !== "string" || arn?.service !== "sqs" || !arn.resource) throw invalidParameter("RedrivePolicy: deadLetterTargetArn is an invalid arn");
  if (arn.resource.endsWith(".fifo") !== fifoTopic) {
    throw invalidParameter(
      fifoTopic
        ? "RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic."
        : "RedrivePolicy: must use a standard queue as DLQ for a standard Subscription to a standard Topic.",
    );
  }
  return target;
}

/** One subscription: where it delivers, whether it is confirmed, how it filters and how it retries. */
export class Subscription {
  settings: SubscriptionSettings;
  pending: boolean;
  deleted = false;
  confirmationWasAuthenticated: boolean;
  /** Counters behind the topic's CloudWatch-style metrics. */
  readonly stats = { delivered: 0, failed: 0, filteredOut: 0, redrivenToDlq: 0, failedToRedriveToDlq: 0 };
  /** The JSON text of this subscription's UnsubscribeURL, the one part of a notification that is its own. */
  private unsubscribeJson_: string | undefined;

  constructor(
    readonly arn: string,
    readonly topicArn: string,
    readonly protocol: SubscriptionProtocol,
    readonly endpoint: string,
    readonly owner: string,
    settings: SubscriptionSettings,
    pending: boolean,
    public token: string | undefined,
  ) {
    this.settings = settings;
    this.pending = pending;
    this.confirmationWasAuthenticated = !pending;
  }

  unsubscribeJson(region: string): string {
    return (this.unsubscribeJson_ ??= unsubscribeUrlJson(region, this.arn));
  }

  /** Filter policies through the shared engine; no policy accepts everything. */
  accepts(message: PublishedMessage): boolean {
    const filter = this.settings.filter;
    if (filter === undefined) return true;
    return filter.matches({ message: message.message, attributes: message.attributes });
  }

  httpPolicy(topic: TopicDeliveryPolicy | undefined): EffectiveHttpPolicy {
    return effectiveHttpPolicy(topic, this.settings.deliveryPolicy);
  }

  /** GetSubscriptionAttributes. */
  attributes(topicPolicy: TopicDeliveryPolicy | undefined): Record<string, string> {
    const s = this.settings;
    const out: Record<string, string> = {
      Owner: this.owner,
      RawMessageDelivery: String(s.raw),
      TopicArn: this.topicArn,
      Endpoint: this.endpoint,
      Protocol: this.protocol,
      PendingConfirmation: String(this.pending),
      ConfirmationWasAuthenticated: String(this.confirmationWasAuthenticated),
      SubscriptionArn: this.arn,
      // Who subscribed: AWS names the calling IAM identity; simcloud's callers are one user of the owning account.
      SubscriptionPrincipal: `arn:aws:iam::${this.owner}:user/simcloud`,
    };
    if (s.filterPolicy !== undefined) {
      out["FilterPolicy"] = s.filterPolicy;
      out["FilterPolicyScope"] = s.filterScope;
    }
    if (s.redrivePolicy !== undefined) out["RedrivePolicy"] = s.redrivePolicy;
    if (s.subscriptionRoleArn !== undefined) out["SubscriptionRoleArn"] = s.subscriptionRoleArn;
    if (this.protocol === "http" || this.protocol === "https") {
      if (s.deliveryPolicyText !== undefined) out["DeliveryPolicy"] = s.deliveryPolicyText;
      out["EffectiveDeliveryPolicy"] = effectiveDeliveryPolicyText(this.httpPolicy(topicPolicy), topicPolicy?.http?.disableSubscriptionOverrides ?? false);
    }
    return out;
  }
}
