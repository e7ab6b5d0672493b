import { CloudDisposedError } from "@simcloud/core";

/** What the guard needs from its cloud: whether it is disposed, and a way to hear when it becomes so. */
export interface DisposalWatch {
  isDisposed(): boolean;
  /** Calls `onDispose` when the cloud is disposed; returns the function that stops watching. */
  watch(onDispose: () => void): () => void;
}

/** The members of T that are functions returning something other than a promise: a service's synchronous helpers. */
export type SyncMethods<T> = {
  [K in keyof T]-?: T[K] extends (...args: never[]) => infer R ? (R extends PromiseLike<unknown> ? never : K) : never;
}[keyof T];

export interface GuardOptions<T> {
  readonly disposal: DisposalWatch;
  /**
   * Every synchronous method, named once (the compiler checks the list is complete and exact). They throw on a
   * disposed cloud and are served at once; every other method returns a promise, which rejects instead of throwing.
   */
  readonly sync: { readonly [K in SyncMethods<T>]: true };
  /** When a call may be served: undefined for at once, else a promise (the scheduler's beforeCall). */
  readonly gate?: () => Promise<void> | undefined;
}

interface PendingCall {
  readonly operation: string;
  readonly reject: (error: unknown) => void;
}

/**
 * The door every call on a service passes, native and SDK alike. On a disposed cloud an async method returns a
 * promise rejected with CloudDisposedError (a synchronous helper throws it), and every call still pending when the
 * cloud is disposed (a long poll, a sync invoke) rejects with it, without each service having to check. Under
 * autoAdvance an async call is served after the work already due now has run (`gate`). Non-function properties pass
 * through.
 *
 * Every call goes through here, so it allocates little: one wrapper per method (not per property read), one
 * watch per service (not per call), and per async call only the promise and its bookkeeping entry.
 */
export function guardService<T extends object>(target: T, prefix: string, options: GuardOptions<T>): T {
  const { disposal, gate } = options;
  const sync: Readonly<Record<PropertyKey, true | undefined>> = options.sync;
  const pending = new Set<PendingCall>();
  disposal.watch(() => {
    const calls = [...pending];
    pending.clear();
    for (const call of calls) call.reject(new CloudDisposedError(call.operation));
  });

  const serve = (operation: string, method: (...a: unknown[]) => unknown, self: unknown, args: unknown[]): Promise<unknown> => {
    if (disposal.isDisposed()) return Promise.reject(new CloudDisposedError(operation));
    let result: unknown;
    try {
      result = method.apply(self, args);
    } catch (error) {
      return Promise.reject(error);
    }
    if (!isThenable(result)) return Promise.resolve(result);
    return new Promise((resolve, reject) => {
      const call: PendingCall = { operation, reject };
      pending.add(call);
      result.then(
        (output) => {
          pending.delete(call);
          resolve(output);
        },
        (error: unknown) => {
          pending.delete(call);
          reject(error);
        },
      );
    });
  };

  const wrappers = new Map<PropertyKey, { method: unknown; wrapper: (...args: unknown[]) => unknown }>();
  const proxy: T = new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== "function") return value;
      const cached = wrappers.get(property);
      if (cached !== undefined && cached.method === value) return cached.wrapper;
      const method = value as (...a: unknown[]) => unknown;
      const operation = `${prefix}.${String(property)}`;
      const wrapper =
        sync[property] === true
          ? function guardedSync(this: unknown, ...args: unknown[]): unknown {
              if (disposal.isDisposed()) throw new CloudDisposedError(operation);
              return method.apply(this === proxy ? object : this, args);
            }
          : function guarded(this: unknown, ...args: unknown[]): unknown {
              const self = this === proxy ? object : this;
              const ready = disposal.isDisposed() ? undefined : gate?.();
              if (ready === undefined) return serve(operation, method, self, args);
              // Disposed meanwhile: serve() rejects with CloudDisposedError.
              return ready.then(() => serve(operation, method, self, args));
            };
      wrappers.set(property, { method: value, wrapper });
      return wrapper;
    },
  });
  return proxy;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
