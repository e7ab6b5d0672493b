import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Md5, md5 } from "./md5";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const reference = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("hex");

describe("md5", () => {
  it("matches RFC 1321's test suite", () => {
    const cases: [string, string][] = [
      ["", "d41d8cd98f00b204e9800998ecf8427e"],
      ["a", "0cc175b9c0f1b6a831c399e269772661"],
      ["abc", "900150983cd24fb0d6963f7d28e17f72"],
      ["message digest", "f96b697d7cb7938d525a2f31aaf161d0"],
      ["abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"],
      ["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"],
      ["12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"],
    ];
    for (const [input, digest] of cases) expect(hex(md5(new TextEncoder().encode(input)))).toBe(digest);
  });

  it("matches node:crypto at every length around the block and padding boundaries, and for large bodies", () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(hex(md5(bytes))).toBe(reference(bytes));
    }
    const large = Uint8Array.from({ length: 262_144 + 13 }, (_, i) => (i * 7) & 0xff);
    expect(hex(md5(large))).toBe(reference(large));
  });

  it("matches node:crypto for arbitrary bytes and text, fed in any number of updates", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 150 }), { maxLength: 4 }), fc.string({ unit: "grapheme" }), async (chunks, text) => {
        const hash = new Md5();
        const reference = createHash("md5");
        for (const chunk of chunks) {
          hash.update(chunk);
          reference.update(chunk);
        }
        hash.update(text);
        reference.update(text, "utf8");
        expect(hex(await hash.digest())).toBe(reference.digest("hex"));
        hash.reset();
        expect(hex(await hash.digest())).toBe("d41d8cd98f00b204e9800998ecf8427e");
      }),
    );
  });
});
