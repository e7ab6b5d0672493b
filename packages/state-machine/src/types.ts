/** Step Functions API shapes (API Reference "Data Types"), as the AWS SDK v3 client names them. */

export type StateMachineType = "STANDARD" | "EXPRESS";
export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED" | "PENDING_REDRIVE";
export type StateMachineStatus = "ACTIVE" | "DELETING";

export interface Tag {
  key?: string;
  value?: string;
}

export interface LogDestination {
  cloudWatchLogsLogGroup?: { logGroupArn?: string };
}

export interface LoggingConfiguration {
  level?: "ALL" | "ERROR" | "FATAL" | "OFF";
  includeExecutionData?: boolean;
  destinations?: LogDestination[];
}

export interface TracingConfiguration {
  enabled?: boolean;
}

export interface CreateStateMachineInput {
  name: string | undefined;
  definition: string | undefined;
  roleArn: string | undefined;
  type?: StateMachineType;
  loggingConfiguration?: LoggingConfiguration;
  tags?: Tag[];
  tracingConfiguration?: TracingConfiguration;
  publish?: boolean;
  versionDescription?: string;
  encryptionConfiguration?: unknown;
}

export interface CreateStateMachineOutput {
  stateMachineArn: string;
  creationDate: Date;
  stateMachineVersionArn?: string;
}

export interface DescribeStateMachineOutput {
  stateMachineArn: string;
  name: string;
  status: StateMachineStatus;
  definition: string;
  roleArn: string;
  type: StateMachineType;
  creationDate: Date;
  loggingConfiguration: LoggingConfiguration;
  tracingConfiguration: TracingConfiguration;
  revisionId?: string;
  description?: string;
  label?: string;
  /** State name → the workflow variables it references (JSONata/Assign machines only). */
  variableReferences?: Record<string, string[]>;
}

export interface UpdateStateMachineInput {
  stateMachineArn: string | undefined;
  definition?: string;
  roleArn?: string;
  loggingConfiguration?: LoggingConfiguration;
  tracingConfiguration?: TracingConfiguration;
  publish?: boolean;
  versionDescription?: string;
}

export interface UpdateStateMachineOutput {
  updateDate: Date;
  revisionId?: string;
  stateMachineVersionArn?: string;
}

export interface PageInput {
  maxResults?: number;
  nextToken?: string;
}

export interface StateMachineListItem {
  stateMachineArn: string;
  name: string;
  type: StateMachineType;
  creationDate: Date;
}

export interface StartExecutionInput {
  stateMachineArn: string | undefined;
  name?: string;
  input?: string;
  traceHeader?: string;
}

export interface StartExecutionOutput {
  executionArn: string;
  startDate: Date;
}

export interface StartSyncExecutionOutput {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  startDate: Date;
  stopDate: Date;
  status: "SUCCEEDED" | "FAILED" | "TIMED_OUT";
  input?: string;
  inputDetails?: { included: boolean };
  output?: string;
  outputDetails?: { included: boolean };
  error?: string;
  cause?: string;
  billingDetails?: { billedMemoryUsedInMB: number; billedDurationInMilliseconds: number };
  traceHeader?: string;
}

export interface DescribeExecutionOutput {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input?: string;
  inputDetails?: { included: boolean };
  output?: string;
  outputDetails?: { included: boolean };
  error?: string;
  cause?: string;
  traceHeader?: string;
  mapRunArn?: string;
  stateMachineVersionArn?: string;
  stateMachineAliasArn?: string;
  redriveCount?: number;
  redriveDate?: Date;
  redriveStatus?: "REDRIVABLE" | "NOT_REDRIVABLE" | "REDRIVABLE_BY_MAP_RUN";
  redriveStatusReason?: string;
}

export interface ExecutionListItem {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  stateMachineVersionArn?: string;
  stateMachineAliasArn?: string;
  redriveCount?: number;
  redriveDate?: Date;
  /** Only when ListExecutions was called with mapRunArn. */
  mapRunArn?: string;
}

export interface ListExecutionsInput extends PageInput {
  stateMachineArn?: string;
  statusFilter?: ExecutionStatus;
  mapRunArn?: string;
  redriveFilter?: "REDRIVEN" | "NOT_REDRIVEN";
}

export interface GetExecutionHistoryInput extends PageInput {
  executionArn: string | undefined;
  reverseOrder?: boolean;
  includeExecutionData?: boolean;
}

/** One history event: `id`, `previousEventId`, `timestamp`, `type` and one `<type>EventDetails` member. */
export interface HistoryEvent {
  timestamp: Date;
  type: string;
  id: number;
  previousEventId: number;
  [details: string]: unknown;
}

export interface StopExecutionInput {
  executionArn: string | undefined;
  error?: string;
  cause?: string;
}

export interface ValidationDiagnostic {
  severity: "ERROR" | "WARNING";
  code: string;
  message: string;
  location?: string;
}

export interface ValidateStateMachineDefinitionInput {
  definition: string | undefined;
  type?: StateMachineType;
  severity?: "ERROR" | "WARNING";
  maxResults?: number;
}

export interface ValidateStateMachineDefinitionOutput {
  result: "OK" | "FAIL";
  diagnostics: ValidationDiagnostic[];
  truncated: boolean;
}

export interface ActivityListItem {
  activityArn: string;
  name: string;
  creationDate: Date;
}

export interface GetActivityTaskOutput {
  taskToken?: string;
  input?: string;
}

export interface RoutingConfigurationListItem {
  stateMachineVersionArn: string;
  weight: number;
}

/** A route as CreateStateMachineAlias and UpdateStateMachineAlias take it: both members required, a missing one is AWS's ValidationException. */
export interface RoutingConfigurationInput {
  stateMachineVersionArn: string | undefined;
  weight: number | undefined;
}

export interface StateMachineVersionListItem {
  stateMachineVersionArn: string;
  creationDate: Date;
}

export interface StateMachineAliasListItem {
  stateMachineAliasArn: string;
  creationDate: Date;
}
