/** Shared timing helpers for benchmarks: wall-clock here is fine, benchmarks are not the simulator. */
import { performance } from "node:perf_hooks";

export interface Measurement {
  label: string;
  ms: number;
  operations: number;
}

export async function measure(label: string, operations: number, body: () => unknown): Promise<Measurement> {
  const started = performance.now();
  await body();
  return { label, ms: performance.now() - started, operations };
}

/** Best of `runs` runs: the least disturbed by GC and the other core's load. */
export async function best(label: string, operations: number, runs: number, body: () => unknown): Promise<Measurement> {
  let fastest: Measurement | undefined;
  for (let i = 0; i < runs; i++) {
    const m = await measure(label, operations, body);
    if (fastest === undefined || m.ms < fastest.ms) fastest = m;
  }
  return fastest as Measurement;
}

export function report(measurements: Measurement[], baselineLabel: string): void {
  const baseline = measurements.find((m) => m.label === baselineLabel);
  for (const m of measurements) {
    const rate = (m.operations / m.ms) * 1000;
    const ratio = baseline ? ` ${(baseline.ms / m.ms).toFixed(2)}x of ${baselineLabel}'s throughput` : "";
    console.log(`  ${m.label.padEnd(34)} ${m.ms.toFixed(1).padStart(9)} ms  ${Math.round(rate).toLocaleString("en-US").padStart(12)} ops/s ${ratio}`);
  }
}
