import type { SimContext } from "@simcloud/core";
import type { HttpRequest, RequestSigner } from "@smithy/types";
import { createRequestHandler, type SdkServices, type SimcloudRequestHandler } from "./handler";
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
}

const UNSIGNED: RequestSigner = { sign: async (request: HttpRequest) => request };

/** No request leaves the process; the reserved `.invalid` name makes that plain if one ever tried. */
export const SIMCLOUD_ENDPOINT = "https://simcloud.invalid";

export interface ClientConfigContext extends Pick<SimContext, "ids" | "trace" | "region"> {}

export function createClientConfig<O extends object = Record<never, never>>(
  services: SdkServices,
  context: ClientConfigContext,
  overrides?: O,
  routes: readonly ServiceRoutes[] = defaultRoutes,
): Omit<SimcloudClientConfig, keyof O> & O {
  const config: SimcloudClientConfig = {
    region: context.region,
    // Clients resolve credentials before signing whether or not the signer uses them; nothing checks these.
    credentials: { accessKeyId: "SIMCLOUDACCESSKEY", secretAccessKey: "simcloud-secret-key" },
    endpoint: SIMCLOUD_ENDPOINT,
    requestHandler: createRequestHandler({ services, context, routes }),
    maxAttempts: 1,
    signer: UNSIGNED,
  };
  const merged: Omit<SimcloudClientConfig, keyof O> & O = { ...config, ...(overrides ?? ({} as O)) };
  return merged;
}
