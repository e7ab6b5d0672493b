import type { PortCaller, SimContext } from "@simcloud/core";
import { isAwsError, partitionOf } from "@simcloud/core";
import { StatesError } from "./language/index";

/** What a user-supplied task handler receives (`arn:aws:states:::http:invoke`, `arn:aws:states:::aws-sdk:*`, …). */
export interface TaskHandlerRequest {
  /** The state's Resource, e.g. `arn:aws:states:::aws-sdk:dynamodb:getItem`. */
  resource: string;
  /** The state's effective input (Parameters / Arguments resolved). */
  parameters: unknown;
  stateName: string;
  executionArn: string;
  /** Set for `.waitForTaskToken` resources. */
  taskToken?: string;
}

/**
 * Answers a task resource the simulator does not run itself. Return the task's result; throw an Error whose `name` is
 * the ASL error to raise (its message becomes the Cause) to fail the task.
 */
export type TaskHandler = (request: TaskHandlerRequest) => unknown | Promise<unknown>;

export interface LambdaCallResult {
  StatusCode: number;
  Payload: unknown;
  ExecutedVersion: string;
  requestId: string;
}

const dec = new TextDecoder();

function jsonText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value ?? null);
}

/** A member of a task's parameters object (undefined when the parameters are not an object). */
function field(parameters: unknown, name: string): unknown {
  if (parameters === null || typeof parameters !== "object" || Array.isArray(parameters)) return undefined;
  return Object.hasOwn(parameters, name) ? (parameters as Record<string, unknown>)[name] : undefined;
}

function requiredText(parameters: unknown, name: string, service: string): string {
  const value = field(parameters, name);
  if (typeof value !== "string" || value.length === 0) {
    throw new StatesError("States.Runtime", `The field "${name}" is required by the ${service} integration and must be a string.`);
  }
  return value;
}

/** Calls the simulated services a Task resource names, through the registry's ports. */
export class Integrations {
  private readonly handlers: { pattern: string; handler: TaskHandler }[] = [];

  constructor(private readonly ctx: SimContext) {}

  /** `pattern` is a Resource, or a prefix ending in `*` (`arn:aws:states:::aws-sdk:dynamodb:*`). Later registrations win. */
  registerHandler(pattern: string, handler: TaskHandler): () => void {
    const entry = { pattern, handler };
    this.handlers.unshift(entry);
    return () => {
      const index = this.handlers.indexOf(entry);
      if (index >= 0) this.handlers.splice(index, 1);
    };
  }

  handlerFor(resource: string): TaskHandler | undefined {
    for (const { pattern, handler } of this.handlers) {
      if (pattern === resource || (pattern.endsWith("*") && resource.startsWith(pattern.slice(0, -1)))) return handler;
    }
    return undefined;
  }

  async runHandler(handler: TaskHandler, request: TaskHandlerRequest): Promise<unknown> {
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof StatesError) throw error;
      if (error instanceof Error) throw new StatesError(error.name === "Error" ? "States.TaskFailed" : error.name, error.message);
      throw new StatesError("States.TaskFailed", String(error));
    }
  }

  functionArn(reference: string): { readonly arn: string; readonly qualifier: string | undefined } {
    // A Task names the same function on every run: its ARN is worked out once.
    let known = this.functionArns.get(reference);
    if (known === undefined) {
      if (this.functionArns.size >= 1000) this.functionArns.clear();
      known = this.parseFunctionArn(reference);
      this.functionArns.set(reference, known);
    }
    return known;
  }

  private readonly functionArns = new Map<string, { readonly arn: string; readonly qualifier: string | undefined }>();

  private parseFunctionArn(reference: string): { arn: string; qualifier: string | undefined } {
    const scope = this.ctx;
    if (reference.startsWith("arn:")) {
      const parts = reference.split(":");
      // arn:aws:lambda:region:account:function:name[:qualifier]
      return parts.length > 7 ? { arn: parts.slice(0, 7).join(":"), qualifier: parts[7] } : { arn: reference, qualifier: undefined };
    }
    const parts = reference.split(":");
    // name, name:qualifier, account:function:name[:qualifier] (partial ARN)
    if (parts.length >= 3 && parts[1] === "function") {
      return { arn: `arn:${partitionOf(scope.region)}:lambda:${scope.region}:${parts[0]}:function:${parts[2]}`, qualifier: parts[3] };
    }
    return { arn: `arn:${partitionOf(scope.region)}:lambda:${scope.region}:${scope.accountId}:function:${parts[0]}`, qualifier: parts[1] };
  }

  /** Invokes a function synchronously. Function errors become the handler's errorType (cause: the error document). */
  async invokeLambda(reference: string, payload: unknown, qualifier: string | undefined, caller: PortCaller, payloadText?: string): Promise<LambdaCallResult> {
    const target = this.functionArn(reference);
    const resolved = this.ctx.registry.resolve("function", target.arn);
    if (resolved === undefined) {
      throw new StatesError(
        "Lambda.ResourceNotFoundException",
        `Function not found: ${target.arn}:${qualifier ?? target.qualifier ?? "$LATEST"} (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ${this.ctx.ids.uuid("sfn.requests")}; Proxy: null)`,
      );
    }
    const version = qualifier ?? target.qualifier ?? resolved.qualifier;
    let output;
    try {
      output = await resolved.port.invoke(
        // The port takes text as well as bytes: encoding here only for Lambda to decode it again would be wasted.
        { Payload: payloadText ?? JSON.stringify(payload ?? null), InvocationType: "RequestResponse", ...(version === undefined ? {} : { Qualifier: version }) },
        caller,
      );
    } catch (error) {
      if (isAwsError(error)) {
        throw new StatesError(
          `Lambda.${error.code.endsWith("Exception") ? error.code : `${error.code}Exception`}`,
          `${error.message} (Service: AWSLambda; Status Code: ${error.statusCode}; Error Code: ${error.code}; Request ID: ${this.ctx.ids.uuid("sfn.requests")}; Proxy: null)`,
        );
      }
      throw error;
    }
    const text = output.Payload === undefined ? "" : dec.decode(output.Payload);
    if (output.FunctionError !== undefined) {
      let errorType = "Lambda.Unknown";
      try {
        const doc = JSON.parse(text) as { errorType?: unknown };
        if (typeof doc?.errorType === "string" && doc.errorType.length > 0) errorType = doc.errorType;
      } catch {
        // Not a JSON error document: AWS reports Lambda.Unknown.
      }
      throw new StatesError(errorType, text);
    }
    let value: unknown = null;
    if (text.length > 0) {
      try {
        value = JSON.parse(text);
      } catch {
        value = text;
      }
    }
    return { StatusCode: output.StatusCode, Payload: value, ExecutedVersion: output.ExecutedVersion ?? "$LATEST", requestId: "" };
  }

  async sqsSendMessage(parameters: unknown, caller: PortCaller): Promise<unknown> {
    const url = requiredText(parameters, "QueueUrl", "SQS");
    const port = this.ctx.registry.list("queue").find((queue) => queue.url === url || queue.arn === url);
    // The recorded histories report every SQS service error as SQS.AmazonSQSException, AWS's wording in the cause.
    const sqsError = (message: string, code: string): StatesError =>
      new StatesError("SQS.AmazonSQSException", `${message} (Service: AmazonSQS; Status Code: 400; Error Code: ${code}; Request ID: ${this.ctx.ids.uuid("sfn.requests")}; Proxy: null)`);
    if (port === undefined) throw sqsError("The specified queue does not exist.", "AWS.SimpleQueueService.NonExistentQueue");
    const body = field(parameters, "MessageBody");
    if (body === undefined) throw sqsError("The request must contain the parameter MessageBody.", "MissingParameter");
    const get = (name: string): unknown => field(parameters, name);
    try {
      const sent = port.send(
        {
          MessageBody: jsonText(body),
          ...(get("DelaySeconds") === undefined ? {} : { DelaySeconds: Number(get("DelaySeconds")) }),
          ...(get("MessageAttributes") === undefined ? {} : { MessageAttributes: get("MessageAttributes") as never }),
          ...(get("MessageGroupId") === undefined ? {} : { MessageGroupId: String(get("MessageGroupId")) }),
          ...(get("MessageDeduplicationId") === undefined ? {} : { MessageDeduplicationId: String(get("MessageDeduplicationId")) }),
        },
        caller,
      );
      return { MessageId: sent.MessageId, MD5OfMessageBody: sent.MD5OfMessageBody, ...(sent.SequenceNumber === undefined ? {} : { SequenceNumber: sent.SequenceNumber }) };
    } catch (error) {
      if (isAwsError(error)) throw sqsError(error.message, error.queryCode ?? error.code);
      throw error;
    }
  }

  async snsPublish(parameters: unknown, caller: PortCaller): Promise<unknown> {
    const arn = (field(parameters, "TopicArn") ?? field(parameters, "TargetArn")) as string | undefined;
    if (typeof arn !== "string") throw new StatesError("States.Runtime", 'The field "TopicArn" is required by the SNS integration and must be a string.');
    const resolved = this.ctx.registry.resolve("topic", arn);
    if (resolved === undefined) throw new StatesError("SNS.NotFoundException", "Topic does not exist (Service: AmazonSNS; Status Code: 404; Error Code: NotFound)");
    const get = (name: string): unknown => field(parameters, name);
    try {
      const published = await resolved.port.publish(
        {
          Message: jsonText(get("Message")),
          ...(get("Subject") === undefined ? {} : { Subject: String(get("Subject")) }),
          ...(get("MessageStructure") === undefined ? {} : { MessageStructure: String(get("MessageStructure")) }),
          ...(get("MessageAttributes") === undefined ? {} : { MessageAttributes: get("MessageAttributes") as never }),
          ...(get("MessageGroupId") === undefined ? {} : { MessageGroupId: String(get("MessageGroupId")) }),
          ...(get("MessageDeduplicationId") === undefined ? {} : { MessageDeduplicationId: String(get("MessageDeduplicationId")) }),
        },
        caller,
      );
      return { MessageId: published.MessageId, ...(published.SequenceNumber === undefined ? {} : { SequenceNumber: published.SequenceNumber }) };
    } catch (error) {
      if (isAwsError(error)) throw new StatesError(`SNS.${error.code.endsWith("Exception") ? error.code : `${error.code}Exception`}`, error.message);
      throw error;
    }
  }

  async eventsPutEvents(parameters: unknown, caller: PortCaller): Promise<unknown> {
    const entries = field(parameters, "Entries");
    if (!Array.isArray(entries)) throw new StatesError("States.Runtime", 'The field "Entries" is required by the EventBridge integration and must be an array.');
    const byBus = new Map<string, { index: number; entry: Record<string, unknown> }[]>();
    entries.forEach((entry: Record<string, unknown>, index) => {
      const bus = typeof entry?.EventBusName === "string" ? entry.EventBusName : "default";
      const arn = bus.startsWith("arn:") ? bus : `arn:${partitionOf(this.ctx.region)}:events:${this.ctx.region}:${this.ctx.accountId}:event-bus/${bus}`;
      byBus.set(arn, [...(byBus.get(arn) ?? []), { index, entry }]);
    });
    const results: { EventId?: string; ErrorCode?: string; ErrorMessage?: string }[] = new Array(entries.length);
    let failed = 0;
    for (const [arn, group] of byBus) {
      const resolved = this.ctx.registry.resolve("event-bus", arn);
      if (resolved === undefined) {
        throw new StatesError(
          "EventBridge.ResourceNotFoundException",
          `Event bus ${arn.split("/").pop() ?? arn} does not exist. (No event bus is registered at ${arn}: create it in the simulated EventBridge first.)`,
        );
      }
      const answer = await resolved.port.putEvents(
        group.map(({ entry }) => ({
          ...(entry.Source === undefined ? {} : { Source: String(entry.Source) }),
          ...(entry.DetailType === undefined ? {} : { DetailType: String(entry.DetailType) }),
          ...(entry.Detail === undefined ? {} : { Detail: jsonText(entry.Detail) }),
          ...(Array.isArray(entry.Resources) ? { Resources: entry.Resources.map(String) } : {}),
        })),
        caller,
      );
      failed += answer.FailedEntryCount;
      answer.Entries.forEach((result, i) => {
        results[group[i]!.index] = result;
      });
    }
    if (failed > 0) throw new StatesError("EventBridge.FailedEntry", JSON.stringify({ Entries: results, FailedEntryCount: failed }));
    return { Entries: results, FailedEntryCount: 0 };
  }
}
