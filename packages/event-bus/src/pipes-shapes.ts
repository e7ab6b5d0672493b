/** EventBridge Pipes inputs and outputs, shaped as @aws-sdk/client-pipes's (the members simcloud acts on). */
export type PipeState = "RUNNING" | "STOPPED" | "CREATING" | "UPDATING" | "DELETING" | "STARTING" | "STOPPING" | "CREATE_FAILED" | "UPDATE_FAILED" | "START_FAILED" | "STOP_FAILED";
export type RequestedPipeState = "RUNNING" | "STOPPED";

export interface PipeSourceParameters {
  FilterCriteria?: { Filters?: { Pattern?: string | undefined }[] | undefined } | undefined;
  SqsQueueParameters?: { BatchSize?: number | undefined; MaximumBatchingWindowInSeconds?: number | undefined } | undefined;
  KinesisStreamParameters?: object | undefined;
  DynamoDBStreamParameters?: object | undefined;
  ActiveMQBrokerParameters?: object | undefined;
  RabbitMQBrokerParameters?: object | undefined;
  ManagedStreamingKafkaParameters?: object | undefined;
  SelfManagedKafkaParameters?: object | undefined;
}
export interface PipeEnrichmentParameters {
  InputTemplate?: string | undefined;
  HttpParameters?: object | undefined;
}
export interface PipeTargetParameters {
  InputTemplate?: string | undefined;
  SqsQueueParameters?: { MessageGroupId?: string | undefined; MessageDeduplicationId?: string | undefined } | undefined;
  LambdaFunctionParameters?: { InvocationType?: string | undefined } | undefined;
  StepFunctionStateMachineParameters?: { InvocationType?: string | undefined } | undefined;
  KinesisStreamParameters?: { PartitionKey: string | undefined } | undefined;
  EventBridgeEventBusParameters?: { EndpointId?: string | undefined; DetailType?: string | undefined; Source?: string | undefined; Resources?: string[] | undefined; Time?: string | undefined } | undefined;
  EcsTaskParameters?: object | undefined;
  BatchJobParameters?: object | undefined;
  HttpParameters?: object | undefined;
  RedshiftDataParameters?: object | undefined;
  SageMakerPipelineParameters?: object | undefined;
  CloudWatchLogsParameters?: object | undefined;
  TimestreamParameters?: object | undefined;
}
export interface CreatePipeInput {
  Name: string | undefined;
  Description?: string | undefined;
  DesiredState?: RequestedPipeState | string | undefined;
  Source: string | undefined;
  SourceParameters?: PipeSourceParameters | undefined;
  Enrichment?: string | undefined;
  EnrichmentParameters?: PipeEnrichmentParameters | undefined;
  Target: string | undefined;
  TargetParameters?: PipeTargetParameters | undefined;
  RoleArn: string | undefined;
  Tags?: Record<string, string> | undefined;
  LogConfiguration?: object | undefined;
  KmsKeyIdentifier?: string | undefined;
}
export interface UpdatePipeInput extends Omit<CreatePipeInput, "Source" | "Tags" | "Target" | "SourceParameters"> {
  Target?: string | undefined;
  SourceParameters?: PipeSourceParameters | undefined;
}
export interface PipeStateOutput {
  Arn?: string;
  Name?: string;
  DesiredState?: RequestedPipeState;
  CurrentState?: PipeState;
  CreationTime?: Date;
  LastModifiedTime?: Date;
}
/** DeletePipe answers with the pipe's last state and DesiredState "DELETED". */
export interface DeletePipeOutput extends Omit<PipeStateOutput, "DesiredState"> {
  DesiredState?: RequestedPipeState | "DELETED";
}
export interface DescribePipeOutput extends PipeStateOutput {
  Description?: string;
  StateReason?: string;
  Source?: string;
  SourceParameters?: PipeSourceParameters;
  Enrichment?: string;
  EnrichmentParameters?: PipeEnrichmentParameters;
  Target?: string;
  TargetParameters?: PipeTargetParameters;
  RoleArn?: string;
  Tags?: Record<string, string>;
}
export interface PipeNameInput {
  Name: string | undefined;
}
export interface ListPipesInput {
  NamePrefix?: string | undefined;
  DesiredState?: string | undefined;
  CurrentState?: string | undefined;
  SourcePrefix?: string | undefined;
  TargetPrefix?: string | undefined;
  NextToken?: string | undefined;
  Limit?: number | undefined;
}
export interface ListPipesOutput {
  Pipes?: (PipeStateOutput & { Source?: string; Target?: string; Enrichment?: string; StateReason?: string })[];
  NextToken?: string;
}
export interface PipesTagResourceInput {
  resourceArn: string | undefined;
  tags: Record<string, string> | undefined;
}
export interface PipesUntagResourceInput {
  resourceArn: string | undefined;
  tagKeys: string[] | undefined;
}
export interface PipesListTagsInput {
  resourceArn: string | undefined;
}
