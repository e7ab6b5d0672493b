import { CloudDisposedError } from "@simcloud/core";

/** What the guard needs from its cloud: whether it is disposed, and a way to hear when it becomes so. */
export interface DisposalWatch {
  isDisposed(): boolean;
  /** Calls `onDispose` when the cloud is disposed; returns the function that stops watching. */
  watch(onDispose: () => void): () => void;
}

/**
 * Wraps a service so that every method call on a disposed cloud throws CloudDisposedError, and every call still
 * pending when the cloud is disposed (a long poll, a sync invoke) rejects with it, without each service having to
 * check. Non-function properties pass through.
 */
export function guardDisposed<T extends object>(target: T, prefix: string, disposal: DisposalWatch): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== "function") return value;
      return function guarded(this: unknown, ...args: unknown[]) {
        const operation = `${prefix}.${String(property)}`;
        if (disposal.isDisposed()) throw new CloudDisposedError(operation);
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(this === receiver ? object : this, args);
        if (!isThenable(result)) return result;
        return new Promise((resolve, reject) => {
          const stop = disposal.watch(() => reject(new CloudDisposedError(operation)));
          result.then(
            (output) => {
              stop();
              resolve(output);
            },
            (error: unknown) => {
              stop();
              reject(error);
            },
          );
        });
      };
    },
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
