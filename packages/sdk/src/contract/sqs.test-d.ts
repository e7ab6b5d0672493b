/**
 * Type contract for SQS: for every simulated action, the SDK's `<Op>CommandInput` passes straight into the native
 * method, and the native output fits `<Op>CommandOutput` without `$metadata`. Run by vitest's typecheck (tsc).
 */
/*
 * Known gaps: none. A gap would be marked `@ts-expect-error <REASON>` on its line and its reason listed here (the
 * directive fails once the gap is closed, so the list only shrinks). Required members are `T | undefined` in
 * packages/queue/src/types.ts, as SDK v3 types them, and message attributes take core's MessageAttributeInputValue
 * (`DataType: string | undefined`); packages/queue/src/required-members.test.ts checks that each missing member is
 * AWS's error at run time.
 */
import type * as SQS from "@aws-sdk/client-sqs";
import type { QueueService } from "@simcloud/queue";
import { describe, expectTypeOf, it } from "vitest";

/** The native input; an action that takes none accepts whatever the SDK sends. */
type In<M extends keyof QueueService> = Parameters<QueueService[M]> extends [] ? unknown : Parameters<QueueService[M]>[0];
type Out<M extends keyof QueueService> = Awaited<ReturnType<QueueService[M]>>;
type Sent<O> = Omit<O, "$metadata">;
/** Simulator-only helpers, not AWS actions. */
type SimulatorOnly = "setChaos";

describe("SQS SDK contract", () => {
  it("AddPermission", () => {
    expectTypeOf<SQS.AddPermissionCommandInput>().toExtend<In<"addPermission">>();
    expectTypeOf<Out<"addPermission">>().toExtend<Sent<SQS.AddPermissionCommandOutput>>();
  });
  it("CancelMessageMoveTask", () => {
    expectTypeOf<SQS.CancelMessageMoveTaskCommandInput>().toExtend<In<"cancelMessageMoveTask">>();
    expectTypeOf<Out<"cancelMessageMoveTask">>().toExtend<Sent<SQS.CancelMessageMoveTaskCommandOutput>>();
  });
  it("ChangeMessageVisibility", () => {
    expectTypeOf<SQS.ChangeMessageVisibilityCommandInput>().toExtend<In<"changeMessageVisibility">>();
    expectTypeOf<Out<"changeMessageVisibility">>().toExtend<Sent<SQS.ChangeMessageVisibilityCommandOutput>>();
  });
  it("ChangeMessageVisibilityBatch", () => {
    expectTypeOf<SQS.ChangeMessageVisibilityBatchCommandInput>().toExtend<In<"changeMessageVisibilityBatch">>();
    expectTypeOf<Out<"changeMessageVisibilityBatch">>().toExtend<Sent<SQS.ChangeMessageVisibilityBatchCommandOutput>>();
  });
  it("CreateQueue", () => {
    expectTypeOf<SQS.CreateQueueCommandInput>().toExtend<In<"createQueue">>();
    expectTypeOf<Out<"createQueue">>().toExtend<Sent<SQS.CreateQueueCommandOutput>>();
  });
  it("DeleteMessage", () => {
    expectTypeOf<SQS.DeleteMessageCommandInput>().toExtend<In<"deleteMessage">>();
    expectTypeOf<Out<"deleteMessage">>().toExtend<Sent<SQS.DeleteMessageCommandOutput>>();
  });
  it("DeleteMessageBatch", () => {
    expectTypeOf<SQS.DeleteMessageBatchCommandInput>().toExtend<In<"deleteMessageBatch">>();
    expectTypeOf<Out<"deleteMessageBatch">>().toExtend<Sent<SQS.DeleteMessageBatchCommandOutput>>();
  });
  it("DeleteQueue", () => {
    expectTypeOf<SQS.DeleteQueueCommandInput>().toExtend<In<"deleteQueue">>();
    expectTypeOf<Out<"deleteQueue">>().toExtend<Sent<SQS.DeleteQueueCommandOutput>>();
  });
  it("GetQueueAttributes", () => {
    expectTypeOf<SQS.GetQueueAttributesCommandInput>().toExtend<In<"getQueueAttributes">>();
    expectTypeOf<Out<"getQueueAttributes">>().toExtend<Sent<SQS.GetQueueAttributesCommandOutput>>();
  });
  it("GetQueueUrl", () => {
    expectTypeOf<SQS.GetQueueUrlCommandInput>().toExtend<In<"getQueueUrl">>();
    expectTypeOf<Out<"getQueueUrl">>().toExtend<Sent<SQS.GetQueueUrlCommandOutput>>();
  });
  it("ListDeadLetterSourceQueues", () => {
    expectTypeOf<SQS.ListDeadLetterSourceQueuesCommandInput>().toExtend<In<"listDeadLetterSourceQueues">>();
    expectTypeOf<Out<"listDeadLetterSourceQueues">>().toExtend<Sent<SQS.ListDeadLetterSourceQueuesCommandOutput>>();
  });
  it("ListMessageMoveTasks", () => {
    expectTypeOf<SQS.ListMessageMoveTasksCommandInput>().toExtend<In<"listMessageMoveTasks">>();
    expectTypeOf<Out<"listMessageMoveTasks">>().toExtend<Sent<SQS.ListMessageMoveTasksCommandOutput>>();
  });
  it("ListQueues", () => {
    expectTypeOf<SQS.ListQueuesCommandInput>().toExtend<In<"listQueues">>();
    expectTypeOf<Out<"listQueues">>().toExtend<Sent<SQS.ListQueuesCommandOutput>>();
  });
  it("ListQueueTags", () => {
    expectTypeOf<SQS.ListQueueTagsCommandInput>().toExtend<In<"listQueueTags">>();
    expectTypeOf<Out<"listQueueTags">>().toExtend<Sent<SQS.ListQueueTagsCommandOutput>>();
  });
  it("PurgeQueue", () => {
    expectTypeOf<SQS.PurgeQueueCommandInput>().toExtend<In<"purgeQueue">>();
    expectTypeOf<Out<"purgeQueue">>().toExtend<Sent<SQS.PurgeQueueCommandOutput>>();
  });
  it("ReceiveMessage", () => {
    expectTypeOf<SQS.ReceiveMessageCommandInput>().toExtend<In<"receiveMessage">>();
    expectTypeOf<Out<"receiveMessage">>().toExtend<Sent<SQS.ReceiveMessageCommandOutput>>();
  });
  it("RemovePermission", () => {
    expectTypeOf<SQS.RemovePermissionCommandInput>().toExtend<In<"removePermission">>();
    expectTypeOf<Out<"removePermission">>().toExtend<Sent<SQS.RemovePermissionCommandOutput>>();
  });
  it("SendMessage", () => {
    expectTypeOf<SQS.SendMessageCommandInput>().toExtend<In<"sendMessage">>();
    expectTypeOf<Out<"sendMessage">>().toExtend<Sent<SQS.SendMessageCommandOutput>>();
  });
  it("SendMessageBatch", () => {
    expectTypeOf<SQS.SendMessageBatchCommandInput>().toExtend<In<"sendMessageBatch">>();
    expectTypeOf<Out<"sendMessageBatch">>().toExtend<Sent<SQS.SendMessageBatchCommandOutput>>();
  });
  it("SetQueueAttributes", () => {
    expectTypeOf<SQS.SetQueueAttributesCommandInput>().toExtend<In<"setQueueAttributes">>();
    expectTypeOf<Out<"setQueueAttributes">>().toExtend<Sent<SQS.SetQueueAttributesCommandOutput>>();
  });
  it("StartMessageMoveTask", () => {
    expectTypeOf<SQS.StartMessageMoveTaskCommandInput>().toExtend<In<"startMessageMoveTask">>();
    expectTypeOf<Out<"startMessageMoveTask">>().toExtend<Sent<SQS.StartMessageMoveTaskCommandOutput>>();
  });
  it("TagQueue", () => {
    expectTypeOf<SQS.TagQueueCommandInput>().toExtend<In<"tagQueue">>();
    expectTypeOf<Out<"tagQueue">>().toExtend<Sent<SQS.TagQueueCommandOutput>>();
  });
  it("UntagQueue", () => {
    expectTypeOf<SQS.UntagQueueCommandInput>().toExtend<In<"untagQueue">>();
    expectTypeOf<Out<"untagQueue">>().toExtend<Sent<SQS.UntagQueueCommandOutput>>();
  });
});

/** Every AWS action of the service has a case above: a new method without one fails to compile here. */
export const covered = { addPermission: true, cancelMessageMoveTask: true, changeMessageVisibility: true, changeMessageVisibilityBatch: true, createQueue: true, deleteMessage: true, deleteMessageBatch: true, deleteQueue: true, getQueueAttributes: true, getQueueUrl: true, listDeadLetterSourceQueues: true, listMessageMoveTasks: true, listQueues: true, listQueueTags: true, purgeQueue: true, receiveMessage: true, removePermission: true, sendMessage: true, sendMessageBatch: true, setQueueAttributes: true, startMessageMoveTask: true, tagQueue: true, untagQueue: true } as const satisfies Record<Exclude<keyof QueueService, SimulatorOnly>, true>;
