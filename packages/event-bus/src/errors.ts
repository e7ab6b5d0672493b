import { defineErrors } from "@simcloud/core";

/**
 * EventBridge's error catalogue (AWS JSON 1.1: every modelled error is a 400). `ValidationException` is not modelled
 * by the SDK, which still names the exception after the `__type` it receives.
 */
export const errors = defineErrors({
  ConcurrentModificationException: { statusCode: 400 },
  IllegalStatusException: { statusCode: 400 },
  InternalException: { statusCode: 500 },
  InvalidEventPatternException: { statusCode: 400 },
  LimitExceededException: { statusCode: 400 },
  ManagedRuleException: { statusCode: 400 },
  ResourceAlreadyExistsException: { statusCode: 400 },
  ResourceNotFoundException: { statusCode: 400 },
  ValidationException: { statusCode: 400 },
});

export type EventBridgeErrorCode = keyof typeof errors;

/** AWS's "Parameter X is not valid. Reason: …" wording. */
export function invalidParameter(name: string, reason?: string): ReturnType<(typeof errors)["ValidationException"]> {
  return errors.ValidationException(reason === undefined ? `Parameter ${name} is not valid.` : `Parameter ${name} is not valid. Reason: ${reason}`);
}

/** The smithy "1 validation error detected: Value … at '…' failed to satisfy constraint: …" wording. */
export function constraintError(value: unknown, at: string, constraint: string): ReturnType<(typeof errors)["ValidationException"]> {
  return errors.ValidationException(`1 validation error detected: Value '${String(value)}' at '${at}' failed to satisfy constraint: ${constraint}`);
}

/** EventBridge Scheduler (REST-JSON): statuses from its model. */
export const schedulerErrors = defineErrors({
  ConflictException: { statusCode: 409 },
  InternalServerException: { statusCode: 500 },
  ResourceNotFoundException: { statusCode: 404 },
  ServiceQuotaExceededException: { statusCode: 402 },
  ValidationException: { statusCode: 400 },
});

/** EventBridge Pipes (REST-JSON): statuses from its model. */
export const pipesErrors = defineErrors({
  ConflictException: { statusCode: 409 },
  InternalException: { statusCode: 500 },
  NotFoundException: { statusCode: 404 },
  ServiceQuotaExceededException: { statusCode: 402 },
  ValidationException: { statusCode: 400 },
});
