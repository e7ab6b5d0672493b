import { CloudDisposedError } from "@simcloud/core";

/** What the guard needs from its cloud: whether it is disposed, and a way to hear when it becomes so. */
export interface DisposalWatch {
  isDisposed(): boolean;
  /** Calls `onDispose` when the cloud is disposed; returns the function that stops watching. */
  watch(onDispose: () => void): () => void;
}

interface PendingCall {
  readonly operation: string;
  readonly reject: (error: unknown) => void;
}

/**
 * Wraps a service so that every method call on a disposed cloud throws CloudDisposedError, and every call still
 * pending when the cloud is disposed (a long poll, a sync invoke) rejects with it, without each service having to
 * check. Non-function properties pass through.
 *
 * Every call goes through here, so it allocates little: one wrapper per method (not per property read), one
 * watch per service (not per call), and per async call only the promise and its bookkeeping entry.
 */
export function guardDisposed<T extends object>(target: T, prefix: string, disposal: DisposalWatch): T {
  const pending = new Set<PendingCall>();
  disposal.watch(() => {
    const calls = [...pending];
    pending.clear();
    for (const call of calls) call.reject(new CloudDisposedError(call.operation));
  });
  const wrappers = new Map<PropertyKey, { method: unknown; wrapper: (...args: unknown[]) => unknown }>();
  const proxy: T = new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== "function") return value;
      const cached = wrappers.get(property);
      if (cached !== undefined && cached.method === value) return cached.wrapper;
      const method = value as (...a: unknown[]) => unknown;
      const operation = `${prefix}.${String(property)}`;
      const wrapper = function guarded(this: unknown, ...args: unknown[]): unknown {
        if (disposal.isDisposed()) throw new CloudDisposedError(operation);
        const result: unknown = method.apply(this === proxy ? object : this, args);
        if (!isThenable(result)) return result;
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
      wrappers.set(property, { method: value, wrapper });
      return wrapper;
    },
  });
  return proxy;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
