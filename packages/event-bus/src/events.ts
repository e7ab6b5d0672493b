/**
 * EventBridge (`cloud.events`): event buses, rules, targets, PutEvents, TestEventPattern, permissions, tags,
 * archives and replays. Each action validates, then changes state, then shapes the AWS output.
 */
import { compileFilter, type BusEventEntry, type BusPutEventsOutput, type EventBusPort, type PortCaller, type SimContext } from "@simcloud/core";
import { Archives } from "./archives";
import { Deliveries, MatchedEvent } from "./delivery";
import { constraintError, errors, invalidParameter } from "./errors";
import { BUS_NAME_PATTERN, LIMITS, PUT_EVENTS_MAX_BYTES } from "./limits";
import type { BusRecord, EventObject, RuleRecord, TargetRecord } from "./model";
import { armSchedule, compilePattern, describeRule, eventTimeFormatter, ruleArn } from "./rules";
import { RuleIndex } from "./rule-index";
import { parseScheduleExpression } from "./schedule-expression";
import type * as S from "./shapes";
import type { TargetHandler } from "./targets";
import { compileInput } from "./transform";
import { checkLimit, page, requireName, requireString, tagList, validateTags } from "./validate";
import "./trace";

export interface EventBridgeService {
  createEventBus(input: S.CreateEventBusInput): Promise<S.CreateEventBusOutput>;
  updateEventBus(input: S.UpdateEventBusInput): Promise<S.UpdateEventBusOutput>;
  deleteEventBus(input: S.EventBusNameInput): Promise<S.Empty>;
  describeEventBus(input?: S.EventBusNameInput): Promise<S.DescribeEventBusOutput>;
  listEventBuses(input?: S.ListEventBusesInput): Promise<S.ListEventBusesOutput>;
  putRule(input: S.PutRuleInput): Promise<S.PutRuleOutput>;
  deleteRule(input: S.DeleteRuleInput): Promise<S.Empty>;
  describeRule(input: S.RuleRefInput): Promise<S.DescribeRuleOutput>;
  listRules(input?: S.ListRulesInput): Promise<S.ListRulesOutput>;
  enableRule(input: S.RuleRefInput): Promise<S.Empty>;
  disableRule(input: S.RuleRefInput): Promise<S.Empty>;
  listRuleNamesByTarget(input: S.ListRuleNamesByTargetInput): Promise<S.ListRuleNamesByTargetOutput>;
  putTargets(input: S.PutTargetsInput): Promise<S.PutTargetsOutput>;
  removeTargets(input: S.RemoveTargetsInput): Promise<S.RemoveTargetsOutput>;
  listTargetsByRule(input: S.ListTargetsByRuleInput): Promise<S.ListTargetsByRuleOutput>;
  putEvents(input: S.PutEventsInput): Promise<S.PutEventsOutput>;
  testEventPattern(input: S.TestEventPatternInput): Promise<S.TestEventPatternOutput>;
  putPermission(input: S.PutPermissionInput): Promise<S.Empty>;
  removePermission(input: S.RemovePermissionInput): Promise<S.Empty>;
  tagResource(input: S.TagResourceInput): Promise<S.Empty>;
  untagResource(input: S.UntagResourceInput): Promise<S.Empty>;
  listTagsForResource(input: S.ListTagsForResourceInput): Promise<S.ListTagsForResourceOutput>;
  createArchive(input: S.CreateArchiveInput): Promise<S.CreateArchiveOutput>;
  describeArchive(input: S.ArchiveNameInput): Promise<S.DescribeArchiveOutput>;
  updateArchive(input: S.UpdateArchiveInput): Promise<S.UpdateArchiveOutput>;
  deleteArchive(input: S.ArchiveNameInput): Promise<S.Empty>;
  listArchives(input?: S.ListArchivesInput): Promise<S.ListArchivesOutput>;
  startReplay(input: S.StartReplayInput): Promise<S.StartReplayOutput>;
  describeReplay(input: S.ReplayNameInput): Promise<S.DescribeReplayOutput>;
  cancelReplay(input: S.ReplayNameInput): Promise<S.CancelReplayOutput>;
  listReplays(input?: S.ListReplaysInput): Promise<S.ListReplaysOutput>;

  // Simulator-only helpers (not AWS actions).
  /**
   * Routes deliveries for a target ARN (an API destination, or any ARN simcloud does not simulate) to `handler`.
   * Throwing is a failed delivery (retried, then dead-lettered). Returns the function that unregisters it.
   */
  registerTargetHandler(arn: string, handler: TargetHandler): () => void;
}

const DEFAULT_BUS = "default";
const STATES = new Set(["ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"]);
const REQUIRED_EVENT_FIELDS = ["id", "account", "source", "time", "region", "detail-type"];
const encoder = new TextEncoder();

export function createEventBridgeService(ctx: SimContext): EventBridgeService {
  const buses = new Map<string, BusRecord>();
  const handlers = new Map<string, TargetHandler>();
  const deliveries = new Deliveries(ctx, handlers);
  const eventTime = eventTimeFormatter();
  /** Per bus, rebuilt after any change to its rules (see rule-index.ts). */
  const indexes = new Map<BusRecord, RuleIndex>();
  const indexOf = (bus: BusRecord): RuleIndex => {
    let index = indexes.get(bus);
    if (index === undefined) indexes.set(bus, (index = new RuleIndex(bus.rules.values())));
    return index;
  };
  const busArn = (name: string) => `arn:aws:events:${ctx.region}:${ctx.accountId}:event-bus/${name}`;

  const addBus = (name: string, settings: Partial<Pick<BusRecord, "description" | "kmsKeyIdentifier" | "deadLetterArn">> = {}, tags = new Map<string, string>()): BusRecord => {
    const now = ctx.scheduler.now();
    const bus: BusRecord = {
      name,
      arn: busArn(name),
      description: settings.description,
      kmsKeyIdentifier: settings.kmsKeyIdentifier,
      deadLetterArn: settings.deadLetterArn,
      createdAt: now,
      modifiedAt: now,
      rules: new Map(),
      tags,
      statements: [],
      policy: undefined,
    };
    buses.set(name, bus);
    const port: EventBusPort = { kind: "event-bus", arn: bus.arn, putEvents: (entries, caller) => Promise.resolve(putEntries(entries, caller, bus)) };
    ctx.registry.register(port);
    return bus;
  };

  /** A bus by name or ARN. */
  const busFor = (nameOrArn: string | undefined): BusRecord => {
    const name = busNameOf(nameOrArn);
    const bus = buses.get(name);
    if (bus === undefined) throw errors.ResourceNotFoundException(`Event bus ${name} does not exist.`);
    return bus;
  };

  const ruleFor = (name: unknown, busName: string | undefined): { bus: BusRecord; rule: RuleRecord } => {
    const ruleName = requireName(name, "name");
    const bus = busFor(busName);
    const rule = bus.rules.get(ruleName);
    if (rule === undefined) throw errors.ResourceNotFoundException(`Rule ${ruleName} does not exist on EventBus ${bus.name}.`);
    return { bus, rule };
  };

  const archives = new Archives(ctx, {
    busByArn: (arn) => [...buses.values()].find((bus) => bus.arn === arn),
    replay: (bus, event, filterArns) => route(bus, event, ctx.scheduler.now(), filterArns),
  });

  /** Matches an event against every enabled rule of its bus and schedules each matched target's delivery. */
  function route(bus: BusRecord, event: EventObject, ingestedAt: number, onlyRules?: readonly string[]): number {
    let matchedRules = 0;
    let matched: MatchedEvent | undefined;
    for (const rule of indexOf(bus).candidates(event)) {
      if (rule.filter === undefined || rule.state === "DISABLED") continue;
      if (onlyRules !== undefined && !onlyRules.includes(rule.arn)) continue;
      if (!rule.filter.matches(event)) continue;
      matchedRules++;
      matched ??= new MatchedEvent(event, ingestedAt);
      if (rule.targets.size > 0) deliveries.deliver(rule, matched);
      if (ctx.trace.active) ctx.trace.record("events.event.matched", { eventId: event["id"] as string, ruleArn: rule.arn, targets: rule.targets.size });
    }
    return matchedRules;
  }

  /** PutEvents' per-entry work after the request-level checks: errors become entries, never exceptions. */
  function putEntries(entries: readonly (S.PutEventsRequestEntry | BusEventEntry)[], _caller: PortCaller | undefined, fixedBus?: BusRecord): BusPutEventsOutput {
    const results: S.PutEventsResultEntry[] = [];
    let failed = 0;
    const now = ctx.scheduler.now();
    for (const entry of entries) {
      const detail = parseDetail(entry);
      if (!("detail" in detail)) {
        failed++;
        results.push(detail);
        continue;
      }
      const id = ctx.ids.uuid("events.ids");
      results.push({ EventId: id });
      const bus = fixedBus ?? buses.get(busNameOf((entry as S.PutEventsRequestEntry).EventBusName));
      // AWS accepts entries for a bus that does not exist (PutEvents answers with an EventId) and routes them nowhere.
      if (bus === undefined) continue;
      const time = entry.Time instanceof Date && Number.isFinite(entry.Time.getTime()) ? entry.Time.getTime() : now;
      const event: EventObject = {
        version: "0",
        id,
        "detail-type": entry.DetailType,
        source: entry.Source,
        account: ctx.accountId,
        time: eventTime(time),
        region: ctx.region,
        resources: entry.Resources ?? [],
        detail: detail.detail,
      };
      const rules = route(bus, event, now);
      archives.record(bus, event, time);
      if (ctx.trace.active) ctx.trace.record("events.event.put", { eventBusArn: bus.arn, eventId: id, source: entry.Source as string, detailType: entry.DetailType as string, rules });
    }
    return { FailedEntryCount: failed, Entries: results };
  }

  addBus(DEFAULT_BUS);

  const service: EventBridgeService = {
    async createEventBus(input) {
      const name = requireName(input.Name, "name", BUS_NAME_PATTERN, 256);
      if (name === DEFAULT_BUS || buses.has(name)) throw errors.ResourceAlreadyExistsException(`Event bus ${name} already exists.`);
      if (name.includes("/") && input.EventSourceName === undefined) throw invalidParameter("Name", "Only partner event buses may contain '/'.");
      const tags = validateTags(input.Tags);
      const bus = addBus(name, { description: input.Description, kmsKeyIdentifier: input.KmsKeyIdentifier, deadLetterArn: input.DeadLetterConfig?.Arn }, tags);
      ctx.trace.record("events.bus.created", { eventBusArn: bus.arn });
      return {
        EventBusArn: bus.arn,
        ...(bus.description === undefined ? {} : { Description: bus.description }),
        ...(bus.kmsKeyIdentifier === undefined ? {} : { KmsKeyIdentifier: bus.kmsKeyIdentifier }),
        ...(bus.deadLetterArn === undefined ? {} : { DeadLetterConfig: { Arn: bus.deadLetterArn } }),
      };
    },

    async updateEventBus(input) {
      const bus = busFor(input.Name);
      if (input.Description !== undefined) bus.description = input.Description;
      if (input.KmsKeyIdentifier !== undefined) bus.kmsKeyIdentifier = input.KmsKeyIdentifier;
      if (input.DeadLetterConfig !== undefined) bus.deadLetterArn = input.DeadLetterConfig.Arn;
      bus.modifiedAt = ctx.scheduler.now();
      return {
        Arn: bus.arn,
        Name: bus.name,
        ...(bus.description === undefined ? {} : { Description: bus.description }),
        ...(bus.kmsKeyIdentifier === undefined ? {} : { KmsKeyIdentifier: bus.kmsKeyIdentifier }),
        ...(bus.deadLetterArn === undefined ? {} : { DeadLetterConfig: { Arn: bus.deadLetterArn } }),
      };
    },

    async deleteEventBus(input) {
      const name = requireName(input.Name, "name", BUS_NAME_PATTERN, 256);
      if (name === DEFAULT_BUS) throw errors.ValidationException("Cannot delete event bus default.");
      const bus = buses.get(name);
      // Deleting a bus that does not exist succeeds (the action is idempotent).
      if (bus === undefined) return {};
      for (const rule of bus.rules.values()) rule.scheduleTask?.cancel();
      indexes.delete(bus);
      buses.delete(name);
      ctx.registry.unregister(bus.arn);
      ctx.trace.record("events.bus.deleted", { eventBusArn: bus.arn });
      return {};
    },

    async describeEventBus(input = {}) {
      const bus = busFor(input.Name);
      const policy = policyText(bus);
      return {
        Name: bus.name,
        Arn: bus.arn,
        ...(bus.description === undefined ? {} : { Description: bus.description }),
        ...(bus.kmsKeyIdentifier === undefined ? {} : { KmsKeyIdentifier: bus.kmsKeyIdentifier }),
        ...(bus.deadLetterArn === undefined ? {} : { DeadLetterConfig: { Arn: bus.deadLetterArn } }),
        ...(policy === undefined ? {} : { Policy: policy }),
        CreationTime: new Date(bus.createdAt),
        LastModifiedTime: new Date(bus.modifiedAt),
      };
    },

    async listEventBuses(input = {}) {
      const limit = checkLimit(input.Limit, "limit");
      const prefix = input.NamePrefix ?? "";
      const all = [...buses.values()].filter((bus) => bus.name.startsWith(prefix)).sort((a, b) => compare(a.name, b.name));
      const { items, next } = page(all, limit, input.NextToken, `events.listEventBuses:${prefix}`, (bus) => bus.name);
      return {
        EventBuses: items.map((bus) => {
          const policy = policyText(bus);
          return {
            Name: bus.name,
            Arn: bus.arn,
            ...(bus.description === undefined ? {} : { Description: bus.description }),
            ...(policy === undefined ? {} : { Policy: policy }),
            CreationTime: new Date(bus.createdAt),
            LastModifiedTime: new Date(bus.modifiedAt),
          };
        }),
        ...(next === undefined ? {} : { NextToken: next }),
      };
    },

    async putRule(input) {
      const name = requireName(input.Name, "name");
      const bus = busFor(input.EventBusName);
      const state = input.State ?? "ENABLED";
      if (!STATES.has(state)) throw constraintError(state, "state", "Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]");
      if (input.EventPattern === undefined && input.ScheduleExpression === undefined) {
        throw errors.ValidationException("Parameter(s) EventPattern or ScheduleExpression must be specified.");
      }
      let schedule;
      if (input.ScheduleExpression !== undefined) {
        if (bus.name !== DEFAULT_BUS) throw errors.ValidationException("ScheduleExpression is supported only on the default event bus.");
        schedule = parseScheduleExpression(input.ScheduleExpression);
        if (schedule === undefined) throw invalidParameter("ScheduleExpression");
      }
      const filter = compilePattern(input.EventPattern);
      const existing = bus.rules.get(name);
      if (existing?.managedBy !== undefined) throw errors.ManagedRuleException(`Rule ${name} is managed by ${existing.managedBy} and cannot be modified.`);
      const tags = existing === undefined ? validateTags(input.Tags) : undefined;
      const rule: RuleRecord = existing ?? {
        name,
        arn: ruleArn(ctx, bus.name, name),
        busName: bus.name,
        eventPattern: undefined,
        filter: undefined,
        scheduleExpression: undefined,
        schedule: undefined,
        scheduleTask: undefined,
        state: "ENABLED",
        description: undefined,
        roleArn: undefined,
        managedBy: undefined,
        targets: new Map(),
        tags: tags ?? new Map(),
      };
      const rearm = rule.scheduleExpression !== input.ScheduleExpression || rule.state !== state || existing === undefined;
      rule.eventPattern = input.EventPattern;
      rule.filter = filter;
      rule.scheduleExpression = input.ScheduleExpression;
      rule.schedule = schedule;
      rule.state = state as S.RuleState;
      rule.description = input.Description ?? rule.description;
      rule.roleArn = input.RoleArn ?? rule.roleArn;
      bus.rules.set(name, rule);
      indexes.delete(bus);
      if (rearm) armSchedule(ctx, rule, deliveries);
      ctx.trace.record("events.rule.put", { ruleArn: rule.arn, state: rule.state });
      return { RuleArn: rule.arn };
    },

    async deleteRule(input) {
      const name = requireName(input.Name, "name");
      const bus = busFor(input.EventBusName);
      const rule = bus.rules.get(name);
      // DeleteRule on a rule that does not exist succeeds.
      if (rule === undefined) return {};
      if (rule.managedBy !== undefined && input.Force !== true) throw errors.ManagedRuleException(`Rule ${name} is managed by ${rule.managedBy}; use Force to delete it.`);
      if (rule.targets.size > 0) throw errors.ValidationException("Rule can't be deleted since it has targets.");
      rule.scheduleTask?.cancel();
      bus.rules.delete(name);
      indexes.delete(bus);
      ctx.trace.record("events.rule.deleted", { ruleArn: rule.arn });
      return {};
    },

    async describeRule(input) {
      return describeRule(ctx, ruleFor(input.Name, input.EventBusName).rule);
    },

    async listRules(input = {}) {
      const limit = checkLimit(input.Limit, "limit");
      const bus = busFor(input.EventBusName);
      const prefix = input.NamePrefix ?? "";
      const all = [...bus.rules.values()].filter((rule) => rule.name.startsWith(prefix)).sort((a, b) => compare(a.name, b.name));
      const { items, next } = page(all, limit, input.NextToken, `events.listRules:${bus.name}:${prefix}`, (rule) => rule.name);
      return {
        Rules: items.map((rule) => {
          const { CreatedBy: _createdBy, ...summary } = describeRule(ctx, rule);
          return summary;
        }),
        ...(next === undefined ? {} : { NextToken: next }),
      };
    },

    async enableRule(input) {
      const { bus, rule } = ruleFor(input.Name, input.EventBusName);
      indexes.delete(bus);
      if (rule.state === "DISABLED") {
        rule.state = "ENABLED";
        armSchedule(ctx, rule, deliveries);
      }
      return {};
    },

    async disableRule(input) {
      const { bus, rule } = ruleFor(input.Name, input.EventBusName);
      indexes.delete(bus);
      rule.state = "DISABLED";
      armSchedule(ctx, rule, deliveries);
      return {};
    },

    async listRuleNamesByTarget(input) {
      const targetArn = requireString(input.TargetArn, "targetArn");
      const limit = checkLimit(input.Limit, "limit");
      const bus = busFor(input.EventBusName);
      const names = [...bus.rules.values()]
        .filter((rule) => [...rule.targets.values()].some((target) => target.arn === targetArn))
        .map((rule) => rule.name)
        .sort(compare);
      const { items, next } = page(names, limit, input.NextToken, `events.listRuleNamesByTarget:${bus.name}:${targetArn}`, (name) => name);
      return { RuleNames: items, ...(next === undefined ? {} : { NextToken: next }) };
    },

    async putTargets(input) {
      const targets = input.Targets;
      if (!Array.isArray(targets) || targets.length === 0) throw constraintError(targets === undefined ? "null" : "[]", "targets", "Member must have length greater than or equal to 1");
      if (targets.length > LIMITS.putTargetsEntries) throw constraintError(`[${targets.length} targets]`, "targets", `Member must have length less than or equal to ${LIMITS.putTargetsEntries}`);
      const records: TargetRecord[] = targets.map((target, index) => compileTarget(target, index + 1));
      const { rule } = ruleFor(input.Rule, input.EventBusName);
      const ids = new Set([...rule.targets.keys(), ...records.map((record) => record.id)]);
      if (ids.size > LIMITS.targetsPerRule) throw errors.LimitExceededException("The requested resource exceeds the maximum number allowed.");
      for (const record of records) rule.targets.set(record.id, record);
      return { FailedEntryCount: 0, FailedEntries: [] };
    },

    async removeTargets(input) {
      const ids = input.Ids;
      if (!Array.isArray(ids) || ids.length === 0) throw constraintError(ids === undefined ? "null" : "[]", "ids", "Member must have length greater than or equal to 1");
      if (ids.length > LIMITS.removeTargetsIds) throw constraintError(`[${ids.length} ids]`, "ids", `Member must have length less than or equal to ${LIMITS.removeTargetsIds}`);
      const { rule } = ruleFor(input.Rule, input.EventBusName);
      if (rule.managedBy !== undefined && input.Force !== true) throw errors.ManagedRuleException(`Rule ${rule.name} is managed by ${rule.managedBy}; use Force to remove its targets.`);
      for (const id of ids) rule.targets.delete(id);
      return { FailedEntryCount: 0, FailedEntries: [] };
    },

    async listTargetsByRule(input) {
      const limit = checkLimit(input.Limit, "limit");
      const { rule } = ruleFor(input.Rule, input.EventBusName);
      const { items, next } = page([...rule.targets.values()], limit, input.NextToken, `events.listTargetsByRule:${rule.arn}`);
      return { Targets: items.map((target) => structuredClone(target.spec)), ...(next === undefined ? {} : { NextToken: next }) };
    },

    async putEvents(input) {
      const entries = input.Entries;
      if (!Array.isArray(entries) || entries.length === 0) throw constraintError(entries === undefined ? "null" : "[]", "entries", "Member must have length greater than or equal to 1");
      if (entries.length > LIMITS.putEventsEntries) throw constraintError(`[${entries.map(describeEntry).join(", ")}]`, "entries", `Member must have length less than or equal to ${LIMITS.putEventsEntries}`);
      let size = 0;
      for (const entry of entries) size += entrySize(entry);
      if (size > PUT_EVENTS_MAX_BYTES) throw errors.ValidationException("Total size of the entries in the request is over the limit.");
      return putEntries(entries, undefined);
    },

    async testEventPattern(input) {
      const pattern = requireString(input.EventPattern, "eventPattern");
      const eventText = requireString(input.Event, "event");
      const filter = compileFilter(pattern, "eventbridge");
      let event: unknown;
      try {
        event = JSON.parse(eventText);
      } catch {
        throw invalidParameter("Event");
      }
      if (event === null || typeof event !== "object" || Array.isArray(event)) throw invalidParameter("Event");
      for (const field of REQUIRED_EVENT_FIELDS) {
        if (!Object.hasOwn(event, field)) throw invalidParameter("Event", `Provided JSON must contain the "${field}" field.`);
      }
      return { Result: filter.matches(eventText) };
    },

    async putPermission(input) {
      const bus = busFor(input.EventBusName);
      if (input.Policy !== undefined) {
        try {
          JSON.parse(input.Policy);
        } catch {
          throw invalidParameter("Policy", "Policy is not valid JSON.");
        }
        bus.policy = input.Policy;
        bus.statements = [];
        return {};
      }
      const sid = requireName(input.StatementId, "statementId");
      const action = requireString(input.Action, "action");
      const principal = requireString(input.Principal, "principal");
      if (action !== "events:PutEvents") throw invalidParameter("Action", "Provided value in parameter 'action' is not supported.");
      if (principal !== "*" && !/^\d{12}$/.test(principal)) throw invalidParameter("Principal", "Principal must be an AWS account id or '*'.");
      if (principal === "*" && input.Condition === undefined) {
        // Allowed: a public bus. AWS warns in the console; the API accepts it.
      }
      const statement = {
        Sid: sid,
        Effect: "Allow" as const,
        Principal: principal === "*" ? "*" : { AWS: `arn:aws:iam::${principal}:root` },
        Action: action,
        Resource: bus.arn,
        ...(input.Condition === undefined ? {} : { Condition: { [String(input.Condition.Type)]: { [String(input.Condition.Key)]: String(input.Condition.Value) } } }),
      };
      bus.statements = [...bus.statements.filter((existing) => existing.Sid !== sid), statement];
      bus.policy = undefined;
      return {};
    },

    async removePermission(input) {
      const bus = busFor(input.EventBusName);
      if (input.RemoveAllPermissions === true) {
        if (bus.statements.length === 0 && bus.policy === undefined) throw errors.ResourceNotFoundException("EventBus does not have a policy.");
        bus.statements = [];
        bus.policy = undefined;
        return {};
      }
      const sid = requireString(input.StatementId, "statementId");
      if (!bus.statements.some((statement) => statement.Sid === sid)) throw errors.ResourceNotFoundException("Statement with the provided id does not exist.");
      bus.statements = bus.statements.filter((statement) => statement.Sid !== sid);
      return {};
    },

    async tagResource(input) {
      const target = taggable(requireString(input.ResourceARN, "resourceARN"));
      const tags = validateTags(input.Tags);
      if (new Set([...target.keys(), ...tags.keys()]).size > 50) throw errors.LimitExceededException("The requested resource exceeds the maximum number allowed.");
      for (const [key, value] of tags) target.set(key, value);
      return {};
    },

    async untagResource(input) {
      const target = taggable(requireString(input.ResourceARN, "resourceARN"));
      for (const key of input.TagKeys ?? []) target.delete(key);
      return {};
    },

    async listTagsForResource(input) {
      return { Tags: tagList(taggable(requireString(input.ResourceARN, "resourceARN"))) };
    },

    createArchive: (input) => archives.create(input),
    describeArchive: (input) => archives.describe(input),
    updateArchive: (input) => archives.update(input),
    deleteArchive: (input) => archives.delete(input),
    listArchives: (input) => archives.list(input),
    startReplay: (input) => archives.startReplay(input),
    describeReplay: (input) => archives.describeReplay(input),
    cancelReplay: (input) => archives.cancelReplay(input),
    listReplays: (input) => archives.listReplays(input),

    registerTargetHandler(arn, handler) {
      handlers.set(arn, handler);
      return () => {
        if (handlers.get(arn) === handler) handlers.delete(arn);
      };
    },
  };
  return service;

  function compileTarget(target: S.Target, position: number): TargetRecord {
    const id = requireName(target?.Id, `targets.${position}.member.id`);
    const arn = requireString(target.Arn, `targets.${position}.member.arn`);
    const retry = target.RetryPolicy;
    if (retry !== undefined && (typeof retry !== "object" || retry === null || Array.isArray(retry))) {
      throw constraintError(retry, `targets.${position}.member.retryPolicy`, "Member must be a structure");
    }
    if (retry?.MaximumRetryAttempts !== undefined && !(Number.isInteger(retry.MaximumRetryAttempts) && retry.MaximumRetryAttempts >= 0 && retry.MaximumRetryAttempts <= LIMITS.retryAttemptsMax)) {
      throw constraintError(retry.MaximumRetryAttempts, `targets.${position}.member.retryPolicy.maximumRetryAttempts`, `Member must have value between 0 and ${LIMITS.retryAttemptsMax}`);
    }
    const age = retry?.MaximumEventAgeInSeconds;
    if (age !== undefined && !(Number.isInteger(age) && age >= LIMITS.eventAgeMinSeconds && age <= LIMITS.eventAgeMaxSeconds)) {
      throw constraintError(age, `targets.${position}.member.retryPolicy.maximumEventAgeInSeconds`, `Member must have value between ${LIMITS.eventAgeMinSeconds} and ${LIMITS.eventAgeMaxSeconds}`);
    }
    if (arn.startsWith(`arn:aws:sqs:`) && arn.endsWith(".fifo") && target.SqsParameters?.MessageGroupId === undefined) {
      throw errors.ValidationException(`Parameter(s) SqsParameters must be specified for target: ${id}.`);
    }
    const spec = structuredClone(target);
    let caller: PortCaller | undefined;
    return {
      spec,
      id,
      arn,
      input: compileInput(spec),
      caller: (sourceArn) => (caller?.sourceArn === sourceArn ? caller : (caller = { principal: "events.amazonaws.com", sourceArn })),
    };
  }

  function taggable(arn: string): Map<string, string> {
    const resource = /^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:(.+)$/.exec(arn)?.[1];
    if (resource?.startsWith("event-bus/")) return busFor(resource.slice("event-bus/".length)).tags;
    if (resource?.startsWith("rule/")) {
      const parts = resource.slice("rule/".length).split("/");
      const ruleName = parts.pop() as string;
      return ruleFor(ruleName, parts.length === 0 ? DEFAULT_BUS : parts.join("/")).rule.tags;
    }
    throw errors.ResourceNotFoundException(`Resource ${arn} does not exist.`);
  }
}

function busNameOf(nameOrArn: string | undefined): string {
  if (nameOrArn === undefined || nameOrArn === null || nameOrArn === "") return DEFAULT_BUS;
  const cut = nameOrArn.startsWith("arn:") ? nameOrArn.indexOf(":event-bus/") : -1;
  return cut >= 0 ? nameOrArn.slice(cut + ":event-bus/".length) : nameOrArn;
}

function policyText(bus: BusRecord): string | undefined {
  if (bus.policy !== undefined) return bus.policy;
  return bus.statements.length === 0 ? undefined : JSON.stringify({ Version: "2012-10-17", Statement: bus.statements });
}

/** The entry's parsed Detail, or its per-entry failure, in the order AWS checks them. */
function parseDetail(entry: S.PutEventsRequestEntry | BusEventEntry): S.PutEventsResultEntry | { detail: object } {
  const required = (name: string) => ({ ErrorCode: "InvalidArgument", ErrorMessage: `Parameter ${name} is not valid. Reason: ${name} is a required argument.` });
  if (typeof entry?.Source !== "string" || entry.Source === "") return required("Source");
  if (typeof entry.DetailType !== "string" || entry.DetailType === "") return required("DetailType");
  if (typeof entry.Detail !== "string" || entry.Detail === "") return required("Detail");
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    detail = undefined;
  }
  if (detail === null || typeof detail !== "object" || Array.isArray(detail)) return { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." };
  return { detail };
}

/** "Calculating PutEvents event entry size": Time counts 14 bytes; Source, DetailType, Detail and Resources their UTF-8 bytes. */
function entrySize(entry: S.PutEventsRequestEntry): number {
  let size = entry?.Time === undefined ? 0 : LIMITS.timeBytes;
  for (const text of [entry?.Source, entry?.DetailType, entry?.Detail]) if (typeof text === "string") size += byteLength(text);
  for (const resource of entry?.Resources ?? []) if (typeof resource === "string") size += byteLength(resource);
  return size;
}

function byteLength(text: string): number {
  // ASCII text, the usual case, is one byte per character; only longer text needs the encoder.
  return text.length < 4096 && /^[\x00-\x7f]*$/.test(text) ? text.length : encoder.encode(text).length;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * An entry as AWS's over-ten-entries message prints it (its Java service's toString), recorded in
 * test_put_events_exceed_limit_ten_entries: absent members are `null`, lists `[a, b]`. The Time rendering (ISO
 * instant) is not recorded; the recording has none.
 */
function describeEntry(entry: S.PutEventsRequestEntry): string {
  const text = (value: unknown): string => {
    if (value === undefined || value === null) return "null";
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? "null" : value.toISOString().replace(".000Z", "Z");
    if (Array.isArray(value)) return `[${value.map(text).join(", ")}]`;
    return String(value);
  };
  const item = (entry ?? {}) as S.PutEventsRequestEntry;
  return (
    `PutEventsRequestEntry(time=${text(item.Time)}, source=${text(item.Source)}, resources=${text(item.Resources)}, detailType=${text(item.DetailType)}, ` +
    `detail=${text(item.Detail)}, eventBusName=${text(item.EventBusName)}, traceHeader=${text(item.TraceHeader)}, kmsKeyIdentifier=null, internalMetadata=null)`
  );
}
