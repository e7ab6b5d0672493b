/**
 * Sending one input to one target ARN through the registry's ports: SQS, SNS, Lambda (asynchronous invoke), Step
 * Functions (StartExecution), Kinesis, another event bus, or a user handler registered for an ARN (standing in for
 * API destinations and anything simcloud does not simulate). Rules, Scheduler and Pipes all deliver through here.
 */
import { isAwsError, parseArn, type BusEventEntry, type PortCaller, type SimContext } from "@simcloud/core";

/** A user-supplied target: receives the target input; throwing (or rejecting) is a failed delivery, retried. */
export type TargetHandler = (input: string, context: { targetArn: string; sourceArn: string }) => unknown;

export interface SendOptions {
  readonly caller: PortCaller;
  readonly messageGroupId?: string | undefined;
  readonly deduplicationId?: string | undefined;
  readonly partitionKey?: string | undefined;
  /** For another bus: the entry to put (the event re-sent as it was). */
  readonly busEntry?: BusEventEntry | undefined;
  /**
   * How a Lambda target is invoked. Rules and schedules invoke asynchronously; a pipe's default is synchronous
   * (LambdaFunctionParameters.InvocationType REQUEST_RESPONSE), so a function error fails the pipe's batch.
   */
  readonly lambdaInvocation?: "RequestResponse" | "Event" | undefined;
}

/** Why a delivery failed: EventBridge's DLQ ERROR_CODE / ERROR_MESSAGE. */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

/**
 * Sends; throws or rejects with a DeliveryError. SQS sends complete synchronously (no promise), so the hot path of
 * rules → queues costs the scheduler no asynchronous flush.
 */
export function sendToTarget(ctx: SimContext, handlers: ReadonlyMap<string, TargetHandler>, arn: string, input: string, options: SendOptions): void | Promise<void> {
  let pending: void | Promise<void>;
  try {
    pending = send(ctx, handlers, arn, input, options);
  } catch (error) {
    throw asDeliveryError(error);
  }
  return pending === undefined ? undefined : pending.catch((error: unknown) => Promise.reject(asDeliveryError(error)));
}

function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (isAwsError(error)) return new DeliveryError(error.code, error.message);
  const name = error instanceof Error ? error.name : "Error";
  return new DeliveryError(name, error instanceof Error ? error.message : String(error));
}

function missing(arn: string): DeliveryError {
  return new DeliveryError("ResourceNotFoundException", `Target ${arn} does not exist.`);
}

function send(ctx: SimContext, handlers: ReadonlyMap<string, TargetHandler>, arn: string, input: string, options: SendOptions): void | Promise<void> {
  const handler = handlers.get(arn);
  if (handler !== undefined) {
    return (async () => {
      await handler(input, { targetArn: arn, sourceArn: options.caller.sourceArn ?? "" });
    })();
  }
  const service = serviceOf(arn);
  if (service === "sqs") {
    const port = ctx.registry.resolve("queue", arn)?.port ?? fail(arn);
    const fifo = port.attributes().fifo;
    port.send(
      {
        MessageBody: input,
        ...(options.messageGroupId === undefined ? {} : { MessageGroupId: options.messageGroupId }),
        ...(fifo && options.deduplicationId !== undefined ? { MessageDeduplicationId: options.deduplicationId } : {}),
      },
      options.caller,
    );
    return undefined;
  }
  return sendAsync(ctx, arn, service, input, options);
}

/** "arn:aws:sqs:…" → "sqs" without splitting the whole ARN. */
function serviceOf(arn: string): string | undefined {
  if (!arn.startsWith("arn:")) return parseArn(arn)?.service;
  const first = arn.indexOf(":", 4);
  const second = first < 0 ? -1 : arn.indexOf(":", first + 1);
  return second < 0 ? undefined : arn.slice(first + 1, second);
}

async function sendAsync(ctx: SimContext, arn: string, service: string | undefined, input: string, options: SendOptions): Promise<void> {
  switch (service) {
    case "sns": {
      const port = ctx.registry.resolve("topic", arn)?.port ?? fail(arn);
      await port.publish({ Message: input, ...(options.messageGroupId === undefined ? {} : { MessageGroupId: options.messageGroupId }) }, options.caller);
      return;
    }
    case "lambda": {
      const resolved = ctx.registry.resolve("function", arn) ?? fail(arn);
      const InvocationType = options.lambdaInvocation ?? "Event";
      const answer = await resolved.port.invoke({ Payload: input, InvocationType, ...(resolved.qualifier === undefined ? {} : { Qualifier: resolved.qualifier }) }, options.caller);
      if (InvocationType === "RequestResponse" && answer.FunctionError !== undefined) {
        throw new DeliveryError("Lambda.FunctionError", `The Lambda target ${arn} returned a function error (${answer.FunctionError}).`);
      }
      return;
    }
    case "states": {
      const port = ctx.registry.resolve("state-machine", arn)?.port ?? fail(arn);
      await port.startExecution({ input }, options.caller);
      return;
    }
    case "kinesis": {
      const port = ctx.registry.resolve("stream", arn)?.port ?? fail(arn);
      await port.putRecord({ Data: new TextEncoder().encode(input), PartitionKey: options.partitionKey ?? ctx.ids.uuid("events.partition-keys") }, options.caller);
      return;
    }
    case "events": {
      const port = ctx.registry.resolve("event-bus", arn)?.port ?? fail(arn);
      const entry = options.busEntry ?? { Source: "aws.events", DetailType: "Event", Detail: input };
      const result = await port.putEvents([entry], options.caller);
      const failed = result.Entries[0];
      if (result.FailedEntryCount > 0 && failed !== undefined) throw new DeliveryError(failed.ErrorCode ?? "InternalException", failed.ErrorMessage ?? "PutEvents failed");
      return;
    }
    default:
      throw missing(arn);
  }
}

function fail(arn: string): never {
  throw missing(arn);
}
