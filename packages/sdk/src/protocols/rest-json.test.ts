import { AwsError, defineErrors } from "@simcloud/core";
import { describe, expect, it } from "vitest";
import { lambdaRoutes } from "../routes/lambda";
import { text, utf8 } from "../wire";
import { restJson } from "./rest-json";
import { wireRequest } from "./test-support";

describe("REST-JSON codec", () => {
  it("matches method and URI template, decoding labels (ARNs included), query, headers and the raw payload", () => {
    const request = wireRequest({
      method: "POST",
      path: "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af/invocations",
      query: { Qualifier: "live" },
      headers: { "x-amz-invocation-type": "Event", "x-amz-log-type": "Tail" },
      body: utf8('{"a":1}'),
    });
    expect(restJson.recognises(request, lambdaRoutes)).toBe(true);
    const call = restJson.decode(request, lambdaRoutes);
    expect(call.operation).toBe("Invoke");
    expect(call.input).toEqual({
      FunctionName: "arn:aws:lambda:us-east-1:000000000000:function:f",
      Qualifier: "live",
      InvocationType: "Event",
      LogType: "Tail",
      Payload: utf8('{"a":1}'),
    });
    expect(restJson.recognises(wireRequest({ method: "PATCH", path: "/2015-03-31/functions/f/invocations" }), lambdaRoutes)).toBe(false);
  });

  it("converts typed query members and reads JSON bodies with blobs and timestamps", () => {
    const list = restJson.decode(wireRequest({ method: "GET", path: "/2015-03-31/functions", query: { MaxItems: "5", Marker: "m" } }), lambdaRoutes);
    expect(list.input).toEqual({ MaxItems: 5, Marker: "m" });
    const untag = restJson.decode(wireRequest({ method: "DELETE", path: "/2017-03-31/tags/arn", query: { tagKeys: ["a", "b"] } }), lambdaRoutes);
    expect(untag.input).toEqual({ Resource: "arn", TagKeys: ["a", "b"] });
    const esm = restJson.decode(
      wireRequest({ path: "/2015-03-31/event-source-mappings", body: '{"FunctionName":"f","StartingPositionTimestamp":1735689600}' }),
      lambdaRoutes,
    );
    expect(esm.input).toEqual({ FunctionName: "f", StartingPositionTimestamp: new Date("2025-01-01T00:00:00Z") });
    expect(() => restJson.decode(wireRequest({ path: "/2015-03-31/event-source-mappings", body: "{oops" }), lambdaRoutes)).toThrow(
      expect.objectContaining({ code: "InvalidRequestContentException", statusCode: 400 }),
    );
  });

  it("puts bound output members in the status, headers and raw body", () => {
    const call = restJson.decode(wireRequest({ path: "/2015-03-31/functions/f/invocations" }), lambdaRoutes);
    const response = restJson.encodeOutput(call, { StatusCode: 200, FunctionError: "Unhandled", ExecutedVersion: "$LATEST", Payload: utf8('{"x":1}') }, lambdaRoutes, "r");
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({ "x-amz-function-error": "Unhandled", "x-amz-executed-version": "$LATEST", "x-amzn-requestid": "r" });
    expect(text(response.body)).toBe('{"x":1}');
    const deleted = restJson.decode(wireRequest({ method: "DELETE", path: "/2015-03-31/functions/f" }), lambdaRoutes);
    const empty = restJson.encodeOutput(deleted, {}, lambdaRoutes, "r");
    expect([empty.statusCode, empty.body.byteLength]).toEqual([204, 0]);
  });

  it("writes errors with x-amzn-errortype and a Type/Message body", () => {
    const response = restJson.encodeError(new AwsError("ResourceNotFoundException", "Function not found: f", { statusCode: 404 }), lambdaRoutes, "r");
    expect(response.statusCode).toBe(404);
    expect(response.headers["x-amzn-errortype"]).toBe("ResourceNotFoundException");
    expect(JSON.parse(text(response.body))).toEqual({ Type: "User", Message: "Function not found: f" });
  });

  it("sends a Type the error catalogue declares (defineErrors defaults) instead of the fault's", () => {
    const errors = defineErrors({ ServiceException: { statusCode: 500 }, ResourceNotFoundException: { statusCode: 404 } }, { fields: { Type: "User" } });
    const declared = restJson.encodeError(errors.ServiceException("boom", { Type: "Service" }), lambdaRoutes, "r");
    expect(JSON.parse(text(declared.body))).toEqual({ Type: "Service", Message: "boom" });
    const defaulted = restJson.encodeError(errors.ResourceNotFoundException("Function not found: f"), lambdaRoutes, "r");
    expect(JSON.parse(text(defaulted.body))).toEqual({ Type: "User", Message: "Function not found: f" });
  });

  it("writes the message under the key the catalogue names (Lambda's InvalidParameterValueException: lowercase message)", () => {
    const errors = defineErrors({ InvalidParameterValueException: { messageKey: "message" } }, { fields: { Type: "User" } });
    const lower = restJson.encodeError(errors.InvalidParameterValueException("bad", { Type: undefined }), lambdaRoutes, "r");
    expect(JSON.parse(text(lower.body))).toEqual({ message: "bad" });
  });
});
