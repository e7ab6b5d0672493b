/**
 * Scripted Lambda handlers for `function` steps (scenarios/README.md, "Function behaviours"):
 * `{return: J}`, `{echo: true}`, `{throw: {name, message}}`, `times: N` + `then: B`, `sequence: [B…]`,
 * and on any of them `sleepMs`, `failItems`, `throwIfAny`. Every invocation is logged with its event and
 * virtual time before the behaviour runs.
 */

export interface ThrowSpec {
  readonly name: string;
  readonly message: string;
}

export interface Behaviour {
  readonly return?: unknown;
  readonly echo?: boolean;
  readonly throw?: ThrowSpec;
  readonly times?: number;
  readonly then?: Behaviour;
  readonly sequence?: readonly Behaviour[];
  readonly sleepMs?: number;
  readonly failItems?: readonly unknown[];
  readonly throwIfAny?: readonly unknown[];
}

export interface Invocation {
  readonly event: unknown;
  /** Virtual ms since the cloud's start when the handler was called. */
  readonly time: number;
}

export interface HandlerEnvironment {
  /** Virtual ms since the cloud's start. */
  offset(): number;
  /** Waits `ms` of virtual time. */
  sleep(ms: number): Promise<void>;
}

export type ScriptedHandler = (event: unknown, context?: unknown) => Promise<unknown>;

/**
 * The behaviour of call k (1-based), with `sequence` and `times`/`then` resolved away.
 * `sequence`: call k uses B_k (the last repeats); the sequence object's own other fields (sleepMs, …) are
 * defaults under the chosen element. `times: N, then: B`: calls 1..N use the object itself, later calls use
 * B (numbering restarts at 1 for B).
 */
export function behaviourFor(behaviour: Behaviour, call: number): Behaviour {
  if (behaviour.sequence !== undefined) {
    const { sequence, ...rest } = behaviour;
    if (sequence.length === 0) return rest;
    const index = Math.min(call, sequence.length) - 1;
    const chosen = sequence[index] ?? {};
    return behaviourFor({ ...rest, ...chosen }, call - index);
  }
  if (behaviour.times !== undefined) {
    const { times, then, ...rest } = behaviour;
    if (call <= times) return behaviourFor(rest, call);
    return behaviourFor(then ?? {}, call - times);
  }
  return behaviour;
}

export interface RecordValue {
  /** SQS body, decoded Kinesis data, SNS message; the event itself when it has no Records. */
  readonly value: unknown;
  /** What batchItemFailures names: SQS messageId, Kinesis sequenceNumber, SNS MessageId. */
  readonly id: string | undefined;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
}

export function recordValues(event: unknown): RecordValue[] {
  const records = field(event, "Records");
  if (!Array.isArray(records)) return [{ value: event, id: undefined }];
  return records.map((record: unknown): RecordValue => {
    const kinesis = field(record, "kinesis");
    if (kinesis !== undefined) {
      const data = field(kinesis, "data");
      const sequence = field(kinesis, "sequenceNumber");
      return { value: typeof data === "string" ? Buffer.from(data, "base64").toString("utf8") : data, id: typeof sequence === "string" ? sequence : undefined };
    }
    const sns = field(record, "Sns");
    if (sns !== undefined) {
      const id = field(sns, "MessageId");
      return { value: field(sns, "Message"), id: typeof id === "string" ? id : undefined };
    }
    const id = field(record, "messageId");
    return { value: field(record, "body"), id: typeof id === "string" ? id : undefined };
  });
}

/** A listed value names a record when equal, or (for non-text values) when the record's text is its JSON. */
export function listedValueMatches(listed: unknown, value: unknown): boolean {
  if (listed === value) return true;
  if (typeof value !== "string" || typeof listed === "string") return JSON.stringify(listed) === JSON.stringify(value);
  try {
    return JSON.stringify(JSON.parse(value)) === JSON.stringify(listed);
  } catch {
    return false;
  }
}

function thrown(spec: ThrowSpec): Error {
  const error = new Error(spec.message);
  error.name = spec.name;
  return error;
}

/** A handler that logs each call into `log` and then acts out the behaviour for that call. */
export function createScriptedHandler(behaviour: Behaviour, log: Invocation[], environment: HandlerEnvironment): ScriptedHandler {
  return async (event) => {
    log.push({ event, time: environment.offset() });
    const now = behaviourFor(behaviour, log.length);
    if (now.sleepMs !== undefined && now.sleepMs > 0) await environment.sleep(now.sleepMs);
    const records = recordValues(event);
    if (now.throwIfAny !== undefined) {
      const hit = records.find((record) => now.throwIfAny?.some((listed) => listedValueMatches(listed, record.value)));
      if (hit !== undefined) throw thrown(now.throw ?? { name: "ThrowIfAny", message: `record ${JSON.stringify(hit.value)} is listed in throwIfAny` });
    } else if (now.throw !== undefined) {
      throw thrown(now.throw);
    }
    if (now.failItems !== undefined) {
      const failed = records.filter((record) => now.failItems?.some((listed) => listedValueMatches(listed, record.value)));
      return { batchItemFailures: failed.map((record) => ({ itemIdentifier: record.id ?? "" })) };
    }
    if (now.echo === true) return event;
    if ("return" in now) return structuredClone(now.return);
    return undefined;
  };
}
