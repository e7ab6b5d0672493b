/**
 * EventBridge over AWS JSON 1.1 (`@aws-sdk/client-eventbridge`: AwsJson1_1Protocol, serviceTarget AWSEvents).
 * Timestamps travel as epoch seconds; the only timestamp inputs are PutEvents' entry Time and StartReplay's window.
 */
import { list, structure, timestamp } from "../shapes";
import type { JsonRpcRoutes } from "./types";

const operations = [
  "CreateEventBus",
  "UpdateEventBus",
  "DeleteEventBus",
  "DescribeEventBus",
  "ListEventBuses",
  "PutRule",
  "DeleteRule",
  "DescribeRule",
  "ListRules",
  "EnableRule",
  "DisableRule",
  "ListRuleNamesByTarget",
  "PutTargets",
  "RemoveTargets",
  "ListTargetsByRule",
  "TestEventPattern",
  "PutPermission",
  "RemovePermission",
  "TagResource",
  "UntagResource",
  "ListTagsForResource",
  "CreateArchive",
  "DescribeArchive",
  "UpdateArchive",
  "DeleteArchive",
  "ListArchives",
  "DescribeReplay",
  "CancelReplay",
  "ListReplays",
] as const;

export const eventsRoutes: JsonRpcRoutes = {
  service: "events",
  protocol: "json",
  version: "1.1",
  targetPrefix: "AWSEvents",
  internalError: { code: "InternalException", statusCode: 500 },
  operations: {
    ...Object.fromEntries(operations.map((operation) => [operation, {}])),
    PutEvents: { input: structure({ Entries: list(structure({ Time: timestamp })) }) },
    StartReplay: { input: structure({ EventStartTime: timestamp, EventEndTime: timestamp }) },
  },
};
