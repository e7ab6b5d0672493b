import { describe, expect, it } from "vitest";
import { ExpiryWindow } from "./expiry-window";
import { Scheduler } from "./scheduler";

describe("ExpiryWindow", () => {
  it("remembers a key for exactly the window, with one background task", async () => {
    const s = new Scheduler();
    const expired: string[] = [];
    const window = new ExpiryWindow<string, number>(s, { windowMs: 300_000, label: "dedup", onExpire: (key) => expired.push(key) });
    window.set("a", 1);
    await s.advance(100_000);
    window.set("b", 2);
    expect(s.pendingTasks).toBe(0); // background: runUntilIdle would not wait for it
    expect(window.get("a")).toBe(1);
    await s.advance(199_999);
    expect(window.has("a")).toBe(true);
    await s.advance(1);
    expect(window.has("a")).toBe(false);
    expect(expired).toEqual(["a"]);
    expect(window.expiresAt("b")).toBe(s.now() + 100_000);
    expect([...window.entriesInOrder()]).toEqual([["b", 2]]);
    await s.advance(100_000);
    expect(window.size).toBe(0);
    expect(expired).toEqual(["a", "b"]);
  });

  it("a key is forgotten at its instant even before its task has run", () => {
    const s = new Scheduler();
    const window = new ExpiryWindow<string>(s, { windowMs: 0, label: "zero" });
    window.set("k");
    expect(window.has("k")).toBe(false);
  });

  it("setting a key again restarts its window; delete forgets it early", async () => {
    const s = new Scheduler();
    const window = new ExpiryWindow<string>(s, { windowMs: 1_000, label: "attempts" });
    window.set("a");
    window.set("b");
    await s.advance(600);
    window.set("a");
    await s.advance(400);
    expect(window.has("b")).toBe(false);
    expect(window.has("a")).toBe(true);
    window.delete("a");
    expect(window.has("a")).toBe(false);
    window.set("c");
    window.clear();
    expect(window.size).toBe(0);
  });

  it("rejects a window that is not a finite number ≥ 0", () => {
    expect(() => new ExpiryWindow(new Scheduler(), { windowMs: -1, label: "x" })).toThrow(RangeError);
    expect(() => new ExpiryWindow(new Scheduler(), { windowMs: Infinity, label: "x" })).toThrow(RangeError);
  });
});
