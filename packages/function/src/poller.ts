import type { CompiledFilter, Lineage } from "@simcloud/core";
import type { InvocationOutcome } from "./invocation";

/** The mapping settings a poller reads on every batch (they may change through UpdateEventSourceMapping). */
export interface PollerSettings {
  readonly uuid: string;
  readonly eventSourceArn: string;
  readonly functionName: string;
  readonly batchSize: number;
  readonly batchingWindowMs: number;
  readonly reportBatchItemFailures: boolean;
  readonly maximumConcurrency: number | undefined;
  readonly filters: readonly CompiledFilter<"eventbridge">[];
  /** Stream sources (Kinesis) only. */
  readonly stream?: StreamMappingSettings;
  readonly functionArn?: string;
  readonly functionRole?: string;
}

export type BatchInvokeResult = { kind: "throttled" } | { kind: "recursion-stopped" } | { kind: "completed"; outcome: InvocationOutcome };

/** What a mapping gives its poller: live settings, the function to invoke, and a place to report. */
export interface PollerHost {
  settings(): PollerSettings;
  /** Invokes the mapped function synchronously with one batch event. */
  invoke(event: { Records: unknown[] }, lineages: Iterable<Lineage | undefined>): Promise<BatchInvokeResult>;
  /**
   * LastProcessingResult, as GetEventSourceMapping reports it; a failed batch's `reason` also goes to the
   * function's logs, where a test author reads why messages came back.
   */
  report(result: string, failure?: { size: number; reason: string }): void;
}

/**
 * One source type's polling loop. The SQS poller is here; the Kinesis poller (with the stream issue) plugs in
 * through the same interface and registers its factory for the "kinesis" ARN service.
 */
export interface EventSourcePoller {
  /** Mapping enabled/disabled or reconfigured. */
  setEnabled(enabled: boolean): void;
  /** Mapping deleted: stop for good. */
  stop(): void;
}

/** `matches` over every filter: a record passes when any filter matches (Lambda Developer Guide: "Lambda event filtering"). */
export function passesFilters(filters: readonly CompiledFilter<"eventbridge">[], record: object): boolean {
  if (filters.length === 0) return true;
  return filters.some((filter) => filter.matches(record));
}

/** Kinesis mappings only. */
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

