/** A Kinesis mapping's stream settings: a leaf module, so the pollers and their shared types need not import each other. */
export type StreamStartingPosition = "TRIM_HORIZON" | "LATEST" | "AT_TIMESTAMP";

export interface StreamMappingSettings {
  readonly startingPosition: StreamStartingPosition;
  readonly startingPositionTimestamp: number | undefined;
  readonly parallelizationFactor: number;
  readonly bisectBatchOnFunctionError: boolean;
  /** -1: retry until the record expires. */
  readonly maximumRetryAttempts: number;
  /** -1: no age limit (retention still applies). */
  readonly maximumRecordAgeInSeconds: number;
  readonly onFailure: string | undefined;
  readonly tumblingWindowInSeconds: number;
}
