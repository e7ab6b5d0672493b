import { defineErrors } from "@simcloud/core";

/**
 * SQS's error catalogue. `queryCode` is the legacy awsQuery code that the JSON protocol still sends in the
 * `x-amzn-query-error` header (the SQS model's `awsQueryError` trait); where it is absent it equals `code`.
 * Statuses follow the SQS API Reference ("Common Errors" and each action's Errors section).
 */
export const errors = defineErrors({
  QueueDoesNotExist: { queryCode: "AWS.SimpleQueueService.NonExistentQueue" },
  QueueNameExists: { queryCode: "QueueAlreadyExists" },
  QueueDeletedRecently: { queryCode: "AWS.SimpleQueueService.QueueDeletedRecently" },
  PurgeQueueInProgress: { statusCode: 403, queryCode: "AWS.SimpleQueueService.PurgeQueueInProgress" },
  ReceiptHandleIsInvalid: { statusCode: 404 },
  MessageNotInflight: { queryCode: "AWS.SimpleQueueService.MessageNotInflight" },
  InvalidIdFormat: {},
  TooManyEntriesInBatchRequest: { queryCode: "AWS.SimpleQueueService.TooManyEntriesInBatchRequest" },
  EmptyBatchRequest: { queryCode: "AWS.SimpleQueueService.EmptyBatchRequest" },
  BatchEntryIdsNotDistinct: { queryCode: "AWS.SimpleQueueService.BatchEntryIdsNotDistinct" },
  BatchRequestTooLong: { queryCode: "AWS.SimpleQueueService.BatchRequestTooLong" },
  InvalidBatchEntryId: { queryCode: "AWS.SimpleQueueService.InvalidBatchEntryId" },
  InvalidAttributeName: {},
  InvalidAttributeValue: {},
  InvalidMessageContents: {},
  InvalidAddress: { queryCode: "InvalidAddress" },
  OverLimit: { statusCode: 403 },
  UnsupportedOperation: { statusCode: 403, queryCode: "AWS.SimpleQueueService.UnsupportedOperation" },
  ResourceNotFoundException: { statusCode: 404, queryCode: "ResourceNotFoundException" },
  // Common Errors (SQS API Reference). Over the JSON protocol AWS sends them as these `__type`s, the awsQuery code
  // (the SDK's `err.name` and `err.Code`) in x-amzn-query-error: recorded QueryErrorCode in AWS's answers (2024).
  InvalidParameterValue: { jsonType: "InvalidParameterValueException" },
  MissingParameter: { jsonType: "MissingRequiredParameterException" },
  InvalidParameterCombination: {},
});

export type SqsErrorCode = keyof typeof errors;
