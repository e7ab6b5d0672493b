import { defineErrors } from "@simcloud/core";

/**
 * SNS speaks the awsQuery protocol: the wire carries `<Code>NotFound</Code>` and the SDK maps that query code
 * to its exception class (NotFound → NotFoundException). So each AwsError's `code` (and `queryCode`) is the
 * query code the SDK matches; `SNS_EXCEPTION_NAMES` gives the SDK class name a test sees with a real client.
 */
export const errors = defineErrors({
  AuthorizationError: { statusCode: 403, queryCode: "AuthorizationError" },
  BatchEntryIdsNotDistinct: { statusCode: 400, queryCode: "BatchEntryIdsNotDistinct" },
  BatchRequestTooLong: { statusCode: 400, queryCode: "BatchRequestTooLong" },
  EmptyBatchRequest: { statusCode: 400, queryCode: "EmptyBatchRequest" },
  InternalError: { statusCode: 500, queryCode: "InternalError" },
  InvalidBatchEntryId: { statusCode: 400, queryCode: "InvalidBatchEntryId" },
  InvalidParameter: { statusCode: 400, queryCode: "InvalidParameter" },
  /** The SDK's InvalidParameterValueException; its query code is ParameterValueInvalid. */
  ParameterValueInvalid: { statusCode: 400, queryCode: "ParameterValueInvalid" },
  NotFound: { statusCode: 404, queryCode: "NotFound" },
  ResourceNotFound: { statusCode: 404, queryCode: "ResourceNotFound" },
  SubscriptionLimitExceeded: { statusCode: 403, queryCode: "SubscriptionLimitExceeded" },
  TagLimitExceeded: { statusCode: 400, queryCode: "TagLimitExceeded" },
  TagPolicy: { statusCode: 400, queryCode: "TagPolicy" },
  TooManyEntriesInBatchRequest: { statusCode: 400, queryCode: "TooManyEntriesInBatchRequest" },
  TopicLimitExceeded: { statusCode: 403, queryCode: "TopicLimitExceeded" },
});

export type SnsErrorCode = keyof typeof errors;

/** Query code → the exception class name in @aws-sdk/client-sns. */
export const SNS_EXCEPTION_NAMES: Readonly<Record<SnsErrorCode, string>> = {
  AuthorizationError: "AuthorizationErrorException",
  BatchEntryIdsNotDistinct: "BatchEntryIdsNotDistinctException",
  BatchRequestTooLong: "BatchRequestTooLongException",
  EmptyBatchRequest: "EmptyBatchRequestException",
  InternalError: "InternalErrorException",
  InvalidBatchEntryId: "InvalidBatchEntryIdException",
  InvalidParameter: "InvalidParameterException",
  ParameterValueInvalid: "InvalidParameterValueException",
  NotFound: "NotFoundException",
  ResourceNotFound: "ResourceNotFoundException",
  SubscriptionLimitExceeded: "SubscriptionLimitExceededException",
  TagLimitExceeded: "TagLimitExceededException",
  TagPolicy: "TagPolicyException",
  TooManyEntriesInBatchRequest: "TooManyEntriesInBatchRequestException",
  TopicLimitExceeded: "TopicLimitExceededException",
};

/** Shorthand for AWS's usual "Invalid parameter: <what>" wording. */
export function invalidParameter(what: string): ReturnType<(typeof errors)["InvalidParameter"]> {
  return errors.InvalidParameter(`Invalid parameter: ${what}`);
}
