/**
 * Property (issue #13): a small workflow written once with JSONPath and once with JSONata
 * gives the same output for any input: Parameters ≡ Arguments-shaped Output, ResultPath ≡
 * object merge, intrinsics ≡ JSONata functions, Choice rules ≡ Conditions, Map ItemSelector ≡
 * ItemSelector template, Assign + variable reads in both languages.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { run } from "./test-support";

const jsonPathMachine = {
  StartAt: "Shape",
  States: {
    Shape: { Type: "Pass", Parameters: { "name.$": "$.name", "n.$": "$.n", "xs.$": "$.xs", "greeting.$": "States.Format('Hi {}', $.name)", "count.$": "States.ArrayLength($.xs)", "kind.$": "$.kind" }, Assign: { "orig.$": "$.n" }, Next: "Sum" },
    Sum: { Type: "Pass", Parameters: { "total.$": "States.MathAdd($.n, $.count)" }, ResultPath: "$.calc", Next: "Route" },
    Route: {
      Type: "Choice",
      Choices: [{ And: [{ Variable: "$.calc.total", NumericGreaterThan: 10 }, { Variable: "$.name", StringMatches: "a*" }], Next: "Big" }],
      Default: "Each",
    },
    Big: { Type: "Pass", Result: "big", ResultPath: "$.kind", Next: "Each" },
    Each: {
      Type: "Map",
      ItemsPath: "$.xs",
      ItemSelector: { "i.$": "$$.Map.Item.Index", "v.$": "$$.Map.Item.Value", "who.$": "$.name" },
      ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } },
      ResultPath: "$.items",
      Next: "Done",
    },
    Done: { Type: "Pass", Parameters: { "greeting.$": "$.greeting", "total.$": "$.calc.total", "items.$": "$.items", "orig.$": "$orig", "kind.$": "$.kind" }, End: true },
  },
};

const jsonataMachine = {
  QueryLanguage: "JSONata",
  StartAt: "Shape",
  States: {
    Shape: { Type: "Pass", Output: { name: "{% $states.input.name %}", n: "{% $states.input.n %}", xs: "{% $states.input.xs %}", greeting: "{% 'Hi ' & $states.input.name %}", count: "{% $count($states.input.xs) %}", kind: "{% $states.input.kind %}" }, Assign: { orig: "{% $states.input.n %}" }, Next: "Sum" },
    Sum: { Type: "Pass", Output: "{% $merge([$states.input, {'calc': {'total': $states.input.n + $states.input.count}}]) %}", Next: "Route" },
    Route: { Type: "Choice", Choices: [{ Condition: "{% $states.input.calc.total > 10 and $substring($states.input.name, 0, 1) = 'a' %}", Next: "Big" }], Default: "Each" },
    Big: { Type: "Pass", Output: "{% $merge([$states.input, {'kind': 'big'}]) %}", Next: "Each" },
    Each: {
      Type: "Map",
      Items: "{% $states.input.xs %}",
      ItemSelector: { i: "{% $states.context.Map.Item.Index %}", v: "{% $states.context.Map.Item.Value %}", who: "{% $states.input.name %}" },
      ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } },
      Output: "{% $merge([$states.input, {'items': $states.result}]) %}",
      Next: "Done",
    },
    Done: { Type: "Pass", Output: { greeting: "{% $states.input.greeting %}", total: "{% $states.input.calc.total %}", items: "{% $states.input.items %}", orig: "{% $orig %}", kind: "{% $states.input.kind %}" }, End: true },
  },
};

describe("property: JSONPath and JSONata versions of one workflow agree", () => {
  it("same output for any name, number and item list", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ name: fc.string({ maxLength: 8 }), n: fc.integer({ min: -50, max: 50 }), xs: fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.boolean()), { minLength: 1, maxLength: 5 }), kind: fc.constant("none") }),
        async (input) => {
          const a = await run(jsonPathMachine, input);
          const b = await run(jsonataMachine, input);
          expect(a.status).toBe("SUCCEEDED");
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 60, seed: 13 },
    );
  });
});
