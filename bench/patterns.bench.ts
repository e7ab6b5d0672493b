/**
 * Content filtering: 100 compiled EventBridge rules matched against 1,000,000 events (every event
 * against every rule), beside hand-written exact-match predicates for the same 100 rules, in the
 * same run. A second set of 100 rules mixes the other operators.
 */
import { compileFilter } from "@simcloud/core";
import { best, report } from "./measure";

const EVENTS = 1_000_000;
const RULES = 100;
const POOL = 1000;

const sources = Array.from({ length: 10 }, (_, i) => `com.example.service${i}`);
const states = ["pending", "running", "stopped", "failed", "done", "queued", "paused", "retrying", "error", "ok"];

interface BenchEvent {
  version: string; id: string; "detail-type": string; source: string; account: string; time: string; region: string;
  resources: string[]; detail: { state: string; count: number; ip: string; key: string; tags: string[] };
}

// A fixed pool, cycled: the events differ, the generator's cost stays out of the measurement.
const pool: BenchEvent[] = Array.from({ length: POOL }, (_, i) => ({
  version: "0", id: `id-${i}`, "detail-type": "State Change", source: sources[i % 10] as string, account: "111122223333",
  time: "2025-01-01T00:00:00Z", region: "us-east-1", resources: [],
  detail: { state: states[(i * 7) % 10] as string, count: i % 500, ip: `10.${i % 4}.${i % 256}.${(i * 3) % 256}`, key: `dir/${i % 13}/file${i}.png`, tags: ["a", `t${i % 5}`] },
}));

const exactRules = Array.from({ length: RULES }, (_, r) => ({ source: sources[r % 10] as string, state: states[Math.floor(r / 10)] as string }));
const exactPatterns = exactRules.map(({ source, state }) => compileFilter({ source: [source], detail: { state: [state] } }, "eventbridge"));
const baseline = exactRules.map(({ source, state }) => (e: BenchEvent) => e.source === source && e.detail.state === state);

const mixedPatterns = Array.from({ length: RULES }, (_, r) => {
  const shapes: object[] = [
    { source: [{ prefix: `com.example.service${r % 10}` }], detail: { count: [{ numeric: [">=", r, "<", r + 100] }] } },
    { detail: { state: [{ "anything-but": [states[r % 10] as string, "ok"] }], tags: [`t${r % 5}`] } },
    { detail: { key: [{ wildcard: `dir/${r % 13}/*.png` }] } },
    { detail: { ip: [{ cidr: `10.${r % 4}.0.0/16` }], state: [{ "equals-ignore-case": (states[r % 10] as string).toUpperCase() }] } },
    { $or: [{ source: [sources[r % 10] as string] }, { detail: { missing: [{ exists: true }] } }], detail: { count: [r] } },
  ];
  return compileFilter(shapes[r % shapes.length] as object, "eventbridge");
});

function run(predicates: readonly ((event: BenchEvent) => boolean)[]): number {
  let hits = 0;
  for (let i = 0; i < EVENTS; i++) {
    const event = pool[i % POOL] as BenchEvent;
    for (let r = 0; r < predicates.length; r++) if ((predicates[r] as (event: BenchEvent) => boolean)(event)) hits++;
  }
  return hits;
}

export default async function (): Promise<void> {
  const exact = exactPatterns.map((filter) => (event: BenchEvent) => filter.matches(event));
  const mixed = mixedPatterns.map((filter) => (event: BenchEvent) => filter.matches(event));
  // The engine must agree with the hand-written rules before its speed means anything.
  if (pool.some((event) => exact.some((m, r) => m(event) !== (baseline[r] as (e: BenchEvent) => boolean)(event)))) {
    throw new Error("compiled exact rules disagree with the hand-written baseline");
  }
  const hits: Record<string, number> = {};
  const measurements = [
    await best("hand-written exact match", EVENTS, 2, () => (hits["baseline"] = run(baseline))),
    await best("compileFilter exact (100 rules)", EVENTS, 2, () => (hits["exact"] = run(exact))),
    await best("compileFilter mixed operators", EVENTS, 2, () => (hits["mixed"] = run(mixed))),
  ];
  console.log(`  ${EVENTS.toLocaleString("en-US")} events × ${RULES} rules each; ops/s below are events/s (hits: ${JSON.stringify(hits)})`);
  report(measurements, "hand-written exact match");
}
