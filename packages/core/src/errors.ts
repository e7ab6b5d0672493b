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
  /**
   * The JSON protocol's `__type` where AWS sends another name than `code` (SQS's common errors: InvalidParameterValue
   * travels as `__type: InvalidParameterValueException`; SDK v3 names the exception after the query code anyway).
   */
  jsonType?: string;
  /** Modelled members of the error shape that AWS sends beside the message. */
  fields?: Record<string, unknown>;
  /**
   * The body member the message travels in where the protocol leaves it to the service's model: Lambda's
   * InvalidParameterValueException says `message`, its ResourceNotFoundException `Message`. Default `Message`.
   */
  messageKey?: "message" | "Message";
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
  readonly jsonType: string | undefined;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly messageKey: "message" | "Message";

  constructor(code: string, message: string, options: AwsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = code;
    this.code = code;
    this.statusCode = options.statusCode ?? 400;
    this.fault = options.fault ?? (this.statusCode >= 500 ? "server" : "client");
    this.queryCode = options.queryCode;
    this.jsonType = options.jsonType;
    this.fields = options.fields ?? {};
    this.messageKey = options.messageKey ?? "Message";
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

/** One entry of a catalogue: its wire identity, and modelled fields AWS always sends with it. */
export type ErrorDefinition = Omit<AwsErrorOptions, "cause">;

/**
 * Builds a catalogue. `defaults` apply to every entry (an entry's own options win); their `fields` are merged
 * under each entry's and each call's fields, so a wire member AWS sends with every error of a service (Lambda's
 * `Type: "User"`) is written once, not at each throw site.
 */
export function defineErrors<K extends string>(definitions: Record<K, ErrorDefinition>, defaults: ErrorDefinition = {}): ErrorCatalogue<K> {
  const catalogue = {} as Record<K, (message: string, fields?: Record<string, unknown>) => AwsError>;
  for (const code of Object.keys(definitions) as K[]) {
    const { fields: ownFields, ...own } = definitions[code];
    const options = { ...withoutFields(defaults), ...own };
    const base = defaults.fields === undefined && ownFields === undefined ? undefined : { ...defaults.fields, ...ownFields };
    catalogue[code] = (message, fields) => {
      const merged = base === undefined ? fields : fields === undefined ? { ...base } : { ...base, ...fields };
      return new AwsError(code, message, merged === undefined ? options : { ...options, fields: merged });
    };
  }
  return catalogue;
}

function withoutFields(definition: ErrorDefinition): Omit<ErrorDefinition, "fields"> {
  const { fields: _fields, ...rest } = definition;
  return rest;
}

/** Thrown by any call on a cloud after dispose(). */
export class CloudDisposedError extends Error {
  override readonly name = "CloudDisposedError";
  constructor(operation: string) {
    super(`Cannot call ${operation}: this cloud has been disposed.`);
  }
}
