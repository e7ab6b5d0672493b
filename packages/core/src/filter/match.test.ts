/** The compiled matcher's fast paths give the answers of the plain definitions they replace. */
import { describe, expect, it } from "vitest";
import { compileFilter } from "./compile";
import { ipv4Number, parseIp } from "./cidr";

const eb = (pattern: object) => compileFilter(pattern, "eventbridge");

describe("compiled matcher fast paths", () => {
  it("case-insensitive tests follow event-ruler: each pattern character matches its own lower or upper case form", () => {
    // Oracle: every spelling the pattern allows (EqualsIgnoreCaseParser: per char, toLowerCase or toUpperCase).
    const spellings = (pattern: string): string[] => {
      let out = [""];
      for (const c of pattern) {
        const forms = [...new Set([c.toLowerCase(), c.toUpperCase()])];
        out = out.flatMap((head) => forms.map((form) => head + form));
      }
      return out;
    };
    const values = ["alice", "ALICE", "AlIcE", "alic", "alicee", "İ", "i̇", "I\u0307", "\u212a", "k", "K", "ΑΣ", "ας", "αΣ", "xİ", "aliceİ", "İalice", "ALİCE", "ß", "SS", "ss", "Ss", "straße", "STRASSE", "ı", "I", "i", ""];
    for (const pattern of ["alice", "k", "i̇", "ας", "İ", "", "xi̇", "ß", "straße", "ı"]) {
      const all = spellings(pattern);
      const equals = eb({ a: [{ "equals-ignore-case": pattern }] });
      const prefix = eb({ a: [{ prefix: { "equals-ignore-case": pattern } }] });
      const suffix = eb({ a: [{ suffix: { "equals-ignore-case": pattern } }] });
      for (const value of values) {
        expect(equals.matches({ a: value }), `${pattern} = ${value}`).toBe(all.includes(value));
        expect(prefix.matches({ a: value }), `${pattern} prefix of ${value}`).toBe(all.some((s) => value.startsWith(s)));
        expect(suffix.matches({ a: value }), `${pattern} suffix of ${value}`).toBe(all.some((s) => value.endsWith(s)));
      }
    }
    // The Kelvin sign lowercases to "k", but it is neither "k" nor "K".
    expect(eb({ a: [{ "equals-ignore-case": "k" }] }).matches({ a: "\u212a" })).toBe(false);
    expect(eb({ a: [{ "anything-but": { "equals-ignore-case": ["ß", "x"] } }] }).matches({ a: "SS" })).toBe(false);
  });

  it("reads IPv4 text exactly as parseIp does, without allocating", () => {
    const texts = ["0.0.0.0", "10.0.0.1", "010.0.0.1", "10.0.0.01", "255.255.255.255", "256.0.0.1", "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4 ", "1.2.3.0004", "::1", "::ffff:1.2.3.4", "a.b.c.d", ""];
    for (const text of texts) {
      const ip = parseIp(text);
      const expected = ip === undefined || ip.version !== 4 ? -1 : ((ip.bytes[0] as number) * 2 ** 24 + (ip.bytes[1] as number) * 65536 + (ip.bytes[2] as number) * 256 + (ip.bytes[3] as number));
      expect(ipv4Number(text), text).toBe(expected);
    }
    const block = eb({ ip: [{ cidr: "10.1.0.0/16" }] });
    expect(block.matches({ ip: "10.1.255.3" })).toBe(true);
    expect(block.matches({ ip: "010.001.0.9" })).toBe(true);
    expect(block.matches({ ip: "10.2.0.0" })).toBe(false);
    expect(block.matches({ ip: "::ffff:10.1.0.1" })).toBe(false);
    expect(eb({ ip: [{ cidr: "0.0.0.0/0" }] }).matches({ ip: "255.255.255.255" })).toBe(true);
    expect(eb({ ip: [{ cidr: "10.1.2.3/32" }] }).matches({ ip: "10.1.2.3" })).toBe(true);
    expect(eb({ ip: ["10.0.0.1"] }).matches({ ip: "10.000.0.1" })).toBe(true);
  });

  it("prefix, suffix and one-star wildcards at the edges", () => {
    expect(eb({ a: [{ prefix: "abc" }] }).matches({ a: "abc" })).toBe(true);
    expect(eb({ a: [{ prefix: "abc" }] }).matches({ a: "abd" })).toBe(false);
    expect(eb({ a: [{ prefix: "abc" }] }).matches({ a: "ab" })).toBe(false);
    expect(eb({ a: [{ suffix: "abc" }] }).matches({ a: "xabc" })).toBe(true);
    expect(eb({ a: [{ suffix: "abc" }] }).matches({ a: "xbbc" })).toBe(false);
    expect(eb({ a: [{ prefix: "" }] }).matches({ a: "" })).toBe(true);
    expect(eb({ a: [{ wildcard: "ab*ba" }] }).matches({ a: "aba" })).toBe(false);
    expect(eb({ a: [{ wildcard: "ab*ba" }] }).matches({ a: "abba" })).toBe(true);
    expect(eb({ a: [{ "anything-but": ["x", "y", "z", "w", "v"] }] }).matches({ a: "v" })).toBe(false);
    expect(eb({ a: [{ "anything-but": ["x", "y"] }] }).matches({ a: "v" })).toBe(true);
  });

  it("inherited properties of event objects are absent and their getters are never called", () => {
    class Event {
      get source(): string {
        throw new Error("getter called");
      }
    }
    const rule = eb({ source: [{ exists: false }] });
    expect(rule.matches(new Event())).toBe(true);
    expect(eb({ source: ["x"] }).matches(new Event())).toBe(false);
    expect(eb({ detail: { state: ["x"] } }).matches(Object.assign(Object.create({ detail: { state: "x" } }) as object, {}))).toBe(false);
  });

  it("numbers: integers, fractions and spellings, as objects and as text", () => {
    const range = eb({ n: [{ numeric: [">", 1, "<=", 2.5] }] });
    for (const [n, expected] of [[1, false], [1.000001, true], [2.5, true], [2.5000001, false], [Number.NaN, false], [Infinity, false]] as const) {
      expect(range.matches({ n }), String(n)).toBe(expected);
    }
    expect(range.matches('{"n": 25e-1}')).toBe(true);
    expect(eb({ n: [300] }).matches('{"n": 3.0e2}')).toBe(true);
    expect(eb({ n: [300] }).matches({ n: [1, [300]] })).toBe(true);
    expect(eb({ n: [{ "anything-but": [300] }] }).matches('{"n": 300.0}')).toBe(false);
  });
});
