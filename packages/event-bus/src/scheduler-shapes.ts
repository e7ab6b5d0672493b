/** EventBridge Scheduler inputs and outputs, shaped as @aws-sdk/client-scheduler's. */
import type { DeadLetterConfig, RetryPolicy } from "./shapes";

export type ScheduleState = "ENABLED" | "DISABLED";
export type ActionAfterCompletion = "NONE" | "DELETE";
export interface SchedulerTag {
  Key: string | undefined;
  Value: string | undefined;
}
export interface FlexibleTimeWindow {
  Mode: "OFF" | "FLEXIBLE" | string | undefined;
  MaximumWindowInMinutes?: number | undefined;
}
export interface ScheduleTarget {
  Arn: string | undefined;
  RoleArn: string | undefined;
  Input?: string | undefined;
  RetryPolicy?: RetryPolicy | undefined;
  DeadLetterConfig?: DeadLetterConfig | undefined;
  SqsParameters?: { MessageGroupId?: string | undefined } | undefined;
  EventBridgeParameters?: { DetailType: string | undefined; Source: string | undefined } | undefined;
  KinesisParameters?: { PartitionKey: string | undefined } | undefined;
  EcsParameters?: object | undefined;
  SageMakerPipelineParameters?: object | undefined;
}
export interface CreateScheduleInput {
  Name: string | undefined;
  GroupName?: string | undefined;
  ScheduleExpression: string | undefined;
  StartDate?: Date | undefined;
  EndDate?: Date | undefined;
  Description?: string | undefined;
  ScheduleExpressionTimezone?: string | undefined;
  State?: ScheduleState | string | undefined;
  KmsKeyArn?: string | undefined;
  Target: ScheduleTarget | undefined;
  FlexibleTimeWindow: FlexibleTimeWindow | undefined;
  ClientToken?: string | undefined;
  ActionAfterCompletion?: ActionAfterCompletion | string | undefined;
}
export type UpdateScheduleInput = CreateScheduleInput;
export interface ScheduleArnOutput {
  ScheduleArn: string | undefined;
}
export interface ScheduleRefInput {
  Name: string | undefined;
  GroupName?: string | undefined;
  ClientToken?: string | undefined;
}
export interface GetScheduleOutput {
  Arn?: string;
  GroupName?: string;
  Name?: string;
  ScheduleExpression?: string;
  StartDate?: Date;
  EndDate?: Date;
  Description?: string;
  ScheduleExpressionTimezone?: string;
  State?: ScheduleState;
  CreationDate?: Date;
  LastModificationDate?: Date;
  KmsKeyArn?: string;
  Target?: ScheduleTarget;
  FlexibleTimeWindow?: FlexibleTimeWindow;
  ActionAfterCompletion?: ActionAfterCompletion;
}
export interface ListSchedulesInput {
  GroupName?: string | undefined;
  NamePrefix?: string | undefined;
  State?: ScheduleState | string | undefined;
  NextToken?: string | undefined;
  MaxResults?: number | undefined;
}
export interface ScheduleSummary {
  Arn?: string;
  Name?: string;
  GroupName?: string;
  State?: ScheduleState;
  CreationDate?: Date;
  LastModificationDate?: Date;
  Target?: { Arn: string };
}
export interface ListSchedulesOutput {
  NextToken?: string;
  Schedules: ScheduleSummary[] | undefined;
}
export interface CreateScheduleGroupInput {
  Name: string | undefined;
  Tags?: SchedulerTag[] | undefined;
  ClientToken?: string | undefined;
}
export interface ScheduleGroupNameInput {
  Name: string | undefined;
  ClientToken?: string | undefined;
}
export interface ScheduleGroupSummary {
  Arn?: string;
  Name?: string;
  State?: "ACTIVE" | "DELETING";
  CreationDate?: Date;
  LastModificationDate?: Date;
}
export interface ListScheduleGroupsInput {
  NamePrefix?: string | undefined;
  NextToken?: string | undefined;
  MaxResults?: number | undefined;
}
export interface ListScheduleGroupsOutput {
  NextToken?: string;
  ScheduleGroups: ScheduleGroupSummary[] | undefined;
}
export interface SchedulerTagResourceInput {
  ResourceArn: string | undefined;
  Tags: SchedulerTag[] | undefined;
}
export interface SchedulerUntagResourceInput {
  ResourceArn: string | undefined;
  TagKeys: string[] | undefined;
}
export interface SchedulerListTagsInput {
  ResourceArn: string | undefined;
}
export interface SchedulerListTagsOutput {
  Tags?: SchedulerTag[];
}
