/**
 * The SQS and SQS-FIFO cases of the shared conformance scenarios (vendored in ../test-vectors), run through the
 * native API. The SDK runner in conformance/ runs the same files through real SDK clients.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { yieldMacrotask } from "@simcloud/clock";
import { isAwsError } from "@simcloud/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createHarness, type ClockModeName, type Harness } from "./clock-modes";
import type { QueueService } from "./sqs";

interface Step {
  op: string;
  [key: string]: unknown;
}
interface Case {
  name: string;
  doc: string;
  steps: Step[];
}

const here = dirname(fileURLToPath(import.meta.url));
const load = (file: string): Case[] => JSON.parse(readFileSync(join(here, "..", "test-vectors", file), "utf8")) as Case[];
const cases = [...load("sqs.json"), ...load("sqs-fifo.json")];

// Long-poll cases check `pending` after explicit advances, which autoAdvance would race past by design.
const MODES: ClockModeName[] = ["virtual", "system"];

describe.each(MODES)("conformance vectors (native API) [%s clock]", (mode) => {
  afterEach(() => {
    vi.useRealTimers();
  });
  it.each(cases.map((c) => [`${c.name} — ${c.doc}`, c] as const))("%s", async (_title, scenario) => {
    const harness = createHarness(mode);
    await run(harness, scenario.steps, { $start: harness.ctx.clock.now() });
  });
});

type Saved = Record<string, unknown>;

async function run(h: Harness, steps: Step[], saved: Saved): Promise<void> {
  const started = new Map<string, { settled: boolean; result?: unknown; error?: unknown }>();
  for (const step of steps) {
    saved["$now"] = h.ctx.clock.now();
    switch (step.op) {
      case "call":
      case "expect": {
        const call = (step.op === "call" ? step : step["call"]) as Step;
        await check(h, step, () => invoke(h.sqs, call, saved), saved);
        break;
      }
      case "start": {
        const entry: { settled: boolean; result?: unknown; error?: unknown } = { settled: false };
        started.set(step["id"] as string, entry);
        invoke(h.sqs, step, saved).then(
          (result) => Object.assign(entry, { settled: true, result }),
          (error: unknown) => Object.assign(entry, { settled: true, error }),
        );
        for (let i = 0; i < 5; i++) await yieldMacrotask();
        break;
      }
      case "pending":
        expect(started.get(step["id"] as string)?.settled, `call ${String(step["id"])} should still be pending`).toBe(false);
        break;
      case "await": {
        const entry = started.get(step["id"] as string);
        for (let i = 0; i < 20 && entry !== undefined && !entry.settled; i++) await yieldMacrotask();
        expect(entry?.settled, `call ${String(step["id"])} should have returned`).toBe(true);
        await check(h, step, async () => {
          if (entry?.error !== undefined) throw entry.error;
          return entry?.result;
        }, saved);
        break;
      }
      case "advance":
        await h.advance(step["ms"] as number);
        break;
      case "settle":
        await h.settle();
        break;
      case "expectNow":
        expect(h.ctx.clock.now() - (saved["$start"] as number)).toBe(step["ms"]);
        break;
      case "repeat":
        for (let i = 0; i < (step["times"] as number); i++) await run(h, step["steps"] as Step[], { ...saved, $i: i });
        break;
      case "save":
        saved[step["name"] as string] = resolve(step["value"], saved);
        break;
      default:
        throw new Error(`unsupported step ${step.op}`);
    }
  }
}

async function check(_h: Harness, step: Step, call: () => Promise<unknown>, saved: Saved): Promise<void> {
  const expectedError = step["error"] as string | string[] | undefined;
  let result: unknown;
  try {
    result = await call();
  } catch (error) {
    if (expectedError === undefined || !isAwsError(error)) throw error;
    expect([expectedError].flat()).toContain(error.code);
    return;
  }
  expect(expectedError, `expected error ${String(expectedError)}`).toBeUndefined();
  if (step["output"] !== undefined) matches(result, resolve(step["output"], saved), "output");
  if (typeof step["save"] === "string") saved[step["save"]] = result;
}

function invoke(sqs: QueueService, call: Step, saved: Saved): Promise<unknown> {
  const command = call["command"] as string;
  const method = (command[0] as string).toLowerCase() + command.slice(1);
  const fn = (sqs as unknown as Record<string, (input: unknown) => Promise<unknown>>)[method];
  if (fn === undefined) throw new Error(`no method ${method}`);
  return fn(build(call["input"] ?? {}, saved));
}

/** Input directives of the scenario format. */
function build(value: unknown, saved: Saved): unknown {
  const resolved = resolve(value, saved);
  return directives(resolved, saved);
}

function directives(value: unknown, saved: Saved): unknown {
  if (Array.isArray(value)) return value.map((v) => directives(v, saved));
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if ("$json" in record) return JSON.stringify(record["$json"]);
  if ("$repeatString" in record) return (record["$repeatString"] as string).repeat(record["times"] as number);
  if ("$bytes" in record) {
    const v = record["$bytes"];
    return new TextEncoder().encode(typeof v === "string" ? v : JSON.stringify(v));
  }
  if ("$repeat" in record) {
    return Array.from({ length: record["$repeat"] as number }, (_, i) => directives(resolve(record["item"], { ...saved, $i: i }), saved));
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, directives(v, saved)]));
}

function resolve(value: unknown, saved: Saved): unknown {
  if (typeof value === "string") {
    const whole = /^\$\{([^}]+)\}$/.exec(value);
    if (whole !== null) return lookup(saved, whole[1] as string);
    return value.replace(/\$\{([^}]+)\}/g, (_, path: string) => String(lookup(saved, path)));
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, saved));
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    // `item` of $repeat is resolved per round.
    if ("$repeat" in record) return value;
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, resolve(v, saved)]));
  }
  return value;
}

function lookup(saved: Saved, path: string): unknown {
  let current: unknown = saved;
  for (const part of path.split(".")) current = (current as Record<string, unknown> | undefined)?.[part];
  return current;
}

function matches(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === "object" && expected !== null && !Array.isArray(expected)) {
    const spec = expected as Record<string, unknown>;
    if ("$type" in spec) return void expect(typeof actual, where).toBe(spec["$type"]);
    if ("$empty" in spec) return void expect(actual === undefined || (Array.isArray(actual) && actual.length === 0), `${where} empty`).toBe(true);
    if ("$absent" in spec) return void expect(actual, where).toBeUndefined();
    if ("$exists" in spec) return void expect(actual, where).toBeDefined();
    if ("$len" in spec) return void expect((actual as unknown[] | undefined)?.length, where).toBe(spec["$len"]);
    if ("$regex" in spec) return void expect(String(actual), where).toMatch(new RegExp(spec["$regex"] as string));
    if ("$json" in spec) return matches(JSON.parse(actual as string), spec["$json"], where);
    if ("$unordered" in spec) {
      const items = spec["$unordered"] as unknown[];
      expect(Array.isArray(actual) && actual.length === items.length, `${where} length`).toBe(true);
      const pool = [...(actual as unknown[])];
      for (const item of items) {
        const index = pool.findIndex((candidate) => succeeds(() => matches(candidate, item, where)));
        expect(index, `${where}: no element matches ${JSON.stringify(item)}`).toBeGreaterThanOrEqual(0);
        pool.splice(index, 1);
      }
      return;
    }
    expect(typeof actual, where).toBe("object");
    for (const [key, value] of Object.entries(spec)) matches((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual) ? actual.length : undefined, `${where} length`).toBe(expected.length);
    expected.forEach((item, i) => matches((actual as unknown[])[i], item, `${where}[${i}]`));
    return;
  }
  expect(actual, where).toBe(expected);
}

function succeeds(fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
}
