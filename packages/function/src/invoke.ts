import { currentLineage, mergeLineages, type FunctionInvokeInput, type FunctionInvokeOutput, type FunctionPort, type PortCaller } from "@simcloud/core";
import type { AsyncInvoker } from "./async-invoke";
import { errors } from "./errors";
import type { MappingHost } from "./event-source-mapping";
import { pendingConflict, type LambdaFunction } from "./function";
import type { ResolvedTarget } from "./records";
import type { ServiceHost } from "./host";
import type { InvocationOutcome, Invoker } from "./invocation";
import { LIMITS } from "./limits";
import { enterChain, RECURSION_MESSAGE, type RecursionSource } from "./recursion";
import type { InvokeCommandInput, InvokeCommandOutput } from "./types";
import { InvokePayload, payloadText } from "./payload";
import { checkPayloadSize, parsePayload } from "./validate";


/** Invoke, with the recursion source its caller stands for (SNS, or Lambda itself by default). */
export type InvokeAction = (input: InvokeCommandInput, source?: RecursionSource) => Promise<InvokeCommandOutput>;

/** The Invoke action: validation, then DryRun, an async enqueue, or a synchronous invocation awaited on virtual time. */
export function invokeAction(host: ServiceHost, invoker: Invoker, asyncInvoker: AsyncInvoker): InvokeAction {
  const { ctx, find, routing } = host;
  return async function invoke(input: InvokeCommandInput, source: RecursionSource = "lambda"): Promise<InvokeCommandOutput> {
    const type = input.InvocationType ?? "RequestResponse";
    if (type !== "RequestResponse" && type !== "Event" && type !== "DryRun") {
      throw errors.ValidationException(
        `1 validation error detected: Value '${String(type)}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
      );
    }
    const { fn, qualifier } = find(input.FunctionName, input.Qualifier, true);
    const read = payloadText(input.Payload, type === "Event" ? LIMITS.asyncPayloadBytes : LIMITS.syncPayloadBytes);
    const { text, bytes } = read instanceof Promise ? await read : read;
    checkPayloadSize(bytes, type);
    const event = parsePayload(text);
    const clientContext = decodeClientContext(input.ClientContext);
    let target = fn.resolve(qualifier, routing);
    if (fn.readyAt > ctx.clock.now()) target = duringTransition(fn, target);
    if (type === "DryRun") return { StatusCode: 204 };
    if (type === "Event") {
      asyncInvoker.enqueue(fn, qualifier, event, text === "" ? "{}" : text, ctx.ids.uuid("lambda.requests"), currentLineage(), source);
      return { StatusCode: 202 };
    }
    // A function invoking itself synchronously recurses through promises alone: count it as scheduler work.
    const step = ctx.scheduler.step(`lambda:${fn.name} invoke`);
    if (step !== undefined) await step;
    const reason = invoker.throttle(fn, "RequestResponse");
    if (reason !== undefined) throw errors.TooManyRequestsException("Rate Exceeded.", { Reason: reason });
    const lineage = enterChain(ctx, fn, currentLineage(), source);
    if (lineage === undefined) throw errors.RecursiveInvocationException(RECURSION_MESSAGE);
    const outcome = invoker.start({ fn, target, event, requestId: ctx.ids.uuid("lambda.requests"), invocationType: "RequestResponse", clientContext, lineage });
    return toOutput(await ctx.scheduler.waitFor(outcome), input.LogType === "Tail");
  };
}

/**
 * A create still running refuses the invocation; an update still running leaves $LATEST's invocations on the code and
 * configuration before it ("Lambda function states": invocations keep using the previous version during an update).
 */
function duringTransition(fn: LambdaFunction, target: ResolvedTarget): ResolvedTarget {
  if (fn.transition === "create") throw pendingConflict();
  return target.version === fn.latest && fn.previous !== undefined ? { ...target, version: fn.previous } : target;
}

/** The function as other services reach it through the registry (SNS subscriptions, destinations, Pipes…). */
export function functionPort(fn: LambdaFunction, invoke: InvokeAction): FunctionPort {
  return {
    kind: "function",
    arn: fn.arn,
    async invoke(input: FunctionInvokeInput, caller?: PortCaller): Promise<FunctionInvokeOutput> {
      const source: RecursionSource = caller?.principal === "sns.amazonaws.com" ? "sns" : "lambda";
      const out = await invoke({
        FunctionName: fn.arn,
        ...(input.Payload === undefined ? {} : { Payload: input.Payload }),
        ...(input.InvocationType === undefined ? {} : { InvocationType: input.InvocationType }),
        ...(input.Qualifier === undefined ? {} : { Qualifier: input.Qualifier }),
        ...(input.ClientContext === undefined ? {} : { ClientContext: input.ClientContext }),
      }, source);
      return out;
    },
  };
}

/** How event source mappings find a function and run one batch on it. */
export function mappingHost(host: ServiceHost, invoker: Invoker): MappingHost {
  const { ctx, find, routing } = host;
  return {
    resolveFunction(text) {
      const { fn, qualifier } = find(text);
      return { fn, qualifier };
    },
    async invokeBatch(fn, qualifier, event, lineages) {
      // A mapping whose function feeds its own queue loops through promises alone: count it as scheduler work.
      const step = ctx.scheduler.step(`lambda:${fn.name} event source batch`);
      if (step !== undefined) await step;
      if (fn.deleted) return { kind: "throttled" };
      if (invoker.throttle(fn, "RequestResponse") !== undefined) return { kind: "throttled" };
      const target = fn.resolve(qualifier, routing);
      const lineage = enterChain(ctx, fn, mergeLineages(lineages), "sqs");
      if (lineage === undefined) return { kind: "recursion-stopped" };
      const outcome = await invoker.start({ fn, target, event, requestId: ctx.ids.uuid("lambda.requests"), invocationType: "RequestResponse", clientContext: undefined, lineage });
      return { kind: "completed", outcome };
    },
  };
}

function toOutput(outcome: InvocationOutcome, tail: boolean): InvokeCommandOutput {
  return {
    StatusCode: 200,
    ...(outcome.functionError === undefined ? {} : { FunctionError: outcome.functionError }),
    ...(tail ? { LogResult: logTail(outcome.log.lines()) } : {}),
    Payload: InvokePayload.fromText(outcome.payload),
    ExecutedVersion: outcome.executedVersion,
  };
}

/** The last 4 KB of the invocation's log, base64, as LogType Tail returns it. */
function logTail(lines: string[]): string {
  const bytes = Buffer.from(`${lines.join("\n")}\n`, "utf8");
  return bytes.subarray(Math.max(0, bytes.length - LIMITS.logTailBytes)).toString("base64");
}

function decodeClientContext(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const decoded = Buffer.from(text, "base64").toString("utf8");
  if (Buffer.byteLength(decoded) > 3583) throw errors.InvalidRequestContentException("Client context must be 3583 bytes or less.");
  try {
    return JSON.parse(decoded) as unknown;
  } catch {
    throw errors.InvalidRequestContentException("Client context must be a valid Base64-encoded JSON object.");
  }
}
