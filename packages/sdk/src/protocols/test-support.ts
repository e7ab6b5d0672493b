/** Builds wire requests for codec tests without going through a client. */
import { utf8, type WireRequest } from "../wire";

export function wireRequest(parts: Partial<Omit<WireRequest, "body">> & { body?: string | Uint8Array }): WireRequest {
  return {
    method: parts.method ?? "POST",
    path: parts.path ?? "/",
    query: parts.query ?? {},
    headers: parts.headers ?? {},
    body: typeof parts.body === "string" ? utf8(parts.body) : (parts.body ?? new Uint8Array(0)),
  };
}
