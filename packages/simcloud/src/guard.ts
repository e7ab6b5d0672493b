import { CloudDisposedError } from "@simcloud/core";

/**
 * Wraps a service so that every method call on a disposed cloud throws CloudDisposedError, without each
 * service having to check. Non-function properties pass through.
 */
export function guardDisposed<T extends object>(target: T, prefix: string, isDisposed: () => boolean): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== "function") return value;
      return function guarded(this: unknown, ...args: unknown[]) {
        if (isDisposed()) throw new CloudDisposedError(`${prefix}.${String(property)}`);
        return (value as (...a: unknown[]) => unknown).apply(this === receiver ? object : this, args);
      };
    },
  });
}
