import { defineErrors } from "@simcloud/core";

/**
 * Kinesis's error catalogue, keyed by the SDK exception name. Kinesis speaks AWS JSON 1.1: every modelled error
 * is a 400 with `__type` set to the name (Kinesis API Reference, "Common Errors" and each action's Errors list).
 */
export const errors = defineErrors({
  AccessDeniedException: { statusCode: 400 },
  ExpiredIteratorException: { statusCode: 400 },
  ExpiredNextTokenException: { statusCode: 400 },
  InvalidArgumentException: { statusCode: 400 },
  KMSInvalidStateException: { statusCode: 400 },
  LimitExceededException: { statusCode: 400 },
  ProvisionedThroughputExceededException: { statusCode: 400 },
  ResourceInUseException: { statusCode: 400 },
  ResourceNotFoundException: { statusCode: 400 },
  ValidationException: { statusCode: 400 },
});

export type KinesisErrorCode = keyof typeof errors;
