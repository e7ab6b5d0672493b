import { AwsError } from "./errors";

/** A failed entry as SQS and SNS return it in `Failed`. */
export interface BatchFailure {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message?: string;
}

export interface BatchResult<S, F = BatchFailure> {
  Successful: S[];
  Failed: F[];
}

export interface BatchRules<E, F = BatchFailure> {
  /** Entries per request (default 10: SQS and SNS). */
  maxEntries?: number;
  /** The service's errors, with AWS's wording for each. */
  empty: () => AwsError;
  tooMany: (count: number) => AwsError;
  invalidId: (id: unknown) => AwsError;
  duplicateId: (id: string) => AwsError;
  /** Whole-request checks after the ids (total size): throw to reject the request before any entry runs. */
  precheck?: (entries: readonly (E & { Id: string })[]) => void;
  /**
   * Entry errors that reject the whole request instead of failing the entry (SNS PublishBatch: a bad attribute or
   * FIFO id is a 400 for the request, as AWS answered); thrown as they are, before any entry's effect if `run` only
   * checks. Default: none.
   */
  failsRequest?: (error: AwsError) => boolean;
  /** Shapes a failed entry; default SQS's {Id, SenderFault, Code, Message}. */
  failure?: (id: string, error: AwsError) => F;
}

/** SQS and SNS: "alphanumeric characters, hyphens and underscores … at most 80 letters long". */
const BATCH_ID = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Checks a batch request as SQS and SNS do before running any entry: not empty, not too many entries, every Id
 * well-formed and distinct, then the service's own whole-request checks. A rejected batch changes nothing.
 */
export function validateBatch<E extends { Id?: unknown }>(entries: readonly E[] | undefined, rules: BatchRules<E, unknown>): asserts entries is readonly (E & { Id: string })[] {
  if (!Array.isArray(entries) || entries.length === 0) throw rules.empty();
  const max = rules.maxEntries ?? 10;
  if (entries.length > max) throw rules.tooMany(entries.length);
  // Every batch call passes here: up to 16 entries, comparing with the earlier ids costs less than building a Set.
  const seen = entries.length > 16 ? new Set<string>() : undefined;
  for (let index = 0; index < entries.length; index++) {
    const id = (entries[index] as E | undefined)?.Id;
    if (typeof id !== "string" || !BATCH_ID.test(id)) throw rules.invalidId(id);
    if (seen === undefined ? seenBefore(entries, index, id) : seen.has(id)) throw rules.duplicateId(id);
    seen?.add(id);
  }
  rules.precheck?.(entries as readonly (E & { Id: string })[]);
}

function seenBefore(entries: readonly { Id?: unknown }[], index: number, id: string): boolean {
  for (let earlier = 0; earlier < index; earlier++) if ((entries[earlier] as { Id?: unknown }).Id === id) return true;
  return false;
}

/**
 * Runs a batch action: validates the request (validateBatch), then runs each entry in order. An entry that throws
 * an AwsError becomes a `Failed` entry and the others still run; anything else is a simulator bug and propagates.
 */
export function runBatch<E extends { Id?: unknown }, S, F = BatchFailure>(
  entries: readonly E[] | undefined,
  rules: BatchRules<E, F>,
  run: (entry: E & { Id: string }, index: number) => S,
): BatchResult<S, F> {
  validateBatch(entries, rules);
  const failure = rules.failure ?? (defaultFailure as unknown as (id: string, error: AwsError) => F);
  const out: BatchResult<S, F> = { Successful: [], Failed: [] };
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as E & { Id: string };
    try {
      out.Successful.push(run(entry, index));
    } catch (error) {
      if (!(error instanceof AwsError) || rules.failsRequest?.(error) === true) throw error;
      out.Failed.push(failure(entry.Id, error));
    }
  }
  return out;
}

function defaultFailure(id: string, error: AwsError): BatchFailure {
  return { Id: id, SenderFault: error.fault === "client", Code: error.code, Message: error.message };
}
