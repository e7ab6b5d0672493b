/**
 * SQS over AWS JSON 1.0, awsQuery-compatible (`@aws-sdk/client-sqs` runtime config: AwsJson1_0Protocol,
 * serviceTarget AmazonSQS, awsQueryCompatible). JSON carries everything as-is except binary attribute values.
 */
import { blob, list, map, structure } from "../shapes";
import type { JsonRpcRoutes } from "./types";

const attributeValue = structure({ BinaryValue: blob, BinaryListValues: list(blob) });
const messageFields = { MessageAttributes: map(attributeValue), MessageSystemAttributes: map(attributeValue) };

export const sqsRoutes: JsonRpcRoutes = {
  service: "sqs",
  protocol: "json",
  version: "1.0",
  targetPrefix: "AmazonSQS",
  errorNamespace: "com.amazonaws.sqs",
  queryCompatible: true,
  // Not modelled by SQS; "InternalFailure" is the code AWS's Common Errors page gives every service.
  internalError: { code: "InternalFailure", statusCode: 500 },
  operations: {
    AddPermission: {},
    CancelMessageMoveTask: {},
    ChangeMessageVisibility: {},
    ChangeMessageVisibilityBatch: {},
    CreateQueue: {},
    DeleteMessage: {},
    DeleteMessageBatch: {},
    DeleteQueue: {},
    GetQueueAttributes: {},
    GetQueueUrl: {},
    ListDeadLetterSourceQueues: {},
    ListMessageMoveTasks: {},
    ListQueues: {},
    ListQueueTags: {},
    PurgeQueue: {},
    ReceiveMessage: {},
    RemovePermission: {},
    SendMessage: { input: structure(messageFields) },
    SendMessageBatch: { input: structure({ Entries: list(structure(messageFields)) }) },
    SetQueueAttributes: {},
    StartMessageMoveTask: {},
    TagQueue: {},
    UntagQueue: {},
  },
};
