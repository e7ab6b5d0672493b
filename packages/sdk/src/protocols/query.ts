/**
 * AWS Query (SNS): a form-encoded `POST /` naming `Action` and `Version`, answered with
 * `<OpResponse xmlns><OpResult>…</OpResult><ResponseMetadata><RequestId/></ResponseMetadata></OpResponse>` and errors
 * as `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`, where Code is the awsQuery
 * code the SDK matches against its error schemas (`NotFound` → NotFoundException).
 */
import { AwsError } from "@simcloud/core";
import type { QueryRoutes } from "../routes/types";
import { isPlainObject } from "../shapes";
import { bodyText, utf8, type WireRequest, type WireResponse } from "../wire";
import type { Codec } from "./codec";
import { formToInput, parseForm } from "./form";
import { escapeXml, xmlElement, xmlMembers } from "./xml";

const forms = new WeakMap<WireRequest, Map<string, string>>();
const PROTOCOL_FIELDS: ReadonlySet<string> = new Set(["Action", "Version"]);

function formOf(request: WireRequest): Map<string, string> | undefined {
  if (!(request.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) return undefined;
  let form = forms.get(request);
  if (form === undefined) {
    form = parseForm(bodyText(request));
    forms.set(request, form);
  }
  return form;
}

export const query: Codec<QueryRoutes> = {
  recognises(request, routes) {
    try {
      return formOf(request)?.get("Version") === routes.version;
    } catch {
      // A form so malformed its Version cannot be read is answered by whichever query service decodes it.
      return true;
    }
  },

  decode(request, routes) {
    const form = formOf(request) ?? new Map<string, string>();
    const operation = form.get("Action");
    if (operation === undefined) throw new AwsError("MissingAction", "The request must contain the parameter Action.", { statusCode: 400 });
    const route = Object.hasOwn(routes.operations, operation) ? routes.operations[operation] : undefined;
    if (route === undefined) throw this.unknownOperation(operation);
    return { operation, route, input: formToInput(form, route.input, PROTOCOL_FIELDS) };
  },

  encodeOutput(call, output, routes, requestId) {
    const { operation, route } = call;
    const members = isPlainObject(output) ? xmlMembers(output, route.output) : "";
    const result = members === "" ? "" : `<${operation}Result>${members}</${operation}Result>`;
    const metadata = xmlElement("ResponseMetadata", { RequestId: requestId }, undefined);
    return {
      statusCode: 200,
      headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
      body: utf8(`<${operation}Response xmlns="${routes.xmlns}">${result}${metadata}</${operation}Response>`),
    };
  },

  encodeError(error, routes, requestId) {
    return queryError(error, requestId, routes.xmlns);
  },

  unknownOperation(operation) {
    return new AwsError("InvalidAction", `The action ${operation} is not valid for this web service.`, { statusCode: 400 });
  },
};

/** An `<ErrorResponse>` document; also what the handler answers a query request no mounted service claims. */
export function queryError(error: AwsError, requestId: string, xmlns?: string): WireResponse {
  const fields = xmlMembers({ ...error.fields }, undefined);
  const detail =
    `<Type>${error.fault === "client" ? "Sender" : "Receiver"}</Type>` +
    `<Code>${escapeXml(error.queryCode ?? error.code)}</Code><Message>${escapeXml(error.message)}</Message>${fields}`;
  const namespace = xmlns === undefined ? "" : ` xmlns="${xmlns}"`;
  return {
    statusCode: error.statusCode,
    headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
    body: utf8(`<ErrorResponse${namespace}><Error>${detail}</Error><RequestId>${requestId}</RequestId></ErrorResponse>`),
  };
}
