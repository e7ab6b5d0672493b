import { AsyncLocalStorage } from "node:async_hooks";
import { format } from "node:util";

/**
 * What a running handler sees as "its process": the execution environment's variables behind
 * `process.env`, and a log sink behind `console.*`. Both are scoped with AsyncLocalStorage, so two
 * functions (or two concurrent environments of one function) never see each other's values, and code
 * outside any handler sees the host's untouched `process.env` and console. See
 * docs/decisions/lambda-environment.md for the trade-off.
 */
export interface RuntimeScope {
  /** The execution environment's variables; writes persist while the environment stays warm, as in AWS. */
  readonly vars: Record<string, string>;
  /** Receives every console line the handler writes; undefined while the environment initialises without an invocation. */
  log(level: LogLevel, text: string): void;
}

export type LogLevel = "INFO" | "WARN" | "ERROR" | "DEBUG" | "TRACE";

interface SharedState {
  storage: AsyncLocalStorage<RuntimeScope>;
  proxies: WeakSet<object>;
  consoles: WeakSet<object>;
  /** Function services alive in this process; at zero the host's process.env and console are put back. */
  users?: number;
  /** The host's process.env object while ours stands in for it. */
  hostEnv?: NodeJS.ProcessEnv | undefined;
  /** Each patched console with its original methods. */
  patched?: Map<object, Record<string, unknown>>;
}

// Shared through the global symbol registry: a test runner may evaluate this module more than once in one
// process, and every copy must route through the same storage, or a second copy's proxy would hide the first's.
const KEY = Symbol.for("simcloud.function.runtime-scope");
const shared: SharedState = ((globalThis as Record<symbol, unknown>)[KEY] as SharedState | undefined) ?? {
  storage: new AsyncLocalStorage<RuntimeScope>(),
  proxies: new WeakSet(),
  consoles: new WeakSet(),
};
(globalThis as Record<symbol, unknown>)[KEY] = shared;

/**
 * A function service counts itself as a user of the patched process.env and console; the returned release
 * (called when its cloud is disposed) puts the host's back when the last user goes.
 */
export function acquireRuntime(): () => void {
  shared.users = (shared.users ?? 0) + 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    shared.users = (shared.users ?? 1) - 1;
    if (shared.users === 0) restoreHost();
  };
}

function restoreHost(): void {
  if (shared.hostEnv !== undefined && shared.proxies.has(process.env)) process.env = shared.hostEnv;
  shared.hostEnv = undefined;
  for (const [target, originals] of shared.patched ?? []) {
    const methods = target as Record<string, unknown>;
    for (const [method, original] of Object.entries(originals)) methods[method] = original;
    shared.consoles.delete(target);
  }
  shared.patched?.clear();
}

/**
 * The host's own variables: what process.env shows outside any handler. Read from the host's object itself, not
 * through our view, which would look the active scope up once per key (a cold start copies every variable).
 */
export function hostVariables(): NodeJS.ProcessEnv {
  return shared.hostEnv !== undefined && shared.proxies.has(process.env) ? shared.hostEnv : process.env;
}

export function currentScope(): RuntimeScope | undefined {
  return shared.storage.getStore();
}

/** Runs `body` (and every async continuation it starts) as the given environment. */
export function runInScope<T>(scope: RuntimeScope, body: () => T): T {
  installProcessEnv();
  installConsole();
  return shared.storage.run(scope, body);
}

/** Replaces `process.env` with a view that reads the active scope's variables, the host's otherwise. */
function installProcessEnv(): void {
  const host = process.env;
  if (shared.proxies.has(host)) return;
  const target = host;
  const view = (): Record<string, string | undefined> => shared.storage.getStore()?.vars ?? target;
  const proxy = new Proxy(target, {
    get: (_t, key) => (typeof key === "string" ? view()[key] : Reflect.get(target, key)),
    set: (_t, key, value) => {
      if (typeof key !== "string") return Reflect.set(target, key, value);
      // process.env stores strings only; mirror Node's coercion so handler code behaves as on Lambda.
      view()[key] = String(value);
      return true;
    },
    has: (_t, key) => (typeof key === "string" ? Object.prototype.hasOwnProperty.call(view(), key) : false),
    deleteProperty: (_t, key) => {
      if (typeof key === "string") delete view()[key];
      return true;
    },
    ownKeys: () => Reflect.ownKeys(view()),
    getOwnPropertyDescriptor: (_t, key) => {
      if (typeof key !== "string") return undefined;
      const values = view();
      if (!Object.prototype.hasOwnProperty.call(values, key)) return undefined;
      return { value: values[key], writable: true, enumerable: true, configurable: true };
    },
  });
  shared.proxies.add(proxy);
  shared.hostEnv = host;
  process.env = proxy;
}

const LEVELS: ReadonlyArray<readonly [keyof Console, LogLevel]> = [
  ["log", "INFO"],
  ["info", "INFO"],
  ["warn", "WARN"],
  ["error", "ERROR"],
  ["debug", "DEBUG"],
  ["trace", "TRACE"],
];

/**
 * Patches the current global console so that calls made inside a scope go to that invocation's log.
 * Checked per invocation because test runners swap `globalThis.console` between test files.
 */
function installConsole(): void {
  const target = globalThis.console;
  if (shared.consoles.has(target)) return;
  shared.consoles.add(target);
  const methods = target as unknown as Record<string, (...args: unknown[]) => void>;
  const originals: Record<string, unknown> = {};
  (shared.patched ??= new Map()).set(target, originals);
  for (const [method, level] of LEVELS) {
    const original = methods[method];
    if (typeof original !== "function") continue;
    originals[method] = original;
    methods[method] = function scopedConsole(this: unknown, ...args: unknown[]): void {
      const scope = shared.storage.getStore();
      if (scope === undefined) {
        original.apply(this, args);
        return;
      }
      scope.log(level, format(...args));
    };
  }
}
