/**
 * `cloud.intercept()`: every AWS SDK v3 client in the process reaches this cloud, with no constructor change.
 *
 * @mswjs/interceptors catches requests at Node's http/https and fetch layers, before any socket is opened, so
 * clients built at module scope by production code (or inside a Lambda module handler) are covered whatever copy
 * of @smithy/node-http-handler they use. The SDK still serialises and signs as it would for AWS; the cloud's own
 * request handler decodes the wire request with the same codecs `clientConfig()` uses. A request to any other AWS
 * endpoint fails at once, naming the service and operation, so a test can never reach real AWS.
 */
import { BatchInterceptor } from "@mswjs/interceptors";
import { ClientRequestInterceptor } from "@mswjs/interceptors/ClientRequest";
import { FetchInterceptor } from "@mswjs/interceptors/fetch";
import type { SimcloudRequestHandler } from "@simcloud/sdk";

type HttpRequest = Parameters<SimcloudRequestHandler["handle"]>[0];

/** What intercept() needs from the cloud: its region and the handler `clientConfig()` hands to clients. */
export interface InterceptTarget {
  readonly region: string;
  readonly requestHandler: Pick<SimcloudRequestHandler, "handle">;
}

/** The services a cloud serves, by the first label of their AWS endpoint host. */
const SERVED = new Set(["sqs", "sns", "lambda", "queue"]);

/** A request to real AWS while a cloud intercepts: the cloud does not serve it, and nothing may leave the process. */
export class UnservedAwsRequestError extends Error {
  override readonly name = "UnservedAwsRequestError";
  constructor(
    readonly service: string,
    readonly operation: string,
    readonly url: string,
    reason: string,
  ) {
    super(`simcloud intercept: ${service} ${operation} (${url}) was stopped before reaching AWS: ${reason}`);
  }
}

/** AWS endpoints: `*.amazonaws.com` (and `.com.cn`), `*.api.aws`, the instance metadata service. */
function isAwsHost(hostname: string): boolean {
  return /(^|\.)amazonaws\.com(\.cn)?$/.test(hostname) || /(^|\.)api\.aws$/.test(hostname) || hostname === "169.254.169.254" || hostname === "169.254.170.2";
}

async function operationOf(request: Request): Promise<string> {
  const target = request.headers.get("x-amz-target");
  if (target !== null) return target.slice(target.lastIndexOf(".") + 1);
  const contentType = request.headers.get("content-type") ?? "";
  if (contentType.includes("x-www-form-urlencoded")) {
    const action = new URLSearchParams(await request.clone().text()).get("Action");
    if (action !== null) return action;
  }
  return `${request.method} ${new URL(request.url).pathname}`;
}

function toSmithyRequest(request: Request, url: URL, body: Uint8Array): HttpRequest {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port === "" ? {} : { port: Number(url.port) }),
    path: url.pathname,
    query,
    headers,
    body,
  };
}

let active: { stop: () => void; owner: InterceptTarget } | undefined;

/** Environment a default client needs before it sends anything: a region and credentials (never real ones). */
const ENVIRONMENT = ["AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"] as const;

export interface Interception {
  /** Ends the interception (idempotent): clients go back to the network. */
  (): void;
  [Symbol.asyncDispose](): Promise<void>;
}

export function intercept(target: InterceptTarget, onStop: (stop: () => void) => void): Interception {
  if (active !== undefined) {
    throw new Error("simcloud intercept: another cloud is already intercepting AWS SDK requests in this process; stop it first");
  }
  const interceptor = new BatchInterceptor({ name: "simcloud", interceptors: [new ClientRequestInterceptor(), new FetchInterceptor()] });
  interceptor.on("request", async ({ request, controller }) => {
    const url = new URL(request.url);
    if (!isAwsHost(url.hostname)) return;
    const [service = "", region = ""] = url.hostname.split(".");
    const operation = await operationOf(request);
    const refuse = (reason: string): void => controller.errorWith(new UnservedAwsRequestError(service, operation, url.href, reason));
    if (url.hostname.startsWith("169.254.")) return refuse("credential lookups from the instance or container metadata service are blocked");
    if (!SERVED.has(service)) return refuse(`this cloud does not simulate ${service}`);
    if (service !== "queue" && region !== target.region) return refuse(`this cloud simulates ${target.region} only, the client is configured for ${region}`);
    const body = new Uint8Array(await request.arrayBuffer());
    const { response } = await target.requestHandler.handle(toSmithyRequest(request, url, body));
    const responseBody = response.body instanceof Uint8Array && response.body.byteLength > 0 ? response.body : null;
    const status = response.statusCode;
    controller.respondWith(new Response(status === 204 || status === 304 ? null : responseBody, { status, headers: response.headers }));
  });
  interceptor.apply();

  // Clients built with no settings resolve a region and credentials from the environment; give them harmless
  // ones when none are set, and put the environment back afterwards. Real credentials are never used: no request
  // to AWS leaves the process.
  const saved = ENVIRONMENT.map((name) => [name, process.env[name]] as const);
  const defaults: Record<(typeof ENVIRONMENT)[number], string> = { AWS_REGION: target.region, AWS_ACCESS_KEY_ID: "SIMCLOUDINTERCEPT", AWS_SECRET_ACCESS_KEY: "simcloud-intercept" };
  if (process.env.AWS_REGION === undefined && process.env.AWS_DEFAULT_REGION === undefined) process.env.AWS_REGION = defaults.AWS_REGION;
  if (process.env.AWS_ACCESS_KEY_ID === undefined) {
    process.env.AWS_ACCESS_KEY_ID = defaults.AWS_ACCESS_KEY_ID;
    process.env.AWS_SECRET_ACCESS_KEY = defaults.AWS_SECRET_ACCESS_KEY;
  }

  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    interceptor.dispose();
    for (const [name, value] of saved) {
      if (process.env[name] === defaults[name] && value === undefined) delete process.env[name];
    }
    if (active?.stop === stop) active = undefined;
  };
  active = { stop, owner: target };
  onStop(stop);
  return Object.assign(stop, { [Symbol.asyncDispose]: async () => stop() });
}
