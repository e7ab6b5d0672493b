/**
 * A top-level Map of JSONPath Pass/Choice/Succeed iterations is played from a queue rather than by async workers
 * (execution.ts, runMap). Its history must be the one the workers give: the same Map run inside a one-branch Parallel
 * (which has no sibling either, and always uses the workers) must record the same events in the same order.
 */
import type { HistoryEvent } from "./types";
import { describe, expect, it } from "vitest";
import { harness } from "./test-support";

/** The events from MapStateStarted to MapStateSucceeded/Failed, ids made relative to MapStateStarted, time dropped. */
function mapSegment(events: HistoryEvent[]): unknown[] {
  const start = events.findIndex((e) => e.type === "MapStateStarted");
  const end = events.findIndex((e) => e.type === "MapStateSucceeded" || e.type === "MapStateFailed");
  const base = events[start]!.id;
  return events.slice(start, end + 1).map((e) => {
    const { timestamp: _t, id, previousEventId, ...rest } = e;
    return { ...rest, id: id - base, previousEventId: previousEventId - base };
  });
}

const processors: Record<string, object> = {
  "every item succeeds": { StartAt: "Double", States: { Double: { Type: "Pass", Parameters: { "v.$": "States.MathAdd($, $)" }, End: true } } },
  "paths of different lengths": {
    StartAt: "Route",
    States: {
      Route: { Type: "Choice", Choices: [{ Variable: "$", NumericGreaterThan: 2, Next: "Long1" }], Default: "Short" },
      Long1: { Type: "Pass", Next: "Long2" },
      Long2: { Type: "Pass", Next: "Done" },
      Short: { Type: "Pass", End: true },
      Done: { Type: "Succeed" },
    },
  },
  "one item fails (an intrinsic failure)": {
    StartAt: "Check",
    States: {
      Check: { Type: "Choice", Choices: [{ Variable: "$", NumericEquals: 3, Next: "Bad" }], Default: "Ok" },
      Bad: { Type: "Pass", Parameters: { "v.$": "States.ArrayGetItem($$.Map.Item.Value, 0)" }, End: true },
      Ok: { Type: "Pass", Next: "Ok2" },
      Ok2: { Type: "Pass", End: true },
    },
  },
};

const limits: Record<string, object> = {
  "no limits": {},
  "MaxConcurrency 2": { MaxConcurrency: 2 },
  "ToleratedFailureCount 1": { ToleratedFailureCount: 1 },
  "MaxConcurrency 1": { MaxConcurrency: 1 },
};

describe("Map iterations played from a queue (ASL spec: Map state; history as the concurrent workers record it)", () => {
  for (const [processorName, processor] of Object.entries(processors)) {
    for (const [limitName, extra] of Object.entries(limits)) {
      it(`${processorName}, ${limitName}: same events as the workers`, async () => {
        const h = harness();
        const map = { Type: "Map", ItemsPath: "$.items", ItemProcessor: processor, ...extra, End: true };
        const top = await h.machine({ StartAt: "M", States: { M: map } }, "top");
        const nested = await h.machine({ StartAt: "P", States: { P: { Type: "Parallel", Branches: [{ StartAt: "M", States: { M: map } }], End: true } } }, "nested");
        const input = { items: [1, 2, 3, 4, 5] };
        const a = await h.run(top, input);
        const b = await h.run(nested, input);
        const topEvents = (await h.sfn.getExecutionHistory({ executionArn: a.executionArn, maxResults: 1000 })).events;
        const nestedEvents = (await h.sfn.getExecutionHistory({ executionArn: b.executionArn, maxResults: 1000 })).events;
        expect(mapSegment(topEvents)).toEqual(mapSegment(nestedEvents));
        expect(mapSegment(topEvents).length).toBeGreaterThan(5);
        // Causes name the entered event id, which the Parallel's own events shift.
        const ids = (text: string): unknown => JSON.parse(text.replace(/event id #\d+/g, "event id #N"));
        if (a.status === "SUCCEEDED") expect(ids(b.output!)).toEqual([ids(a.output!)]);
        else expect(b.status).toBe("FAILED");
      });
    }
  }
});
