import { describe, expect, it } from "vitest";
import { isAwsError } from "../errors";
import { memberPaths, withMember, WRONG_TYPED_VALUES, type StructShape } from "../input-shapes";

/** A fresh service in a known state: how many trace events it has recorded, and its observable state as text. */
export interface FuzzWorld {
  events(): number;
  snapshot(): Promise<string>;
}

export interface InputFuzzOptions<W extends FuzzWorld, K extends string> {
  /** Each action's input shape (the service's `*_INPUTS` table). */
  readonly shapes: { readonly [A in K]: StructShape };
  readonly world: () => Promise<W>;
  /** A valid input per action, in that world. */
  readonly baselines: (world: W) => { readonly [A in K]: Record<string, unknown> };
  /** The action to call, in that world. */
  readonly action: (world: W, name: K) => (input: unknown) => Promise<unknown>;
}

/**
 * Wrong-typed values in every member of every action's input: each call either succeeds or fails with an AwsError
 * (never a TypeError or another plain error), and a call that fails changes nothing (no trace event, the same state).
 */
export function describeInputFuzz<W extends FuzzWorld, K extends string>(title: string, options: InputFuzzOptions<W, K>): void {
  const actions = Object.keys(options.shapes) as K[];
  describe(title, () => {
    it("every action's baseline input succeeds", async () => {
      for (const name of actions) {
        const w = await options.world();
        await expect(options.action(w, name)(options.baselines(w)[name]), name).resolves.toBeDefined();
      }
    });

    it.each(actions)("%s: every member with null, numbers, strings, arrays, objects, buffers, symbols, undefined", async (name) => {
      let calls = 0;
      let rejected = 0;
      const shape = options.shapes[name];
      const template = options.baselines(await options.world())[name];
      for (const path of [[], ...memberPaths(shape, template)]) {
        // A rejected call changes nothing (asserted), so one world serves until a call succeeds.
        let w = await options.world();
        let before = await w.snapshot();
        for (const wrong of WRONG_TYPED_VALUES) {
          const input = withMember(options.baselines(w)[name], path, wrong);
          const events = w.events();
          calls++;
          try {
            await options.action(w, name)(input);
            if (w.events() !== events || (await w.snapshot()) !== before) {
              w = await options.world();
              before = await w.snapshot();
            }
          } catch (error) {
            rejected++;
            const where = `${name} ${path.join(".")} = ${String(wrong)}`;
            expect(isAwsError(error), `${where}: ${String(error)}`).toBe(true);
            expect(w.events(), `${where} recorded events`).toBe(events);
            expect(await w.snapshot(), `${where} changed state`).toBe(before);
          }
        }
      }
      expect(calls).toBe(WRONG_TYPED_VALUES.length * (1 + memberPaths(shape, template).length));
      expect(rejected).toBeGreaterThan(0);
    });
  });
}
