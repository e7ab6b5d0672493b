/**
 * Native timer functions captured when this module loads, before a test can install fake timers.
 * The scheduler yields to the real event loop through these, so async flushing keeps working under
 * `vi.useFakeTimers()`.
 */
const nativeSetImmediate = globalThis.setImmediate;
const nativeSetTimeout = globalThis.setTimeout;

/** Resolves after one native macrotask: every microtask queued before it has run by then. */
export function yieldMacrotask(): Promise<void> {
  return new Promise((resolve) => {
    if (nativeSetImmediate) nativeSetImmediate(resolve);
    else nativeSetTimeout(resolve, 0);
  });
}

/** Runs `fn` after the current native macrotask (the host's own setImmediate, even under fake timers). */
export function afterMacrotask(fn: () => void): void {
  if (nativeSetImmediate) nativeSetImmediate(fn);
  else nativeSetTimeout(fn, 0);
}
