/**
 * Workflow variables as the executor stores them (guide "Passing data between states with variables", "Variable size
 * limits"): a single variable holds at most 256 KiB, one Assign field at most 256 KiB in all, and an execution's stored
 * variables at most 10 MiB. A state that would go past one fails with States.DataLimitExceeded, before anything is
 * assigned. The StateExited event lists what the state assigned (`assignedVariables`, each value as JSON text), as
 * AWS's recorded histories show.
 */
import { StatesError, surelyExceedsBytes, type VariableScope } from "./language/index";

export const VARIABLE_LIMITS = {
  variableBytes: 256 * 1024,
  assignBytes: 256 * 1024,
  executionBytes: 10 * 1024 * 1024,
} as const;

/** The stored size of each variable, per scope (so the execution total is a sum, not a re-serialization). */
const sizes = new WeakMap<VariableScope, Map<string, number>>();

function storedTotal(scope: VariableScope | undefined): number {
  let total = 0;
  for (let s = scope; s !== undefined; s = s.parent) for (const size of sizes.get(s)?.values() ?? []) total += size;
  return total;
}

const tooLarge = (stateName: string, what: string): StatesError =>
  new StatesError("States.DataLimitExceeded", `The state '${stateName}' ${what} (Step Functions variable size limits: 256 KiB per variable and per Assign, 10 MiB per execution).`);

/**
 * Checks a state's Assign results against the limits and stores them in `scope`; returns the StateExited details that
 * list them (empty when the state assigned nothing).
 */
export function assignVariables(stateName: string, scope: VariableScope, values: Record<string, unknown>): { assignedVariables?: Record<string, string>; assignedVariablesDetails?: { truncated: false } } {
  const names = Object.keys(values);
  if (names.length === 0) return {};
  const texts = Object.create(null) as Record<string, string>;
  const own = new Map<string, number>();
  let assignTotal = 0;
  for (const name of names) {
    const value = values[name];
    if (surelyExceedsBytes(value, VARIABLE_LIMITS.variableBytes)) throw tooLarge(stateName, `assigns the variable '${name}' a value larger than 256 KiB`);
    const text = JSON.stringify(value === undefined ? null : value);
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > VARIABLE_LIMITS.variableBytes) throw tooLarge(stateName, `assigns the variable '${name}' a value larger than 256 KiB`);
    assignTotal += bytes;
    if (assignTotal > VARIABLE_LIMITS.assignBytes) throw tooLarge(stateName, "assigns variables whose values together exceed 256 KiB");
    texts[name] = text;
    own.set(name, bytes);
  }
  const stored = sizes.get(scope) ?? new Map<string, number>();
  let total = storedTotal(scope);
  for (const [name, bytes] of own) total += bytes - (stored.get(name) ?? 0);
  if (total > VARIABLE_LIMITS.executionBytes) throw tooLarge(stateName, "would make the execution's variables exceed 10 MiB in all");
  scope.assign(values);
  for (const [name, bytes] of own) stored.set(name, bytes);
  sizes.set(scope, stored);
  return { assignedVariables: texts, assignedVariablesDetails: { truncated: false } };
}
