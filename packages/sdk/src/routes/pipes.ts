/** EventBridge Pipes over REST-JSON (`@aws-sdk/client-pipes`): methods, URI templates and query bindings from its schemas. */
import type { RestJsonRoutes, RestOperationRoute } from "./types";

const pipesArn = { resourceArn: /^arn:[^:]+:pipes:/ };
const route = (method: string, path: string, extra: Omit<RestOperationRoute, "http"> = {}): RestOperationRoute => ({ http: [method, path, 200], ...extra });

export const pipesRoutes: RestJsonRoutes = {
  service: "pipes",
  protocol: "rest-json",
  internalError: { code: "InternalException", statusCode: 500 },
  serializationError: { code: "ValidationException", statusCode: 400 },
  operations: {
    CreatePipe: route("POST", "/v1/pipes/{Name}"),
    DescribePipe: route("GET", "/v1/pipes/{Name}"),
    UpdatePipe: route("PUT", "/v1/pipes/{Name}"),
    DeletePipe: route("DELETE", "/v1/pipes/{Name}"),
    ListPipes: route("GET", "/v1/pipes", {
      query: {
        NamePrefix: ["NamePrefix"],
        DesiredState: ["DesiredState"],
        CurrentState: ["CurrentState"],
        SourcePrefix: ["SourcePrefix"],
        TargetPrefix: ["TargetPrefix"],
        NextToken: ["NextToken"],
        Limit: ["Limit", "number"],
      },
    }),
    StartPipe: route("POST", "/v1/pipes/{Name}/start"),
    StopPipe: route("POST", "/v1/pipes/{Name}/stop"),
    TagResource: route("POST", "/tags/{resourceArn}", { labelPatterns: pipesArn }),
    UntagResource: route("DELETE", "/tags/{resourceArn}", { query: { tagKeys: ["tagKeys", "list"] }, labelPatterns: pipesArn }),
    ListTagsForResource: route("GET", "/tags/{resourceArn}", { labelPatterns: pipesArn }),
  },
};
