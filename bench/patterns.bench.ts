/**
 * Content filtering: 100 compiled EventBridge rules matched against 1,000,000 events (every event
 * against every rule), beside hand-written predicates for the same 100 rules, in the same run.
 * Two workloads, each reported against its own baseline: exact-match rules, and 100 rules that mix the
 * other operators (prefix, numeric range, anything-but, array membership, wildcard, cidr,
 * equals-ignore-case, $or, exact number).
 *
 * The hand-written predicates are what a careful engineer would write for these rules over arbitrary
 * JSON events: null-safe (an event without `detail` is a non-match, not a TypeError) and type-checked
 * (a number is not a string), but without the engine's generality (array-valued fields, number
 * spellings, own-property reads). The exact workload also shows the same predicates with
 * Object.hasOwn reads, the engine's contract for event keys.
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

type Predicate = (event: BenchEvent) => boolean;
type Loose = Record<string, unknown>;
const objectOf = (value: unknown): Loose | undefined => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Loose) : undefined);
const own = (object: Loose, key: string): unknown => (Object.hasOwn(object, key) ? object[key] : undefined);

const exactRules = Array.from({ length: RULES }, (_, r) => ({ source: sources[r % 10] as string, state: states[Math.floor(r / 10)] as string }));
const exactPatterns = exactRules.map(({ source, state }) => compileFilter({ source: [source], detail: { state: [state] } }, "eventbridge"));
const baseline = exactRules.map(({ source, state }): Predicate => (e) => e.source === source && objectOf(e.detail)?.["state"] === state);
const baselineOwn = exactRules.map(({ source, state }): Predicate => (event) => {
  const e = event as unknown as Loose;
  if (own(e, "source") !== source) return false;
  const detail = objectOf(own(e, "detail"));
  return detail !== undefined && own(detail, "state") === state;
});

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

/** Dotted-quad IPv4 as a number, or -1, without allocating. */
function ipv4(text: string): number {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255 || ++dots > 3) return -1;
      n = n * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && ++digits <= 3) part = part * 10 + c - 48;
    else return -1;
  }
  return dots === 3 && digits > 0 && part <= 255 ? n * 256 + part : -1;
}

// The same 100 mixed rules, by hand.
const mixedBaseline = Array.from({ length: RULES }, (_, r): Predicate => {
  const source = sources[r % 10] as string;
  const state = states[r % 10] as string;
  switch (r % 5) {
    case 0:
      return (e) => {
        const count = objectOf(e.detail)?.["count"];
        return typeof e.source === "string" && e.source.startsWith(source) && typeof count === "number" && count >= r && count < r + 100;
      };
    case 1: {
      const tag = `t${r % 5}`;
      return (e) => {
        const detail = objectOf(e.detail);
        const s = detail?.["state"];
        const tags = detail?.["tags"];
        return typeof s === "string" && s !== state && s !== "ok" && Array.isArray(tags) && tags.includes(tag);
      };
    }
    case 2: {
      const head = `dir/${r % 13}/`;
      return (e) => {
        const key = objectOf(e.detail)?.["key"];
        return typeof key === "string" && key.length >= head.length + 4 && key.startsWith(head) && key.endsWith(".png");
      };
    }
    case 3: {
      const network = (10 * 256 + (r % 4)) * 65536;
      return (e) => {
        const detail = objectOf(e.detail);
        const ip = detail?.["ip"];
        const s = detail?.["state"];
        if (typeof ip !== "string" || typeof s !== "string") return false;
        const n = ipv4(ip);
        return n >= 0 && n - (n % 65536) === network && s.toLowerCase() === state;
      };
    }
    default:
      return (e) => {
        const detail = objectOf(e.detail);
        const missing = detail?.["missing"];
        const present = missing !== undefined && (typeof missing !== "object" || missing === null);
        return (e.source === source || present) && detail?.["count"] === r;
      };
  }
});

function run(predicates: readonly Predicate[]): number {
  let hits = 0;
  for (let i = 0; i < EVENTS; i++) {
    const event = pool[i % POOL] as BenchEvent;
    for (let r = 0; r < predicates.length; r++) if ((predicates[r] as Predicate)(event)) hits++;
  }
  return hits;
}

function agree(name: string, a: readonly Predicate[], b: readonly Predicate[]): void {
  for (const event of pool) {
    for (let r = 0; r < a.length; r++) {
      if ((a[r] as Predicate)(event) !== (b[r] as Predicate)(event)) throw new Error(`${name}: rule ${r} disagrees with the hand-written predicate on ${event.id}`);
    }
  }
}

export default async function (): Promise<void> {
  const exact = exactPatterns.map((filter): Predicate => (event) => filter.matches(event));
  const mixed = mixedPatterns.map((filter): Predicate => (event) => filter.matches(event));
  // The engine must agree with the hand-written rules before its speed means anything.
  agree("exact", exact, baseline);
  agree("exact (own reads)", exact, baselineOwn);
  agree("mixed", mixed, mixedBaseline);
  const hits: Record<string, number> = {};
  const runs = Number(process.env["BENCH_RUNS"] ?? 3);
  const exactMeasurements = [
    await best("hand-written exact match", EVENTS, runs, () => (hits["baseline"] = run(baseline))),
    await best("hand-written, Object.hasOwn reads", EVENTS, runs, () => (hits["baselineOwn"] = run(baselineOwn))),
    await best("compileFilter exact (100 rules)", EVENTS, runs, () => (hits["exact"] = run(exact))),
  ];
  const mixedMeasurements = [
    await best("hand-written mixed operators", EVENTS, runs, () => (hits["mixedBaseline"] = run(mixedBaseline))),
    await best("compileFilter mixed operators", EVENTS, runs, () => (hits["mixed"] = run(mixed))),
  ];
  console.log(`  ${EVENTS.toLocaleString("en-US")} events × ${RULES} rules each, best of ${runs}; ops/s below are events/s (hits: ${JSON.stringify(hits)})`);
  console.log("  exact-match rules:");
  report(exactMeasurements, "hand-written exact match");
  console.log("  mixed operators:");
  report(mixedMeasurements, "hand-written mixed operators");
}
