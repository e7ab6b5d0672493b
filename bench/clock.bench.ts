/**
 * 1,000,000 timers with seeded random delays (every 10th cancelled), run to the end, four ways in one run:
 * simcloud's bare Scheduler (async flushing included), the same through createCloud() as users schedule
 * (`cloud.scheduler.after`, the task reading `cloud.clock.now()`, `cloud.runUntilIdle()`), @sinonjs/fake-timers
 * (createClock + setTimeout + runAll), and a minimal binary-heap baseline with no cancellation or async support.
 */
import { Scheduler, createRandom } from "@simcloud/clock";
import FakeTimers from "@sinonjs/fake-timers";
import { createCloud } from "simcloud";
import { best, report } from "./measure";

const COUNT = Number(process.env.BENCH_CLOCK_COUNT ?? 1_000_000);
const HORIZON_MS = 3_600_000;

function delays(): Int32Array {
  const stream = createRandom(42).stream("bench.clock");
  const out = new Int32Array(COUNT);
  for (let i = 0; i < COUNT; i++) out[i] = stream.int(HORIZON_MS);
  return out;
}

/** The baseline: ~40 lines, a heap of (time, seq, fn) in parallel arrays of objects. */
function runHeapBaseline(ds: Int32Array): number {
  interface T { time: number; seq: number; fn: () => void }
  const heap: T[] = [];
  const less = (a: T, b: T): boolean => a.time < b.time || (a.time === b.time && a.seq < b.seq);
  const push = (t: T): void => {
    let i = heap.push(t) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const pop = (): T | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  };
  let fired = 0;
  const fn = (): void => void fired++;
  for (let i = 0; i < COUNT; i++) push({ time: ds[i]!, seq: i, fn });
  for (let t = pop(); t; t = pop()) t.fn();
  return fired;
}

async function runScheduler(ds: Int32Array): Promise<number> {
  const s = new Scheduler({ start: 0, loopLimit: COUNT * 2 });
  let fired = 0;
  const fn = (): void => void fired++;
  for (let i = 0; i < COUNT; i++) {
    const handle = s.after(ds[i]!, fn);
    if (i % 10 === 9) handle.cancel();
  }
  await s.runUntilIdle();
  return fired;
}

/** The user's path: a cloud's scheduler and clock, the services created alongside as createCloud() does. */
async function runCloud(ds: Int32Array): Promise<number> {
  const cloud = createCloud({ start: 0, loopLimit: COUNT * 2 });
  let fired = 0;
  let last = 0;
  const fn = (): void => {
    last = cloud.clock.now();
    fired++;
  };
  for (let i = 0; i < COUNT; i++) {
    const handle = cloud.scheduler.after(ds[i]!, fn);
    if (i % 10 === 9) handle.cancel();
  }
  await cloud.runUntilIdle();
  await cloud.dispose();
  return last >= 0 ? fired : -1;
}

function runFakeTimers(ds: Int32Array): number {
  const clock = FakeTimers.createClock(0, COUNT * 2);
  let fired = 0;
  const fn = (): void => void fired++;
  for (let i = 0; i < COUNT; i++) {
    const id = clock.setTimeout(fn, ds[i]!);
    if (i % 10 === 9) clock.clearTimeout(id);
  }
  clock.runAll();
  return fired;
}

export default async function (): Promise<void> {
  const ds = delays();
  console.log(`  ${COUNT.toLocaleString("en-US")} timers, delays uniform in [0, ${HORIZON_MS} ms), every 10th cancelled (not in the baseline)`);
  const heap = await best("plain binary heap (baseline)", COUNT, 3, () => runHeapBaseline(ds));
  const sim = await best("simcloud Scheduler", COUNT, 3, () => runScheduler(ds));
  const user = await best("createCloud(): scheduler + clock", COUNT, 3, () => runCloud(ds));
  const fake = await best("@sinonjs/fake-timers runAll", COUNT, 2, () => runFakeTimers(ds));
  report([heap, sim, user, fake], heap.label);
  console.log(`  simcloud vs heap baseline: ${(sim.ms / heap.ms).toFixed(2)}x the time (goal: within 2x)`);
  console.log(`  simcloud vs fake-timers:   ${(fake.ms / sim.ms).toFixed(2)}x faster (goal: at least 2.7x)`);
  console.log(
    `  user path (createCloud):   ${(user.ms / heap.ms).toFixed(2)}x the heap baseline's time (goal ≤ 2x), ` +
      `${(fake.ms / user.ms).toFixed(2)}x faster than fake-timers (goal ≥ 2.7x), ${(user.ms / sim.ms).toFixed(2)}x the bare Scheduler's time`,
  );
}
