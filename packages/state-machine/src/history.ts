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

/**
 * An execution's event history: ids from 1, the 25,000-event quota enforced when an event is added. Events are kept
 * as columns (an event is its index; times unboxed in one array) and shaped as the API returns them only when read:
 * histories stay in memory as long as their executions, so their size is most of what the garbage collector copies.
 */
export class History {
  private readonly previous: number[] = [];
  private readonly types: string[] = [];
  private readonly times: number[] = [];
  /** The details object; for *StateEntered / *StateExited events the input / output text (addState), for MapIteration* the index. */
  private readonly details: (Record<string, unknown> | string | number | undefined)[] = [];
  /** The details member's name where it is not the one the type gives (`stateEnteredEventDetails`…), or the state name. */
  private readonly keys: (string | undefined)[] = [];

  constructor(private readonly clock: { now(): number }) {}

  get size(): number {
    return this.types.length;
  }

  add(thread: Thread | undefined, type: string, details?: Record<string, unknown>, detailsKey?: string): number {
    return this.push(thread, type, details, details === undefined ? undefined : detailsKey);
  }

  /** A MapIteration* event: `{ index, name }` built when read. */
  addIteration(thread: Thread, type: string, index: number, name: string): number {
    return this.push(thread, type, index, name);
  }

  /** A *StateEntered (input) or *StateExited (output) event: `{ name, input|output, *Details }` built when read. */
  addState(thread: Thread, type: string, name: string, text: string): number {
    return this.push(thread, type, text, name);
  }

  private push(thread: Thread | undefined, type: string, details: Record<string, unknown> | string | number | undefined, key: string | undefined): number {
    const id = this.types.length + 1;
    // The last slot is kept for the event that ends the execution.
    if (id >= SFN_LIMITS.historyEvents && !type.startsWith("Execution")) {
      throw new StatesError("States.Runtime", `The execution reached the maximum number of history events (${SFN_LIMITS.historyEvents}).`);
    }
    this.previous.push(thread?.last ?? 0);
    this.types.push(type);
    this.times.push(this.clock.now());
    this.details.push(details);
    this.keys.push(key);
    if (thread !== undefined) thread.last = id;
    return id;
  }

  /** The events as GetExecutionHistory returns them. */
  get events(): HistoryEvent[] {
    const out: HistoryEvent[] = new Array(this.types.length);
    for (let i = 0; i < out.length; i++) {
      const type = this.types[i]!;
      const event: HistoryEvent = { timestamp: new Date(this.times[i]!), type, id: i + 1, previousEventId: this.previous[i]! };
      const details = this.details[i];
      const key = this.keys[i];
      if (typeof details === "string") {
        const entered = type.endsWith("Entered");
        event[entered ? "stateEnteredEventDetails" : "stateExitedEventDetails"] = entered
          ? { name: key, input: details, inputDetails: TRUNCATED }
          : { name: key, output: details, outputDetails: TRUNCATED };
      } else if (typeof details === "number") event[`${type[0]!.toLowerCase()}${type.slice(1)}EventDetails`] = { index: details, name: key };
      else if (details !== undefined) event[key ?? `${type[0]!.toLowerCase()}${type.slice(1)}EventDetails`] = details;
      out[i] = event;
    }
    return out;
  }
}

const TRUNCATED = { truncated: false } as const;

/** `{ input, inputDetails }` as history details carry data (AWS never truncates below the 256 KiB limit). */
export function inputDetails(text: string): { input: string; inputDetails: typeof TRUNCATED } {
  return { input: text, inputDetails: TRUNCATED };
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
      delete details.assignedVariables;
      delete details.assignedVariablesDetails;
      copy[key] = details;
    }
  }
  return copy;
}
