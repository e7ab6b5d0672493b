declare module "@simcloud/core" {
  interface TraceEventMap {
    "lambda.function.created": { functionName: string; functionArn: string };
    "lambda.function.deleted": { functionName: string; functionArn: string };
    "lambda.version.published": { functionName: string; version: string };
    /** A create (Pending → Active) or an update (InProgress → Successful) finished, `stateTransitionMs` after it began. */
    "lambda.function.state": { functionName: string; state: "Active" | "Successful"; transition: "create" | "update" };
    "lambda.invocation.started": {
      functionName: string;
      requestId: string;
      version: string;
      invocationType: "RequestResponse" | "Event";
      coldStart: boolean;
      environmentId: string;
      /** The event the handler receives (a reference): what `toHaveBeenInvokedWith` matches. */
      event: unknown;
    };
    "lambda.invocation.completed": {
      functionName: string;
      requestId: string;
      version: string;
      durationMs: number;
      /** Absent on success; "Unhandled" for thrown errors and timeouts. */
      functionError?: string;
      errorType?: string;
      timedOut: boolean;
    };
    /**
     * An execution environment finished its init phase (an `init` factory ran or a module handler loaded):
     * once per environment, before its first invocation (or ahead of any, for provisioned concurrency).
     */
    "lambda.environment.initialized": { functionName: string; environmentId: string; version: string; initDurationMs: number; provisioned: boolean };
    /** Recursive loop detection stopped an invocation (the function ran `invocations` times in one chain). */
    "lambda.invocation.recursion-stopped": { functionName: string; source: "sqs" | "sns" | "lambda"; invocations: number };
    "lambda.invocation.throttled": { functionName: string; reason: string; invocationType: "RequestResponse" | "Event" };
    "lambda.async.queued": { functionName: string; requestId: string; delayMs: number; attempt: number; reason: "initial" | "error" | "throttle" };
    "lambda.async.discarded": { functionName: string; requestId: string; condition: "RetriesExhausted" | "EventAgeExceeded" | "RecursiveInvocationDetected" };
    "lambda.destination.delivered": { functionName: string; requestId: string; destination: string; condition: string };
    /** A destination or DLQ that no longer exists (or refused the record): AWS drops the record. */
    "lambda.destination.dropped": { functionName: string; requestId: string; destination: string; error: string };
    "lambda.esm.batch": {
      uuid: string;
      functionName: string;
      eventSourceArn: string;
      size: number;
      outcome: "success" | "partial" | "failure" | "throttled" | "recursion-stopped";
      /** Why a batch was not a success: the error type and message, a timeout, a throttle, an invalid partial batch response. */
      reason?: string;
    };
    "lambda.esm.filtered": { uuid: string; eventSourceArn: string; messageId: string };
    "lambda.esm.disabled": { uuid: string; reason: string };
    /** A backlog lasted a second: the mapping's pollers may run this many concurrent batches now. */
    "lambda.esm.scaled": { uuid: string; eventSourceArn: string; concurrency: number };
  }
}

export {};
