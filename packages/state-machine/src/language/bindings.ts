import type { ContextObject, QueryLanguage } from "./types";

/**
 * Workflow variables (the "Passing data between states with variables" guide page): a scope
 * holds the variables assigned by its states; Map iterations and Parallel branches get a
 * child scope that reads the outer ones but cannot write them.
 */
export class VariableScope {
  // Created on first assignment: most scopes (a Map iteration's) never hold a variable of their own.
  private values: Map<string, unknown> | undefined;

  constructor(readonly parent?: VariableScope) {}

  /** A child scope for a Map iteration or Parallel branch. */
  child(): VariableScope {
    return new VariableScope(this);
  }

  has(name: string): boolean {
    return this.values?.has(name) === true || (this.parent?.has(name) ?? false);
  }

  /** The visible value of `name` (undefined when never assigned). */
  get(name: string): unknown {
    if (this.values?.has(name) === true) return this.values.get(name);
    return this.parent?.get(name);
  }

  /** Applies a state's Assign results to this scope (all at once, after evaluation). */
  assign(values: Record<string, unknown>): void {
    // for…in rather than Object.keys: most states assign nothing, and an empty key array per state adds up.
    for (const key in values) if (Object.hasOwn(values, key)) (this.values ??= new Map()).set(key, values[key]);
  }

  /** Every visible variable, inner scopes shadowing outer ones (a null-prototype record). */
  visible(): Record<string, unknown> {
    const out = this.parent?.visible() ?? (Object.create(null) as Record<string, unknown>);
    if (this.values !== undefined) for (const [key, value] of this.values) out[key] = value;
    return out;
  }
}

/**
 * What evaluating a state's paths/templates needs from the execution. The executor builds one
 * per state entry; `context.State.Name` and `enteredEventId` name the state in causes
 * ("An error occurred while executing the state 'W' (entered at the event id #2). …").
 */
export interface Bindings {
  context: ContextObject;
  variables: VariableScope;
  /** Uniform in [0, 1) from the seeded source (States.MathRandom, $random(), FULL jitter). */
  random: () => number;
  /** A v4 UUID from the seeded source (States.UUID, $uuid()). */
  uuid: () => string;
  /** The state's effective query language (state QueryLanguage ?? top-level ?? JSONPath). */
  queryLanguage: QueryLanguage;
  /** History event id of the state's *StateEntered event, for runtime error causes. */
  enteredEventId: number;
  /** Virtual now in epoch ms, for JSONata $now()/$millis(). */
  now: () => number;
  /** Optional JSONata step budget (default 100,000 evaluation steps per expression). */
  jsonataBudget?: number;
}

/** The site (state name + entered event id) for error causes. */
export function siteOf(b: Bindings): { stateName: string; enteredEventId: number } {
  return { stateName: b.context.State.Name, enteredEventId: b.enteredEventId };
}
