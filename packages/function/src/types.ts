/**
 * Public shapes. Inputs and outputs mirror @aws-sdk/client-lambda's `<Action>CommandInput`/`Output`
 * (PascalCase members, same optionality: a required member is `T | undefined`, and the action rejects a missing one
 * with AWS's error), plus the in-process `handler` on CreateFunction. packages/sdk/src/contract/lambda.test-d.ts
 * checks the fit.
 */
import type { InvokePayload, InvokePayloadInput } from "./payload";

export type { InvokePayload, InvokePayloadInput };

/** The `context` object a Node.js handler receives (Lambda Developer Guide: "Using the Lambda context object to retrieve Node.js function information"). */
export interface LambdaContext {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  /** A string, as the Node.js runtime passes it. */
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** From the Invoke call's ClientContext (base64 JSON), as the mobile SDKs send it. */
  readonly clientContext?: LambdaClientContext;
  readonly identity?: undefined;
  callbackWaitsForEmptyEventLoop: boolean;
  /** Milliseconds of virtual time left before the invocation times out. */
  getRemainingTimeInMillis(): number;
  /** Legacy completion methods some older handlers still call. */
  done(error?: unknown, result?: unknown): void;
  succeed(result?: unknown): void;
  fail(error?: unknown): void;
}

/**
 * The mobile client context; the same shape as @types/aws-lambda's `ClientContext`, so `LambdaContext` is assignable
 * to its `Context` and handlers typed with it need no cast.
 */
export interface LambdaClientContext {
  client: { installationId: string; appTitle: string; appVersionName: string; appVersionCode: string; appPackageName: string };
  custom?: unknown;
  env: { platformVersion: string; platform: string; make: string; model: string; locale: string };
}

export type HandlerCallback = (error?: unknown, result?: unknown) => void;

/**
 * A Node.js handler: `async (event, context) => result`, or callback style `(event, context, callback)`.
 * Declared as a method type so handlers may annotate their own event type.
 */
export type FunctionHandler = {
  bivarianceHack(event: unknown, context: LambdaContext, callback: HandlerCallback): unknown;
}["bivarianceHack"];

/**
 * The SDK's Runtime enum (@aws-sdk/client-lambda 3.1164), deprecated runtimes included: CreateFunction and
 * UpdateFunctionConfiguration refuse those at run time (checkRuntime), so outputs only ever hold accepted ones.
 */
export type Runtime =
  | "dotnet10" | "dotnet6" | "dotnet8" | "dotnetcore1.0" | "dotnetcore2.0" | "dotnetcore2.1" | "dotnetcore3.1"
  | "go1.x" | "java11" | "java11.al2023" | "java17" | "java17.al2023" | "java21" | "java25" | "java8" | "java8.al2"
  | "java8.al2023" | "nodejs" | "nodejs10.x" | "nodejs12.x" | "nodejs14.x" | "nodejs16.x" | "nodejs18.x"
  | "nodejs20.x" | "nodejs22.x" | "nodejs24.x" | "nodejs26.x" | "nodejs4.3" | "nodejs4.3-edge" | "nodejs6.10"
  | "nodejs8.10" | "provided" | "provided.al2" | "provided.al2023" | "python2.7" | "python3.10" | "python3.11"
  | "python3.12" | "python3.13" | "python3.14" | "python3.15" | "python3.6" | "python3.7" | "python3.8" | "python3.9"
  | "ruby2.5" | "ruby2.7" | "ruby3.2" | "ruby3.3" | "ruby3.4" | "ruby4.0";
export type Architecture = "x86_64" | "arm64";
export type InvocationTypeName = "RequestResponse" | "Event" | "DryRun";
export type LogType = "None" | "Tail";

export interface EnvironmentInput {
  Variables?: Record<string, string>;
}

export interface DeadLetterConfig {
  TargetArn?: string;
}

export interface EphemeralStorage {
  Size: number;
}
/** Size is required (`T | undefined`, as the SDK types it): `{}` is AWS's ValidationException. */
export interface EphemeralStorageInput {
  Size: number | undefined;
}

/** An in-process init phase: runs once per execution environment and returns that environment's handler. */
export type FunctionInit = () => FunctionHandler | Promise<FunctionHandler>;

export interface FunctionCodeInput {
  /** A file exporting the handler (ESM or CommonJS), loaded once per execution environment. */
  modulePath?: string;
  /** The export to call; defaults to the part of `Handler` after the last dot ("index.handler" → "handler"). */
  export?: string;
  ZipFile?: Uint8Array;
  S3Bucket?: string;
  S3Key?: string;
  ImageUri?: string;
}

export interface CreateFunctionCommandInput {
  FunctionName: string | undefined;
  /** The in-process handler; alternatively `init` or `Code.modulePath`. */
  handler?: FunctionHandler;
  /**
   * Builds the handler once per execution environment, as a module's init phase does: state created here (a
   * Powertools BatchProcessor, a cache, a client) is never shared by two environments. Alternatively `handler`.
   */
  init?: FunctionInit;
  Code?: FunctionCodeInput;
  Runtime?: Runtime;
  Role?: string;
  Handler?: string;
  Description?: string;
  Timeout?: number;
  MemorySize?: number;
  Publish?: boolean;
  Environment?: EnvironmentInput;
  Tags?: Record<string, string>;
  DeadLetterConfig?: DeadLetterConfig;
  EphemeralStorage?: EphemeralStorageInput;
  Architectures?: Architecture[];
  PackageType?: "Zip" | "Image";
  /** A simcloud option set through PutFunctionConcurrency in AWS; accepted here for convenience. */
  ReservedConcurrentExecutions?: number;
}

export interface FunctionConfiguration {
  FunctionName: string;
  FunctionArn: string;
  Runtime?: Runtime;
  Role: string;
  Handler?: string;
  CodeSize: number;
  Description: string;
  Timeout: number;
  MemorySize: number;
  LastModified: string;
  CodeSha256: string;
  Version: string;
  Environment?: { Variables: Record<string, string> };
  DeadLetterConfig?: DeadLetterConfig;
  TracingConfig: { Mode: "PassThrough" | "Active" };
  RevisionId: string;
  /** Pending in CreateFunction's own answer (and until `stateTransitionMs` has passed), then Active. */
  State: "Pending" | "Active";
  StateReason?: string;
  /** The codes simcloud's transitions give (the SDK's StateReasonCode enum holds more). */
  StateReasonCode?: "Creating";
  /** Absent while the function is being created; InProgress in an update's answer, then Successful. */
  LastUpdateStatus?: "InProgress" | "Successful";
  LastUpdateStatusReason?: string;
  LastUpdateStatusReasonCode?: "Creating";
  /** The runtime version the function runs (AWS lists it in single-function answers, not in lists). */
  RuntimeVersionConfig?: { RuntimeVersionArn: string };
  PackageType: "Zip" | "Image";
  Architectures: Architecture[];
  EphemeralStorage: EphemeralStorage;
  LoggingConfig: { LogFormat: "Text"; LogGroup: string };
  SnapStart: { ApplyOn: "None"; OptimizationStatus: "Off" };
}

/** A function or version as ListFunctions and ListVersionsByFunction show it: without the state members. */
export type ListedConfiguration = Omit<
  FunctionConfiguration,
  "State" | "StateReason" | "StateReasonCode" | "LastUpdateStatus" | "LastUpdateStatusReason" | "LastUpdateStatusReasonCode" | "RuntimeVersionConfig"
>;

export interface UpdateFunctionConfigurationCommandInput {
  FunctionName: string | undefined;
  Role?: string;
  Handler?: string;
  Description?: string;
  Timeout?: number;
  MemorySize?: number;
  Environment?: EnvironmentInput;
  Runtime?: Runtime;
  DeadLetterConfig?: DeadLetterConfig;
  EphemeralStorage?: EphemeralStorageInput;
  RevisionId?: string;
}

export interface UpdateFunctionCodeCommandInput {
  FunctionName: string | undefined;
  handler?: FunctionHandler;
  init?: FunctionInit;
  modulePath?: string;
  export?: string;
  ZipFile?: Uint8Array;
  Publish?: boolean;
  RevisionId?: string;
}

export interface FunctionNameInput {
  FunctionName: string | undefined;
  Qualifier?: string;
}

export interface GetFunctionCommandOutput {
  Configuration: FunctionConfiguration;
  Code: { RepositoryType: string; Location: string };
  Tags?: Record<string, string>;
  Concurrency?: { ReservedConcurrentExecutions?: number };
}

export interface ListFunctionsCommandInput {
  Marker?: string;
  MaxItems?: number;
  FunctionVersion?: "ALL";
  MasterRegion?: string;
}

export interface ListFunctionsCommandOutput {
  Functions: ListedConfiguration[];
  NextMarker?: string;
}

export interface InvokeCommandInput {
  FunctionName: string | undefined;
  InvocationType?: InvocationTypeName;
  LogType?: LogType;
  /** Base64 JSON, as the SDK sends it. */
  ClientContext?: string;
  Payload?: InvokePayloadInput;
  Qualifier?: string;
}

export interface InvokeCommandOutput {
  StatusCode: number;
  FunctionError?: string;
  LogResult?: string;
  Payload?: InvokePayload;
  ExecutedVersion?: string;
}

export interface PublishVersionCommandInput {
  FunctionName: string | undefined;
  CodeSha256?: string;
  Description?: string;
  RevisionId?: string;
}

export interface ListVersionsByFunctionCommandInput {
  FunctionName: string | undefined;
  Marker?: string;
  MaxItems?: number;
}

export interface ListVersionsByFunctionCommandOutput {
  Versions: ListedConfiguration[];
  NextMarker?: string;
}

export interface AliasRoutingConfiguration {
  AdditionalVersionWeights?: Record<string, number>;
}

export interface CreateAliasCommandInput {
  FunctionName: string | undefined;
  Name: string | undefined;
  FunctionVersion: string | undefined;
  Description?: string;
  RoutingConfig?: AliasRoutingConfiguration;
}

export interface UpdateAliasCommandInput {
  FunctionName: string | undefined;
  Name: string | undefined;
  FunctionVersion?: string;
  Description?: string;
  RoutingConfig?: AliasRoutingConfiguration;
  RevisionId?: string;
}

export interface AliasConfiguration {
  AliasArn: string;
  Name: string;
  FunctionVersion: string;
  Description: string;
  RoutingConfig?: AliasRoutingConfiguration;
  RevisionId: string;
}

export interface AliasNameInput {
  FunctionName: string | undefined;
  Name: string | undefined;
}

export interface ListAliasesCommandInput {
  FunctionName: string | undefined;
  FunctionVersion?: string;
  Marker?: string;
  MaxItems?: number;
}

export interface ListAliasesCommandOutput {
  Aliases: AliasConfiguration[];
  NextMarker?: string;
}

export interface DestinationConfig {
  OnSuccess?: { Destination?: string };
  OnFailure?: { Destination?: string };
}

export interface PutFunctionEventInvokeConfigCommandInput {
  FunctionName: string | undefined;
  Qualifier?: string;
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
  DestinationConfig?: DestinationConfig;
}

export interface FunctionEventInvokeConfig {
  LastModified: Date;
  FunctionArn: string;
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
  DestinationConfig: DestinationConfig;
}

export interface ListFunctionEventInvokeConfigsCommandOutput {
  FunctionEventInvokeConfigs: FunctionEventInvokeConfig[];
  NextMarker?: string;
}

export interface PutFunctionConcurrencyCommandInput {
  FunctionName: string | undefined;
  ReservedConcurrentExecutions: number | undefined;
}

export interface ProvisionedConcurrencyInput {
  FunctionName: string | undefined;
  Qualifier: string | undefined;
  ProvisionedConcurrentExecutions?: number;
}

export interface ProvisionedConcurrencyConfig {
  RequestedProvisionedConcurrentExecutions: number;
  AvailableProvisionedConcurrentExecutions: number;
  AllocatedProvisionedConcurrentExecutions: number;
  Status: "IN_PROGRESS" | "READY";
  LastModified: string;
}

export interface GetAccountSettingsCommandOutput {
  AccountLimit: {
    TotalCodeSize: number;
    CodeSizeUnzipped: number;
    CodeSizeZipped: number;
    ConcurrentExecutions: number;
    UnreservedConcurrentExecutions: number;
  };
  AccountUsage: { TotalCodeSize: number; FunctionCount: number };
}

export interface TagResourceCommandInput {
  Resource: string | undefined;
  Tags: Record<string, string> | undefined;
}

export interface UntagResourceCommandInput {
  Resource: string | undefined;
  TagKeys: string[] | undefined;
}

/** simcloud's view of what CloudWatch would show for one function (not an AWS Lambda action). */
export interface FunctionMetrics {
  Invocations: number;
  Errors: number;
  Throttles: number;
  /** Virtual milliseconds. */
  Duration: { Sum: number; Maximum: number; Minimum: number; SampleCount: number };
  ConcurrentExecutions: number;
  MaxConcurrentExecutions: number;
  ColdStarts: number;
  DeadLetterErrors: number;
  DestinationDeliveryFailures: number;
  /** Invocations stopped by recursive loop detection. */
  RecursiveInvocationsDropped: number;
}

export interface InvocationLog {
  RequestId: string;
  Version: string;
  /** Virtual epoch ms at START. */
  StartTime: number;
  DurationMs: number;
  /** The invocation's CloudWatch Logs lines: START, the handler's console lines, END, REPORT. */
  Lines: string[];
  FunctionError?: string;
}
