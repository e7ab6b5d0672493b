import type { MessageAttributeMap, MessageAttributeValue } from "@simcloud/core";
import { dnsSuffixOf } from "@simcloud/core";
import { sign, signingCertUrl, type SignatureVersion, type SigningMode } from "./signing";
import type { PublishedMessage, SharedEnvelope, SubscriptionProtocol } from "./types";

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

/** Cached on the message itself (an internal record), so a fan-out costs one lookup, not a WeakMap entry. */
function shared(message: PublishedMessage, text: string, ctx: EnvelopeContext): SharedEnvelope {
  for (const entry of message.envelopes) {
    if (entry.text === text && entry.version === ctx.signatureVersion) return entry;
  }
  const entry: SharedEnvelope = { text, version: ctx.signatureVersion, timestamp: new Date(message.timestamp).toISOString(), signature: undefined, head: undefined, tail: undefined };
  message.envelopes.push(entry);
  return entry;
}

/** One signature per message text and version: every subscription's envelope carries the same one. */
function notificationSignature(message: PublishedMessage, entry: SharedEnvelope, ctx: EnvelopeContext): string {
  entry.signature ??= sign(
    { Type: "Notification", MessageId: message.messageId, TopicArn: message.topicArn, Subject: message.subject, Message: entry.text, Timestamp: entry.timestamp },
    ctx.signatureVersion,
    ctx.signing,
  );
  return entry.signature;
}

/** `  "UnsubscribeURL" : "…"` value for a subscription: the only per-subscription part of a notification. */
export function unsubscribeUrlJson(region: string, subscriptionArn: string): string {
  return JSON.stringify(unsubscribeUrl(region, subscriptionArn));
}

/**
 * The notification JSON in AWS's key order and layout (HTTP/HTTPS notification JSON format): SQS bodies,
 * HTTP/S bodies and email-json all carry this text. FIFO topics add SequenceNumber and are not signed.
 * `unsubscribeJson` is `unsubscribeUrlJson(region, subscriptionArn)`, which callers keep per subscription.
 */
export function notificationJson(message: PublishedMessage, protocol: SubscriptionProtocol, unsubscribeJson: string, ctx: EnvelopeContext): string {
  const entry = shared(message, messageFor(message, protocol), ctx);
  if (entry.head === undefined) buildNotification(message, entry, ctx);
  return (entry.head as string) + unsubscribeJson + (entry.tail as string);
}

function buildNotification(message: PublishedMessage, entry: SharedEnvelope, ctx: EnvelopeContext): void {
  const fields: [string, unknown][] = [
    ["Type", "Notification"],
    ["MessageId", message.messageId],
  ];
  if (ctx.fifo && message.sequenceNumber !== undefined) fields.push(["SequenceNumber", message.sequenceNumber]);
  fields.push(["TopicArn", message.topicArn]);
  if (message.subject !== undefined) fields.push(["Subject", message.subject]);
  fields.push(["Message", entry.text], ["Timestamp", entry.timestamp]);
  if (!ctx.fifo) {
    fields.push(["SignatureVersion", ctx.signatureVersion], ["Signature", notificationSignature(message, entry, ctx)], ["SigningCertURL", signingCertUrl(ctx.region)]);
  }
  entry.head = `{\n${layoutLines(fields)},\n  "UnsubscribeURL" : `;
  const attributes = deliveredAttributes(message);
  entry.tail = Object.keys(attributes).length > 0 ? `,\n${layoutLines([["MessageAttributes", envelopeAttributes(attributes)]])}\n}` : "\n}";
}

/** AWS writes `"Key" : value` pairs two spaces in, attribute entries four. */
function layout(fields: [string, unknown][]): string {
  return `{\n${layoutLines(fields)}\n}`;
}

/** Field names are AWS's own (plain ASCII); attribute names are the user's and are escaped. Built once per message. */
function layoutLines(fields: [string, unknown][]): string {
  let out = "";
  for (const [key, value] of fields) {
    if (out !== "") out += ",\n";
    if (key !== "MessageAttributes") {
      out += `  "${key}" : ${JSON.stringify(value)}`;
      continue;
    }
    let entries = "";
    for (const [name, v] of Object.entries(value as EnvelopeAttributes)) entries += `${entries === "" ? "" : ",\n"}    ${JSON.stringify(name)} : ${JSON.stringify(v)}`;
    out += `  "MessageAttributes" : {\n${entries}\n  }`;
  }
  return out;
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
  const entry = shared(message, messageFor(message, "lambda"), ctx);
  const text = entry.text;
  const timestamp = entry.timestamp;
  return {
    Records: [
      {
        EventVersion: "1.0",
        EventSubscriptionArn: subscriptionArn,
        EventSource: "aws:sns",
        Sns: {
          SignatureVersion: ctx.signatureVersion,
          Timestamp: timestamp,
          Signature: notificationSignature(message, entry, ctx),
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
