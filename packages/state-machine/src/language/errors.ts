/**
 * A Step Functions runtime error: `error` is the ASL error name ("States.Runtime",
 * "States.QueryEvaluationError", a Fail state's Error, a task's error type) that Retry and
 * Catch match on; `cause` the text AWS records in the failure event.
 */
export class StatesError extends Error {
  readonly error: string;
  override readonly cause: string;

  /** For States.QueryEvaluationError: the field that failed ("Output/result"), for EvaluationFailed events. */
  readonly location?: string;

  constructor(error: string, cause: string, location?: string) {
    super(`${error}: ${cause}`);
    this.name = "StatesError";
    this.error = error;
    this.cause = cause;
    if (location !== undefined) this.location = location;
  }
}

/**
 * A missed heartbeat. AWS reports it as `States.Timeout` (recorded: test_heartbeats), while Retry and Catch can single it
 * out as `States.HeartbeatTimeout` ("only available inside the Catch and Retry fields", guide: Error names).
 */
export class HeartbeatTimeout extends StatesError {
  constructor() {
    super("States.Timeout", "");
  }
}

/** The name Retry and Catch match `error` under. */
export function matchName(error: StatesError): string {
  return error instanceof HeartbeatTimeout ? "States.HeartbeatTimeout" : error.error;
}

/** Where a runtime error happened; AWS prefixes most runtime causes with it. */
export interface ErrorSite {
  stateName: string;
  enteredEventId: number;
}

/** `An error occurred while executing the state 'W' (entered at the event id #2). <detail>` — AWS's States.Runtime cause prefix. */
export function runtimeError(site: ErrorSite, detail: string, error = "States.Runtime", location?: string): StatesError {
  return new StatesError(
    error,
    `An error occurred while executing the state '${site.stateName}' (entered at the event id #${site.enteredEventId}). ${detail}`,
    location,
  );
}
