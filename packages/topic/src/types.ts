import type { MessageAttributeMap } from "@simcloud/core";
import type { SignatureVersion } from "./signing";

export const PROTOCOLS = ["sqs", "lambda", "http", "https", "email", "email-json", "sms", "application", "firehose"] as const;
export type SubscriptionProtocol = (typeof PROTOCOLS)[number];

/** A published message as it travels to each subscription; frozen at publish time. */
export interface PublishedMessage {
  readonly messageId: string;
  readonly topicArn: string;
  readonly message: string;
  /** MessageStructure "json": the per-protocol texts, with "default". */
  readonly perProtocol: Readonly<Record<string, string>> | undefined;
  readonly subject: string | undefined;
  readonly attributes: MessageAttributeMap;
  readonly timestamp: number;
  readonly messageGroupId: string | undefined;
  readonly deduplicationId: string | undefined;
  readonly sequenceNumber: string | undefined;
  /** What every subscription's notification shares, per message text and signature version; starts empty. */
  readonly envelopes: SharedEnvelope[];
}

/**
 * What every subscription's notification for one message shares, built once per message text (MessageStructure
 * "json" gives protocols different texts) and signature version: the signature (it covers only Type, MessageId,
 * Subject, Message, Timestamp and TopicArn), and the JSON before and after the per-subscription UnsubscribeURL.
 */
export interface SharedEnvelope {
  readonly text: string;
  readonly version: SignatureVersion;
  readonly timestamp: string;
  signature: string | undefined;
  /** Everything up to `"UnsubscribeURL" : `, and everything after its value. */
  head: string | undefined;
  tail: string | undefined;
}
