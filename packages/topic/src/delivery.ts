import { currentLineage, describeError, isAwsError, runWithLineage, type MessageAttributeMap, type PortCaller, type SimContext } from "@simcloud/core";
import { retryDelayMs, retryPolicyFor } from "./delivery-policy";
import type { OutboxEntry, RegisteredEndpoint } from "./endpoints";
import { classifyStatus, statusOf } from "./endpoints";
import {
  confirmationJson,
  deliveredAttributes,
  emailBody,
  lambdaEvent,
  messageFor,
  notificationJson,
  subscribeUrl,
  type ConfirmationType,
  type EnvelopeContext,
} from "./envelope";
import { LIMITS } from "./limits";
import type { SigningMode } from "./signing";
import type { Subscription } from "./subscription";
import type { Topic } from "./topic";
import type { DeliveryErrorKind } from "./trace";
import type { PublishedMessage } from "./types";

type Outcome = { ok: true } | { ok: false; kind: DeliveryErrorKind; error: string };

const OK: Outcome = { ok: true };

interface Job {
  topic: Topic;
  sub: Subscription;
  message: PublishedMessage;
  attempt: number;
  /** FIFO topics: one lane per subscription and message group, so a retrying message holds back its group. */
  lane: string | undefined;
}

/** What the delivery engine needs from the service that owns it. */
export interface DeliveryHost {
  readonly ctx: SimContext;
  readonly signing: SigningMode;
  readonly endpoints: ReadonlyMap<string, RegisteredEndpoint>;
  readonly outbox: OutboxEntry[];
  readonly autoConfirm: boolean;
  confirm(sub: Subscription): void;
}

function classify(error: unknown): Outcome {
  if (isAwsError(error)) {
    const kind = error.fault === "server" || error.statusCode === 429 ? "server" : "client";
    return { ok: false, kind, error: `${error.code}: ${error.message}` };
  }
  return { ok: false, kind: "server", error: describeError(error) };
}

/** Subscription and topic counters move together: a deleted subscription's deliveries still count for the topic. */
function count(topic: Topic, sub: Subscription, key: keyof Subscription["stats"]): void {
  sub.stats[key]++;
  topic.stats[key]++;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/**
 * Delivery is scheduled work: a publish schedules one fan-out task that starts each matching subscription's
 * delivery in subscription order; retries are tasks at the delivery policy's virtual times. Failures never
 * reach the publisher: they are traced, retried, redriven to the subscription's DLQ or dropped, as in AWS.
 */
export class Deliveries {
  private readonly lanes = new Map<string, Job[]>();

  constructor(private readonly host: DeliveryHost) {}

  private envelope(topic: Topic): EnvelopeContext {
    return topic.envelopeContext(this.host.ctx.region, this.host.signing);
  }

  private caller(topic: Topic): PortCaller {
    return topic.caller;
  }

  private notification(job: Job, protocol: Subscription["protocol"]): string {
    return notificationJson(job.message, protocol, job.sub.unsubscribeJson(this.host.ctx.region), this.envelope(job.topic));
  }

  fanOut(topic: Topic, message: PublishedMessage): void {
    const subscriptions = [...topic.subscriptions.values()];
    // A message published by a Lambda handler carries its request chain to the deliveries (recursive loop detection).
    const lineage = currentLineage();
    this.host.ctx.scheduler.after(0, () => runWithLineage(lineage, () => this.runFanOut(topic, message, subscriptions)), { label: `sns:${topic.name} fan-out` });
  }

  private runFanOut(topic: Topic, message: PublishedMessage, subscriptions: Subscription[]): Promise<unknown> | undefined {
    const trace = this.host.ctx.trace;
    let running: Promise<unknown>[] | undefined;
    for (const sub of subscriptions) {
      if (sub.deleted || sub.pending) continue;
      if (!sub.accepts(message)) {
        count(topic, sub, "filteredOut");
        trace.record("sns.message.filtered-out", { topicArn: topic.arn, messageId: message.messageId, subscriptionArn: sub.arn, protocol: sub.protocol, endpoint: sub.endpoint });
        continue;
      }
      const lane = topic.fifo && message.messageGroupId !== undefined ? `${sub.arn}\u0000${message.messageGroupId}` : undefined;
      const job: Job = { topic, sub, message, attempt: 1, lane };
      if (lane !== undefined) {
        const waiting = this.lanes.get(lane);
        if (waiting !== undefined) {
          waiting.push(job);
          continue;
        }
        this.lanes.set(lane, []);
      }
      const pending = this.attempt(job);
      if (pending !== undefined) (running ??= []).push(pending);
    }
    return running === undefined ? undefined : Promise.all(running);
  }

  private ref(job: Job): { topicArn: string; messageId: string; subscriptionArn: string; protocol: Subscription["protocol"]; endpoint: string } {
    return { topicArn: job.topic.arn, messageId: job.message.messageId, subscriptionArn: job.sub.arn, protocol: job.sub.protocol, endpoint: job.sub.endpoint };
  }

  /** One attempt; returns a promise only while an asynchronous endpoint (function, HTTP handler) is answering. */
  private attempt(job: Job): Promise<void> | undefined {
    if (job.sub.deleted || job.topic.deleted) {
      this.host.ctx.trace.record("sns.message.dropped", { ...this.ref(job), reason: "the subscription was deleted" });
      this.next(job);
      return undefined;
    }
    let outcome: Outcome | Promise<Outcome>;
    try {
      outcome = this.send(job);
    } catch (error) {
      outcome = classify(error);
    }
    if (!isPromise(outcome)) {
      this.settle(job, outcome);
      return undefined;
    }
    return outcome.then(
      (result) => this.settle(job, result),
      (error: unknown) => this.settle(job, classify(error)),
    );
  }

  private settle(job: Job, outcome: Outcome): void {
    const { trace, scheduler } = this.host.ctx;
    if (outcome.ok) {
      count(job.topic, job.sub, "delivered");
      const { topic, message, sub } = job;
      trace.record("sns.message.delivered", { topicArn: topic.arn, messageId: message.messageId, subscriptionArn: sub.arn, protocol: sub.protocol, endpoint: sub.endpoint, attempt: job.attempt });
      this.next(job);
      return;
    }
    const delay = outcome.kind === "server" ? retryDelayMs(retryPolicyFor(job.sub.protocol, job.sub.httpPolicy(job.topic.settings.deliveryPolicy)), job.attempt) : undefined;
    if (delay === undefined) {
      trace.record("sns.delivery.failed", { ...this.ref(job), attempt: job.attempt, kind: outcome.kind, error: outcome.error });
      count(job.topic, job.sub, "failed");
      this.redrive(job, outcome.error);
      this.next(job);
      return;
    }
    const retryAt = scheduler.now() + delay;
    trace.record("sns.delivery.failed", { ...this.ref(job), attempt: job.attempt, kind: outcome.kind, error: outcome.error, retryAt });
    scheduler.at(retryAt, () => this.attempt({ ...job, attempt: job.attempt + 1 }), { label: `sns:${job.topic.name} retry ${job.sub.protocol}` });
  }

  /** Starts the next message of the job's FIFO lane, if any. */
  private next(job: Job): void {
    if (job.lane === undefined) return;
    const waiting = this.lanes.get(job.lane);
    const following = waiting?.shift();
    if (following === undefined) {
      this.lanes.delete(job.lane);
      return;
    }
    void this.attempt(following);
  }

  /** Amazon SNS dead-letter queues: the undeliverable message goes to the RedrivePolicy queue, else it is dropped. */
  private redrive(job: Job, reason: string): void {
    const { registry, trace } = this.host.ctx;
    const target = job.sub.settings.deadLetterTargetArn;
    if (target === undefined) {
      trace.record("sns.message.dropped", { ...this.ref(job), reason });
      return;
    }
    const queue = registry.resolve("queue", target)?.port;
    let delivered = false;
    if (queue !== undefined) {
      try {
        // Raw delivery (SQS, HTTP/S, Firehose) dead-letters the body as published with its attributes as SQS
        // attributes; otherwise the notification JSON alone (test_redrive_policy_sqs_queue_subscription,
        // test_dlq_external_http_endpoint).
        const raw = job.sub.settings.raw;
        const fifo = job.topic.fifo && queue.attributes().fifo;
        queue.send(
          {
            MessageBody: raw ? messageFor(job.message, job.sub.protocol) : this.notification(job, job.sub.protocol),
            ...(raw ? { MessageAttributes: deliveredAttributes(job.message) } : {}),
            ...(fifo ? { MessageGroupId: job.message.messageGroupId, MessageDeduplicationId: job.message.deduplicationId } : {}),
          },
          this.caller(job.topic),
        );
        delivered = true;
      } catch {
        delivered = false;
      }
    }
    count(job.topic, job.sub, delivered ? "redrivenToDlq" : "failedToRedriveToDlq");
    trace.record("sns.message.dead-lettered", { ...this.ref(job), deadLetterTargetArn: target, delivered });
  }

  private send(job: Job): Outcome | Promise<Outcome> {
    switch (job.sub.protocol) {
      case "sqs":
        return this.sendToQueue(job);
      case "lambda":
        return this.sendToFunction(job);
      case "http":
      case "https":
        return this.sendToHttp(job);
      default:
        return this.capture(job);
    }
  }

  private sendToQueue(job: Job): Outcome {
    const { sub, message, topic } = job;
    const queue = this.host.ctx.registry.resolve("queue", sub.endpoint)?.port;
    if (queue === undefined) return { ok: false, kind: "client", error: `The queue ${sub.endpoint} does not exist` };
    let attributes: MessageAttributeMap | undefined;
    let body: string;
    if (sub.settings.raw) {
      body = messageFor(message, "sqs");
      attributes = deliveredAttributes(message);
      // Amazon SNS message attributes: more than 10 attributes to a raw SQS subscription is a client-side error.
      if (Object.keys(attributes).length > LIMITS.maxRawSqsAttributes) {
        return { ok: false, kind: "client", error: "Raw message delivery to Amazon SQS supports at most 10 message attributes" };
      }
    } else {
      body = this.notification(job, "sqs");
    }
    const fifoQueue = queue.attributes().fifo;
    const fifo = topic.fifo && fifoQueue;
    // Publish API reference: on a standard topic MessageGroupId is forwarded only to SQS standard subscriptions (fair queues).
    const fairGroup = !topic.fifo && !fifoQueue ? message.messageGroupId : undefined;
    if (attributes === undefined && !fifo && fairGroup === undefined) {
      queue.send({ MessageBody: body }, this.caller(topic));
      return OK;
    }
    queue.send(
      {
        MessageBody: body,
        ...(attributes !== undefined && Object.keys(attributes).length > 0 ? { MessageAttributes: attributes } : {}),
        ...(fifo ? { MessageGroupId: message.messageGroupId, MessageDeduplicationId: message.deduplicationId } : {}),
        ...(fairGroup !== undefined ? { MessageGroupId: fairGroup } : {}),
      },
      this.caller(topic),
    );
    return OK;
  }

  private sendToFunction(job: Job): Outcome | Promise<Outcome> {
    const resolved = this.host.ctx.registry.resolve("function", job.sub.endpoint);
    if (resolved === undefined) return { ok: false, kind: "client", error: `Function not found: ${job.sub.endpoint}` };
    const payload = JSON.stringify(lambdaEvent(job.message, job.sub.arn, this.envelope(job.topic)));
    return resolved.port
      .invoke({ InvocationType: "Event", Payload: payload, ...(resolved.qualifier === undefined ? {} : { Qualifier: resolved.qualifier }) }, this.caller(job.topic))
      .then((): Outcome => OK);
  }

  private sendToHttp(job: Job): Outcome | Promise<Outcome> {
    const { sub, message, topic } = job;
    const raw = sub.settings.raw;
    const headers: Record<string, string> = {
      "x-amz-sns-message-type": "Notification",
      "x-amz-sns-message-id": message.messageId,
      "x-amz-sns-topic-arn": topic.arn,
      "x-amz-sns-subscription-arn": sub.arn,
      "content-type": sub.httpPolicy(topic.settings.deliveryPolicy).headerContentType,
      "user-agent": "Amazon Simple Notification Service Agent",
    };
    if (raw) headers["x-amz-sns-rawdelivery"] = "true";
    const body = raw ? messageFor(message, sub.protocol) : this.notification(job, sub.protocol);
    return this.post(sub.endpoint, headers, body);
  }

  /** Calls the endpoint's registered handler; an unregistered URL behaves like an unreachable host (server-side). */
  private post(url: string, headers: Record<string, string>, body: string): Outcome | Promise<Outcome> {
    const endpoint = this.host.endpoints.get(url);
    if (endpoint === undefined) return { ok: false, kind: "server", error: `No handler is registered for ${url}` };
    const answered = endpoint.handler({ method: "POST", url, headers, body });
    const judge = (response: unknown): Outcome => {
      const status = statusOf(response as Parameters<typeof statusOf>[0]);
      const verdict = classifyStatus(status);
      return verdict === "ok" ? OK : { ok: false, kind: verdict, error: `HTTP ${status}` };
    };
    return isPromise(answered) ? answered.then(judge) : judge(answered);
  }

  private capture(job: Job): Outcome {
    const { sub, message, topic } = job;
    const text = messageFor(message, sub.protocol);
    let body: string;
    switch (sub.protocol) {
      case "email":
        body = emailBody(text, this.host.ctx.region, sub.arn);
        break;
      case "email-json":
        body = this.notification(job, "email-json");
        break;
      case "firehose":
        body = sub.settings.raw ? text : this.notification(job, "firehose");
        break;
      default:
        body = text;
    }
    this.host.outbox.push({
      protocol: sub.protocol,
      endpoint: sub.endpoint,
      subscriptionArn: sub.arn,
      topicArn: topic.arn,
      type: "Notification",
      messageId: message.messageId,
      subject: sub.protocol === "email" ? (message.subject ?? "AWS Notification Message") : message.subject,
      body,
      time: this.host.ctx.scheduler.now(),
    });
    return OK;
  }

  /**
   * SubscriptionConfirmation (after Subscribe) or UnsubscribeConfirmation (after Unsubscribe) to endpoints
   * that confirm: HTTP/S handlers, email outboxes, SQS queues in another account.
   */
  sendConfirmation(topic: Topic, sub: Subscription, type: ConfirmationType, token: string): void {
    const { ctx } = this.host;
    const messageId = ctx.ids.uuid("sns.ids");
    ctx.scheduler.after(
      0,
      () => {
        const timestamp = ctx.scheduler.now();
        const json = confirmationJson({ type, messageId, token, topicArn: topic.arn, subscriptionArn: sub.arn, timestamp }, this.envelope(topic));
        const confirms = type === "SubscriptionConfirmation";
        switch (sub.protocol) {
          case "http":
          case "https":
            return this.confirmHttp(topic, sub, type, messageId, json);
          case "sqs":
            try {
              ctx.registry.resolve("queue", sub.endpoint)?.port.send({ MessageBody: json }, this.caller(topic));
            } catch (error) {
              ctx.trace.record("sns.delivery.failed", { topicArn: topic.arn, messageId, subscriptionArn: sub.arn, protocol: sub.protocol, endpoint: sub.endpoint, attempt: 1, kind: "client", error: describeError(error) });
            }
            break;
          default:
            this.host.outbox.push({
              protocol: sub.protocol,
              endpoint: sub.endpoint,
              subscriptionArn: sub.arn,
              topicArn: topic.arn,
              type,
              messageId,
              subject: `${topic.settings.displayName || "AWS Notification"} - ${confirms ? "Subscription Confirmation" : "Unsubscribe Confirmation"}`,
              body: sub.protocol === "email-json" ? json : `${confirms ? "You have chosen to subscribe to the topic" : "You have chosen to deactivate subscription"}: \n${confirms ? topic.arn : sub.arn}\n\nTo confirm this subscription, click or visit the link below (If this was in error no action is necessary): \n${subscribeUrl(ctx.region, topic.arn, token)}`,
              token,
              time: timestamp,
            });
        }
        if (confirms && this.host.autoConfirm) this.host.confirm(sub);
        return undefined;
      },
      { label: `sns:${topic.name} ${type}` },
    );
  }

  private confirmHttp(topic: Topic, sub: Subscription, type: ConfirmationType, messageId: string, json: string): Promise<void> | undefined {
    const headers: Record<string, string> = {
      "x-amz-sns-message-type": type,
      "x-amz-sns-message-id": messageId,
      "x-amz-sns-topic-arn": topic.arn,
      "content-type": "text/plain; charset=UTF-8",
      "user-agent": "Amazon Simple Notification Service Agent",
    };
    if (type === "UnsubscribeConfirmation") headers["x-amz-sns-subscription-arn"] = sub.arn;
    const done = (outcome: Outcome): void => {
      if (!outcome.ok) {
        this.host.ctx.trace.record("sns.delivery.failed", { topicArn: topic.arn, messageId, subscriptionArn: sub.arn, protocol: sub.protocol, endpoint: sub.endpoint, attempt: 1, kind: outcome.kind, error: outcome.error });
        return;
      }
      const endpoint = this.host.endpoints.get(sub.endpoint);
      if (type === "SubscriptionConfirmation" && (endpoint?.autoConfirm ?? this.host.autoConfirm) && sub.pending && !sub.deleted) this.host.confirm(sub);
    };
    let outcome: Outcome | Promise<Outcome>;
    try {
      outcome = this.post(sub.endpoint, headers, json);
    } catch (error) {
      outcome = classify(error);
    }
    if (!isPromise(outcome)) {
      done(outcome);
      return undefined;
    }
    return outcome.then(done, (error: unknown) => done(classify(error)));
  }
}
