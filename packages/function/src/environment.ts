import { existsSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { errors } from "./errors";
import type { CodeRecord, VersionRecord } from "./records";
import { ModuleLoader } from "./module-loader";
import { hostVariables } from "./runtime-scope";
import type { FunctionHandler } from "./types";

/**
 * One execution environment (Lambda Developer Guide: "Lambda execution environment lifecycle"): initialised
 * once (module scope runs at cold start), then reused warm by one invocation at a time until it idles out
 * or an invocation times out.
 */
export interface ExecutionEnvironment {
  readonly id: string;
  readonly version: VersionRecord;
  readonly logStreamName: string;
  /** This environment's `process.env`: host variables, the Lambda runtime's, then the function's. */
  readonly vars: Record<string, string>;
  readonly provisioned: boolean;
  handler: FunctionHandler | undefined;
  initialized: boolean;
  busy: boolean;
  lastUsedAt: number;
}

export interface PoolOptions {
  /** Idle environments older than this are gone: the next invocation is a cold start. */
  idleTimeoutMs: number;
  /** Copy the host's `process.env` into each environment (default true) so PATH, NODE_ENV… still read. */
  inheritProcessEnv: boolean;
}

/** Warm environments per version snapshot; busy ones are held by their invocation. */
export class EnvironmentPool {
  private readonly idle = new Map<VersionRecord, ExecutionEnvironment[]>();

  constructor(private readonly options: PoolOptions) {}

  /** A warm environment of this version if one is idle and not expired; undefined means a cold start. */
  takeWarm(version: VersionRecord, now: number): ExecutionEnvironment | undefined {
    const list = this.idle.get(version);
    if (list === undefined) return undefined;
    while (list.length > 0) {
      // Most recently used first: the others are the ones allowed to idle out, as Lambda scales down.
      const env = list.pop() as ExecutionEnvironment;
      if (env.provisioned || now - env.lastUsedAt < this.options.idleTimeoutMs) {
        env.busy = true;
        return env;
      }
    }
    return undefined;
  }

  create(id: string, version: VersionRecord, logStreamName: string, runtimeVars: Record<string, string>, provisioned: boolean): ExecutionEnvironment {
    const vars = Object.create(null) as Record<string, string>;
    if (this.options.inheritProcessEnv) Object.assign(vars, hostEnvironment());
    Object.assign(vars, runtimeVars, version.config.Environment?.Variables ?? {});
    return { id, version, logStreamName, vars, provisioned, handler: undefined, initialized: false, busy: true, lastUsedAt: 0 };
  }

  release(env: ExecutionEnvironment, now: number): void {
    env.busy = false;
    env.lastUsedAt = now;
    let list = this.idle.get(env.version);
    if (list === undefined) {
      list = [];
      this.idle.set(env.version, list);
    }
    list.push(env);
  }

  /** Provisioned environments of a version (initialised ahead, never idling out). */
  provisionedCount(version: VersionRecord): number {
    return (this.idle.get(version) ?? []).filter((env) => env.provisioned).length;
  }

  dropProvisioned(version: VersionRecord): void {
    const list = this.idle.get(version);
    if (list !== undefined) this.idle.set(version, list.filter((env) => !env.provisioned));
  }

  /** Forget every environment (function deleted or its code changed). */
  clear(version?: VersionRecord): void {
    if (version === undefined) this.idle.clear();
    else this.idle.delete(version);
  }
}

/** The host's variables as seen outside any handler (process.env may already be our scoped view). */
function hostEnvironment(): Record<string, string> {
  const out: Record<string, string> = {};
  const host = hostVariables();
  for (const key of Object.keys(host)) {
    const value = host[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

let scopes = 0;

/**
 * A function service's module loader. Its name is unique in the process: the environments of two clouds
 * with the same seed (hence the same environment ids) never share a module instance, even through `import()`.
 */
export function newModuleLoader(): ModuleLoader {
  scopes++;
  return new ModuleLoader(`s${scopes}`);
}

/**
 * Loads the handler for one environment. An in-process handler is shared; a module is evaluated afresh
 * for each environment, so its module scope is that environment's init phase (cold start).
 */
export async function loadHandler(code: CodeRecord, handlerSetting: string | undefined, envId: string, modules: ModuleLoader): Promise<FunctionHandler> {
  if (code.handler !== undefined) return code.handler;
  if (code.init !== undefined) {
    // The in-process init phase: one handler (and whatever state it closes over) per environment.
    const built: unknown = await code.init();
    if (typeof built !== "function") throw new HandlerLoadError("Runtime.HandlerNotFound", `init() returned ${built === null ? "null" : typeof built}, not a handler function`);
    return built as FunctionHandler;
  }
  const modulePath = code.modulePath;
  if (modulePath === undefined) throw errors.InvalidParameterValueException("The function has no handler.");
  const exportName = code.exportName ?? exportFromHandlerSetting(handlerSetting);
  const file = resolvePath(modulePath);
  if (!existsSync(file)) throw new HandlerLoadError("Runtime.ImportModuleError", `Error: Cannot find module '${file}'`);
  let loaded: unknown;
  try {
    loaded = await modules.instantiate(file, envId);
  } catch (error) {
    throw new HandlerLoadError("Runtime.ImportModuleError", describe(error));
  }
  const handler = pickExport(loaded, exportName);
  if (typeof handler !== "function") {
    throw new HandlerLoadError("Runtime.HandlerNotFound", `${handlerSetting ?? file} is undefined or not exported`);
  }
  return handler as FunctionHandler;
}

function describe(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return "Error: module initialisation failed";
  }
}

/** An init failure: becomes the invocation's error payload, as Lambda reports Runtime.* errors. */
export class HandlerLoadError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = errorType;
  }
}

function exportFromHandlerSetting(handler: string | undefined): string {
  if (handler === undefined || !handler.includes(".")) return "handler";
  return handler.slice(handler.lastIndexOf(".") + 1);
}

function pickExport(module: unknown, name: string): unknown {
  if (module === null || (typeof module !== "object" && typeof module !== "function")) return undefined;
  const record = module as Record<string, unknown>;
  if (name in record) return record[name];
  const fallback = record["default"];
  if (fallback !== null && typeof fallback === "object" && name in (fallback as Record<string, unknown>)) {
    return (fallback as Record<string, unknown>)[name];
  }
  return undefined;
}
