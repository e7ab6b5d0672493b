/**
 * SNS over AWS Query (`@aws-sdk/client-sns`: AwsQueryProtocol, version 2010-03-31). Declared here only what a form
 * or a JS value cannot say by itself: maps (message attributes name their parts Name/Value), lists that may be
 * sent empty, booleans, numbers and blobs.
 */
import { blob, boolean, list, map, number, structure } from "../shapes";
import type { QueryRoutes } from "./types";

const attributes = structure({ Attributes: map() });
const messageAttributes = map(structure({ BinaryValue: blob }), { key: "Name", value: "Value" });
const tags = list(structure());

export const snsRoutes: QueryRoutes = {
  service: "sns",
  protocol: "query",
  version: "2010-03-31",
  xmlns: "http://sns.amazonaws.com/doc/2010-03-31/",
  internalError: { code: "InternalError", statusCode: 500, queryCode: "InternalError" },
  operations: {
    AddPermission: { input: structure({ AWSAccountId: list(), ActionName: list() }) },
    CheckIfPhoneNumberIsOptedOut: {},
    ConfirmSubscription: {},
    CreatePlatformApplication: { input: attributes },
    CreatePlatformEndpoint: { input: attributes },
    CreateSMSSandboxPhoneNumber: {},
    CreateTopic: { input: structure({ Attributes: map(), Tags: tags }) },
    DeleteEndpoint: {},
    DeletePlatformApplication: {},
    DeleteSMSSandboxPhoneNumber: {},
    DeleteTopic: {},
    GetDataProtectionPolicy: {},
    GetEndpointAttributes: { output: attributes },
    GetPlatformApplicationAttributes: { output: attributes },
    GetSMSAttributes: { input: structure({ attributes: list() }), output: structure({ attributes: map() }) },
    GetSMSSandboxAccountStatus: {},
    GetSubscriptionAttributes: { output: attributes },
    GetTopicAttributes: { output: attributes },
    ListEndpointsByPlatformApplication: { output: structure({ Endpoints: list(attributes) }) },
    ListOriginationNumbers: { input: structure({ MaxResults: number }) },
    ListPhoneNumbersOptedOut: {},
    ListPlatformApplications: { output: structure({ PlatformApplications: list(attributes) }) },
    ListSMSSandboxPhoneNumbers: { input: structure({ MaxResults: number }) },
    ListSubscriptions: {},
    ListSubscriptionsByTopic: {},
    ListTagsForResource: {},
    ListTopics: {},
    OptInPhoneNumber: {},
    Publish: { input: structure({ MessageAttributes: messageAttributes }) },
    PublishBatch: { input: structure({ PublishBatchRequestEntries: list(structure({ MessageAttributes: messageAttributes })) }) },
    PutDataProtectionPolicy: {},
    RemovePermission: {},
    SetEndpointAttributes: { input: attributes },
    SetPlatformApplicationAttributes: { input: attributes },
    SetSMSAttributes: { input: structure({ attributes: map() }) },
    SetSubscriptionAttributes: {},
    SetTopicAttributes: {},
    Subscribe: { input: structure({ Attributes: map(), ReturnSubscriptionArn: boolean }) },
    TagResource: { input: structure({ Tags: tags }) },
    Unsubscribe: {},
    UntagResource: { input: structure({ TagKeys: list() }) },
    VerifySMSSandboxPhoneNumber: {},
  },
};
