import { createRandom } from "@simcloud/clock";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeHandle, handleKey } from "./receipts";

/** The straightforward encoding the hand-written one must match, character for character. */
function reference(random: ReturnType<ReturnType<typeof createRandom>["stream"]>, incarnation: number, key: number, receipt: number): string {
  const payload = Buffer.from(`${incarnation}:${key}:${receipt}`, "utf8").toString("base64url");
  const nonce = (random.int(0x1_0000_0000) * 0x1_0000 + random.int(0x1_0000)).toString(36).padStart(12, "0");
  return `AQEB${nonce}${payload}`;
}

describe("receipt handles", () => {
  it("encode exactly as Buffer base64url and Number#toString(36) would, and decode back to the key", () => {
    const ours = createRandom(9).stream("sqs.receipts");
    const theirs = createRandom(9).stream("sqs.receipts");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 2 ** 40 }), fc.integer({ min: 1, max: 10_000 }), (incarnation, key, receipt) => {
        const handle = encodeHandle(ours, incarnation, key, receipt);
        expect(handle).toBe(reference(theirs, incarnation, key, receipt));
        expect(handleKey(handle, incarnation)).toBe(key);
        expect(handleKey(handle, incarnation + 1)).toBe(-1);
      }),
      { numRuns: 500, seed: 4 },
    );
  });

  it("refuse anything this queue did not issue", () => {
    const nonce = "0123456789ab";
    const payload = (text: string) => Buffer.from(text, "utf8").toString("base64url");
    expect(handleKey(`AQEB${nonce}${payload("1:5:1")}`, 1)).toBe(5);
    for (const forged of [
      undefined,
      42,
      "",
      "AQEBforged",
      "x",
      `AQEC${nonce}${payload("1:5:1")}`,
      `AQEB${nonce}${payload("1:5:0")}`,
      `AQEB${nonce}${payload("1:5")}`,
      `AQEB${nonce}${payload("1:5:1:2")}`,
      `AQEB${nonce}${payload("1::1")}`,
      `AQEB${nonce}${payload("1:5a:1")}`,
      `AQEB${nonce}${payload(":5:1")}`,
      `AQEB${nonce}${payload("1:5:")}`,
      `AQEB${nonce}${payload("1:5:1")}!`,
      `AQEB${nonce}${payload("1:5:1")}A`,
    ]) {
      expect(handleKey(forged, 1), String(forged)).toBe(-1);
    }
  });
});
