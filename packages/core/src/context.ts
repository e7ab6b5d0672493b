import { Scheduler, createIds, createRandom, type Clock, type ClockMode, type IdFactory, type Random } from "@simcloud/clock";
import { Registry } from "./registry";
import { Trace } from "./trace";

/** Everything a service is constructed with. No module-level singletons: two contexts share nothing. */
export interface SimContext {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly random: Random;
  readonly ids: IdFactory;
  readonly registry: Registry;
  readonly trace: Trace;
  readonly region: string;
  readonly accountId: string;
}

export interface SimContextOptions {
  /** Virtual start time: epoch ms, Date or ISO text. Default 2025-01-01T00:00:00Z. */
  start?: number | Date | string;
  /** Seed of every random draw (ids, chaos, jitter). Default 1. */
  seed?: number | string;
  region?: string;
  accountId?: string;
  /** Jump to the next task whenever nothing can progress and simulator work is awaited. */
  autoAdvance?: boolean;
  /** 'virtual' (default): time moves only when told. 'system': the global Date/setTimeout, so fake timers drive it. */
  clock?: ClockMode;
  /** Most tasks one advance/settle/runUntilIdle may run (default 100,000). */
  loopLimit?: number;
  /** Keep trace events in memory (default true). */
  recordTrace?: boolean;
}

export const DEFAULT_REGION = "us-east-1";
export const DEFAULT_ACCOUNT_ID = "000000000000";

export function createSimContext(options: SimContextOptions = {}): SimContext {
  const region = options.region ?? DEFAULT_REGION;
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new RangeError(`region must look like us-east-1, got ${JSON.stringify(region)}`);
  if (!/^\d{12}$/.test(accountId)) throw new RangeError(`accountId must be 12 digits, got ${JSON.stringify(accountId)}`);
  let trace: Trace | undefined;
  const scheduler = new Scheduler({
    mode: options.clock ?? "virtual",
    start: toEpochMs(options.start),
    autoAdvance: options.autoAdvance ?? false,
    ...(options.loopLimit === undefined ? {} : { loopLimit: options.loopLimit }),
    onTaskError: (error, label) => trace?.record("scheduler.task.failed", { label, error: describeError(error) }),
  });
  trace = new Trace(() => scheduler.now(), { record: options.recordTrace ?? true });
  const random = createRandom(options.seed ?? 1);
  return { clock: scheduler, scheduler, random, ids: createIds(random), registry: new Registry(), trace, region, accountId };
}

function toEpochMs(start: SimContextOptions["start"]): number | undefined {
  if (start === undefined) return undefined;
  const ms = start instanceof Date ? start.getTime() : typeof start === "string" ? Date.parse(start) : start;
  if (!Number.isFinite(ms)) throw new RangeError(`start must be a valid time, got ${String(start)}`);
  return ms;
}

/** Never throws, whatever was thrown (a revoked Proxy, an object whose toString throws). */
export function describeError(error: unknown): string {
  try {
    if (error instanceof Error) return `${error.name}: ${error.message}`;
    return String(error);
  } catch {
    return "[an error that cannot be described]";
  }
}
