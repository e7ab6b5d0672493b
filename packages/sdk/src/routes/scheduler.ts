/**
 * EventBridge Scheduler over REST-JSON (`@aws-sdk/client-scheduler`): methods, URI templates and query bindings from
 * the client's schemas. StartDate/EndDate travel as epoch seconds.
 */
import { structure, timestamp } from "../shapes";
import type { RestJsonRoutes, RestOperationRoute } from "./types";

const schedulerArn = { ResourceArn: /^arn:[^:]+:scheduler:/ };
const dates = structure({ StartDate: timestamp, EndDate: timestamp });
const route = (method: string, path: string, extra: Omit<RestOperationRoute, "http"> = {}): RestOperationRoute => ({ http: [method, path, 200], ...extra });

export const schedulerRoutes: RestJsonRoutes = {
  service: "schedules",
  protocol: "rest-json",
  internalError: { code: "InternalServerException", statusCode: 500 },
  serializationError: { code: "ValidationException", statusCode: 400 },
  operations: {
    CreateSchedule: route("POST", "/schedules/{Name}", { input: dates }),
    UpdateSchedule: route("PUT", "/schedules/{Name}", { input: dates }),
    GetSchedule: route("GET", "/schedules/{Name}", { query: { GroupName: ["groupName"] } }),
    DeleteSchedule: route("DELETE", "/schedules/{Name}", { query: { GroupName: ["groupName"], ClientToken: ["clientToken"] } }),
    ListSchedules: route("GET", "/schedules", {
      query: { GroupName: ["ScheduleGroup"], NamePrefix: ["NamePrefix"], State: ["State"], NextToken: ["NextToken"], MaxResults: ["MaxResults", "number"] },
    }),
    CreateScheduleGroup: route("POST", "/schedule-groups/{Name}"),
    GetScheduleGroup: route("GET", "/schedule-groups/{Name}"),
    DeleteScheduleGroup: route("DELETE", "/schedule-groups/{Name}", { query: { ClientToken: ["clientToken"] } }),
    ListScheduleGroups: route("GET", "/schedule-groups", { query: { NamePrefix: ["NamePrefix"], NextToken: ["NextToken"], MaxResults: ["MaxResults", "number"] } }),
    TagResource: route("POST", "/tags/{ResourceArn}", { labelPatterns: schedulerArn }),
    UntagResource: route("DELETE", "/tags/{ResourceArn}", { query: { TagKeys: ["TagKeys", "list"] }, labelPatterns: schedulerArn }),
    ListTagsForResource: route("GET", "/tags/{ResourceArn}", { labelPatterns: schedulerArn }),
  },
};
