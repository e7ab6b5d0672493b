export { createCloud } from "./cloud";
/**
 * Every service's types under the service's name, so that like-named shapes never collide (`SQS.SendMessageInput`,
 * `Lambda.TagResourceCommandInput`, `EventBridge.TagResourceInput`); the flat type exports below stay for existing code.
 * Scheduler and Pipes shapes are in `EventBridge` (one package simulates all three).
 */
export type * as SQS from "@simcloud/queue";
export type * as SNS from "@simcloud/topic";
export type * as Lambda from "@simcloud/function";
export type * as SFN from "@simcloud/state-machine";
export type * as Kinesis from "@simcloud/stream";
export type * as EventBridge from "@simcloud/event-bus";
export type { Cloud, CloudOptions, CloudServices, CloudTrace } from "./cloud";
export type { QueueHandle, FunctionHandle, TopicHandle, ResourceHandle, SqsHelpers, LambdaHelpers, SnsHelpers } from "./cloud";
export { UntilTimeoutError } from "./until";
export { UnservedAwsRequestError } from "./intercept";
export type { Interception } from "./intercept";
export type { UntilOptions } from "./until";
export type { FormatOptions } from "./timeline";
export type { ReportOptions } from "./report";
export { compileFilter } from "@simcloud/core";
export type { CompiledFilter, FilterInput, FilterDialect, SnsFilterInput, SnsFilterAttribute } from "@simcloud/core";
export type { Clock, ClockMode, RunUntilIdleOptions, Scheduler, TaskHandle, ScheduleOptions } from "@simcloud/clock";
export { AwsError, isAwsError, CloudDisposedError } from "@simcloud/core";
export type { TraceEvent, TraceEventMap, TraceType } from "@simcloud/core";
export {
  SchedulerLoopLimitError,
  SchedulerDisposedError,
  ClockModeError,
  ScheduledTaskError,
  DEFAULT_START,
} from "@simcloud/clock";
export { sqsErrors, SQS_LIMITS, md5OfBody, md5OfAttributes } from "@simcloud/queue";
export type * from "@simcloud/queue";
export { createFunctionService, lambdaErrors, LAMBDA_LIMITS, ASYNC_RETRY_DELAYS_MS, SQS_WAIT_TIME_SECONDS } from "@simcloud/function";
export type {
  FunctionService,
  FunctionServiceOptions,
  FunctionHandler,
  FunctionInit,
  LambdaContext,
  HandlerCallback,
  FunctionConfiguration,
  FunctionMetrics,
  InvocationLog,
  InvocationRecord,
  SqsRecord,
  KinesisEventRecord,
  EventSourceMappingConfiguration,
  CreateFunctionCommandInput,
  InvokeCommandInput,
  InvokeCommandOutput,
  CreateEventSourceMappingCommandInput,
  AliasConfiguration,
  FunctionEventInvokeConfig,
} from "@simcloud/function";
export { createTopicService, snsErrors, SNS_LIMITS } from "@simcloud/topic";
export type {
  TopicService,
  TopicServiceOptions,
  TopicMetrics,
  HttpEndpointHandler,
  HttpEndpointResponse,
  HttpNotificationRequest,
  RegisterEndpointOptions,
  OutboxEntry,
  OutboxFilter,
  SnsEvent,
  SnsEventRecord,
  SubscriptionProtocol,
  CreateTopicInput,
  CreateTopicResponse,
  SubscribeInput,
  SubscribeResponse,
  PublishInput,
  PublishResponse,
  PublishBatchInput,
  PublishBatchResponse,
} from "@simcloud/topic";
export { createStreamService, kinesisErrors, KINESIS_LIMITS, hashKeyOf, MAX_HASH_KEY } from "@simcloud/stream";
export type * from "@simcloud/stream";
export { createEventBridgeService, createSchedulerService, createPipesService, pipesErrors, schedulerErrors, eventBridgeErrors, EVENTBRIDGE_LIMITS, PUT_EVENTS_MAX_BYTES } from "@simcloud/event-bus";
export type { EventBridgeService, SchedulerService, PipesService, TargetHandler } from "@simcloud/event-bus";
export { createStateMachineService, sfnErrors, SFN_LIMITS, StatesError, InMemoryObjectStore } from "@simcloud/state-machine";
export type {
  StateMachineService,
  StateMachineServiceOptions,
  PathStep,
  TaskHandler,
  TaskHandlerRequest,
  MockConfig,
  MockConfigAnswer,
  HistoryEvent,
  ExecutionStatus,
  StateMachineType,
  DescribeExecutionOutput,
  StartExecutionOutput,
  StartSyncExecutionOutput,
  DescribeMapRunOutput,
  MapRunListItem,
} from "@simcloud/state-machine";
