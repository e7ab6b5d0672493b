/**
 * The request handler a v3 client is given in place of its HTTP handler. The SDK still serialises, signs, retries
 * and deserialises; this decodes the wire request, calls the same service method the native API exposes, and
 * encodes the answer or the error as AWS does. It adds no behaviour: every semantic is the service's.
 */
import { AwsError, CloudDisposedError, describeError, isAwsError, type SimContext } from "@simcloud/core";
import type { HttpHandlerOptions, HttpRequest, HttpResponse } from "@smithy/types";
import type { Codec } from "./protocols/codec";
import { jsonRpc } from "./protocols/json-rpc";
import { query, queryError } from "./protocols/query";
import { restJson } from "./protocols/rest-json";
import { methodName, type ServiceRoutes } from "./routes/types";
import "./trace";
import { readRequest, toHttpResponse, utf8, type WireRequest, type WireResponse } from "./wire";

/**
 * The service objects, keyed as the routing tables name them (`sqs`, `sns`, `lambda`): each method takes and returns
 * SDK-shaped data. Any object with those keys will do, a cloud's services included.
 */
export type SdkServices = object;

export interface RequestHandlerOptions {
  readonly services: SdkServices;
  /** With the scheduler, calls to a disposed cloud fail with CloudDisposedError before reaching a service. */
  readonly context: Pick<SimContext, "ids" | "trace"> & { readonly scheduler?: { readonly isDisposed: boolean } };
  /** The routing tables served; one per service. */
  readonly routes: readonly ServiceRoutes[];
}

export interface SimcloudRequestHandler {
  readonly metadata: { readonly handlerProtocol: string };
  handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }>;
  /** The SDK's extension configuration calls these; an in-process handler has no connection settings to keep. */
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

type AnyCodec = Codec<ServiceRoutes>;
const codecs: Record<ServiceRoutes["protocol"], AnyCodec> = {
  json: jsonRpc as AnyCodec,
  query: query as AnyCodec,
  "rest-json": restJson as AnyCodec,
};

type ServiceMethod = (input: Record<string, unknown>) => unknown;

export function createRequestHandler(options: RequestHandlerOptions): SimcloudRequestHandler {
  const { context } = options;
  const services = options.services as Readonly<Record<string, object | undefined>>;
  const mounted = options.routes.filter((routes) => services[routes.service] !== undefined);

  // A loop, not `mounted.find(closure)`: this runs for every request.
  function recognised(wire: WireRequest): ServiceRoutes | undefined {
    for (const candidate of mounted) if (codecs[candidate.protocol].recognises(wire, candidate)) return candidate;
    return undefined;
  }

  async function respond(wire: WireRequest, signal: AbortSignalLike | undefined): Promise<WireResponse> {
    const requestId = context.ids.uuid("sdk.request-ids");
    const routes = recognised(wire);
    if (routes === undefined) return unrecognised(wire, requestId);
    const codec = codecs[routes.protocol];
    let operation = "";
    try {
      const call = codec.decode(wire, routes);
      operation = call.operation;
      const service = services[routes.service] as Record<string, unknown>;
      const method = service[methodName(call.operation, call.route)];
      if (typeof method !== "function") throw codec.unknownOperation(call.operation);
      const input = call.route.fromHeaders === undefined ? call.input : call.route.fromHeaders(call.input, wire.headers);
      const output = await abortable(Promise.resolve((method as ServiceMethod).call(service, input)), signal);
      return codec.encodeOutput(call, output, routes, requestId);
    } catch (error) {
      // A disposed cloud is not a service failure to retry: the SDK call rejects with the error itself.
      if (isAbortError(error) || error instanceof CloudDisposedError) throw error;
      return codec.encodeError(asAwsError(error, routes, operation, context.trace), routes, requestId);
    }
  }

  return {
    metadata: { handlerProtocol: "simcloud" },
    async handle(request, handlerOptions) {
      const signal = handlerOptions?.abortSignal as AbortSignalLike | undefined;
      if (signal?.aborted) throw abortError();
      if (context.scheduler?.isDisposed === true) throw new CloudDisposedError("an SDK call");
      const wire = await readRequest(request);
      return { response: toHttpResponse(await respond(wire, signal)) };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
}

function asAwsError(error: unknown, routes: ServiceRoutes, operation: string, trace: RequestHandlerOptions["context"]["trace"]): AwsError {
  if (isAwsError(error)) return error;
  trace.record("sdk.internal-error", { service: routes.service, operation, error: describeError(error) });
  const { code, statusCode, queryCode } = routes.internalError;
  return new AwsError(code, "We encountered an internal error. Please try again.", {
    statusCode,
    ...(queryCode === undefined ? {} : { queryCode }),
    cause: error,
  });
}

/** No mounted service claims the request: answer as an AWS front end does for an operation it does not know. */
function unrecognised(wire: WireRequest, requestId: string): WireResponse {
  const target = wire.headers["x-amz-target"];
  if (target === undefined && (wire.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) {
    const error = new AwsError("InvalidAction", "The action or operation requested is invalid. Verify that the action is typed correctly.");
    return queryError(error, requestId);
  }
  const message = `Unknown operation ${target ?? `${wire.method} ${wire.path}`}`;
  return {
    statusCode: target === undefined ? 404 : 400,
    headers: { "content-type": "application/json", "x-amzn-requestid": requestId, "x-amzn-errortype": "UnknownOperationException" },
    body: utf8(JSON.stringify({ __type: "UnknownOperationException", message })),
  };
}

/** The SDK passes a DOM AbortSignal or its own older AbortSignal (with `onabort`). */
interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener?: (type: "abort", listener: () => void, options?: { once?: boolean }) => void;
  removeEventListener?: (type: "abort", listener: () => void) => void;
  onabort?: ((this: AbortSignalLike, event: unknown) => unknown) | null;
}

/** Named like the node and fetch handlers' abort error, which the SDK and user code recognise by name. */
class RequestAbortedError extends Error {
  override readonly name = "AbortError";
  constructor() {
    super("Request aborted");
  }
}

const abortError = (): Error => new RequestAbortedError();
const isAbortError = (error: unknown): boolean => error instanceof RequestAbortedError;

function abortable<T>(work: Promise<T>, signal: AbortSignalLike | undefined): Promise<T> {
  if (signal === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError());
    if (typeof signal.addEventListener === "function") signal.addEventListener("abort", onAbort, { once: true });
    else signal.onabort = onAbort;
    const detach = (): void => {
      if (typeof signal.removeEventListener === "function") signal.removeEventListener("abort", onAbort);
      else if (signal.onabort === onAbort) signal.onabort = null;
    };
    work.then(
      (value) => (detach(), resolve(value)),
      (error: unknown) => (detach(), reject(error)),
    );
  });
}
