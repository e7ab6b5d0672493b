import type { MessageAttributeMap, MessageAttributeValue } from "@simcloud/core";
import { dnsSuffixOf } from "@simcloud/core";
import { sign, signingCertUrl, type SignatureVersion, type SigningMode } from "./signing";
import type { PublishedMessage, SubscriptionProtocol } from "./types";

/** How the JSON of a notification is written, shared by SQS bodies, HTTP/S bodies and email-json. */
export interface EnvelopeContext {
  region: string;
  signatureVersion: SignatureVersion;
  signing: SigningMode;
  fifo: boolean;
}

/** `{ Name: { Type, Value } }`, Binary as Base64: the envelope's attribute form (Amazon SNS message attributes). */
export type EnvelopeAttributes = Record<string, { Type: string; Value: string }>;

export function envelopeAttributes(attributes: MessageAttributeMap): EnvelopeAttributes {
  const out = Object.create(null) as EnvelopeAttributes;
  for (const name of Object.keys(attributes)) {
    const value = attributes[name] as MessageAttributeValue;
    out[name] = { Type: value.DataType, Value: attributeText(value) };
  }
  return out;
}

function attributeText(value: MessageAttributeValue): string {
  if (value.DataType.startsWith("Binary")) return Buffer.from(value.BinaryValue ?? new Uint8Array()).toString("base64");
  return value.StringValue ?? "";
}

export function snsHost(region: string): string {
  return `https://sns.${region}.${dnsSuffixOf(region)}`;
}

export function unsubscribeUrl(region: string, subscriptionArn: string): string {
  return `${snsHost(region)}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`;
}

export function subscribeUrl(region: string, topicArn: string, token: string): string {
  return `${snsHost(region)}/?Action=ConfirmSubscription&TopicArn=${topicArn}&Token=${token}`;
}

/** The text a protocol receives: its MessageStructure "json" entry, else "default". */
export function messageFor(message: PublishedMessage, protocol: SubscriptionProtocol): string {
  if (message.perProtocol === undefined) return message.message;
  return message.perProtocol[protocol] ?? (message.perProtocol["default"] as string);
}

/** Attributes travel only with MessageStructure "string" (Amazon SNS message attributes). */
export function deliveredAttributes(message: PublishedMessage): MessageAttributeMap {
  return message.perProtocol === undefined ? message.attributes : {};
}

/** One signature per message and type: every subscription's envelope carries the same one. */
const signatureCache = new WeakMap<PublishedMessage, Map<string, string>>();

function notificationSignature(message: PublishedMessage, text: string, timestamp: string, ctx: EnvelopeContext): string {
  let byText = signatureCache.get(message);
  if (byText === undefined) signatureCache.set(message, (byText = new Map()));
  const key = `${ctx.signatureVersion}\u0000${text}`;
  let signature = byText.get(key);
  if (signature === undefined) {
    signature = sign(
      { Type: "Notification", MessageId: message.messageId, TopicArn: message.topicArn, Subject: message.subject, Message: text, Timestamp: timestamp },
      ctx.signatureVersion,
      ctx.signing,
    );
    byText.set(key, signature);
  }
  return signature;
}

/**
 * The notification JSON in AWS's key order and layout (HTTP/HTTPS notification JSON format): SQS bodies,
 * HTTP/S bodies and email-json all carry this text. FIFO topics add SequenceNumber and are not signed.
 */
export function notificationJson(message: PublishedMessage, protocol: SubscriptionProtocol, subscriptionArn: string, ctx: EnvelopeContext): string {
  const text = messageFor(message, protocol);
  const timestamp = new Date(message.timestamp).toISOString();
  const fields: [string, unknown][] = [
    ["Type", "Notification"],
    ["MessageId", message.messageId],
  ];
  if (ctx.fifo && message.sequenceNumber !== undefined) fields.push(["SequenceNumber", message.sequenceNumber]);
  fields.push(["TopicArn", message.topicArn]);
  if (message.subject !== undefined) fields.push(["Subject", message.subject]);
  fields.push(["Message", text], ["Timestamp", timestamp]);
  if (!ctx.fifo) {
    fields.push(
      ["SignatureVersion", ctx.signatureVersion],
      ["Signature", notificationSignature(message, text, timestamp, ctx)],
      ["SigningCertURL", signingCertUrl(ctx.region)],
    );
  }
  fields.push(["UnsubscribeURL", unsubscribeUrl(ctx.region, subscriptionArn)]);
  const attributes = deliveredAttributes(message);
  const names = Object.keys(attributes);
  if (names.length > 0) fields.push(["MessageAttributes", envelopeAttributes(attributes)]);
  return layout(fields);
}

/** AWS writes `"Key" : value` pairs two spaces in, attribute entries four. */
function layout(fields: [string, unknown][]): string {
  const lines = fields.map(([key, value]) => {
    if (key !== "MessageAttributes") return `  ${JSON.stringify(key)} : ${JSON.stringify(value)}`;
    const entries = Object.entries(value as EnvelopeAttributes).map(([name, v]) => `    ${JSON.stringify(name)} : ${JSON.stringify(v)}`);
    return `  "MessageAttributes" : {\n${entries.join(",\n")}\n  }`;
  });
  return `{\n${lines.join(",\n")}\n}`;
}

export type ConfirmationType = "SubscriptionConfirmation" | "UnsubscribeConfirmation";

export interface ConfirmationInput {
  type: ConfirmationType;
  messageId: string;
  token: string;
  topicArn: string;
  subscriptionArn: string;
  timestamp: number;
}

/** The SubscriptionConfirmation / UnsubscribeConfirmation JSON (Parsing Amazon SNS message formats). */
export function confirmationJson(input: ConfirmationInput, ctx: EnvelopeContext): string {
  const message =
    input.type === "SubscriptionConfirmation"
      ? `You have chosen to subscribe to the topic ${input.topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`
      : `You have chosen to deactivate subscription ${input.subscriptionArn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`;
  const timestamp = new Date(input.timestamp).toISOString();
  const url = subscribeUrl(ctx.region, input.topicArn, input.token);
  const signed = { Type: input.type, MessageId: input.messageId, Token: input.token, TopicArn: input.topicArn, Message: message, SubscribeURL: url, Timestamp: timestamp };
  return layout([
    ["Type", input.type],
    ["MessageId", input.messageId],
    ["Token", input.token],
    ["TopicArn", input.topicArn],
    ["Message", message],
    ["SubscribeURL", url],
    ["Timestamp", timestamp],
    ["SignatureVersion", ctx.signatureVersion],
    ["Signature", sign(signed, ctx.signatureVersion, ctx.signing)],
    ["SigningCertURL", signingCertUrl(ctx.region)],
  ]);
}

/** One record of the event Lambda receives from SNS (Using AWS Lambda with Amazon SNS). */
export interface SnsEventRecord {
  EventVersion: "1.0";
  EventSubscriptionArn: string;
  EventSource: "aws:sns";
  Sns: {
    SignatureVersion: string;
    Timestamp: string;
    Signature: string;
    SigningCertUrl: string;
    MessageId: string;
    Message: string;
    MessageAttributes: EnvelopeAttributes;
    Type: "Notification";
    UnsubscribeUrl: string;
    TopicArn: string;
    Subject: string | null;
  };
}

export interface SnsEvent {
  Records: SnsEventRecord[];
}

export function lambdaEvent(message: PublishedMessage, subscriptionArn: string, ctx: EnvelopeContext): SnsEvent {
  const text = messageFor(message, "lambda");
  const timestamp = new Date(message.timestamp).toISOString();
  return {
    Records: [
      {
        EventVersion: "1.0",
        EventSubscriptionArn: subscriptionArn,
        EventSource: "aws:sns",
        Sns: {
          SignatureVersion: ctx.signatureVersion,
          Timestamp: timestamp,
          Signature: notificationSignature(message, text, timestamp, ctx),
          SigningCertUrl: signingCertUrl(ctx.region),
          MessageId: message.messageId,
          Message: text,
          MessageAttributes: envelopeAttributes(deliveredAttributes(message)),
          Type: "Notification",
          UnsubscribeUrl: unsubscribeUrl(ctx.region, subscriptionArn),
          TopicArn: message.topicArn,
          Subject: message.subject ?? null,
        },
      },
    ],
  };
}

/** The plain-text email body: the message, then AWS's unsubscribe footer. */
export function emailBody(text: string, region: string, subscriptionArn: string): string {
  return (
    `${text}\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\n` +
    `${unsubscribeUrl(region, subscriptionArn)}\n\nPlease do not reply directly to this email. If you have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support`
  );
}
