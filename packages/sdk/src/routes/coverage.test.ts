import { createSimContext } from "@simcloud/core";
import { createEventBridgeService, createPipesService, createSchedulerService } from "@simcloud/event-bus";
import { createFunctionService } from "@simcloud/function";
import { createQueueService } from "@simcloud/queue";
import { createStateMachineService } from "@simcloud/state-machine";
import { createStreamService } from "@simcloud/stream";
import { createTopicService } from "@simcloud/topic";
import { describe, expect, it } from "vitest";
import { defaultRoutes } from "./index";
import { NOT_SIMULATED } from "./not-simulated";
import { methodName } from "./types";

/** The service objects the routing tables name, as a cloud builds them. */
function services(): Record<string, Record<string, unknown>> {
  const ctx = createSimContext();
  return {
    sqs: createQueueService(ctx) as unknown as Record<string, unknown>,
    sns: createTopicService(ctx) as unknown as Record<string, unknown>,
    lambda: createFunctionService(ctx) as unknown as Record<string, unknown>,
    kinesis: createStreamService(ctx) as unknown as Record<string, unknown>,
    sfn: createStateMachineService(ctx) as unknown as Record<string, unknown>,
    events: createEventBridgeService(ctx) as unknown as Record<string, unknown>,
    schedules: createSchedulerService(ctx) as unknown as Record<string, unknown>,
    pipes: createPipesService(ctx) as unknown as Record<string, unknown>,
  };
}

describe("routing tables", () => {
  const built = services();

  it("every table is served by a service", () => {
    for (const routes of defaultRoutes) expect(Object.keys(built)).toContain(routes.service);
  });

  it("every routed operation calls a service method, or is listed as not simulated with a reason", () => {
    const unchecked: string[] = [];
    for (const routes of defaultRoutes) {
      const service = built[routes.service] ?? {};
      const skipped = NOT_SIMULATED[routes.service] ?? {};
      for (const [operation, route] of Object.entries(routes.operations)) {
        const simulated = typeof service[methodName(operation, route)] === "function";
        if (!simulated && skipped[operation] === undefined) unchecked.push(`${routes.service}.${operation}`);
      }
    }
    expect(unchecked).toEqual([]);
  });

  it("the not-simulated list holds only routed operations that really have no method (it shrinks as they land)", () => {
    const stale: string[] = [];
    for (const [name, skipped] of Object.entries(NOT_SIMULATED)) {
      const routes = defaultRoutes.find((table) => table.service === name);
      for (const [operation, reason] of Object.entries(skipped)) {
        const route = routes?.operations[operation];
        const service = built[name] ?? {};
        if (route === undefined || typeof service[methodName(operation, route)] === "function" || reason.length === 0) stale.push(`${name}.${operation}`);
      }
    }
    expect(stale).toEqual([]);
  });
});
