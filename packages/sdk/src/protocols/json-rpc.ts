/**
 * AWS JSON 1.0 and 1.1 (SQS, Step Functions, Kinesis, EventBridge): `POST /`, the operation in
 * `x-amz-target: <prefix>.<Operation>`, the input as a JSON object, the output as JSON (`{}` when empty), errors as
 * `{"__type", "message"}` with the modelled status. Query-compatible services (SQS) add `x-amzn-query-error`, from
 * which the SDK fills the exception's legacy `Code`/`Type`.
 */
import { AwsError } from "@simcloud/core";
import { fromJsonStructure, toJson } from "../convert";
import { isPlainObject } from "../shapes";
import type { JsonRpcRoutes } from "../routes/types";
import { bodyText, utf8, type WireRequest, type WireResponse } from "../wire";
import type { Codec } from "./codec";

const contentType = (routes: JsonRpcRoutes): string => `application/x-amz-json-${routes.version}`;

function targetOf(request: WireRequest, routes: JsonRpcRoutes): string | undefined {
  const target = request.headers["x-amz-target"];
  if (target === undefined) return undefined;
  const prefix = routes.targetPrefix;
  return target.length > prefix.length && target.charCodeAt(prefix.length) === 46 && target.startsWith(prefix) ? target.slice(prefix.length + 1) : undefined;
}

export const jsonRpc: Codec<JsonRpcRoutes> = {
  recognises(request, routes) {
    return targetOf(request, routes) !== undefined;
  },

  decode(request, routes) {
    const operation = targetOf(request, routes) ?? "";
    const route = Object.hasOwn(routes.operations, operation) ? routes.operations[operation] : undefined;
    if (route === undefined) throw this.unknownOperation(operation);
    const body = parseBody(bodyText(request));
    return { operation, route, input: fromJsonStructure(body, route.input) };
  },

  encodeOutput(_call, output, routes, requestId) {
    return {
      statusCode: 200,
      headers: { "content-type": contentType(routes), "x-amzn-requestid": requestId },
      body: utf8(toJson(output)),
    };
  },

  encodeError(error, routes, requestId) {
    const headers: Record<string, string> = { "content-type": contentType(routes), "x-amzn-requestid": requestId };
    if (routes.queryCompatible) headers["x-amzn-query-error"] = `${error.queryCode ?? error.code};${error.fault === "client" ? "Sender" : "Receiver"}`;
    const name = error.jsonType ?? error.code;
    const type = routes.errorNamespace === undefined ? name : `${routes.errorNamespace}#${name}`;
    return { statusCode: error.statusCode, headers, body: utf8(toJson({ ...error.fields, __type: type, message: error.message })) };
  },

  unknownOperation(operation) {
    return new AwsError("UnknownOperationException", `Unknown operation ${operation}`, { statusCode: 400 });
  },
};

function parseBody(body: string): Record<string, unknown> {
  if (body === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw serializationError("Start of structure or map found where not expected.");
  }
  if (!isPlainObject(parsed)) throw serializationError("Start of structure or map found where not expected.");
  return parsed;
}

function serializationError(message: string): AwsError {
  return new AwsError("SerializationException", message, { statusCode: 400 });
}
