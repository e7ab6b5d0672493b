import { createRandom } from "@simcloud/clock";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createReceiptKey, encodeHandle, handleKey, type ReceiptKey } from "./receipts";

/** The straightforward encoding the hand-written one must match, character for character (the nonce is taken as issued). */
function reference(nonce: string, incarnation: number, key: number, receipt: number): string {
  const payload = Buffer.from(`${incarnation}:${key}:${receipt}`, "utf8").toString("base64url");
  return `AQEB${nonce}${payload}`;
}

const keyFor = (incarnation: number, seed = 9): ReceiptKey => createReceiptKey(createRandom(seed).stream("sqs.receipts"), incarnation);

describe("receipt handles", () => {
  it("encode exactly as Buffer base64url and Number#toString(36) would, and decode back to the key", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 2 ** 40 }), fc.integer({ min: 1, max: 10_000 }), (incarnation, key, receipt) => {
        const secret = keyFor(incarnation);
        const handle = encodeHandle(secret, key, receipt);
        expect(handle).toMatch(/^AQEB[0-9a-z]{12}/);
        expect(handle).toBe(reference(handle.slice(4, 16), incarnation, key, receipt));
        expect(handleKey(handle, secret)).toBe(key);
        expect(handleKey(handle, keyFor(incarnation + 1))).toBe(-1);
        // The same numbers under another queue's secret: another nonce, so neither queue takes the other's handle.
        expect(handleKey(handle, keyFor(incarnation, 10))).toBe(-1);
      }),
      { numRuns: 500, seed: 4 },
    );
  });

  it("refuse anything this queue did not issue", () => {
    const secret = keyFor(1);
    const nonce = encodeHandle(secret, 5, 1).slice(4, 16);
    const payload = (text: string) => Buffer.from(text, "utf8").toString("base64url");
    expect(handleKey(`AQEB${nonce}${payload("1:5:1")}`, secret)).toBe(5);
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
      // The nonce of another receive or message, an altered or made-up nonce.
      `AQEB${nonce}${payload("1:5:2")}`,
      `AQEB${nonce}${payload("1:6:1")}`,
      `AQEB0123456789ab${payload("1:5:1")}`,
      `AQEB${nonce.toUpperCase()}${payload("1:5:1")}`,
      ...Array.from({ length: 12 }, (_, i) => `AQEB${nonce.slice(0, i)}${nonce[i] === "z" ? "0" : "z"}${nonce.slice(i + 1)}${payload("1:5:1")}`),
    ]) {
      expect(handleKey(forged, secret), String(forged)).toBe(-1);
    }
  });

  it("issue distinct nonces for distinct receives (no collision among 100,000)", () => {
    const secret = keyFor(3);
    const seen = new Set<string>();
    for (let key = 1; key <= 10_000; key++) for (let receipt = 1; receipt <= 10; receipt++) seen.add(encodeHandle(secret, key, receipt).slice(4, 16));
    expect(seen.size).toBe(100_000);
  });
});
