/**
 * Model-based property (fast-check): random sequences over standard and FIFO queues with DLQs, some calls through a
 * real SQSClient, with a Lambda SQS mapping consuming, never lose, duplicate or strand a message and keep FIFO group
 * order (the rules are in queue-model.ts). CI runs a few seconds' worth; scripts/property-long.ts runs thousands.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runSequence, sequence, type Op } from "./queue-model";

describe("SQS conservation model (fast-check)", () => {
  it("every message is in exactly one place, none is lost or stranded, FIFO group order holds", async () => {
    await fc.assert(
      fc.asyncProperty(sequence(30), async (ops) => {
        await runSequence(ops, 1);
      }),
      { numRuns: 25, seed: 10 },
    );
    // About two seconds on one core; the limit is for a loaded CI machine.
  }, 30_000);

  it("the regression the model finds: a standard queue's DLQ move must not strand the messages behind it", async () => {
    const ops: Op[] = [
      { kind: "send", queue: "std", group: 0, delay: 0, poison: true, sdk: false },
      { kind: "receive", queue: "std", max: 1, visibility: 0, sdk: true },
      { kind: "receive", queue: "std", max: 1, visibility: 0, sdk: false },
      { kind: "send", queue: "std", group: 0, delay: 0, poison: false, sdk: true },
      { kind: "send", queue: "std", group: 0, delay: 0, poison: false, sdk: false },
      // The third receive of the first message moves it to the DLQ (maxReceiveCount 2); the other two must come back.
      { kind: "receive", queue: "std", max: 10, visibility: 5, sdk: true },
    ];
    await expect(runSequence(ops)).resolves.toMatchObject({ operations: ops.length, messages: 3 });
  });
});
