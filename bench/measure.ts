/** Shared timing helpers for benchmarks: wall-clock here is fine, benchmarks are not the simulator. */
import { performance } from "node:perf_hooks";

export interface Measurement {
  label: string;
  ms: number;
  operations: number;
  /** CPU time of this process (user + system) over the run: unlike wall time, barely moved by other processes' load. */
  cpuMs?: number;
}

export async function measure(label: string, operations: number, body: () => unknown): Promise<Measurement> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await body();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { label, ms, operations, cpuMs: (used.user + used.system) / 1000 };
}

/** Best of `runs` runs: the least disturbed by GC and the other core's load. */
export async function best(label: string, operations: number, runs: number, body: () => unknown): Promise<Measurement> {
  let fastest: Measurement | undefined;
  let leastCpu = Infinity;
  for (let i = 0; i < runs; i++) {
    const m = await measure(label, operations, body);
    if (fastest === undefined || m.ms < fastest.ms) fastest = m;
    leastCpu = Math.min(leastCpu, m.cpuMs ?? Infinity);
  }
  return { ...(fastest as Measurement), cpuMs: leastCpu };
}

export function report(measurements: Measurement[], baselineLabel: string): void {
  const baseline = measurements.find((m) => m.label === baselineLabel);
  for (const m of measurements) {
    const rate = (m.operations / m.ms) * 1000;
    const ratio = baseline ? ` ${(baseline.ms / m.ms).toFixed(2)}x of ${baselineLabel}'s throughput` : "";
    const cpu = m.cpuMs !== undefined && baseline?.cpuMs !== undefined ? `  (CPU ${m.cpuMs.toFixed(0)} ms, ${(baseline.cpuMs / m.cpuMs).toFixed(2)}x by CPU time)` : "";
    console.log(`  ${m.label.padEnd(34)} ${m.ms.toFixed(1).padStart(9)} ms  ${Math.round(rate).toLocaleString("en-US").padStart(12)} ops/s ${ratio}${cpu}`);
  }
}
