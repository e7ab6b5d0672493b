import { defineErrors } from "@simcloud/core";

/**
 * SNS's error catalogue, keyed like every service's by the SDK exception name (what `error.name` is with a real
 * @aws-sdk/client-sns client). SNS speaks awsQuery, whose `<Code>` is a different, shorter code (`NotFound` for
 * NotFoundException); each entry's `queryCode` is that wire code, which the SDK adapter sends.
 */
export const errors = defineErrors({
  AuthorizationErrorException: { statusCode: 403, queryCode: "AuthorizationError" },
  BatchEntryIdsNotDistinctException: { statusCode: 400, queryCode: "BatchEntryIdsNotDistinct" },
  BatchRequestTooLongException: { statusCode: 400, queryCode: "BatchRequestTooLong" },
  EmptyBatchRequestException: { statusCode: 400, queryCode: "EmptyBatchRequest" },
  InternalErrorException: { statusCode: 500, queryCode: "InternalError" },
  InvalidBatchEntryIdException: { statusCode: 400, queryCode: "InvalidBatchEntryId" },
  InvalidParameterException: { statusCode: 400, queryCode: "InvalidParameter" },
  InvalidParameterValueException: { statusCode: 400, queryCode: "ParameterValueInvalid" },
  NotFoundException: { statusCode: 404, queryCode: "NotFound" },
  ResourceNotFoundException: { statusCode: 404, queryCode: "ResourceNotFound" },
  SubscriptionLimitExceededException: { statusCode: 403, queryCode: "SubscriptionLimitExceeded" },
  TagLimitExceededException: { statusCode: 400, queryCode: "TagLimitExceeded" },
  TagPolicyException: { statusCode: 400, queryCode: "TagPolicy" },
  TooManyEntriesInBatchRequestException: { statusCode: 400, queryCode: "TooManyEntriesInBatchRequest" },
  TopicLimitExceededException: { statusCode: 403, queryCode: "TopicLimitExceeded" },
  /** Model validation (a null required member): unmodeled in the SDK, whose exception is then named by the code. */
  ValidationError: { statusCode: 400, queryCode: "ValidationError" },
});

export type SnsErrorCode = keyof typeof errors;

/** Shorthand for AWS's usual "Invalid parameter: <what>" wording. */
export function invalidParameter(what: string): ReturnType<(typeof errors)["InvalidParameterException"]> {
  return errors.InvalidParameterException(`Invalid parameter: ${what}`);
}
