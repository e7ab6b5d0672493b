import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The request chain an event belongs to, for Lambda's recursive loop detection (Lambda Developer Guide: "Use
 * Lambda recursive loop detection to prevent infinite loops"). AWS carries it in the X-Ray trace header; here it
 * is internal: function ARN → how many times that function ran in this chain. Immutable: extending copies.
 */
export type Lineage = ReadonlyMap<string, number>;

interface LineageState {
  storage: AsyncLocalStorage<Lineage>;
  tags: WeakMap<object, Lineage>;
}

// One store per process, even when a test runner evaluates this module more than once.
const KEY = Symbol.for("simcloud.core.lineage");
const state: LineageState = ((globalThis as Record<symbol, unknown>)[KEY] as LineageState | undefined) ?? {
  storage: new AsyncLocalStorage<Lineage>(),
  tags: new WeakMap(),
};
(globalThis as Record<symbol, unknown>)[KEY] = state;

/** The chain of the handler whose code is running now (and of everything it started), if any. */
export function currentLineage(): Lineage | undefined {
  return state.storage.getStore();
}

/** Runs `body`, and every async continuation it starts, as part of `lineage`'s chain. */
export function runWithLineage<T>(lineage: Lineage | undefined, body: () => T): T {
  return lineage === undefined ? state.storage.run(EMPTY, body) : state.storage.run(lineage, body);
}

/** Remembers the chain of a stored object (a queued message) without adding anything a caller could see. */
export function tagLineage(target: object, lineage: Lineage | undefined): void {
  if (lineage !== undefined && lineage.size > 0) state.tags.set(target, lineage);
}

export function lineageOf(target: object): Lineage | undefined {
  return state.tags.get(target);
}

/** The chain after one more invocation of `functionArn`. */
export function extendLineage(lineage: Lineage | undefined, functionArn: string): Lineage {
  // Most invocations start a chain: those chains are equal and immutable, so one per function is shared.
  if (lineage === undefined || lineage.size === 0) {
    let first = firstLinks.get(functionArn);
    if (first === undefined) {
      if (firstLinks.size >= 10_000) firstLinks.clear();
      first = new Map([[functionArn, 1]]);
      firstLinks.set(functionArn, first);
    }
    return first;
  }
  const next = new Map(lineage ?? EMPTY);
  next.set(functionArn, (next.get(functionArn) ?? 0) + 1);
  return next;
}

/** Several events in one batch: the longest chain of each function counts. */
export function mergeLineages(lineages: Iterable<Lineage | undefined>): Lineage | undefined {
  let merged: Map<string, number> | undefined;
  for (const lineage of lineages) {
    if (lineage === undefined) continue;
    merged ??= new Map();
    for (const [arn, count] of lineage) if (count > (merged.get(arn) ?? 0)) merged.set(arn, count);
  }
  return merged;
}

const EMPTY: Lineage = new Map();
const firstLinks = new Map<string, Lineage>();
