/** SDK adapter trace events, merged into core's catalogue. */
declare module "@simcloud/core" {
  interface TraceEventMap {
    /** A call through an SDK client failed with something other than an AwsError; the client got the service's internal error. */
    "sdk.internal-error": { service: string; operation: string; error: string };
  }
}

export {};
