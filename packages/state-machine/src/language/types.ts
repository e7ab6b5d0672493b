/**
 * Amazon States Language definition shapes (ASL spec "Structure of a State Machine" and
 * "State Types"), with the JSONata fields of the 2024 query-language extension.
 * Fields are optional where the spec allows them on several types; validation
 * (`validate.ts`) decides which are allowed where.
 */

export type QueryLanguage = "JSONPath" | "JSONata";

/** A JSON value as it appears in definitions and payloads. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Definition {
  StartAt: string;
  States: Record<string, StateDefinition>;
  Comment?: string;
  TimeoutSeconds?: number;
  Version?: string;
  QueryLanguage?: QueryLanguage;
}

/** Fields every state may carry. */
export interface StateBase {
  Type: string;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  Next?: string;
  End?: boolean;
  // JSONPath I/O
  InputPath?: string | null;
  OutputPath?: string | null;
  // JSONata I/O
  Output?: unknown;
  Assign?: Record<string, unknown>;
}

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: "FULL" | "NONE";
  Comment?: string;
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: unknown;
  Assign?: Record<string, unknown>;
  Comment?: string;
}

export interface PassState extends StateBase {
  Type: "Pass";
  Result?: unknown;
  ResultPath?: string | null;
  Parameters?: unknown;
}

export interface TaskState extends StateBase {
  Type: "Task";
  Resource: string;
  Parameters?: unknown;
  Arguments?: unknown;
  ResultPath?: string | null;
  ResultSelector?: unknown;
  Retry?: Retrier[];
  Catch?: Catcher[];
  TimeoutSeconds?: number | string;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number | string;
  HeartbeatSecondsPath?: string;
  Credentials?: unknown;
}

/** A Choice rule (JSONPath: Variable + one comparison or And/Or/Not; JSONata: Condition). */
export interface ChoiceRule {
  Variable?: string;
  Condition?: unknown;
  And?: ChoiceRule[];
  Or?: ChoiceRule[];
  Not?: ChoiceRule;
  Next?: string;
  Assign?: Record<string, unknown>;
  Output?: unknown;
  Comment?: string;
  [comparison: string]: unknown;
}

export interface ChoiceState extends StateBase {
  Type: "Choice";
  Choices: ChoiceRule[];
  Default?: string;
}

export interface WaitState extends StateBase {
  Type: "Wait";
  Seconds?: number | string;
  Timestamp?: string;
  SecondsPath?: string;
  TimestampPath?: string;
}

export interface SucceedState extends StateBase {
  Type: "Succeed";
}

export interface FailState extends StateBase {
  Type: "Fail";
  Error?: string;
  Cause?: string;
  ErrorPath?: string;
  CausePath?: string;
}

/** A sub-graph of a Parallel branch or a Map's ItemProcessor/Iterator. */
export interface SubMachine {
  StartAt: string;
  States: Record<string, StateDefinition>;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  ProcessorConfig?: { Mode?: "INLINE" | "DISTRIBUTED"; ExecutionType?: "STANDARD" | "EXPRESS" };
}

export interface ParallelState extends StateBase {
  Type: "Parallel";
  Branches: SubMachine[];
  Parameters?: unknown;
  Arguments?: unknown;
  ResultPath?: string | null;
  ResultSelector?: unknown;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export interface MapState extends StateBase {
  Type: "Map";
  ItemProcessor?: SubMachine;
  Iterator?: SubMachine;
  Items?: unknown;
  ItemsPath?: string;
  ItemSelector?: unknown;
  Parameters?: unknown;
  ItemReader?: Record<string, unknown>;
  ItemBatcher?: {
    MaxItemsPerBatch?: number | string;
    MaxItemsPerBatchPath?: string;
    MaxInputBytesPerBatch?: number | string;
    MaxInputBytesPerBatchPath?: string;
    BatchInput?: unknown;
  };
  ResultWriter?: Record<string, unknown>;
  MaxConcurrency?: number | string;
  MaxConcurrencyPath?: string;
  ToleratedFailurePercentage?: number | string;
  ToleratedFailurePercentagePath?: string;
  ToleratedFailureCount?: number | string;
  ToleratedFailureCountPath?: string;
  Label?: string;
  ResultPath?: string | null;
  ResultSelector?: unknown;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export type StateDefinition =
  | PassState
  | TaskState
  | ChoiceState
  | WaitState
  | SucceedState
  | FailState
  | ParallelState
  | MapState;

/** The context object (`$$` in JSONPath, `$states.context` in JSONata), per the "Context object" guide page. */
export interface ContextObject {
  Execution: {
    Id: string;
    Name: string;
    StartTime: string;
    Input: unknown;
    RoleArn: string;
    RedriveCount: number;
    RedriveTime?: string;
  };
  State: { Name: string; EnteredTime: string; RetryCount: number };
  StateMachine: { Id: string; Name: string };
  Task?: { Token: string };
  Map?: { Item: { Index: number; Value: unknown; Key?: string; Source?: string } };
}
