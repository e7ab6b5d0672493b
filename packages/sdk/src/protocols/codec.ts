import type { AwsError } from "@simcloud/core";
import type { OperationRoute, ServiceRoutes } from "../routes/types";
import type { WireRequest, WireResponse } from "../wire";

export interface DecodedCall<Route extends OperationRoute = OperationRoute> {
  readonly operation: string;
  readonly route: Route;
  readonly input: Record<string, unknown>;
}

/** One wire protocol. It knows nothing about any service: the routing table it is given is all it learns. */
export interface Codec<R extends ServiceRoutes> {
  /** Whether this request is addressed to the service of `routes`, judged by protocol identity, not hostname. */
  recognises(request: WireRequest, routes: R): boolean;
  /** The call the request makes. Throws AwsError (unknown operation, malformed body) as the service would. */
  decode(request: WireRequest, routes: R): DecodedCall;
  encodeOutput(call: DecodedCall, output: unknown, routes: R, requestId: string): WireResponse;
  encodeError(error: AwsError, routes: R, requestId: string): WireResponse;
  /** The error AWS answers for an operation this service does not have. */
  unknownOperation(operation: string): AwsError;
}
