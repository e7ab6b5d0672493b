import { defineErrors } from "@simcloud/core";

/**
 * Step Functions' error catalogue (API Reference, each action's Errors section). Step Functions speaks AWS JSON 1.0:
 * every modelled error is a 400 with the code in `__type`.
 */
export const errors = defineErrors({
  ActivityAlreadyExists: {},
  ActivityDoesNotExist: {},
  ActivityLimitExceeded: {},
  ActivityWorkerLimitExceeded: {},
  ConflictException: {},
  ExecutionAlreadyExists: {},
  ExecutionDoesNotExist: {},
  ExecutionLimitExceeded: {},
  ExecutionNotRedrivable: {},
  InvalidArn: {},
  InvalidDefinition: {},
  InvalidExecutionInput: {},
  InvalidLoggingConfiguration: {},
  InvalidName: {},
  InvalidOutput: {},
  InvalidToken: {},
  InvalidTracingConfiguration: {},
  MissingRequiredParameter: {},
  ResourceNotFound: {},
  ServiceQuotaExceededException: {},
  StateMachineAlreadyExists: {},
  StateMachineDeleting: {},
  StateMachineDoesNotExist: {},
  StateMachineLimitExceeded: {},
  StateMachineTypeNotSupported: {},
  TaskDoesNotExist: {},
  TaskTimedOut: {},
  TooManyTags: {},
  ValidationException: {},
});

export type SfnErrorCode = keyof typeof errors;
