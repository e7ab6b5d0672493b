/**
 * The umbrella's type exports: each service's types under its own name, so like-named shapes of two services stay
 * apart, next to the flat exports existing code imports. A collision between two flat `export type *` lines is a
 * compile error (TS2308) of index.ts itself.
 */
import { describe, expectTypeOf, it } from "vitest";
import {
  eventBridgeErrors,
  kinesisErrors,
  lambdaErrors,
  sfnErrors,
  snsErrors,
  sqsErrors,
  type EventBridge,
  type InvokeCommandInput,
  type Kinesis,
  type Lambda,
  type PublishInput,
  type SendMessageInput,
  type SFN,
  type SNS,
  type SQS,
  type StartExecutionOutput,
  type TagResourceInput,
} from "simcloud";

describe("namespaced service types", () => {
  it("are the flat types where a flat export exists", () => {
    expectTypeOf<SQS.SendMessageInput>().toEqualTypeOf<SendMessageInput>();
    expectTypeOf<SNS.PublishInput>().toEqualTypeOf<PublishInput>();
    expectTypeOf<Lambda.InvokeCommandInput>().toEqualTypeOf<InvokeCommandInput>();
    expectTypeOf<SFN.StartExecutionOutput>().toEqualTypeOf<StartExecutionOutput>();
    expectTypeOf<Kinesis.TagResourceInput>().toEqualTypeOf<TagResourceInput>();
  });

  it("keep like-named shapes of different services apart", () => {
    // Three services call their TagResource input TagResourceInput, each with its own members.
    expectTypeOf<SNS.TagResourceInput["Tags"]>().toEqualTypeOf<SNS.Tag[] | undefined>();
    expectTypeOf<Kinesis.TagResourceInput["Tags"]>().toEqualTypeOf<Record<string, string> | undefined>();
    expectTypeOf<EventBridge.TagResourceInput>().toHaveProperty("ResourceARN");
    expectTypeOf<SNS.TagResourceInput>().toHaveProperty("ResourceArn");
  });

  it("reach types the flat exports leave out, Scheduler and Pipes included", () => {
    expectTypeOf<SQS.QueueService["sendMessage"]>().parameter(0).toEqualTypeOf<SQS.SendMessageInput>();
    expectTypeOf<Lambda.InvokePayload["transformToString"]>().returns.toBeString();
    expectTypeOf<EventBridge.SchedulerService>().toHaveProperty("createSchedule");
    expectTypeOf<EventBridge.PipesService>().toHaveProperty("createPipe");
    expectTypeOf<SFN.StateMachineService>().toHaveProperty("startExecution");
  });
});

describe("error catalogues", () => {
  it("are named after the service's SDK client", () => {
    expectTypeOf(sqsErrors.QueueDoesNotExist).toBeFunction();
    expectTypeOf(snsErrors.NotFoundException).toBeFunction();
    expectTypeOf(lambdaErrors.ResourceNotFoundException).toBeFunction();
    expectTypeOf(sfnErrors.StateMachineDoesNotExist).toBeFunction();
    expectTypeOf(kinesisErrors.ResourceNotFoundException).toBeFunction();
    expectTypeOf(eventBridgeErrors.ResourceNotFoundException).toBeFunction();
  });
});
