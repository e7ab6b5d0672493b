import { describe, expect, it } from "vitest";
import { mapItemInput, mapItems, mapLimits } from "./map";
import { bindings } from "./test-support";
import type { MapState } from "./types";

const map = (over: Partial<MapState>): MapState => ({ Type: "Map", ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } }, End: true, ...over });
const b = bindings({ context: { ...bindings().context, State: { Name: "MapState", EnteredTime: "", RetryCount: 0 } } });

describe("AWS guide 'Map state in inline mode': ItemsPath / Items / ItemSelector / ItemBatcher", () => {
  it("ItemsPath selects the array; a non-array fails with AWS's cause", async () => {
    expect(await mapItems(map({ ItemsPath: "$.xs" }), { xs: [1, 2] }, b)).toEqual([1, 2]);
    await expect(mapItems(map({}), { foo: "bar" }, b)).rejects.toMatchObject({ cause: 'An error occurred while executing the state \'MapState\' (entered at the event id #2). Map state input must be an array but was: {"foo":"bar"}' });
  });
  it("JSONata Items must be an array", async () => {
    const j = bindings({ queryLanguage: "JSONata", context: b.context });
    expect(await mapItems(map({ Items: "{% $states.input.xs %}" }), { xs: [3] }, j)).toEqual([3]);
    await expect(mapItems(map({ Items: "{% 1 %}" }), {}, j)).rejects.toMatchObject({
      error: "States.QueryEvaluationError",
      cause: "An error occurred while executing the state 'MapState' (entered at the event id #2). The JSONata expression '1' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'number' for value: 1",
    });
  });
  it("ItemSelector sees the Map's input as $ and the item as $$.Map.Item", async () => {
    const ib = { ...b, context: { ...b.context, Map: { Item: { Index: 1, Value: "v" } } } };
    expect(await mapItemInput(map({ ItemSelector: { "i.$": "$$.Map.Item.Index", "v.$": "$$.Map.Item.Value", "k.$": "$.k" } }), { k: 9 }, ib)).toEqual({ i: 1, v: "v", k: 9 });
    expect(await mapItemInput(map({}), { k: 9 }, ib)).toBe("v");
  });
  it("ItemBatcher groups items with BatchInput", async () => {
    const items = await mapItems(map({ ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { "tag.$": "$.tag" } }, ItemsPath: "$.xs" }), { xs: [1, 2, 3], tag: "t" }, b);
    expect(items).toEqual([{ BatchInput: { tag: "t" }, Items: [1, 2] }, { BatchInput: { tag: "t" }, Items: [3] }]);
  });
  it("MaxConcurrency(Path) and ToleratedFailure*(Path) with AWS's causes", async () => {
    expect(await mapLimits(map({ MaxConcurrencyPath: "$.m", ToleratedFailureCount: 2 }), { m: 3 }, b)).toEqual({ maxConcurrency: 3, toleratedFailureCount: 2 });
    await expect(mapLimits(map({ MaxConcurrencyPath: "$.MaxConcurrencyValue" }), { MaxConcurrencyValue: "NoNumber" }, b)).rejects.toMatchObject({
      cause: 'An error occurred while executing the state \'MapState\' (entered at the event id #2). The MaxConcurrencyPath field refers to value "NoNumber" which is not a valid integer: $.MaxConcurrencyValue',
    });
    await expect(mapLimits(map({ ToleratedFailurePercentagePath: "$.p" }), { p: 101 }, b)).rejects.toMatchObject({ cause: expect.stringContaining("ToleratedFailurePercentage must be between 0 and 100.") });
    await expect(mapLimits(map({ ToleratedFailureCountPath: "$.c" }), { c: -1 }, b)).rejects.toMatchObject({ cause: expect.stringContaining("ToleratedFailureCount cannot be negative.") });
  });
});
