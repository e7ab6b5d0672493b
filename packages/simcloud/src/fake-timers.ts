/**
 * Whether a fake clock (@sinonjs/fake-timers, which vitest's and jest's fake timers use) has replaced the global
 * timers: it marks each function it installs with its `clock`.
 */
export function fakeTimersInstalled(): boolean {
  const clock: unknown = (globalThis.setTimeout as unknown as { clock?: unknown }).clock;
  return typeof clock === "object" && clock !== null;
}

export const FAKE_TIMERS_ON_VIRTUAL_CLOUD =
  "fake timers are active (vi.useFakeTimers()) but this cloud runs on its own virtual clock, so vi.advanceTimersByTime* " +
  'does not move it. Either drive the cloud with cloud.advance(ms) / cloud.until(type), or create it with { clock: "system" } ' +
  'so the fake timers drive it. Pass { clock: "virtual" } explicitly to silence this.';
