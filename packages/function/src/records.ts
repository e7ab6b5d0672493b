import type { DestinationConfig, FunctionConfiguration, FunctionHandler, FunctionInit } from "./types";

/*
 * The records the function, its environments and its invocations share. A leaf: it imports only the public
 * types, so function.ts, environment.ts, invocation.ts and concurrency.ts can all depend on it without a cycle.
 */

/** What runs: an in-process handler or a module loaded per execution environment. */
export interface CodeRecord {
  readonly handler: FunctionHandler | undefined;
  readonly init: FunctionInit | undefined;
  readonly modulePath: string | undefined;
  readonly exportName: string | undefined;
}

/** `$LATEST` or a published version: an immutable snapshot of code and configuration. */
export interface VersionRecord {
  readonly version: string;
  readonly config: FunctionConfiguration;
  readonly code: CodeRecord;
  /** Distinguishes $LATEST before and after an update, so warm environments of old code are not reused. */
  readonly generation: number;
}

export interface AliasRecord {
  readonly name: string;
  readonly functionVersion: string;
  readonly description: string;
  readonly weights: Readonly<Record<string, number>> | undefined;
  readonly revisionId: string;
}

export interface EventInvokeConfigRecord {
  readonly maximumRetryAttempts: number | undefined;
  readonly maximumEventAgeInSeconds: number | undefined;
  readonly destinationConfig: DestinationConfig;
  readonly lastModified: number;
}

/** The version an invocation runs and the ARN it was invoked through. */
export interface ResolvedTarget {
  readonly version: VersionRecord;
  /** `…:function:name` or `…:function:name:qualifier`, exactly as invoked. */
  readonly invokedArn: string;
  /** The alias or version named by the caller ("$LATEST" when none): selects the event invoke config. */
  readonly qualifier: string;
}

/** An invocation's log lines as a function keeps them (InvocationLines formats them when first read). */
export interface LogLines {
  readonly requestId: string;
  readonly version: string;
  lines(): string[];
}

/** What a function keeps of one invocation for getFunctionLogs. */
export interface LoggedInvocation {
  readonly startTime: number;
  readonly durationMs: number;
  readonly functionError: string | undefined;
  readonly log: LogLines;
}
