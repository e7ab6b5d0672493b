/** Lambda quotas (Lambda Developer Guide: "Lambda quotas"; 2025 figures from AWS-LIMITS-2025). */
export const LIMITS = {
  timeoutMin: 1,
  timeoutMax: 900,
  timeoutDefault: 3,
  memoryMin: 128,
  memoryMax: 10_240,
  memoryDefault: 128,
  ephemeralMin: 512,
  ephemeralMax: 10_240,
  /** Invocation payload (request and response), synchronous. */
  syncPayloadBytes: 6_291_456,
  /** Asynchronous Invoke payloads grew from 256 KB to 1 MB in 2025. */
  asyncPayloadBytes: 1_048_576,
  /** Total size of all environment variables. */
  environmentBytes: 4_096,
  /** LogType Tail returns the last 4 KB of the log. */
  logTailBytes: 4_096,
  descriptionMax: 256,
  accountConcurrency: 1_000,
  /** ReservedConcurrentExecutions may not push the unreserved pool below this. */
  unreservedMinimum: 100,
  retryAttemptsMax: 2,
  eventAgeMinSeconds: 60,
  eventAgeMaxSeconds: 21_600,
  sqsBatchMax: 10_000,
  sqsFifoBatchMax: 10,
  sqsBatchDefault: 10,
  batchingWindowMaxSeconds: 300,
  maximumConcurrencyMin: 2,
  maximumConcurrencyMax: 1_000,
  filtersMax: 5,
} as const;

/** Variables the runtime sets; CreateFunction refuses them (Lambda Developer Guide: "Defined runtime environment variables"). */
export const RESERVED_ENV_KEYS: ReadonlySet<string> = new Set([
  "_HANDLER",
  "_X_AMZN_TRACE_ID",
  "AWS_DEFAULT_REGION",
  "AWS_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME",
  "AWS_ACCESS_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API",
  "LAMBDA_TASK_ROOT",
  "LAMBDA_RUNTIME_DIR",
]);
