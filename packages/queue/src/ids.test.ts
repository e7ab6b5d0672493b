import { createIds, createRandom } from "@simcloud/clock";
import { describe, expect, it } from "vitest";
import { uuidFrom } from "./ids";

describe("uuidFrom", () => {
  it("gives exactly the ids ctx.ids.uuid gives for the same stream, interleaved with it", () => {
    for (const seed of [1, 7, "x"]) {
      const random = createRandom(seed);
      const ids = createIds(random);
      const reference = createIds(createRandom(seed));
      for (let i = 0; i < 2_000; i++) {
        // Both draw from the one shared "sqs.ids" stream of `random`, in turn.
        const ours = i % 3 === 0 ? ids.uuid("sqs.ids") : uuidFrom(random.stream("sqs.ids"));
        expect(ours).toBe(reference.uuid("sqs.ids"));
      }
    }
  });
});
