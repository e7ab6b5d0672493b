export type Fault = "client" | "server";

export interface AwsErrorOptions {
  /** HTTP status AWS answers with; 400 unless said otherwise. */
  statusCode?: number;
  /** Defaults from the status: below 500 the caller is at fault. */
  fault?: Fault;
  /**
   * The awsQuery error code where it differs from `code`: SQS's JSON protocol sends it in the
   * `x-amzn-query-error` header (e.g. `AWS.SimpleQueueService.NonExistentQueue` for `QueueDoesNotExist`),
   * SNS's query protocol puts it in `<Code>` (e.g. `NotFound` for `NotFoundException`).
   */
  queryCode?: string;
  /** Modelled members of the error shape that AWS sends beside the message. */
  fields?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * An error as AWS returns it. It carries its wire identity so the SDK adapter encodes it mechanically.
 * Validation happens before any state changes, so a call that throws an AwsError changed nothing.
 */
export class AwsError extends Error {
  override readonly name: string;
  readonly code: string;
  readonly statusCode: number;
  readonly fault: Fault;
  readonly queryCode: string | undefined;
  readonly fields: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, options: AwsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = code;
    this.code = code;
    this.statusCode = options.statusCode ?? 400;
    this.fault = options.fault ?? (this.statusCode >= 500 ? "server" : "client");
    this.queryCode = options.queryCode;
    this.fields = options.fields ?? {};
  }
}

export function isAwsError(value: unknown, code?: string): value is AwsError {
  return value instanceof AwsError && (code === undefined || value.code === code);
}

/**
 * A service's error catalogue: one place that lists each code with its status and query code, so every
 * throw site reads `errors.QueueDoesNotExist("…")`.
 */
export type ErrorCatalogue<K extends string> = { readonly [C in K]: (message: string, fields?: Record<string, unknown>) => AwsError };

export function defineErrors<K extends string>(definitions: Record<K, Omit<AwsErrorOptions, "fields" | "cause">>): ErrorCatalogue<K> {
  const catalogue = {} as Record<K, (message: string, fields?: Record<string, unknown>) => AwsError>;
  for (const code of Object.keys(definitions) as K[]) {
    const options = definitions[code];
    catalogue[code] = (message, fields) => new AwsError(code, message, { ...options, ...(fields ? { fields } : {}) });
  }
  return catalogue;
}

/** Thrown by any call on a cloud after dispose(). */
export class CloudDisposedError extends Error {
  override readonly name = "CloudDisposedError";
  constructor(operation: string) {
    super(`Cannot call ${operation}: this cloud has been disposed.`);
  }
}
