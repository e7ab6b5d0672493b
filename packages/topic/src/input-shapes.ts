import type { Shape, StructShape } from "@simcloud/core";

/** Member types of every SNS action's input (the SNS API Reference's request shapes). */
const stringMap: Shape = { map: "string" };
const tags: Shape = { list: { struct: { Key: "string", Value: "string" } } };
const attributeMap: Shape = { map: { struct: { DataType: "string", StringValue: "string", BinaryValue: "blob" } } };
const messageFields = {
  Message: "string",
  Subject: "string",
  MessageStructure: "string",
  MessageAttributes: attributeMap,
  MessageDeduplicationId: "string",
  MessageGroupId: "string",
} as const;

/** Checked against the service's actions where it is used, so this module imports nothing of the service. */
export const SNS_INPUTS = {
  createTopic: { struct: { Name: "string", Attributes: stringMap, Tags: tags, DataProtectionPolicy: "string" } },
  deleteTopic: { struct: { TopicArn: "string" } },
  listTopics: { struct: { NextToken: "string" } },
  getTopicAttributes: { struct: { TopicArn: "string" } },
  setTopicAttributes: { struct: { TopicArn: "string", AttributeName: "string", AttributeValue: "string" } },
  subscribe: { struct: { TopicArn: "string", Protocol: "string", Endpoint: "string", Attributes: stringMap, ReturnSubscriptionArn: "boolean" } },
  unsubscribe: { struct: { SubscriptionArn: "string" } },
  confirmSubscription: { struct: { TopicArn: "string", Token: "string", AuthenticateOnUnsubscribe: "string" } },
  listSubscriptions: { struct: { NextToken: "string" } },
  listSubscriptionsByTopic: { struct: { TopicArn: "string", NextToken: "string" } },
  getSubscriptionAttributes: { struct: { SubscriptionArn: "string" } },
  setSubscriptionAttributes: { struct: { SubscriptionArn: "string", AttributeName: "string", AttributeValue: "string" } },
  publish: { struct: { TopicArn: "string", TargetArn: "string", PhoneNumber: "string", ...messageFields } },
  publishBatch: { struct: { TopicArn: "string", PublishBatchRequestEntries: { list: { struct: { Id: "string", ...messageFields } } } } },
  tagResource: { struct: { ResourceArn: "string", Tags: tags } },
  untagResource: { struct: { ResourceArn: "string", TagKeys: { list: "string" } } },
  listTagsForResource: { struct: { ResourceArn: "string" } },
  addPermission: { struct: { TopicArn: "string", Label: "string", AWSAccountId: { list: "string" }, ActionName: { list: "string" } } },
  removePermission: { struct: { TopicArn: "string", Label: "string" } },
} satisfies Readonly<Record<string, StructShape>>;
