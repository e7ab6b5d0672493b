/** CreateEventSourceMapping & co., as in @aws-sdk/client-lambda. */
export interface FilterCriteria {
  Filters?: { Pattern?: string }[];
}

export interface ScalingConfig {
  MaximumConcurrency?: number;
}

export type FunctionResponseType = "ReportBatchItemFailures";

export interface CreateEventSourceMappingCommandInput {
  FunctionName: string | undefined;
  EventSourceArn?: string;
  Enabled?: boolean;
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  FilterCriteria?: FilterCriteria;
  FunctionResponseTypes?: FunctionResponseType[];
  ScalingConfig?: ScalingConfig;
  /** Stream sources (Kinesis) only. */
  StartingPosition?: "TRIM_HORIZON" | "LATEST" | "AT_TIMESTAMP";
  StartingPositionTimestamp?: Date;
  /** Stream sources (Kinesis) only. */
  ParallelizationFactor?: number;
  BisectBatchOnFunctionError?: boolean;
  MaximumRetryAttempts?: number;
  MaximumRecordAgeInSeconds?: number;
  DestinationConfig?: { OnFailure?: { Destination?: string } };
  TumblingWindowInSeconds?: number;
  /** Tags on the mapping's ARN (also reachable through TagResource). */
  Tags?: Record<string, string>;
}

export interface UpdateEventSourceMappingCommandInput {
  UUID: string | undefined;
  FunctionName?: string;
  Enabled?: boolean;
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  FilterCriteria?: FilterCriteria;
  FunctionResponseTypes?: FunctionResponseType[];
  ScalingConfig?: ScalingConfig;
  /** Stream sources (Kinesis) only. */
  ParallelizationFactor?: number;
  BisectBatchOnFunctionError?: boolean;
  MaximumRetryAttempts?: number;
  MaximumRecordAgeInSeconds?: number;
  DestinationConfig?: { OnFailure?: { Destination?: string } };
  TumblingWindowInSeconds?: number;
}

export type EventSourceMappingState = "Creating" | "Enabling" | "Enabled" | "Disabling" | "Disabled" | "Updating" | "Deleting";

export interface EventSourceMappingConfiguration {
  UUID: string;
  EventSourceMappingArn: string;
  EventSourceArn: string;
  FunctionArn: string;
  BatchSize: number;
  MaximumBatchingWindowInSeconds: number;
  FilterCriteria?: FilterCriteria;
  FunctionResponseTypes: FunctionResponseType[];
  ScalingConfig?: ScalingConfig;
  StartingPosition?: "TRIM_HORIZON" | "LATEST" | "AT_TIMESTAMP";
  StartingPositionTimestamp?: Date;
  ParallelizationFactor?: number;
  BisectBatchOnFunctionError?: boolean;
  MaximumRetryAttempts?: number;
  MaximumRecordAgeInSeconds?: number;
  DestinationConfig?: { OnFailure?: { Destination?: string } };
  TumblingWindowInSeconds?: number;
  LastModified: Date;
  LastProcessingResult: string;
  State: EventSourceMappingState;
  StateTransitionReason: string;
}

export interface ListEventSourceMappingsCommandInput {
  EventSourceArn?: string;
  FunctionName?: string;
  Marker?: string;
  MaxItems?: number;
}

export interface ListEventSourceMappingsCommandOutput {
  EventSourceMappings: EventSourceMappingConfiguration[];
  NextMarker?: string;
}
