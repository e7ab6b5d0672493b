import { describe, expect, it } from "vitest";
import { behaviourFor, createScriptedHandler, listedValueMatches, recordValues, type Behaviour, type Invocation } from "./functions";

function scripted(behaviour: Behaviour) {
  const log: Invocation[] = [];
  const sleeps: number[] = [];
  let now = 0;
  const handler = createScriptedHandler(behaviour, log, {
    offset: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  });
  return { handler, log, sleeps };
}

describe("behaviour selection", () => {
  it("times N then B: the first N calls use the behaviour, later ones B", () => {
    const b: Behaviour = { throw: { name: "Flaky", message: "x" }, times: 2, then: { return: "ok" } };
    expect(behaviourFor(b, 1)).toEqual({ throw: { name: "Flaky", message: "x" } });
    expect(behaviourFor(b, 2)).toEqual({ throw: { name: "Flaky", message: "x" } });
    expect(behaviourFor(b, 3)).toEqual({ return: "ok" });
    expect(behaviourFor({ return: 1, times: 1 }, 2)).toEqual({});
  });

  it("sequence: call k uses B_k, the last repeats; the sequence's own fields are defaults", () => {
    const b: Behaviour = { sleepMs: 5, sequence: [{ return: 1 }, { return: 2, sleepMs: 0 }] };
    expect(behaviourFor(b, 1)).toEqual({ sleepMs: 5, return: 1 });
    expect(behaviourFor(b, 2)).toEqual({ sleepMs: 0, return: 2 });
    expect(behaviourFor(b, 9)).toEqual({ sleepMs: 0, return: 2 });
  });
});

describe("scripted handler", () => {
  it("return, echo and an empty behaviour", async () => {
    expect(await scripted({ return: { ok: true } }).handler({})).toEqual({ ok: true });
    expect(await scripted({ echo: true }).handler({ a: 1 })).toEqual({ a: 1 });
    expect(await scripted({}).handler({ a: 1 })).toBeUndefined();
  });

  it("throw: an Error whose name is the errorType", async () => {
    await expect(scripted({ throw: { name: "BoomError", message: "boom" } }).handler({})).rejects.toMatchObject({ name: "BoomError", message: "boom" });
  });

  it("logs every event with its virtual time before acting, and sleeps first", async () => {
    const { handler, log, sleeps } = scripted({ sleepMs: 1000, return: "late" });
    await handler({ n: 1 });
    await handler({ n: 2 });
    expect(log).toEqual([
      { event: { n: 1 }, time: 0 },
      { event: { n: 2 }, time: 1000 },
    ]);
    expect(sleeps).toEqual([1000, 1000]);
  });

  it("failItems names SQS messageIds, Kinesis sequenceNumbers and SNS MessageIds", async () => {
    const { handler } = scripted({ failItems: ["b", { id: 2 }] });
    const sqs = { Records: [{ messageId: "m1", body: "a" }, { messageId: "m2", body: "b" }, { messageId: "m3", body: '{"id": 2}' }] };
    expect(await handler(sqs)).toEqual({ batchItemFailures: [{ itemIdentifier: "m2" }, { itemIdentifier: "m3" }] });
    const kinesis = { Records: [{ kinesis: { data: Buffer.from("b").toString("base64"), sequenceNumber: "49" } }] };
    expect(await handler(kinesis)).toEqual({ batchItemFailures: [{ itemIdentifier: "49" }] });
    expect(await handler({ Records: [{ Sns: { Message: "a", MessageId: "s1" } }] })).toEqual({ batchItemFailures: [] });
  });

  it("throwIfAny throws only when a listed record is in the batch", async () => {
    const { handler } = scripted({ throwIfAny: ["poison"], return: "fine" });
    expect(await handler({ Records: [{ body: "ok" }] })).toBe("fine");
    await expect(handler({ Records: [{ body: "ok" }, { body: "poison" }] })).rejects.toMatchObject({ name: "ThrowIfAny" });
    const named = scripted({ throwIfAny: ["poison"], throw: { name: "Poison", message: "p" } });
    await expect(named.handler({ Records: [{ body: "poison" }] })).rejects.toMatchObject({ name: "Poison" });
    expect(await named.handler({ Records: [{ body: "fine" }] })).toBeUndefined();
  });

  it("returns a copy, so the service cannot change the script", async () => {
    const { handler } = scripted({ return: { n: 1 } });
    const first = (await handler({})) as { n: number };
    first.n = 2;
    expect(await handler({})).toEqual({ n: 1 });
  });
});

describe("record values", () => {
  it("an event without Records is its own value", () => {
    expect(recordValues({ k: "v" })).toEqual([{ value: { k: "v" }, id: undefined }]);
    expect(listedValueMatches({ k: "v" }, { k: "v" })).toBe(true);
    expect(listedValueMatches("a", "b")).toBe(false);
    expect(listedValueMatches({ a: 1 }, "not json")).toBe(false);
  });
});
