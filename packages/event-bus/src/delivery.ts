/**
 * Rule → target delivery as scheduled work ("How EventBridge retries delivering events", "Using dead-letter queues
 * to process undelivered events"): each matched target is one task; a failure is retried with exponential back-off
 * and jitter (seeded) until RetryPolicy's MaximumRetryAttempts (default 185) or MaximumEventAgeInSeconds (default
 * 86,400) is exhausted, then the event goes to the target's DeadLetterConfig queue with RULE_ARN, TARGET_ARN,
 * ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION and RETRY_ATTEMPTS attributes, or is dropped.
 */
import type { MessageAttributeMap, SimContext } from "@simcloud/core";
import type { EventObject, RuleRecord, TargetRecord } from "./model";
import { nextRetry, stringAttribute } from "./retry";
import { DeliveryError, sendToTarget, type TargetHandler } from "./targets";
import type { EventContext } from "./transform";
import "./trace";

/** One event on its way through one rule: the JSON text and ISO ingestion time are computed once, lazily. */
export class MatchedEvent {
  private text: string | undefined;
  constructor(
    readonly event: EventObject,
    readonly ingestedAt: number,
  ) {}
  get json(): string {
    return (this.text ??= JSON.stringify(this.event));
  }
  get id(): string {
    return this.event["id"] as string;
  }
}

interface Pending {
  readonly ruleName: string;
  readonly ruleArn: string;
  readonly target: TargetRecord;
  readonly matched: MatchedEvent;
}

export class Deliveries {
  /** First attempts matched since the last flush, in order; one task delivers them all (not one task each). */
  private pending: Pending[] = [];

  constructor(
    private readonly ctx: SimContext,
    private readonly handlers: ReadonlyMap<string, TargetHandler>,
  ) {}

  /** Schedules delivery of `matched` to every target of `rule` (snapshot of the targets now). */
  deliver(rule: RuleRecord, matched: MatchedEvent): void {
    if (this.pending.length === 0) this.ctx.scheduler.after(0, () => this.flush(), { label: "events:deliveries" });
    for (const target of rule.targets.values()) this.pending.push({ ruleName: rule.name, ruleArn: rule.arn, target, matched });
  }

  /** Runs the first attempts in match order; asynchronous ones (all but SQS) proceed together. */
  private flush(): void | Promise<unknown> {
    const batch = this.pending;
    this.pending = [];
    let waits: Promise<void>[] | undefined;
    for (const { ruleName, ruleArn, target, matched } of batch) {
      const pending = this.attempt(ruleName, ruleArn, target, matched, 0);
      if (pending !== undefined) (waits ??= []).push(pending);
    }
    return waits === undefined ? undefined : Promise.all(waits);
  }

  private schedule(ruleName: string, ruleArn: string, target: TargetRecord, matched: MatchedEvent, retries: number, delayMs: number): void {
    this.ctx.scheduler.after(delayMs, () => this.attempt(ruleName, ruleArn, target, matched, retries), { label: `events:${ruleName} → ${target.id}` });
  }

  /** Synchronous for SQS targets (no promise, no flush); a promise for the others. */
  private attempt(ruleName: string, ruleArn: string, target: TargetRecord, matched: MatchedEvent, retries: number): void | Promise<void> {
    let pending: void | Promise<void>;
    try {
      const input = target.input === undefined ? matched.json : target.input(eventContext(matched, ruleName, ruleArn));
      if (input === undefined) {
        this.ctx.trace.record("events.target.dropped", { eventId: matched.id, ruleArn, targetId: target.id, reason: "the input transformer rendered invalid JSON" });
        return;
      }
      pending = sendToTarget(this.ctx, this.handlers, target.arn, input, {
        caller: target.caller(ruleArn),
        messageGroupId: target.spec.SqsParameters?.MessageGroupId,
        deduplicationId: matched.id,
        partitionKey: target.arn.includes(":kinesis:") ? partitionKey(target, matched.event) : undefined,
        busEntry: target.arn.includes(":event-bus/") ? busEntry(matched.event) : undefined,
      });
    } catch (error) {
      this.failed(ruleName, ruleArn, target, matched, retries, error);
      return;
    }
    if (pending === undefined) {
      this.delivered(ruleArn, target, matched, retries);
      return;
    }
    return pending.then(
      () => this.delivered(ruleArn, target, matched, retries),
      (error: unknown) => this.failed(ruleName, ruleArn, target, matched, retries, error),
    );
  }

  private delivered(ruleArn: string, target: TargetRecord, matched: MatchedEvent, retries: number): void {
    const { trace } = this.ctx;
    if (trace.active) trace.record("events.target.delivered", { eventId: matched.id, ruleArn, targetId: target.id, targetArn: target.arn, attempt: retries + 1 });
  }

  private failed(ruleName: string, ruleArn: string, target: TargetRecord, matched: MatchedEvent, retries: number, caught: unknown): void {
    const { ctx } = this;
    const error = caught instanceof DeliveryError ? caught : new DeliveryError("InternalException", String(caught));
    const decision = nextRetry(ctx, "events.retry", target.spec.RetryPolicy, retries, matched.ingestedAt);
    const base = { eventId: matched.id, ruleArn, targetId: target.id, targetArn: target.arn, attempt: retries + 1, errorCode: error.code, error: error.message };
    if ("retryInMs" in decision) {
      ctx.trace.record("events.target.failed", { ...base, retryAt: ctx.scheduler.now() + decision.retryInMs });
      this.schedule(ruleName, ruleArn, target, matched, retries + 1, decision.retryInMs);
      return;
    }
    ctx.trace.record("events.target.failed", base);
    this.deadLetter(ruleArn, target, matched, retries, error, decision.exhausted);
  }

  private deadLetter(ruleArn: string, target: TargetRecord, matched: MatchedEvent, retries: number, error: DeliveryError, condition: string): void {
    const { ctx } = this;
    const dlq = target.spec.DeadLetterConfig?.Arn;
    if (dlq === undefined) {
      ctx.trace.record("events.target.dropped", { eventId: matched.id, ruleArn, targetId: target.id, reason: `retries exhausted (${condition}) and no dead-letter queue` });
      return;
    }
    const text = stringAttribute;
    const attributes: MessageAttributeMap = {
      RULE_ARN: text(ruleArn),
      TARGET_ARN: text(target.arn),
      ERROR_CODE: text(error.code),
      ERROR_MESSAGE: text(error.message || error.code),
      EXHAUSTED_RETRY_CONDITION: text(condition),
      RETRY_ATTEMPTS: { DataType: "Number", StringValue: String(retries) },
    };
    let delivered = false;
    const port = ctx.registry.resolve("queue", dlq)?.port;
    if (port !== undefined) {
      try {
        port.send({ MessageBody: matched.json, MessageAttributes: attributes }, { principal: "events.amazonaws.com", sourceArn: ruleArn });
        delivered = true;
      } catch {
        delivered = false;
      }
    }
    ctx.trace.record("events.target.dead-lettered", { eventId: matched.id, ruleArn, targetId: target.id, deadLetterArn: dlq, delivered, condition });
  }
}

function eventContext(matched: MatchedEvent, ruleName: string, ruleArn: string): EventContext {
  return {
    event: matched.event,
    get json() {
      return matched.json;
    },
    ruleName,
    ruleArn,
    get ingestionTime() {
      return new Date(matched.ingestedAt).toISOString();
    },
  };
}

function partitionKey(target: TargetRecord, event: EventObject): string | undefined {
  const path = target.spec.KinesisParameters?.PartitionKeyPath;
  if (path === undefined) return event["id"] as string;
  const parts = path.replace(/^\$\.?/, "").split(".").filter((part) => part !== "");
  let value: unknown = event;
  for (const part of parts) value = value !== null && typeof value === "object" && Object.hasOwn(value, part) ? (value as Record<string, unknown>)[part] : undefined;
  return value === undefined || value === null ? (event["id"] as string) : typeof value === "string" ? value : JSON.stringify(value);
}

function busEntry(event: EventObject) {
  return {
    Source: event["source"] as string,
    DetailType: event["detail-type"] as string,
    Detail: JSON.stringify(event["detail"] ?? {}),
    Resources: (event["resources"] as string[] | undefined) ?? [],
    Time: new Date(event["time"] as string),
  };
}
