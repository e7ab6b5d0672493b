import type {
  CreateEventSourceMappingCommandInput,
  EventSourceMappingConfiguration,
  ListEventSourceMappingsCommandInput,
  ListEventSourceMappingsCommandOutput,
  UpdateEventSourceMappingCommandInput,
} from "./event-source-mapping-types";
import type { AddPermissionInput, GetPolicyInput, RemovePermissionInput } from "./policy";
import type { RecursiveLoop } from "./recursion";
import type {
  AliasConfiguration,
  AliasNameInput,
  CreateAliasCommandInput,
  CreateFunctionCommandInput,
  FunctionConfiguration,
  FunctionEventInvokeConfig,
  FunctionMetrics,
  FunctionNameInput,
  GetAccountSettingsCommandOutput,
  GetFunctionCommandOutput,
  InvocationLog,
  InvokeCommandInput,
  InvokeCommandOutput,
  ListAliasesCommandInput,
  ListAliasesCommandOutput,
  ListFunctionEventInvokeConfigsCommandOutput,
  ListFunctionsCommandInput,
  ListFunctionsCommandOutput,
  ListVersionsByFunctionCommandInput,
  ListVersionsByFunctionCommandOutput,
  ProvisionedConcurrencyConfig,
  ProvisionedConcurrencyInput,
  PublishVersionCommandInput,
  PutFunctionConcurrencyCommandInput,
  PutFunctionEventInvokeConfigCommandInput,
  TagResourceCommandInput,
  UntagResourceCommandInput,
  UpdateAliasCommandInput,
  UpdateFunctionCodeCommandInput,
  UpdateFunctionConfigurationCommandInput,
} from "./types";

export interface FunctionServiceOptions {
  /** Account concurrency limit (default 1,000). */
  accountConcurrency?: number;
  /** Idle time after which a warm execution environment is gone (default 10 minutes of virtual time). */
  environmentIdleTimeoutMs?: number;
  /** Also print handler console output to stdout (default false: captured per invocation only). */
  printLogs?: boolean;
  /** Copy the host's process.env into each execution environment (default true). */
  inheritProcessEnv?: boolean;
  /** Virtual milliseconds a cold start's init takes (default 0). */
  coldStartMs?: number;
  /**
   * Virtual milliseconds a create or an update takes (Lambda function states; default 0). CreateFunction and the
   * updates always answer Pending / InProgress; any later call sees Active / Successful once this much virtual time has
   * passed, so with 0 every later call does. Meanwhile Invoke of a Pending function, and any update or publish, fail
   * with ResourceConflictException as AWS's do.
   */
  stateTransitionMs?: number;
}

/** The Lambda service: one async method per action, SDK v3 input and output shapes, AWS error codes. */
export interface FunctionService {
  // Functions and versions
  /** Creates `$LATEST` from an in-process `handler`, an `init` that builds it, or `Code.modulePath`; `Publish` also publishes version 1. */
  createFunction(input: CreateFunctionCommandInput): Promise<FunctionConfiguration>;
  getFunction(input: FunctionNameInput): Promise<GetFunctionCommandOutput>;
  getFunctionConfiguration(input: FunctionNameInput): Promise<FunctionConfiguration>;
  updateFunctionConfiguration(input: UpdateFunctionConfigurationCommandInput): Promise<FunctionConfiguration>;
  /** New code for `$LATEST`: warm environments of the old code are not reused. */
  updateFunctionCode(input: UpdateFunctionCodeCommandInput): Promise<FunctionConfiguration>;
  /** Deletes the function, or only the version its qualifier names. */
  deleteFunction(input: FunctionNameInput): Promise<Record<string, never>>;
  listFunctions(input?: ListFunctionsCommandInput): Promise<ListFunctionsCommandOutput>;
  /** RequestResponse awaits the handler on virtual time; Event queues an async invocation (retries, destinations); DryRun only validates. */
  invoke(input: InvokeCommandInput): Promise<InvokeCommandOutput>;
  /** Publishing unchanged code and configuration returns the newest version instead of a new one. */
  publishVersion(input: PublishVersionCommandInput): Promise<FunctionConfiguration>;
  listVersionsByFunction(input: ListVersionsByFunctionCommandInput): Promise<ListVersionsByFunctionCommandOutput>;

  // Aliases (aliases.ts)
  /** An alias with optional weighted routing to one additional version. */
  createAlias(input: CreateAliasCommandInput): Promise<AliasConfiguration>;
  getAlias(input: AliasNameInput): Promise<AliasConfiguration>;
  updateAlias(input: UpdateAliasCommandInput): Promise<AliasConfiguration>;
  deleteAlias(input: AliasNameInput): Promise<Record<string, never>>;
  listAliases(input: ListAliasesCommandInput): Promise<ListAliasesCommandOutput>;

  // Asynchronous invocation settings (event-invoke-config.ts)
  /** Replaces the function's (or qualifier's) retry attempts, maximum event age and destinations. */
  putFunctionEventInvokeConfig(input: PutFunctionEventInvokeConfigCommandInput): Promise<FunctionEventInvokeConfig>;
  /** Merges into the existing config; the members not given keep their values. */
  updateFunctionEventInvokeConfig(input: PutFunctionEventInvokeConfigCommandInput): Promise<FunctionEventInvokeConfig>;
  getFunctionEventInvokeConfig(input: FunctionNameInput): Promise<FunctionEventInvokeConfig>;
  deleteFunctionEventInvokeConfig(input: FunctionNameInput): Promise<Record<string, never>>;
  listFunctionEventInvokeConfigs(input: FunctionNameInput): Promise<ListFunctionEventInvokeConfigsCommandOutput>;

  // Reserved concurrency (reserved-concurrency.ts)
  /** Reserves concurrency for the function; the account keeps its unreserved minimum. */
  putFunctionConcurrency(input: PutFunctionConcurrencyCommandInput): Promise<{ ReservedConcurrentExecutions: number }>;
  getFunctionConcurrency(input: FunctionNameInput): Promise<{ ReservedConcurrentExecutions?: number }>;
  deleteFunctionConcurrency(input: FunctionNameInput): Promise<Record<string, never>>;

  // Recursive loop detection
  /** `Terminate` (default) stops the function's 16th invocation in one request chain (SQS, SNS, Lambda); `Allow` lets the loop run. */
  putFunctionRecursionConfig(input: { FunctionName: string | undefined; RecursiveLoop: RecursiveLoop | undefined }): Promise<{ RecursiveLoop: RecursiveLoop }>;
  getFunctionRecursionConfig(input: FunctionNameInput): Promise<{ RecursiveLoop: RecursiveLoop }>;

  // Provisioned concurrency (provisioned-concurrency.ts)
  /** Initialises `ProvisionedConcurrentExecutions` environments of a published version or alias ahead of any invocation. */
  putProvisionedConcurrencyConfig(input: ProvisionedConcurrencyInput): Promise<ProvisionedConcurrencyConfig>;
  listProvisionedConcurrencyConfigs(input: {
    FunctionName: string | undefined;
    Marker?: string;
    MaxItems?: number;
  }): Promise<{ ProvisionedConcurrencyConfigs: (ProvisionedConcurrencyConfig & { FunctionArn: string })[]; NextMarker?: string }>;
  getProvisionedConcurrencyConfig(input: ProvisionedConcurrencyInput): Promise<ProvisionedConcurrencyConfig>;
  deleteProvisionedConcurrencyConfig(input: ProvisionedConcurrencyInput): Promise<Record<string, never>>;

  // Resource-based policy (policy.ts)
  addPermission(input: AddPermissionInput): Promise<{ Statement: string }>;
  removePermission(input: RemovePermissionInput): Promise<Record<string, never>>;
  getPolicy(input: GetPolicyInput): Promise<{ Policy: string; RevisionId: string }>;

  getAccountSettings(): Promise<GetAccountSettingsCommandOutput>;

  // Tags on functions and event source mappings
  tagResource(input: TagResourceCommandInput): Promise<Record<string, never>>;
  untagResource(input: UntagResourceCommandInput): Promise<Record<string, never>>;
  listTags(input: { Resource: string | undefined }): Promise<{ Tags: Record<string, string> }>;

  // Event source mappings (event-source-mapping.ts)
  /** Starts polling an SQS queue or a Kinesis stream into the function. */
  createEventSourceMapping(input: CreateEventSourceMappingCommandInput): Promise<EventSourceMappingConfiguration>;
  getEventSourceMapping(input: { UUID: string | undefined }): Promise<EventSourceMappingConfiguration>;
  updateEventSourceMapping(input: UpdateEventSourceMappingCommandInput): Promise<EventSourceMappingConfiguration>;
  deleteEventSourceMapping(input: { UUID: string | undefined }): Promise<EventSourceMappingConfiguration>;
  listEventSourceMappings(input?: ListEventSourceMappingsCommandInput): Promise<ListEventSourceMappingsCommandOutput>;

  /** simcloud extension (CloudWatch's role): a function's counters, in virtual milliseconds. */
  getFunctionMetrics(input: FunctionNameInput): Promise<FunctionMetrics>;
  /** simcloud extension (CloudWatch Logs' role): the last 1,000 invocations' log lines, oldest first. */
  getFunctionLogs(input: FunctionNameInput): Promise<{ Invocations: InvocationLog[] }>;
}
