import type { SimContext } from "@simcloud/core";
import type { ChecksumConstructor, EndpointV2, FinalizeHandler, FinalizeHandlerArguments, HttpRequest, Logger, RequestSigner, RetryStrategy } from "@smithy/types";
import { createRequestHandler, type SdkServices, type SimcloudRequestHandler } from "./handler";
import { Md5 } from "./md5";
import { defaultRoutes } from "./routes";
import type { ServiceRoutes } from "./routes/types";

/** What every v3 client constructor accepts; spread more settings over it with `overrides`. */
export interface SimcloudClientConfig {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  endpoint: string;
  requestHandler: SimcloudRequestHandler;
  /**
   * 1 by default: the SDK waits between attempts with a real setTimeout, which virtual time cannot skip and fake
   * timers would freeze. Pass `maxAttempts: 3` to exercise the SDK's retries; throttling errors are retryable.
   */
  maxAttempts: number;
  /**
   * Passes requests through unsigned. Nothing in-process checks a signature, and SigV4's hashing was about 40% of
   * the SDK path's cost (bench/sdk). Override with the client's own signer if a test needs signed requests.
   */
  signer: RequestSigner;
  /**
   * The endpoint every request is addressed to, without evaluating the service's endpoint rule set (a few % of the
   * SDK path's cost). Honours an `endpoint` override. Requests are routed by protocol, never by host, so nothing
   * depends on the answer.
   */
  endpointProvider: (params: { Endpoint?: string }) => EndpointV2;
  /**
   * false (the SDK's own default): the middleware stack is resolved on every send, so middleware a test adds at
   * any time is seen. `cloud.clientConfig({ cacheMiddleware: true })` resolves it once per command class and
   * client — the largest single saving on the SDK path (bench/sdk) — at the SDK's documented cost that
   * middleware added after the first send is ignored.
   */
  cacheMiddleware: boolean;
  /**
   * Silent, like the SDK's default logger, but without `info`: the SDK's logger middleware then skips building the
   * redacted copies of every input and output it would hand to `info` (about 3% of the SDK path). Pass your own
   * (`logger: console`) to see the SDK's logs.
   */
  logger: Logger;
  /**
   * With `maxAttempts: 1`, one attempt straight through: the SDK's standard strategy would still take retry tokens,
   * make an invocation id and race an abort per request for an attempt it never repeats. Left out whenever
   * `maxAttempts`, `retryMode` or `retryStrategy` is overridden, so the SDK's own retries apply.
   */
  retryStrategy?: RetryStrategy;
  /**
   * The MD5 the SQS client checks every sent and received message body with: a plain-JS MD5 (./md5.ts), faster than
   * a node:crypto hash per message at message sizes. The checks still run; `md5: false` would skip them.
   */
  md5: ChecksumConstructor;
}

const UNSIGNED: RequestSigner = { sign: async (request: HttpRequest) => request };

/** `info` is left out on purpose (the SDK calls `logger?.info?.(…)`); see SimcloudClientConfig.logger. */
const QUIET_LOGGER = { trace() {}, debug() {}, warn() {}, error() {} } as Partial<Logger> as Logger;

/** What the standard strategy records on a single attempt's output or error. */
function singleAttempt(metadata: { attempts?: number; totalRetryDelay?: number } | undefined): void {
  if (metadata === undefined || metadata === null) return;
  metadata.attempts = 1;
  metadata.totalRetryDelay = 0;
}

/** No `mode`: the SDK would add it to the user agent. */
const SINGLE_ATTEMPT: RetryStrategy = {
  async retry<Input extends object, Output extends object>(next: FinalizeHandler<Input, Output>, args: FinalizeHandlerArguments<Input>) {
    try {
      const result = await next(args);
      singleAttempt((result.output as { $metadata?: { attempts?: number } }).$metadata);
      return result;
    } catch (error) {
      if (typeof error === "object" && error !== null) {
        const failed = error as { $metadata?: { attempts?: number; totalRetryDelay?: number } };
        failed.$metadata ??= {};
        singleAttempt(failed.$metadata);
      }
      throw error;
    }
  },
};

const RETRY_SETTINGS = ["maxAttempts", "retryMode", "retryStrategy"] as const;

const endpointUrls = new Map<string, URL>();

/** A fresh EndpointV2 per request (middleware may add to it) around one parsed URL per endpoint text. */
function fixedEndpoint(params: { Endpoint?: string }): EndpointV2 {
  const endpoint = params.Endpoint ?? SIMCLOUD_ENDPOINT;
  let url = endpointUrls.get(endpoint);
  if (url === undefined) {
    url = new URL(endpoint);
    if (endpointUrls.size < 64) endpointUrls.set(endpoint, url);
  }
  return { url };
}

/** No request leaves the process; the reserved `.invalid` name makes that plain if one ever tried. */
export const SIMCLOUD_ENDPOINT = "https://simcloud.invalid";

export interface ClientConfigContext extends Pick<SimContext, "ids" | "trace" | "region"> {
  readonly scheduler?: { readonly isDisposed: boolean };
}

export function createClientConfig<O extends object = Record<never, never>>(
  services: SdkServices,
  context: ClientConfigContext,
  overrides?: O,
  routes: readonly ServiceRoutes[] = defaultRoutes,
): Omit<SimcloudClientConfig, keyof O> & O {
  // One cloud is one region: its ARNs and URLs all name it. A client pointed at another region would silently get
  // this region's resources, so it is refused (create a second cloud for a second region).
  const region: unknown = overrides === undefined ? undefined : (overrides as { region?: unknown }).region;
  if (region !== undefined && region !== context.region) {
    throw new RangeError(
      `clientConfig({ region: ${JSON.stringify(region)} }): this cloud simulates ${context.region} only; create another cloud with createCloud({ region: ${JSON.stringify(region)} }) for that region`,
    );
  }
  const config: SimcloudClientConfig = {
    region: context.region,
    // Clients resolve credentials before signing whether or not the signer uses them; nothing checks these.
    credentials: { accessKeyId: "SIMCLOUDACCESSKEY", secretAccessKey: "simcloud-secret-key" },
    endpoint: SIMCLOUD_ENDPOINT,
    requestHandler: createRequestHandler({ services, context, routes }),
    maxAttempts: 1,
    signer: UNSIGNED,
    endpointProvider: fixedEndpoint,
    cacheMiddleware: false,
    logger: QUIET_LOGGER,
    retryStrategy: SINGLE_ATTEMPT,
    md5: Md5,
  };
  if (overrides !== undefined && RETRY_SETTINGS.some((key) => Object.hasOwn(overrides, key))) delete config.retryStrategy;
  const merged: Omit<SimcloudClientConfig, keyof O> & O = { ...config, ...(overrides ?? ({} as O)) };
  return merged;
}
