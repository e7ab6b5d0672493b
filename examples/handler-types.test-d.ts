/**
 * Handlers written for AWS (typed with @types/aws-lambda, wrapped by middy) go into createFunction as they are:
 * no cast, no adapter. Checked by vitest's typecheck (tsc); a broken assignment fails `pnpm test`.
 */
import middy from "@middy/core";
import type { Context, Handler, SQSBatchResponse, SQSEvent, SQSHandler } from "aws-lambda";
import { type Cloud, type LambdaContext } from "simcloud";
import { describe, expectTypeOf, it } from "vitest";

type CreateFunctionInput = Parameters<Cloud["lambda"]["createFunction"]>[0];
type HandlerOption = NonNullable<CreateFunctionInput["handler"]>;
type InitOption = NonNullable<CreateFunctionInput["init"]>;

declare const sqsHandler: SQSHandler;
declare const genericHandler: Handler<SQSEvent, SQSBatchResponse>;
declare const contextHandler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

describe("handler types from @types/aws-lambda and middy", () => {
  it("LambdaContext is assignable to aws-lambda's Context", () => {
    expectTypeOf<LambdaContext>().toExtend<Context>();
  });

  it("SQSHandler, Handler<SQSEvent> and a (event, context: Context) function are handlers", () => {
    expectTypeOf(sqsHandler).toExtend<HandlerOption>();
    expectTypeOf(genericHandler).toExtend<HandlerOption>();
    expectTypeOf(contextHandler).toExtend<HandlerOption>();
    expectTypeOf({ FunctionName: "f", handler: sqsHandler }).toExtend<CreateFunctionInput>();
    expectTypeOf({ FunctionName: "f", handler: genericHandler }).toExtend<CreateFunctionInput>();
  });

  it("a middy-wrapped handler is a handler, and an init factory may return one", () => {
    const wrapped = middy<SQSEvent, SQSBatchResponse>().handler(async (event) => ({ batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })) }));
    expectTypeOf(wrapped).toExtend<HandlerOption>();
    expectTypeOf(middy(contextHandler)).toExtend<HandlerOption>();
    expectTypeOf(() => sqsHandler).toExtend<InitOption>();
    expectTypeOf(async () => middy(contextHandler)).toExtend<InitOption>();
  });

  it("what is not a handler is refused (the option is not any)", () => {
    expectTypeOf<number>().not.toExtend<HandlerOption>();
    expectTypeOf<(event: SQSEvent, context: { tenant: string }) => void>().not.toExtend<HandlerOption>();
    expectTypeOf<() => number>().not.toExtend<InitOption>();
  });
});
