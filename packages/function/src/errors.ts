import { defineErrors } from "@simcloud/core";

/**
 * Lambda's error catalogue (API Reference, "Common Errors" and each action's Errors section). Lambda speaks
 * rest-json: the code travels in `x-amzn-errortype`, the status is the modelled one, and the body carries
 * `Type`: "User" for the caller's faults, "Service" for Lambda's own (LocalStack's recordings of AWS). A throw
 * site passes only the other members (TooManyRequestsException's `Reason`).
 *
 * The message travels as `message` or `Message` as each exception's model names it (the SDK's Lambda model:
 * ResourceNotFoundException, ResourceInUseException, ServiceException and RecursiveInvocationException declare
 * `Message`; the others carry the lowercase `message`, as botocore's parse of AWS's answers shows).
 */
export const errors = defineErrors(
  {
    ResourceNotFoundException: { statusCode: 404 },
    ResourceConflictException: { statusCode: 409, messageKey: "message" },
    ResourceInUseException: { statusCode: 400 },
    InvalidParameterValueException: { statusCode: 400, messageKey: "message" },
    InvalidRequestContentException: { statusCode: 400, messageKey: "message" },
    // AWS's ValidationException (the model's constraints, checked before the action) has no Type member:
    // undefined keeps it off the wire.
    ValidationException: { statusCode: 400, messageKey: "message", fields: { Type: undefined } },
    TooManyRequestsException: { statusCode: 429, messageKey: "message" },
    RequestTooLargeException: { statusCode: 413, messageKey: "message" },
    PreconditionFailedException: { statusCode: 412, messageKey: "message" },
    ProvisionedConcurrencyConfigNotFoundException: { statusCode: 404, messageKey: "message" },
    ServiceException: { statusCode: 500, fields: { Type: "Service" } },
    RecursiveInvocationException: { statusCode: 400 },
  },
  { fields: { Type: "User" } },
);

export type LambdaErrorCode = keyof typeof errors;

