/**
 * Type contract for SNS: for every simulated action, the SDK's `<Op>CommandInput` passes straight into the native
 * method, and the native output fits `<Op>CommandOutput` without `$metadata`. Run by vitest's typecheck (tsc).
 */
/*
 * Known gaps: none. A gap would be marked `@ts-expect-error <REASON>` on its line and its reason listed here (the
 * directive fails once the gap is closed, so the list only shrinks). Message attributes take core's
 * MessageAttributeInputValue (`DataType: string | undefined`); a missing DataType is AWS's ValidationError
 * (packages/topic/src/bad-input.test.ts).
 */
import type * as SNS from "@aws-sdk/client-sns";
import type { TopicService } from "@simcloud/topic";
import { describe, expectTypeOf, it } from "vitest";

/** The native input; an action that takes none accepts whatever the SDK sends. */
type In<M extends keyof TopicService> = Parameters<TopicService[M]> extends [] ? unknown : Parameters<TopicService[M]>[0];
type Out<M extends keyof TopicService> = Awaited<ReturnType<TopicService[M]>>;
type Sent<O> = Omit<O, "$metadata">;
/** Simulator-only helpers, not AWS actions. */
type SimulatorOnly = "registerEndpoint" | "outbox" | "clearOutbox" | "signingCertificatePem" | "openUrl" | "metrics";

describe("SNS SDK contract", () => {
  it("ConfirmSubscription", () => {
    expectTypeOf<SNS.ConfirmSubscriptionCommandInput>().toExtend<In<"confirmSubscription">>();
    expectTypeOf<Out<"confirmSubscription">>().toExtend<Sent<SNS.ConfirmSubscriptionCommandOutput>>();
  });
  it("CreateTopic", () => {
    expectTypeOf<SNS.CreateTopicCommandInput>().toExtend<In<"createTopic">>();
    expectTypeOf<Out<"createTopic">>().toExtend<Sent<SNS.CreateTopicCommandOutput>>();
  });
  it("DeleteTopic", () => {
    expectTypeOf<SNS.DeleteTopicCommandInput>().toExtend<In<"deleteTopic">>();
    expectTypeOf<Out<"deleteTopic">>().toExtend<Sent<SNS.DeleteTopicCommandOutput>>();
  });
  it("GetSubscriptionAttributes", () => {
    expectTypeOf<SNS.GetSubscriptionAttributesCommandInput>().toExtend<In<"getSubscriptionAttributes">>();
    expectTypeOf<Out<"getSubscriptionAttributes">>().toExtend<Sent<SNS.GetSubscriptionAttributesCommandOutput>>();
  });
  it("GetTopicAttributes", () => {
    expectTypeOf<SNS.GetTopicAttributesCommandInput>().toExtend<In<"getTopicAttributes">>();
    expectTypeOf<Out<"getTopicAttributes">>().toExtend<Sent<SNS.GetTopicAttributesCommandOutput>>();
  });
  it("ListSubscriptions", () => {
    expectTypeOf<SNS.ListSubscriptionsCommandInput>().toExtend<In<"listSubscriptions">>();
    expectTypeOf<Out<"listSubscriptions">>().toExtend<Sent<SNS.ListSubscriptionsCommandOutput>>();
  });
  it("ListSubscriptionsByTopic", () => {
    expectTypeOf<SNS.ListSubscriptionsByTopicCommandInput>().toExtend<In<"listSubscriptionsByTopic">>();
    expectTypeOf<Out<"listSubscriptionsByTopic">>().toExtend<Sent<SNS.ListSubscriptionsByTopicCommandOutput>>();
  });
  it("AddPermission", () => {
    expectTypeOf<SNS.AddPermissionCommandInput>().toExtend<In<"addPermission">>();
    expectTypeOf<Out<"addPermission">>().toExtend<Sent<SNS.AddPermissionCommandOutput>>();
  });
  it("RemovePermission", () => {
    expectTypeOf<SNS.RemovePermissionCommandInput>().toExtend<In<"removePermission">>();
    expectTypeOf<Out<"removePermission">>().toExtend<Sent<SNS.RemovePermissionCommandOutput>>();
  });
  it("ListTagsForResource", () => {
    expectTypeOf<SNS.ListTagsForResourceCommandInput>().toExtend<In<"listTagsForResource">>();
    expectTypeOf<Out<"listTagsForResource">>().toExtend<Sent<SNS.ListTagsForResourceCommandOutput>>();
  });
  it("ListTopics", () => {
    expectTypeOf<SNS.ListTopicsCommandInput>().toExtend<In<"listTopics">>();
    expectTypeOf<Out<"listTopics">>().toExtend<Sent<SNS.ListTopicsCommandOutput>>();
  });
  it("Publish", () => {
    expectTypeOf<SNS.PublishCommandInput>().toExtend<In<"publish">>();
    expectTypeOf<Out<"publish">>().toExtend<Sent<SNS.PublishCommandOutput>>();
  });
  it("PublishBatch", () => {
    expectTypeOf<SNS.PublishBatchCommandInput>().toExtend<In<"publishBatch">>();
    expectTypeOf<Out<"publishBatch">>().toExtend<Sent<SNS.PublishBatchCommandOutput>>();
  });
  it("SetSubscriptionAttributes", () => {
    expectTypeOf<SNS.SetSubscriptionAttributesCommandInput>().toExtend<In<"setSubscriptionAttributes">>();
    expectTypeOf<Out<"setSubscriptionAttributes">>().toExtend<Sent<SNS.SetSubscriptionAttributesCommandOutput>>();
  });
  it("SetTopicAttributes", () => {
    expectTypeOf<SNS.SetTopicAttributesCommandInput>().toExtend<In<"setTopicAttributes">>();
    expectTypeOf<Out<"setTopicAttributes">>().toExtend<Sent<SNS.SetTopicAttributesCommandOutput>>();
  });
  it("Subscribe", () => {
    expectTypeOf<SNS.SubscribeCommandInput>().toExtend<In<"subscribe">>();
    expectTypeOf<Out<"subscribe">>().toExtend<Sent<SNS.SubscribeCommandOutput>>();
  });
  it("TagResource", () => {
    expectTypeOf<SNS.TagResourceCommandInput>().toExtend<In<"tagResource">>();
    expectTypeOf<Out<"tagResource">>().toExtend<Sent<SNS.TagResourceCommandOutput>>();
  });
  it("Unsubscribe", () => {
    expectTypeOf<SNS.UnsubscribeCommandInput>().toExtend<In<"unsubscribe">>();
    expectTypeOf<Out<"unsubscribe">>().toExtend<Sent<SNS.UnsubscribeCommandOutput>>();
  });
  it("UntagResource", () => {
    expectTypeOf<SNS.UntagResourceCommandInput>().toExtend<In<"untagResource">>();
    expectTypeOf<Out<"untagResource">>().toExtend<Sent<SNS.UntagResourceCommandOutput>>();
  });
});

/** Every AWS action of the service has a case above: a new method without one fails to compile here. */
export const covered = { addPermission: true, removePermission: true, confirmSubscription: true, createTopic: true, deleteTopic: true, getSubscriptionAttributes: true, getTopicAttributes: true, listSubscriptions: true, listSubscriptionsByTopic: true, listTagsForResource: true, listTopics: true, publish: true, publishBatch: true, setSubscriptionAttributes: true, setTopicAttributes: true, subscribe: true, tagResource: true, unsubscribe: true, untagResource: true } as const satisfies Record<Exclude<keyof TopicService, SimulatorOnly>, true>;
