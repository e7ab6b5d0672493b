import { EventEmitter } from "eventemitter3";

/**
 * The typed catalogue of trace events. Each service package adds its own entries by declaration merging:
 *
 *   declare module "@simcloud/core" { interface TraceEventMap { "sqs.message.sent": { queueUrl: string; … } } }
 */
export interface TraceEventMap {
  /** A scheduled task threw or rejected. Time kept moving. */
  "scheduler.task.failed": { label: string; error: string };
  "cloud.disposed": Record<string, never>;
  /** A ResourceTable gained a resource. `kind` is the service's noun for it, e.g. "sqs.queue". */
  "resource.created": { kind: string; name: string; arn: string };
  /** A ResourceTable dropped a resource (its port, if any, is unregistered). */
  "resource.deleted": { kind: string; name: string; arn: string };
}

export type TraceType = keyof TraceEventMap & string;

/** One recorded event: its order, its virtual time, its type and its data, flat. */
export type TraceEvent<K extends TraceType = TraceType> = {
  [T in K]: { readonly seq: number; readonly time: number; readonly type: T } & Readonly<TraceEventMap[T]>;
}[K];

export type TraceListener<K extends TraceType> = (event: TraceEvent<K>) => void;

export interface TraceOptions {
  /** Keep events in memory (default true). Listeners are called either way. */
  record?: boolean;
}

/** The ordered record of everything that happened in one cloud, and the way to observe it live. */
export class Trace {
  private readonly emitter = new EventEmitter();
  private readonly stored: TraceEvent[] = [];
  private seq = 0;
  /** Live listeners of any type: when none and nothing is kept, record() returns at once. */
  private listeners = 0;
  private readonly record_: boolean;

  constructor(
    private readonly now: () => number,
    options: TraceOptions = {},
  ) {
    this.record_ = options.record ?? true;
  }

  /** Every recorded event, oldest first. */
  get events(): readonly TraceEvent[] {
    return this.stored;
  }

  /** False when events are neither kept nor listened to: hot paths may skip building them. */
  get active(): boolean {
    return this.record_ || this.listeners > 0;
  }

  record<K extends TraceType>(type: K, data: TraceEventMap[K]): void {
    if (!this.record_ && this.listeners === 0) return;
    const typed = this.listeners > 0 && this.emitter.listenerCount(type) > 0;
    const all = this.listeners > 0 && this.emitter.listenerCount("*") > 0;
    // Object.assign, not a spread: V8 copies a spread into a slow object here (about 10x the cost per event).
    const event = Object.assign({ seq: this.seq++, time: this.now(), type }, data) as unknown as TraceEvent<K>;
    if (this.record_) this.stored.push(event as unknown as TraceEvent);
    // A throwing listener is the test's bug, not the simulator's: it must not break the action that traced.
    try {
      if (typed) this.emitter.emit(type, event);
      if (all) this.emitter.emit("*", event);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  /** Listens to one type, or to every event with "*". Returns the function that stops listening. */
  on<K extends TraceType>(type: K | "*", listener: TraceListener<K>): () => void {
    const untyped = listener as (event: TraceEvent) => void;
    this.emitter.on(type, untyped);
    this.listeners++;
    let listening = true;
    return () => {
      if (!listening) return;
      listening = false;
      this.listeners--;
      this.emitter.off(type, untyped);
    };
  }

  /** The recorded events of one type. */
  of<K extends TraceType>(type: K): TraceEvent<K>[] {
    return this.stored.filter((event) => event.type === type) as unknown as TraceEvent<K>[];
  }

  clear(): void {
    this.stored.length = 0;
  }

  dispose(): void {
    this.emitter.removeAllListeners();
    this.listeners = 0;
  }
}
