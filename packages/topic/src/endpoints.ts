import type { SubscriptionProtocol } from "./types";

/** The POST an HTTP/S endpoint receives (Parsing Amazon SNS message formats: HTTP/HTTPS headers). */
export interface HttpNotificationRequest {
  method: "POST";
  url: string;
  headers: Record<string, string>;
  /** The body text: the notification JSON, a confirmation JSON, or the raw message with RawMessageDelivery. */
  body: string;
}

/** What a handler answers: a status code, `{ statusCode }`, or nothing for 200. A throw is a failed connection. */
export type HttpEndpointResponse = number | { statusCode: number } | void | undefined;

export type HttpEndpointHandler = (request: HttpNotificationRequest) => HttpEndpointResponse | Promise<HttpEndpointResponse>;

export interface RegisterEndpointOptions {
  /** Confirm the subscription when this endpoint answers 2xx to its SubscriptionConfirmation, as if it visited the SubscribeURL. */
  autoConfirm?: boolean;
}

export interface RegisteredEndpoint {
  handler: HttpEndpointHandler;
  autoConfirm: boolean;
}

/** A message SNS "sent" to an email address, phone number, platform endpoint or Firehose stream: captured, never sent. */
export interface OutboxEntry {
  protocol: SubscriptionProtocol;
  endpoint: string;
  /** Undefined for a direct Publish to a PhoneNumber or TargetArn. */
  subscriptionArn: string | undefined;
  topicArn: string | undefined;
  type: "Notification" | "SubscriptionConfirmation" | "UnsubscribeConfirmation";
  messageId: string;
  subject: string | undefined;
  /** Email: the text with AWS's footer; email-json: the notification JSON; sms/application/firehose: the message. */
  body: string;
  /** The confirmation token of a SubscriptionConfirmation, for ConfirmSubscription. */
  token?: string;
  /** Virtual epoch ms. */
  time: number;
}

export interface OutboxFilter {
  endpoint?: string;
  protocol?: SubscriptionProtocol;
  topicArn?: string;
  type?: OutboxEntry["type"];
}

export function filterOutbox(entries: readonly OutboxEntry[], filter: string | OutboxFilter | undefined): OutboxEntry[] {
  const f: OutboxFilter = typeof filter === "string" ? { endpoint: filter } : (filter ?? {});
  return entries.filter(
    (e) =>
      (f.endpoint === undefined || e.endpoint === f.endpoint) &&
      (f.protocol === undefined || e.protocol === f.protocol) &&
      (f.topicArn === undefined || e.topicArn === f.topicArn) &&
      (f.type === undefined || e.type === f.type),
  );
}

/** 2xx delivered; 429 and 5xx are server-side errors (retried); other statuses are client-side errors (not retried). */
export function classifyStatus(status: number): "ok" | "client" | "server" {
  if (status >= 200 && status < 300) return "ok";
  if (status === 429 || status >= 500) return "server";
  return "client";
}

export function statusOf(response: HttpEndpointResponse): number {
  if (response === undefined) return 200;
  if (typeof response === "number") return response;
  return response.statusCode;
}
