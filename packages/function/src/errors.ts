import { defineErrors } from "@simcloud/core";

/**
 * Lambda's error catalogue (API Reference, "Common Errors" and each action's Errors section). Lambda speaks
 * rest-json: the code travels in `x-amzn-errortype`, the status is the modelled one, and the body carries
 * `Type`: "User" for the caller's faults, "Service" for Lambda's own (LocalStack's recordings of AWS). A throw
 * site passes only the other members (TooManyRequestsException's `Reason`).
 */
export const errors = defineErrors(
  {
    ResourceNotFoundException: { statusCode: 404 },
    ResourceConflictException: { statusCode: 409 },
    ResourceInUseException: { statusCode: 400 },
    InvalidParameterValueException: { statusCode: 400 },
    InvalidRequestContentException: { statusCode: 400 },
    // AWS's ValidationException (the model's constraints, checked before the action) has no Type member:
    // undefined keeps it off the wire.
    ValidationException: { statusCode: 400, fields: { Type: undefined } },
    TooManyRequestsException: { statusCode: 429 },
    RequestTooLargeException: { statusCode: 413 },
    PreconditionFailedException: { statusCode: 412 },
    ProvisionedConcurrencyConfigNotFoundException: { statusCode: 404 },
    ServiceException: { statusCode: 500, fields: { Type: "Service" } },
    RecursiveInvocationException: { statusCode: 400 },
  },
  { fields: { Type: "User" } },
);

export type LambdaErrorCode = keyof typeof errors;

