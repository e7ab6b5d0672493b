import { createSimContext } from "@simcloud/core";
import { describe, expect, it } from "vitest";
import { createFunctionService } from "./lambda";

const dec = new TextDecoder();

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

function stackBomb(): Error {
  const error = new Error("boom");
  Object.defineProperty(error, "stack", {
    get() {
      throw new Error("no stack for you");
    },
  });
  return error;
}

function hostileObject(): object {
  return {
    toString() {
      throw new Error("no string");
    },
    toJSON() {
      throw new Error("no json");
    },
  };
}

const thrown: [string, () => unknown][] = [
  ["an Error whose stack getter throws", stackBomb],
  ["a revoked Proxy", revokedProxy],
  ["null", () => null],
  ["a symbol", () => Symbol("odd")],
  ["an object whose toString and toJSON throw", hostileObject],
  ["a Proxy whose every trap throws", () => new Proxy({}, new Proxy({}, { get: () => () => { throw new Error("trap"); } }))],
];

describe("any thrown value becomes a function error (Unhandled), and the concurrency slot is released", () => {
  for (const [name, make] of thrown) {
    for (const style of ["async", "sync", "callback"] as const) {
      it(`${style} handler throwing ${name}`, async () => {
        const ctx = createSimContext();
        const lambda = createFunctionService(ctx, { accountConcurrency: 101 });
        const handler =
          style === "async"
            ? async () => {
                throw make();
              }
            : style === "sync"
              ? () => {
                  throw make();
                }
              : (_event: unknown, _context: unknown, callback: (error: unknown) => void) => callback(make() ?? Symbol("null")) ;
        await lambda.createFunction({ FunctionName: "f", handler, ReservedConcurrentExecutions: 1 });
        for (let round = 0; round < 2; round++) {
          const out = await lambda.invoke({ FunctionName: "f" });
          expect(out.FunctionError).toBe("Unhandled");
          const doc = JSON.parse(dec.decode(out.Payload)) as { errorType: unknown; errorMessage: unknown };
          expect(typeof doc.errorType).toBe("string");
          expect(typeof doc.errorMessage).toBe("string");
        }
        expect((await lambda.getFunctionMetrics({ FunctionName: "f" })).ConcurrentExecutions).toBe(0);
      });
    }
  }
});
