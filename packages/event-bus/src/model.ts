/** The resources EventBridge keeps: buses, rules, targets, archives, replays. Plain mutable records. */
import type { TaskHandle } from "@simcloud/clock";
import type { CompiledFilter, PortCaller } from "@simcloud/core";
import type { ScheduleExpression } from "./schedule-expression";
import type { RuleState, Target } from "./shapes";
import type { InputBuilder } from "./transform";

export type EventObject = Record<string, unknown>;

export interface TargetRecord {
  readonly spec: Target;
  readonly id: string;
  readonly arn: string;
  /** Undefined: the event itself, as JSON. */
  readonly input: InputBuilder | undefined;
  /** The caller the target sees for a rule (one object per rule ARN, reused). */
  caller(ruleArn: string): PortCaller;
}

export interface RuleRecord {
  readonly name: string;
  readonly arn: string;
  readonly busName: string;
  eventPattern: string | undefined;
  filter: CompiledFilter<"eventbridge"> | undefined;
  scheduleExpression: string | undefined;
  schedule: ScheduleExpression | undefined;
  scheduleTask: TaskHandle | undefined;
  state: RuleState;
  description: string | undefined;
  roleArn: string | undefined;
  managedBy: string | undefined;
  readonly targets: Map<string, TargetRecord>;
  readonly tags: Map<string, string>;
}

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Principal: string | { AWS: string };
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

export interface BusRecord {
  readonly name: string;
  readonly arn: string;
  description: string | undefined;
  kmsKeyIdentifier: string | undefined;
  deadLetterArn: string | undefined;
  readonly createdAt: number;
  modifiedAt: number;
  readonly rules: Map<string, RuleRecord>;
  readonly tags: Map<string, string>;
  statements: PolicyStatement[];
  /** A whole policy given to PutPermission's Policy member replaces the statements. */
  policy: string | undefined;
}

export interface ArchivedEvent {
  readonly event: EventObject;
  /** Event time (epoch ms): what replay windows select on. */
  readonly time: number;
  readonly size: number;
}

export interface ArchiveRecord {
  readonly name: string;
  readonly arn: string;
  readonly sourceArn: string;
  readonly busName: string;
  description: string | undefined;
  eventPattern: string | undefined;
  filter: CompiledFilter<"eventbridge"> | undefined;
  retentionDays: number;
  readonly createdAt: number;
  readonly events: ArchivedEvent[];
}

export interface ReplayRecord {
  readonly name: string;
  readonly arn: string;
  readonly description: string | undefined;
  readonly sourceArn: string;
  readonly destination: { Arn: string; FilterArns?: string[] };
  readonly eventStart: number;
  readonly eventEnd: number;
  readonly startedAt: number;
  state: "STARTING" | "RUNNING" | "CANCELLING" | "COMPLETED" | "CANCELLED" | "FAILED";
  stateReason: string | undefined;
  endedAt: number | undefined;
  lastReplayed: number | undefined;
  task: TaskHandle | undefined;
}
