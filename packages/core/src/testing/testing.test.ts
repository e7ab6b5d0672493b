import { describe, expect, it } from "vitest";
import { createSimContext } from "../context";
import { AwsError, defineErrors } from "../errors";
import { awsError, inEveryClockMode } from "./index";

const errors = defineErrors({ QueueDoesNotExist: { queryCode: "AWS.SimpleQueueService.NonExistentQueue" } });
const seenModes: string[] = [];

inEveryClockMode("a task at +30 s", createSimContext, (setup) => {
  it("runs when 30 s have passed, not before", async () => {
    const { subject: ctx, advance, elapsed, mode } = setup();
    seenModes.push(mode);
    let ranAt = -1;
    ctx.scheduler.after(30_000, () => (ranAt = elapsed()));
    await advance(29_999);
    expect(ranAt).toBe(-1);
    await advance(1);
    expect(ranAt).toBe(30_000);
  });

  it("within() returns what a sleeping caller resolves to, in every mode", async () => {
    const { subject: ctx, within, elapsed, settle } = setup({ start: "2025-06-01T00:00:00Z" });
    expect(ctx.clock.now()).toBe(Date.parse("2025-06-01T00:00:00Z"));
    const slept = ctx.scheduler.sleep(20_000).then(() => elapsed());
    expect(await within(20_000, slept)).toBe(20_000);
    await settle();
  });
});

describe("inEveryClockMode", () => {
  it("ran the suite in the three modes", () => {
    expect(seenModes).toEqual(["virtual", "autoAdvance", "system"]);
  });
});

describe("awsError", () => {
  it("returns the AwsError a call fails with, checking its code when given", async () => {
    const error = await awsError(Promise.reject(errors.QueueDoesNotExist("The specified queue does not exist.")));
    expect(error).toBeInstanceOf(AwsError);
    expect(error.code).toBe("QueueDoesNotExist");
    expect((await awsError(() => { throw errors.QueueDoesNotExist("x"); }, "QueueDoesNotExist")).message).toBe("x");
  });

  it("fails when the call succeeds, throws something else, or fails with another code", async () => {
    await expect(awsError(Promise.resolve({ ok: true }))).rejects.toThrow('expected an AwsError, but the call succeeded with {"ok":true}');
    await expect(awsError(Promise.reject(new TypeError("bug")))).rejects.toThrow(TypeError);
    await expect(awsError(Promise.reject(errors.QueueDoesNotExist("x")), "Other")).rejects.toThrow("expected AwsError Other, got QueueDoesNotExist: x");
  });
});
