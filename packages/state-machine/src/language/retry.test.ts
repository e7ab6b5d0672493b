import { describe, expect, it } from "vitest";
import { errorMatches, findCatcher, findRetrier, retryDelayMs } from "./retry";

describe("ASL spec 'Error Handling': Retry and Catch matching", () => {
  it("States.ALL matches everything but the terminal States.Runtime / DataLimitExceeded", () => {
    expect(errorMatches(["States.ALL"], "Custom")).toBe(true);
    expect(errorMatches(["States.ALL"], "States.Timeout")).toBe(true);
    expect(errorMatches(["States.ALL"], "States.Runtime")).toBe(false);
    expect(errorMatches(["States.ALL"], "States.DataLimitExceeded")).toBe(false);
  });
  it("States.TaskFailed matches any error but States.Timeout", () => {
    expect(errorMatches(["States.TaskFailed"], "Lambda.Unknown")).toBe(true);
    expect(errorMatches(["States.TaskFailed"], "States.Timeout")).toBe(false);
  });
  it("first matching retrier / catcher wins", () => {
    const list = [{ ErrorEquals: ["A"], Next: "a" }, { ErrorEquals: ["B", "C"], Next: "b" }, { ErrorEquals: ["States.ALL"], Next: "all" }];
    expect(findCatcher(list, "C")).toBe(1);
    expect(findCatcher(list, "Z")).toBe(2);
    expect(findRetrier([{ ErrorEquals: ["A"] }], "B")).toBe(-1);
    expect(findRetrier(undefined, "B")).toBe(-1);
  });
});

describe("ASL spec 'Retry' timing: IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds, JitterStrategy", () => {
  const never = (): number => 0.5;
  it("defaults: 1 s, ×2, 3 attempts", () => {
    const r = { ErrorEquals: ["X"] };
    expect([1, 2, 3, 4].map((a) => retryDelayMs(r, a, never))).toEqual([1000, 2000, 4000, undefined]);
  });
  it("MaxAttempts 0 never retries", () => {
    expect(retryDelayMs({ ErrorEquals: ["X"], MaxAttempts: 0 }, 1, never)).toBeUndefined();
  });
  it("MaxDelaySeconds caps the backoff", () => {
    const r = { ErrorEquals: ["X"], IntervalSeconds: 3, BackoffRate: 3, MaxDelaySeconds: 20, MaxAttempts: 5 };
    expect([1, 2, 3, 4].map((a) => retryDelayMs(r, a, never))).toEqual([3000, 9000, 20000, 20000]);
  });
  it("FULL jitter draws in [0, delay) from the given source", () => {
    const r = { ErrorEquals: ["X"], IntervalSeconds: 10, JitterStrategy: "FULL" as const };
    expect(retryDelayMs(r, 1, () => 0.25)).toBe(2500);
    expect(retryDelayMs(r, 2, () => 0)).toBe(0);
  });
});
