/**
 * SQS over AWS JSON 1.0, awsQuery-compatible (`@aws-sdk/client-sqs` runtime config: AwsJson1_0Protocol,
 * serviceTarget AmazonSQS, awsQueryCompatible). JSON carries everything as-is except binary attribute values.
 */
import { blob, isPlainObject, list, map, structure } from "../shapes";
import type { JsonRpcRoutes } from "./types";

const attributeValue = structure({ BinaryValue: blob, BinaryListValues: list(blob) });
const messageFields = { MessageAttributes: map(attributeValue), MessageSystemAttributes: map(attributeValue) };

/**
 * "Amazon SQS and AWS X-Ray": the `X-Amzn-Trace-Id` header of a SendMessage or SendMessageBatch request is the
 * AWSTraceHeader of every message in it; a message's own AWSTraceHeader system attribute overrides the header.
 */
function withTraceHeader(message: Record<string, unknown>, trace: string): Record<string, unknown> {
  const system = message["MessageSystemAttributes"];
  if (system !== undefined && (!isPlainObject(system) || Object.hasOwn(system, "AWSTraceHeader"))) return message;
  return { ...message, MessageSystemAttributes: { ...system, AWSTraceHeader: { DataType: "String", StringValue: trace } } };
}

function traceHeaderOf(headers: Readonly<Record<string, string>>): string | undefined {
  const trace = headers["x-amzn-trace-id"];
  return trace === undefined || trace === "" ? undefined : trace;
}

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
    SendMessage: {
      input: structure(messageFields),
      fromHeaders(input, headers) {
        const trace = traceHeaderOf(headers);
        return trace === undefined ? input : withTraceHeader(input, trace);
      },
    },
    SendMessageBatch: {
      input: structure({ Entries: list(structure(messageFields)) }),
      fromHeaders(input, headers) {
        const trace = traceHeaderOf(headers);
        const entries = input["Entries"];
        if (trace === undefined || !Array.isArray(entries)) return input;
        return { ...input, Entries: entries.map((entry: unknown) => (isPlainObject(entry) ? withTraceHeader(entry, trace) : entry)) };
      },
    },
    SetQueueAttributes: {},
    StartMessageMoveTask: {},
    TagQueue: {},
    UntagQueue: {},
  },
};
