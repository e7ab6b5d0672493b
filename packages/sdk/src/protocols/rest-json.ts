/**
 * REST-JSON (Lambda): the operation is the method plus a URI template; input members come from path labels, the
 * query string, headers and a JSON body (or a raw payload); output members go to the status, headers and a JSON
 * body (or a raw payload). Errors carry their code in `x-amzn-errortype`, which the SDK reads first.
 */
import { AwsError } from "@simcloud/core";
import { fromJsonStructure, toJson } from "../convert";
import { isPlainObject } from "../shapes";
import type { QueryBindings, RestJsonRoutes, RestOperationRoute } from "../routes/types";
import { bodyText, utf8, type WireRequest } from "../wire";
import type { Codec } from "./codec";

interface CompiledRoute {
  readonly operation: string;
  readonly route: RestOperationRoute;
  readonly method: string;
  /** A literal segment, or a label name in braces. */
  readonly segments: readonly { readonly literal?: string; readonly label?: string }[];
  /** Literal query pairs of the URI template (`…/provisioned-concurrency?List=ALL` tells List from Get). */
  readonly literalQuery: readonly (readonly [string, string])[];
}

const compiled = new WeakMap<RestJsonRoutes, CompiledRoute[]>();

function compile(routes: RestJsonRoutes): CompiledRoute[] {
  let table = compiled.get(routes);
  if (table === undefined) {
    table = Object.entries(routes.operations).map(([operation, route]) => {
      const [path = "", literal = ""] = route.http[1].split("?");
      return {
        operation,
        route,
        method: route.http[0],
        segments: splitPath(path).map((segment) => {
          const label = /^\{([A-Za-z0-9_]+)\+?\}$/.exec(segment)?.[1];
          return label === undefined ? { literal: segment } : { label };
        }),
        literalQuery: literal === "" ? [] : literal.split("&").map((pair) => pair.split("=") as [string, string]),
      };
    });
    // Templates with a literal query are the more specific: try them first.
    table.sort((a, b) => b.literalQuery.length - a.literalQuery.length);
    compiled.set(routes, table);
  }
  return table;
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

interface Match {
  readonly entry: CompiledRoute;
  readonly labels: Record<string, string>;
}

function match(request: WireRequest, routes: RestJsonRoutes): Match | undefined {
  const parts = splitPath(request.path);
  for (const entry of compile(routes)) {
    if (entry.method !== request.method || entry.segments.length !== parts.length) continue;
    if (!entry.literalQuery.every(([name, value]) => request.query[name] === value)) continue;
    const labels: Record<string, string> = {};
    const matched = entry.segments.every((segment, index) => {
      const part = parts[index] as string;
      if (segment.label === undefined) return segment.literal === part;
      labels[segment.label] = decodeLabel(part);
      return true;
    });
    if (matched && labelsFit(entry.route, labels)) return { entry, labels };
  }
  return undefined;
}

function labelsFit(route: RestOperationRoute, labels: Record<string, string>): boolean {
  const patterns = route.labelPatterns;
  if (patterns === undefined) return true;
  for (const [label, pattern] of Object.entries(patterns)) if (!pattern.test(labels[label] ?? "")) return false;
  return true;
}

function decodeLabel(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export const restJson: Codec<RestJsonRoutes> = {
  recognises(request, routes) {
    return match(request, routes) !== undefined;
  },

  decode(request, routes) {
    const found = match(request, routes);
    if (found === undefined) throw this.unknownOperation(`${request.method} ${request.path}`);
    const { operation, route } = found.entry;
    const input: Record<string, unknown> = route.payload === undefined ? parseBody(request, route, routes) : {};
    // No body means no payload member, exactly as a native call that leaves it out.
    if (route.payload !== undefined && request.body.byteLength > 0) input[route.payload] = request.body;
    Object.assign(input, found.labels, readQuery(request, route.query), readHeaders(request, route.headers));
    return { operation, route, input };
  },

  encodeOutput(call, output, _routes, requestId) {
    const route = call.route as RestOperationRoute;
    const values: Record<string, unknown> = isPlainObject(output) ? { ...output } : {};
    const headers: Record<string, string> = { "content-type": "application/json", "x-amzn-requestid": requestId };
    let statusCode = route.http[2];
    if (route.responseCode !== undefined) {
      const code = values[route.responseCode];
      if (typeof code === "number") statusCode = code;
      delete values[route.responseCode];
    }
    for (const [member, header] of Object.entries(route.responseHeaders ?? {})) {
      const value = values[member];
      if (value !== undefined && value !== null) headers[header] = String(value);
      delete values[member];
    }
    let body: Uint8Array;
    if (route.responsePayload !== undefined) {
      const payload = values[route.responsePayload];
      body = payload instanceof Uint8Array ? payload : typeof payload === "string" ? utf8(payload) : new Uint8Array(0);
      headers["content-type"] = "application/octet-stream";
    } else {
      body = statusCode === 204 ? new Uint8Array(0) : utf8(toJson(values));
    }
    return { statusCode, headers, body };
  },

  encodeError(error, _routes, requestId) {
    return {
      statusCode: error.statusCode,
      headers: { "content-type": "application/json", "x-amzn-requestid": requestId, "x-amzn-errortype": error.code },
      // A catalogue's own Type (defineErrors defaults) wins; otherwise it follows the fault, as Lambda's does. The
      // message goes under the key the error's model names (`message` or `Message`).
      body: utf8(toJson({ Type: error.fault === "client" ? "User" : "Service", ...error.fields, [error.messageKey]: error.message })),
    };
  },

  unknownOperation(operation) {
    return new AwsError("UnknownOperationException", `Unknown operation ${operation}`, { statusCode: 404 });
  },
};

function parseBody(request: WireRequest, route: RestOperationRoute, routes: RestJsonRoutes): Record<string, unknown> {
  const body = bodyText(request);
  if (body === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (!isPlainObject(parsed)) {
    const { code, statusCode } = routes.serializationError;
    throw new AwsError(code, "Could not parse request body into json: Unexpected character.", { statusCode });
  }
  return fromJsonStructure(parsed, route.input);
}

function readQuery(request: WireRequest, bindings: QueryBindings | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [member, [name, kind]] of Object.entries(bindings ?? {})) {
    const raw = request.query[name];
    if (raw === undefined) continue;
    const values = typeof raw === "string" ? [raw] : raw;
    const first = values[0] ?? "";
    out[member] = kind === "list" ? [...values] : kind === "number" ? Number(first) : kind === "boolean" ? first === "true" : first;
  }
  return out;
}

function readHeaders(request: WireRequest, bindings: Readonly<Record<string, string>> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [member, header] of Object.entries(bindings ?? {})) {
    const value = request.headers[header];
    if (value !== undefined) out[member] = value;
  }
  return out;
}
