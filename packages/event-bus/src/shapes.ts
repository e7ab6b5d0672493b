/**
 * EventBridge inputs and outputs, shaped as @aws-sdk/client-eventbridge's (PascalCase members, Date timestamps), so
 * SDK command inputs pass straight in (events.types.test.ts proves it for every action).
 */
export type Tag = { Key: string | undefined; Value: string | undefined };
export type RuleState = "ENABLED" | "DISABLED" | "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";
export type Empty = Record<string, never>;

export interface DeadLetterConfig {
  Arn?: string | undefined;
}
export interface RetryPolicy {
  MaximumRetryAttempts?: number | undefined;
  MaximumEventAgeInSeconds?: number | undefined;
}
export interface InputTransformer {
  InputPathsMap?: Record<string, string> | undefined;
  InputTemplate: string | undefined;
}
export interface Target {
  Id: string | undefined;
  Arn: string | undefined;
  RoleArn?: string | undefined;
  Input?: string | undefined;
  InputPath?: string | undefined;
  InputTransformer?: InputTransformer | undefined;
  KinesisParameters?: { PartitionKeyPath: string | undefined } | undefined;
  SqsParameters?: { MessageGroupId?: string | undefined } | undefined;
  DeadLetterConfig?: DeadLetterConfig | undefined;
  RetryPolicy?: RetryPolicy | undefined;
  HttpParameters?: { PathParameterValues?: string[] | undefined; HeaderParameters?: Record<string, string> | undefined; QueryStringParameters?: Record<string, string> | undefined } | undefined;
  /** Kept and listed as given; simcloud does not simulate these targets' services. */
  EcsParameters?: object | undefined;
  BatchParameters?: object | undefined;
  RunCommandParameters?: object | undefined;
  RedshiftDataParameters?: object | undefined;
  SageMakerPipelineParameters?: object | undefined;
  AppSyncParameters?: object | undefined;
}

export interface CreateEventBusInput {
  Name: string | undefined;
  EventSourceName?: string | undefined;
  Description?: string | undefined;
  KmsKeyIdentifier?: string | undefined;
  DeadLetterConfig?: DeadLetterConfig | undefined;
  Tags?: Tag[] | undefined;
}
export interface CreateEventBusOutput {
  EventBusArn?: string;
  Description?: string;
  KmsKeyIdentifier?: string;
  DeadLetterConfig?: DeadLetterConfig;
}
export interface UpdateEventBusInput {
  Name?: string | undefined;
  Description?: string | undefined;
  KmsKeyIdentifier?: string | undefined;
  DeadLetterConfig?: DeadLetterConfig | undefined;
}
export interface UpdateEventBusOutput {
  Arn?: string;
  Name?: string;
  Description?: string;
  KmsKeyIdentifier?: string;
  DeadLetterConfig?: DeadLetterConfig;
}
export interface EventBusNameInput {
  Name?: string | undefined;
}
export interface EventBus {
  Name?: string;
  Arn?: string;
  Description?: string;
  Policy?: string;
  CreationTime?: Date;
  LastModifiedTime?: Date;
}
export interface DescribeEventBusOutput extends EventBus {
  KmsKeyIdentifier?: string;
  DeadLetterConfig?: DeadLetterConfig;
}
export interface ListEventBusesInput {
  NamePrefix?: string | undefined;
  NextToken?: string | undefined;
  Limit?: number | undefined;
}
export interface ListEventBusesOutput {
  EventBuses?: EventBus[];
  NextToken?: string;
}

export interface PutRuleInput {
  Name: string | undefined;
  ScheduleExpression?: string | undefined;
  EventPattern?: string | undefined;
  State?: RuleState | string | undefined;
  Description?: string | undefined;
  RoleArn?: string | undefined;
  Tags?: Tag[] | undefined;
  EventBusName?: string | undefined;
}
export interface PutRuleOutput {
  RuleArn?: string;
}
export interface RuleRefInput {
  Name: string | undefined;
  EventBusName?: string | undefined;
}
export interface DeleteRuleInput extends RuleRefInput {
  Force?: boolean | undefined;
}
export interface Rule {
  Name?: string;
  Arn?: string;
  EventPattern?: string;
  State?: RuleState;
  Description?: string;
  ScheduleExpression?: string;
  RoleArn?: string;
  ManagedBy?: string;
  EventBusName?: string;
}
export interface DescribeRuleOutput extends Rule {
  CreatedBy?: string;
}
export interface ListRulesInput {
  NamePrefix?: string | undefined;
  EventBusName?: string | undefined;
  NextToken?: string | undefined;
  Limit?: number | undefined;
}
export interface ListRulesOutput {
  Rules?: Rule[];
  NextToken?: string;
}
export interface ListRuleNamesByTargetInput {
  TargetArn: string | undefined;
  EventBusName?: string | undefined;
  NextToken?: string | undefined;
  Limit?: number | undefined;
}
export interface ListRuleNamesByTargetOutput {
  RuleNames?: string[];
  NextToken?: string;
}

export interface PutTargetsInput {
  Rule: string | undefined;
  EventBusName?: string | undefined;
  Targets: Target[] | undefined;
}
export interface FailedTargetEntry {
  TargetId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}
export interface PutTargetsOutput {
  FailedEntryCount?: number;
  FailedEntries?: FailedTargetEntry[];
}
export interface RemoveTargetsInput {
  Rule: string | undefined;
  EventBusName?: string | undefined;
  Ids: string[] | undefined;
  Force?: boolean | undefined;
}
export type RemoveTargetsOutput = PutTargetsOutput;
export interface ListTargetsByRuleInput {
  Rule: string | undefined;
  EventBusName?: string | undefined;
  NextToken?: string | undefined;
  Limit?: number | undefined;
}
export interface ListTargetsByRuleOutput {
  Targets?: Target[];
  NextToken?: string;
}

export interface PutEventsRequestEntry {
  Time?: Date | undefined;
  Source?: string | undefined;
  Resources?: string[] | undefined;
  DetailType?: string | undefined;
  Detail?: string | undefined;
  EventBusName?: string | undefined;
  TraceHeader?: string | undefined;
}
export interface PutEventsInput {
  Entries: PutEventsRequestEntry[] | undefined;
  EndpointId?: string | undefined;
}
export interface PutEventsResultEntry {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}
export interface PutEventsOutput {
  FailedEntryCount?: number;
  Entries?: PutEventsResultEntry[];
}
export interface TestEventPatternInput {
  EventPattern: string | undefined;
  Event: string | undefined;
}
export interface TestEventPatternOutput {
  Result?: boolean;
}

export interface PutPermissionInput {
  EventBusName?: string | undefined;
  Action?: string | undefined;
  Principal?: string | undefined;
  StatementId?: string | undefined;
  Condition?: { Type: string | undefined; Key: string | undefined; Value: string | undefined } | undefined;
  Policy?: string | undefined;
}
export interface RemovePermissionInput {
  StatementId?: string | undefined;
  RemoveAllPermissions?: boolean | undefined;
  EventBusName?: string | undefined;
}

export interface TagResourceInput {
  ResourceARN: string | undefined;
  Tags: Tag[] | undefined;
}
export interface UntagResourceInput {
  ResourceARN: string | undefined;
  TagKeys: string[] | undefined;
}
export interface ListTagsForResourceInput {
  ResourceARN: string | undefined;
}
export interface ListTagsForResourceOutput {
  Tags?: Tag[];
}

export type ArchiveState = "ENABLED" | "DISABLED" | "CREATING" | "UPDATING" | "CREATE_FAILED" | "UPDATE_FAILED";
export interface CreateArchiveInput {
  ArchiveName: string | undefined;
  EventSourceArn: string | undefined;
  Description?: string | undefined;
  EventPattern?: string | undefined;
  RetentionDays?: number | undefined;
  KmsKeyIdentifier?: string | undefined;
}
export interface CreateArchiveOutput {
  ArchiveArn?: string;
  State?: ArchiveState;
  StateReason?: string;
  CreationTime?: Date;
}
export interface ArchiveNameInput {
  ArchiveName: string | undefined;
}
export interface DescribeArchiveOutput {
  ArchiveArn?: string;
  ArchiveName?: string;
  EventSourceArn?: string;
  Description?: string;
  EventPattern?: string;
  State?: ArchiveState;
  StateReason?: string;
  RetentionDays?: number;
  SizeBytes?: number;
  EventCount?: number;
  CreationTime?: Date;
}
export interface UpdateArchiveInput {
  ArchiveName: string | undefined;
  Description?: string | undefined;
  EventPattern?: string | undefined;
  RetentionDays?: number | undefined;
  KmsKeyIdentifier?: string | undefined;
}
export interface UpdateArchiveOutput {
  ArchiveArn?: string;
  State?: ArchiveState;
  StateReason?: string;
  CreationTime?: Date;
}
export interface DeleteArchiveOutput {
  [never: string]: never;
}
export interface ListArchivesInput {
  NamePrefix?: string | undefined;
  EventSourceArn?: string | undefined;
  State?: ArchiveState | string | undefined;
  NextToken?: string | undefined;
  Limit?: number | undefined;
}
export interface ArchiveSummary {
  ArchiveName?: string;
  EventSourceArn?: string;
  State?: ArchiveState;
  StateReason?: string;
  RetentionDays?: number;
  SizeBytes?: number;
  EventCount?: number;
  CreationTime?: Date;
}
export interface ListArchivesOutput {
  Archives?: ArchiveSummary[];
  NextToken?: string;
}

export type ReplayState = "STARTING" | "RUNNING" | "CANCELLING" | "COMPLETED" | "CANCELLED" | "FAILED";
export interface ReplayDestination {
  Arn: string | undefined;
  FilterArns?: string[] | undefined;
}
export interface StartReplayInput {
  ReplayName: string | undefined;
  Description?: string | undefined;
  EventSourceArn: string | undefined;
  EventStartTime: Date | undefined;
  EventEndTime: Date | undefined;
  Destination: ReplayDestination | undefined;
}
export interface StartReplayOutput {
  ReplayArn?: string;
  State?: ReplayState;
  StateReason?: string;
  ReplayStartTime?: Date;
}
export interface ReplayNameInput {
  ReplayName: string | undefined;
}
export interface DescribeReplayOutput {
  ReplayName?: string;
  ReplayArn?: string;
  Description?: string;
  State?: ReplayState;
  StateReason?: string;
  EventSourceArn?: string;
  Destination?: { Arn: string; FilterArns?: string[] };
  EventStartTime?: Date;
  EventEndTime?: Date;
  EventLastReplayedTime?: Date;
  ReplayStartTime?: Date;
  ReplayEndTime?: Date;
}
export interface CancelReplayOutput {
  ReplayArn?: string;
  State?: ReplayState;
  StateReason?: string;
}
export interface ListReplaysInput {
  NamePrefix?: string | undefined;
  State?: ReplayState | string | undefined;
  EventSourceArn?: string | undefined;
  NextToken?: string | undefined;
  Limit?: number | undefined;
}
export interface ReplaySummary {
  ReplayName?: string;
  EventSourceArn?: string;
  State?: ReplayState;
  StateReason?: string;
  EventStartTime?: Date;
  EventEndTime?: Date;
  EventLastReplayedTime?: Date;
  ReplayStartTime?: Date;
  ReplayEndTime?: Date;
}
export interface ListReplaysOutput {
  Replays?: ReplaySummary[];
  NextToken?: string;
}
