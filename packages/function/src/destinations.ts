import { parseArn, type MessageAttributeMap, type SimContext } from "@simcloud/core";
import "./trace";

/** Lambda Developer Guide: "Capturing records of Lambda asynchronous invocations" — the invocation record. */
export interface InvocationRecord {
  version: "1.0";
  timestamp: string;
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: "Success" | "RetriesExhausted" | "EventAgeExceeded" | "RecursiveInvocationDetected";
    approximateInvokeCount: number;
  };
  requestPayload: unknown;
  responseContext: { statusCode: number; executedVersion: string; functionError?: string };
  responsePayload: unknown;
}

const PRINCIPAL = "lambda.amazonaws.com";

/**
 * Sends a record to an SQS queue, SNS topic, Lambda function or EventBridge bus through the registry.
 * A destination that is gone is dropped and traced, never thrown at anyone: AWS behaves the same way.
 */
export async function deliverRecord(ctx: SimContext, functionName: string, functionArn: string, destination: string, record: InvocationRecord): Promise<boolean> {
  const body = JSON.stringify(record);
  const caller = { principal: PRINCIPAL, sourceArn: functionArn };
  const requestId = record.requestContext.requestId;
  try {
    const service = parseArn(destination)?.service;
    if (service === "sqs") {
      const port = ctx.registry.resolve("queue", destination)?.port;
      if (port === undefined) return dropped(ctx, functionName, requestId, destination, "the queue does not exist");
      port.send({ MessageBody: body }, caller);
    } else if (service === "sns") {
      const port = ctx.registry.resolve("topic", destination)?.port;
      if (port === undefined) return dropped(ctx, functionName, requestId, destination, "the topic does not exist");
      await port.publish({ Message: body }, caller);
    } else if (service === "lambda") {
      const resolved = ctx.registry.resolve("function", destination);
      if (resolved === undefined) return dropped(ctx, functionName, requestId, destination, "the function does not exist");
      await resolved.port.invoke(
        { Payload: body, InvocationType: "Event", ...(resolved.qualifier === undefined ? {} : { Qualifier: resolved.qualifier }) },
        caller,
      );
    } else if (service === "events") {
      const port = ctx.registry.resolve("event-bus", destination)?.port;
      if (port === undefined) return dropped(ctx, functionName, requestId, destination, "the event bus does not exist");
      const outcome = record.requestContext.condition === "Success" ? "Success" : "Failure";
      await port.putEvents(
        [{ Source: "lambda", DetailType: `Lambda Function Invocation Result - ${outcome}`, Detail: body, Resources: [destination, functionArn] }],
        caller,
      );
    } else if (service === "s3") {
      // An S3 bucket is a valid on-failure destination (PutFunctionEventInvokeConfig), but simcloud has no S3.
      return dropped(ctx, functionName, requestId, destination, "S3 is not simulated: the record is not stored");
    } else {
      return dropped(ctx, functionName, requestId, destination, "unsupported destination type");
    }
  } catch (error) {
    return dropped(ctx, functionName, requestId, destination, error instanceof Error ? error.message : String(error));
  }
  ctx.trace.record("lambda.destination.delivered", { functionName, requestId, destination, condition: record.requestContext.condition });
  return true;
}

/**
 * Dead-letter queue delivery (Lambda Developer Guide: "Dead-letter queues"): the original event as the body,
 * with RequestID, ErrorCode and ErrorMessage attributes.
 */
export async function deliverDeadLetter(
  ctx: SimContext,
  functionName: string,
  functionArn: string,
  target: string,
  requestId: string,
  payload: string,
  errorMessage: string,
  errorCode = 200,
): Promise<boolean> {
  const caller = { principal: PRINCIPAL, sourceArn: functionArn };
  const attributes: MessageAttributeMap = {
    RequestID: { DataType: "String", StringValue: requestId },
    ErrorCode: { DataType: "Number", StringValue: String(errorCode) },
    ErrorMessage: { DataType: "String", StringValue: errorMessage.slice(0, 1024) },
  };
  try {
    const service = parseArn(target)?.service;
    if (service === "sqs") {
      const port = ctx.registry.resolve("queue", target)?.port;
      if (port === undefined) return dropped(ctx, functionName, requestId, target, "the queue does not exist");
      port.send({ MessageBody: payload, MessageAttributes: attributes }, caller);
    } else if (service === "sns") {
      const port = ctx.registry.resolve("topic", target)?.port;
      if (port === undefined) return dropped(ctx, functionName, requestId, target, "the topic does not exist");
      await port.publish({ Message: payload, MessageAttributes: attributes }, caller);
    } else {
      return dropped(ctx, functionName, requestId, target, "a dead-letter target must be an SQS queue or SNS topic");
    }
  } catch (error) {
    return dropped(ctx, functionName, requestId, target, error instanceof Error ? error.message : String(error));
  }
  ctx.trace.record("lambda.destination.delivered", { functionName, requestId, destination: target, condition: "DeadLetter" });
  return true;
}

function dropped(ctx: SimContext, functionName: string, requestId: string, destination: string, error: string): false {
  ctx.trace.record("lambda.destination.dropped", { functionName, requestId, destination, error });
  return false;
}
