/**
 * Lambda over REST-JSON. Methods, URI templates, success statuses and member bindings are copied from
 * `@aws-sdk/client-lambda`'s schemas (each operation's `http` trait; members marked httpLabel, httpQuery,
 * httpHeader, httpPayload, httpResponseCode). CreateFunction is routed too, but a JS handler cannot travel through
 * the SDK, so functions are created through the native API and the service answers the SDK's attempt.
 */
import { blob, structure, timestamp } from "../shapes";
import type { QueryBindings, RestJsonRoutes, RestOperationRoute } from "./types";

const qualifier: QueryBindings = { Qualifier: ["Qualifier"] };
const paging: QueryBindings = { Marker: ["Marker"], MaxItems: ["MaxItems", "number"] };

function route(method: string, path: string, status: number, extra: Omit<RestOperationRoute, "http"> = {}): RestOperationRoute {
  return { http: [method, path, status], ...extra };
}

const F = "/2015-03-31/functions";

export const lambdaRoutes: RestJsonRoutes = {
  service: "lambda",
  protocol: "rest-json",
  internalError: { code: "ServiceException", statusCode: 500 },
  serializationError: { code: "InvalidRequestContentException", statusCode: 400 },
  operations: {
    Invoke: route("POST", `${F}/{FunctionName}/invocations`, 200, {
      query: qualifier,
      headers: {
        InvocationType: "x-amz-invocation-type",
        LogType: "x-amz-log-type",
        ClientContext: "x-amz-client-context",
        TenantId: "x-amz-tenant-id",
      },
      payload: "Payload",
      responseCode: "StatusCode",
      responseHeaders: { FunctionError: "x-amz-function-error", LogResult: "x-amz-log-result", ExecutedVersion: "x-amz-executed-version" },
      responsePayload: "Payload",
    }),
    CreateFunction: route("POST", F, 201, { input: structure({ Code: structure({ ZipFile: blob }) }) }),
    GetFunction: route("GET", `${F}/{FunctionName}`, 200, { query: qualifier }),
    GetFunctionConfiguration: route("GET", `${F}/{FunctionName}/configuration`, 200, { query: qualifier }),
    UpdateFunctionConfiguration: route("PUT", `${F}/{FunctionName}/configuration`, 200),
    UpdateFunctionCode: route("PUT", `${F}/{FunctionName}/code`, 200, { input: structure({ ZipFile: blob }) }),
    DeleteFunction: route("DELETE", `${F}/{FunctionName}`, 204, { query: qualifier }),
    ListFunctions: route("GET", F, 200, { query: { ...paging, MasterRegion: ["MasterRegion"], FunctionVersion: ["FunctionVersion"] } }),
    PublishVersion: route("POST", `${F}/{FunctionName}/versions`, 201),
    ListVersionsByFunction: route("GET", `${F}/{FunctionName}/versions`, 200, { query: paging }),
    CreateAlias: route("POST", `${F}/{FunctionName}/aliases`, 201),
    GetAlias: route("GET", `${F}/{FunctionName}/aliases/{Name}`, 200),
    UpdateAlias: route("PUT", `${F}/{FunctionName}/aliases/{Name}`, 200),
    DeleteAlias: route("DELETE", `${F}/{FunctionName}/aliases/{Name}`, 204),
    ListAliases: route("GET", `${F}/{FunctionName}/aliases`, 200, { query: { ...paging, FunctionVersion: ["FunctionVersion"] } }),
    AddPermission: route("POST", `${F}/{FunctionName}/policy`, 201, { query: qualifier }),
    RemovePermission: route("DELETE", `${F}/{FunctionName}/policy/{StatementId}`, 204, { query: { ...qualifier, RevisionId: ["RevisionId"] } }),
    GetPolicy: route("GET", `${F}/{FunctionName}/policy`, 200, { query: qualifier }),
    PutFunctionRecursionConfig: route("PUT", "/2024-08-31/functions/{FunctionName}/recursion-config", 200),
    GetFunctionRecursionConfig: route("GET", "/2024-08-31/functions/{FunctionName}/recursion-config", 200),
    PutFunctionConcurrency: route("PUT", "/2017-10-31/functions/{FunctionName}/concurrency", 200),
    GetFunctionConcurrency: route("GET", "/2019-09-30/functions/{FunctionName}/concurrency", 200),
    DeleteFunctionConcurrency: route("DELETE", "/2017-10-31/functions/{FunctionName}/concurrency", 204),
    PutProvisionedConcurrencyConfig: route("PUT", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", 202, { query: qualifier }),
    GetProvisionedConcurrencyConfig: route("GET", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", 200, { query: qualifier }),
    ListProvisionedConcurrencyConfigs: route("GET", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency?List=ALL", 200, { query: paging }),
    DeleteProvisionedConcurrencyConfig: route("DELETE", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", 204, { query: qualifier }),
    PutFunctionEventInvokeConfig: route("PUT", "/2019-09-25/functions/{FunctionName}/event-invoke-config", 200, { query: qualifier }),
    UpdateFunctionEventInvokeConfig: route("POST", "/2019-09-25/functions/{FunctionName}/event-invoke-config", 200, { query: qualifier }),
    GetFunctionEventInvokeConfig: route("GET", "/2019-09-25/functions/{FunctionName}/event-invoke-config", 200, { query: qualifier }),
    DeleteFunctionEventInvokeConfig: route("DELETE", "/2019-09-25/functions/{FunctionName}/event-invoke-config", 204, { query: qualifier }),
    ListFunctionEventInvokeConfigs: route("GET", "/2019-09-25/functions/{FunctionName}/event-invoke-config/list", 200, { query: paging }),
    CreateEventSourceMapping: route("POST", "/2015-03-31/event-source-mappings", 202, { input: structure({ StartingPositionTimestamp: timestamp }) }),
    GetEventSourceMapping: route("GET", "/2015-03-31/event-source-mappings/{UUID}", 200),
    UpdateEventSourceMapping: route("PUT", "/2015-03-31/event-source-mappings/{UUID}", 202),
    DeleteEventSourceMapping: route("DELETE", "/2015-03-31/event-source-mappings/{UUID}", 202),
    ListEventSourceMappings: route("GET", "/2015-03-31/event-source-mappings", 200, {
      query: { ...paging, EventSourceArn: ["EventSourceArn"], FunctionName: ["FunctionName"] },
    }),
    TagResource: route("POST", "/2017-03-31/tags/{Resource}", 204),
    UntagResource: route("DELETE", "/2017-03-31/tags/{Resource}", 204, { query: { TagKeys: ["tagKeys", "list"] } }),
    ListTags: route("GET", "/2017-03-31/tags/{Resource}", 200),
    GetAccountSettings: route("GET", "/2016-08-19/account-settings", 200),
  },
};
