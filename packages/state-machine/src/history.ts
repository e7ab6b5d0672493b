import { StatesError } from "./language/index";
import type { HistoryEvent } from "./types";
import { SFN_LIMITS } from "./validate";

/**
 * A line of events inside an execution: the main flow, one Parallel branch or one Map iteration. Each event's
 * `previousEventId` is the id of the event before it on the same line (the recorded histories show this; the first
 * state's entered event points at 0).
 */
export interface Thread {
  last: number;
}

interface StoredEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly type: string;
  readonly time: number;
  readonly key: string | undefined;
  readonly details: Record<string, unknown> | undefined;
}

/**
 * An execution's event history: ids from 1, the 25,000-event quota enforced when an event is added. Events are kept
 * compact (a number for the time) and shaped as the API returns them only when read.
 */
export class History {
  private readonly stored: StoredEvent[] = [];

  constructor(private readonly clock: { now(): number }) {}

  get size(): number {
    return this.stored.length;
  }

  add(thread: Thread | undefined, type: string, details?: Record<string, unknown>, detailsKey?: string): number {
    const id = this.stored.length + 1;
    // The last slot is kept for the event that ends the execution.
    if (id >= SFN_LIMITS.historyEvents && !type.startsWith("Execution")) {
      throw new StatesError("States.Runtime", `The execution reached the maximum number of history events (${SFN_LIMITS.historyEvents}).`);
    }
    this.stored.push({ id, previousEventId: thread?.last ?? 0, type, time: this.clock.now(), key: details === undefined ? undefined : detailsKey, details });
    if (thread !== undefined) thread.last = id;
    return id;
  }

  /** The events as GetExecutionHistory returns them. */
  get events(): HistoryEvent[] {
    return this.stored.map((stored) => {
      const event: HistoryEvent = { timestamp: new Date(stored.time), type: stored.type, id: stored.id, previousEventId: stored.previousEventId };
      if (stored.details !== undefined) event[stored.key ?? `${stored.type[0]!.toLowerCase()}${stored.type.slice(1)}EventDetails`] = stored.details;
      return event;
    });
  }
}

const TRUNCATED = { truncated: false } as const;

/** `{ input, inputDetails }` as history details carry data (AWS never truncates below the 256 KiB limit). */
export function inputDetails(text: string): { input: string; inputDetails: typeof TRUNCATED } {
  return { input: text, inputDetails: TRUNCATED };
}

/** `{ name, input | output, *Details }` of a *StateEntered / *StateExited event, built as one object. */
export function stateDetails(name: string, member: "input" | "output", text: string): Record<string, unknown> {
  return member === "input" ? { name, input: text, inputDetails: TRUNCATED } : { name, output: text, outputDetails: TRUNCATED };
}

export function outputDetails(text: string): { output: string; outputDetails: typeof TRUNCATED } {
  return { output: text, outputDetails: TRUNCATED };
}

/** Drops `input`/`output`/`*Details` from a copy of an event (GetExecutionHistory includeExecutionData: false). */
export function withoutData(event: HistoryEvent): HistoryEvent {
  const copy: HistoryEvent = { ...event };
  for (const key of Object.keys(copy)) {
    const value = copy[key];
    if (key.endsWith("EventDetails") && value !== null && typeof value === "object") {
      const details = { ...(value as Record<string, unknown>) };
      delete details.input;
      delete details.inputDetails;
      delete details.output;
      delete details.outputDetails;
      copy[key] = details;
    }
  }
  return copy;
}
