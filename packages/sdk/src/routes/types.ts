import type { StructureShape } from "../shapes";

/** How the service answers when a call fails inside simcloud rather than by an AWS rule (a bug, a crashing handler). */
export interface ErrorIdentity {
  readonly code: string;
  readonly statusCode: number;
  readonly queryCode?: string;
}

export interface OperationRoute {
  /** The service method it calls; the operation name in camelCase unless said. */
  readonly method?: string;
  readonly input?: StructureShape;
  readonly output?: StructureShape;
  /**
   * Input members an operation takes from HTTP headers besides its body (SQS SendMessage: `X-Amzn-Trace-Id`). Gets the
   * decoded input and the request's headers (lower-case names), returns the input the service method receives.
   */
  readonly fromHeaders?: (input: Record<string, unknown>, headers: Readonly<Record<string, string>>) => Record<string, unknown>;
}

interface BaseRoutes {
  /** The key of the service object in the services given to the handler (`sqs`, `sns`, `lambda`). */
  readonly service: string;
  readonly internalError: ErrorIdentity;
}

/** AWS JSON 1.0 / 1.1: `POST /` with `x-amz-target: <targetPrefix>.<Operation>`. */
export interface JsonRpcRoutes extends BaseRoutes {
  readonly protocol: "json";
  readonly version: "1.0" | "1.1";
  readonly targetPrefix: string;
  /** Written before `#` in `__type` (`com.amazonaws.sqs#QueueDoesNotExist`); the SDK strips it. */
  readonly errorNamespace?: string;
  /** The service also speaks awsQuery: errors carry `x-amzn-query-error: <queryCode>;<Sender|Receiver>`. */
  readonly queryCompatible?: boolean;
  readonly operations: Readonly<Record<string, OperationRoute>>;
}

/** AWS Query: form-encoded `Action=<Operation>&Version=<version>`, XML responses. */
export interface QueryRoutes extends BaseRoutes {
  readonly protocol: "query";
  readonly version: string;
  readonly xmlns: string;
  readonly operations: Readonly<Record<string, OperationRoute>>;
}

/** Input members bound to the query string: member name → [query parameter, shape kind]. */
export type QueryBindings = Readonly<Record<string, readonly [name: string, kind?: "string" | "number" | "boolean" | "list"]>>;

export interface RestOperationRoute extends OperationRoute {
  /** The model's http trait: method, URI template with `{Label}` segments, success status. */
  readonly http: readonly [method: string, path: string, status: number];
  readonly query?: QueryBindings;
  /**
   * Patterns a path label must match for this route to apply: Scheduler and Pipes both serve `/tags/{arn}`, told
   * apart by the ARN's service.
   */
  readonly labelPatterns?: Readonly<Record<string, RegExp>>;
  /** Input members bound to request headers: member → lower-case header name. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The input member that is the raw request body. */
  readonly payload?: string;
  /** The output member that is the HTTP status. */
  readonly responseCode?: string;
  /** Output members bound to response headers: member → lower-case header name. */
  readonly responseHeaders?: Readonly<Record<string, string>>;
  /** The output member that is the raw response body. */
  readonly responsePayload?: string;
}

/** REST-JSON: method + path, with members bound to path labels, query, headers and body. */
export interface RestJsonRoutes extends BaseRoutes {
  readonly protocol: "rest-json";
  /** Answered when a well-formed body is not JSON (Lambda: InvalidRequestContentException). */
  readonly serializationError: ErrorIdentity;
  readonly operations: Readonly<Record<string, RestOperationRoute>>;
}

export type ServiceRoutes = JsonRpcRoutes | QueryRoutes | RestJsonRoutes;

const camelCase = new Map<string, string>();

export function methodName(operation: string, route: OperationRoute): string {
  if (route.method !== undefined) return route.method;
  let name = camelCase.get(operation);
  if (name === undefined) {
    name = operation[0]!.toLowerCase() + operation.slice(1);
    // Operation names come from routing tables, but bound the cache all the same.
    if (camelCase.size < 4096) camelCase.set(operation, name);
  }
  return name;
}
