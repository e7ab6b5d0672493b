/** Rule records: ARNs, compiled patterns, schedules armed as recurring tasks on the virtual clock. */
import { compileFilter, type SimContext } from "@simcloud/core";
import { errors } from "./errors";
import { MatchedEvent, type Deliveries } from "./delivery";
import type { EventObject, RuleRecord } from "./model";
import { nextFiring } from "./schedule-expression";
import type { DescribeRuleOutput } from "./shapes";

export function ruleArn(ctx: SimContext, busName: string, name: string): string {
  const resource = busName === "default" ? `rule/${name}` : `rule/${busName}/${name}`;
  return `arn:aws:events:${ctx.region}:${ctx.accountId}:${resource}`;
}

export function compilePattern(pattern: string | undefined) {
  if (pattern === undefined) return undefined;
  // The pattern is JSON text on the wire; an object handed to the native API would otherwise be compiled as given.
  if (typeof pattern !== "string") throw errors.InvalidEventPatternException("Event pattern is not valid. Reason: the pattern must be a JSON string.");
  return compileFilter(pattern, "eventbridge");
}

export function isEnabled(rule: RuleRecord): boolean {
  return rule.state !== "DISABLED";
}

/** Formats an event time as EventBridge does: ISO 8601 in UTC, to the second. */
export function eventTime(ms: number): string {
  return new Date(ms - (((ms % 1000) + 1000) % 1000)).toISOString().replace(".000Z", "Z");
}

/** eventTime with its last answer kept: the events of one PutEvents call mostly share a second. */
export function eventTimeFormatter(): (ms: number) => string {
  let lastSecond = Number.NaN;
  let lastText = "";
  return (ms) => {
    const second = ms - (((ms % 1000) + 1000) % 1000);
    if (second !== lastSecond) {
      lastText = eventTime(second);
      lastSecond = second;
    }
    return lastText;
  };
}

/**
 * (Re)arms a schedule rule: rate schedules count from the moment the rule was put, cron ones fire at each matching
 * UTC minute; each firing sends a "Scheduled Event" from "aws.events" to the rule's targets.
 */
export function armSchedule(ctx: SimContext, rule: RuleRecord, deliveries: Deliveries): void {
  rule.scheduleTask?.cancel();
  rule.scheduleTask = undefined;
  const schedule = rule.schedule;
  if (schedule === undefined || !isEnabled(rule)) return;
  const anchor = ctx.scheduler.now();
  const first = nextFiring(schedule, anchor, anchor);
  if (first === undefined) return;
  rule.scheduleTask = ctx.scheduler.recurring(
    first,
    (previous) => nextFiring(schedule, previous, anchor),
    () => {
      const now = ctx.scheduler.now();
      const event: EventObject = {
        version: "0",
        id: ctx.ids.uuid("events.ids"),
        "detail-type": "Scheduled Event",
        source: "aws.events",
        account: ctx.accountId,
        time: eventTime(now),
        region: ctx.region,
        resources: [rule.arn],
        detail: {},
      };
      ctx.trace.record("events.schedule.fired", { ruleArn: rule.arn, eventId: event["id"] as string, time: now });
      deliveries.deliver(rule, new MatchedEvent(event, now));
    },
    { label: `events:${rule.name} schedule` },
  );
}

export function describeRule(ctx: SimContext, rule: RuleRecord): DescribeRuleOutput {
  return {
    Name: rule.name,
    Arn: rule.arn,
    ...(rule.eventPattern === undefined ? {} : { EventPattern: rule.eventPattern }),
    ...(rule.scheduleExpression === undefined ? {} : { ScheduleExpression: rule.scheduleExpression }),
    State: rule.state,
    ...(rule.description === undefined ? {} : { Description: rule.description }),
    ...(rule.roleArn === undefined ? {} : { RoleArn: rule.roleArn }),
    ...(rule.managedBy === undefined ? {} : { ManagedBy: rule.managedBy }),
    EventBusName: rule.busName,
    CreatedBy: ctx.accountId,
  };
}
