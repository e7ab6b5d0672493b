/**
 * Action inputs and outputs, shaped and named as in @aws-sdk/client-sns (PublishCommandInput ≙ PublishInput):
 * structurally compatible, so SDK objects pass straight in, without this package depending on the SDK.
 */
import type { MessageAttributeInputMap, MessageAttributeInputValue, MessageAttributeValue } from "@simcloud/core";

export type { MessageAttributeInputMap, MessageAttributeInputValue, MessageAttributeValue };

export interface Tag {
  Key: string | undefined;
  Value: string | undefined;
}

export interface CreateTopicInput {
  Name: string | undefined;
  Attributes?: Record<string, string> | undefined;
  Tags?: Tag[] | undefined;
  DataProtectionPolicy?: string | undefined;
}
export interface CreateTopicResponse {
  TopicArn?: string;
}

export interface DeleteTopicInput {
  TopicArn: string | undefined;
}

export interface ListTopicsInput {
  NextToken?: string | undefined;
}
export interface ListTopicsResponse {
  Topics?: { TopicArn?: string }[];
  NextToken?: string;
}

export interface GetTopicAttributesInput {
  TopicArn: string | undefined;
}
export interface GetTopicAttributesResponse {
  Attributes?: Record<string, string>;
}

export interface SetTopicAttributesInput {
  TopicArn: string | undefined;
  AttributeName: string | undefined;
  AttributeValue?: string | undefined;
}

export interface SubscribeInput {
  TopicArn: string | undefined;
  Protocol: string | undefined;
  Endpoint?: string | undefined;
  Attributes?: Record<string, string> | undefined;
  ReturnSubscriptionArn?: boolean | undefined;
}
export interface SubscribeResponse {
  SubscriptionArn?: string;
}

export interface UnsubscribeInput {
  SubscriptionArn: string | undefined;
}

export interface ConfirmSubscriptionInput {
  TopicArn: string | undefined;
  Token: string | undefined;
  AuthenticateOnUnsubscribe?: string | undefined;
}
export interface ConfirmSubscriptionResponse {
  SubscriptionArn?: string;
}

export interface SubscriptionSummary {
  SubscriptionArn?: string;
  Owner?: string;
  Protocol?: string;
  Endpoint?: string;
  TopicArn?: string;
}

export interface ListSubscriptionsInput {
  NextToken?: string | undefined;
}
export interface ListSubscriptionsByTopicInput {
  TopicArn: string | undefined;
  NextToken?: string | undefined;
}
export interface ListSubscriptionsResponse {
  Subscriptions?: SubscriptionSummary[];
  NextToken?: string;
}

export interface GetSubscriptionAttributesInput {
  SubscriptionArn: string | undefined;
}
export interface GetSubscriptionAttributesResponse {
  Attributes?: Record<string, string>;
}

export interface SetSubscriptionAttributesInput {
  SubscriptionArn: string | undefined;
  AttributeName: string | undefined;
  AttributeValue?: string | undefined;
}

export interface PublishInput {
  TopicArn?: string | undefined;
  TargetArn?: string | undefined;
  PhoneNumber?: string | undefined;
  Message: string | undefined;
  Subject?: string | undefined;
  MessageStructure?: string | undefined;
  MessageAttributes?: MessageAttributeInputMap | undefined;
  MessageDeduplicationId?: string | undefined;
  MessageGroupId?: string | undefined;
}
export interface PublishResponse {
  MessageId?: string;
  SequenceNumber?: string;
}

export interface PublishBatchRequestEntry {
  Id: string | undefined;
  Message: string | undefined;
  Subject?: string | undefined;
  MessageStructure?: string | undefined;
  MessageAttributes?: MessageAttributeInputMap | undefined;
  MessageDeduplicationId?: string | undefined;
  MessageGroupId?: string | undefined;
}
export interface PublishBatchInput {
  TopicArn: string | undefined;
  PublishBatchRequestEntries: PublishBatchRequestEntry[] | undefined;
}
export interface PublishBatchResultEntry {
  Id?: string;
  MessageId?: string;
  SequenceNumber?: string;
}
export interface BatchResultErrorEntry {
  Id: string;
  Code: string;
  Message?: string;
  SenderFault: boolean;
}
export interface PublishBatchResponse {
  Successful?: PublishBatchResultEntry[];
  Failed?: BatchResultErrorEntry[];
}

export interface TagResourceInput {
  ResourceArn: string | undefined;
  Tags: Tag[] | undefined;
}
export interface UntagResourceInput {
  ResourceArn: string | undefined;
  TagKeys: string[] | undefined;
}
export interface ListTagsForResourceInput {
  ResourceArn: string | undefined;
}
export interface ListTagsForResourceResponse {
  Tags?: Tag[];
}

/** Outputs of actions AWS answers with an empty result. */
export type EmptyResponse = Record<string, never>;
