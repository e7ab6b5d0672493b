import type { SubscriptionProtocol } from "./types";

/** Whose fault a failed delivery was (Amazon SNS dead-letter queues: client-side errors are not retried). */
export type DeliveryErrorKind = "client" | "server";

interface DeliveryRef {
  topicArn: string;
  messageId: string;
  subscriptionArn: string;
  protocol: SubscriptionProtocol;
  endpoint: string;
}

declare module "@simcloud/core" {
  interface TraceEventMap {
    "sns.topic.created": { topicArn: string; fifo: boolean };
    "sns.topic.deleted": { topicArn: string };
    "sns.subscription.created": { subscriptionArn: string; topicArn: string; protocol: SubscriptionProtocol; endpoint: string; pending: boolean };
    "sns.subscription.confirmed": { subscriptionArn: string; topicArn: string };
    "sns.subscription.deleted": { subscriptionArn: string; topicArn: string };
    "sns.message.published": { topicArn: string; messageId: string; message: string; subject?: string; sequenceNumber?: string; messageGroupId?: string; subscriptions: number };
    /** A FIFO publish whose deduplication id was seen within the last 5 minutes: accepted, not delivered again. */
    "sns.message.deduplicated": { topicArn: string; messageId: string; deduplicationId: string };
    "sns.message.filtered-out": DeliveryRef;
    "sns.message.delivered": DeliveryRef & { attempt: number };
    "sns.delivery.failed": DeliveryRef & { attempt: number; kind: DeliveryErrorKind; error: string; retryAt?: number };
    "sns.message.dead-lettered": DeliveryRef & { deadLetterTargetArn: string; delivered: boolean };
    /** Given up with nowhere to redrive (no RedrivePolicy), or the subscription went away first. */
    "sns.message.dropped": DeliveryRef & { reason: string };
  }
}

export {};
