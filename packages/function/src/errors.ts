import { defineErrors } from "@simcloud/core";

/**
 * Lambda's error catalogue (API Reference, "Common Errors" and each action's Errors section). Lambda speaks
 * rest-json: the code travels in `x-amzn-errortype`, the status is the modelled one.
 */
export const errors = defineErrors({
  ResourceNotFoundException: { statusCode: 404 },
  ResourceConflictException: { statusCode: 409 },
  ResourceInUseException: { statusCode: 400 },
  InvalidParameterValueException: { statusCode: 400 },
  InvalidRequestContentException: { statusCode: 400 },
  ValidationException: { statusCode: 400 },
  TooManyRequestsException: { statusCode: 429 },
  RequestTooLargeException: { statusCode: 413 },
  PreconditionFailedException: { statusCode: 412 },
  ProvisionedConcurrencyConfigNotFoundException: { statusCode: 404 },
  ServiceException: { statusCode: 500 },
  RecursiveInvocationException: { statusCode: 400 },
});

export type LambdaErrorCode = keyof typeof errors;
