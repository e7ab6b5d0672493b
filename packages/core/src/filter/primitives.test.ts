/** The building blocks: the JSON reader, numbers, CIDR blocks and wildcard globs. */
import { describe, expect, it } from "vitest";
import { cidrContains, parseCidr, parseIp } from "./cidr";
import { NumberText, parseJson, JsonSyntaxError } from "./json";
import { EVENTBRIDGE_NUMBERS, SNS_NUMBERS, decimalScale, numericKey } from "./numeric";
import { compileWildcard, wildcardMatches } from "./wildcard";

describe("parseJson", () => {
  it("keeps number spelling and makes null-prototype objects", () => {
    const value = parseJson('{"__proto__": {"n": 3.0e2}}') as Record<string, Record<string, NumberText>>;
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(value["__proto__"]?.["n"]?.text).toBe("3.0e2");
    expect(value["__proto__"]?.["n"]?.value).toBe(300);
  });
  it("decodes escapes and refuses malformed text", () => {
    expect(parseJson('"a\\u00e9\\n"')).toBe("aé\n");
    for (const bad of ["{", "[1,]", "01", '{"a" 1}', '"\\x"', "tru", "1 2"]) expect(() => parseJson(bad)).toThrow(JsonSyntaxError);
  });
  it("refuses nesting deep enough to threaten the stack", () => {
    expect(() => parseJson("[".repeat(5000) + "]".repeat(5000))).toThrow(JsonSyntaxError);
  });
});

describe("numbers", () => {
  it("decimal scale of a spelling", () => {
    expect(decimalScale("3.0e2")).toBe(0);
    expect(decimalScale("1.25")).toBe(2);
    expect(decimalScale("1.250000")).toBe(2);
    expect(decimalScale("125e-3")).toBe(3);
    expect(decimalScale("100e-2")).toBe(0);
    expect(decimalScale("1e-7")).toBe(7);
  });
  it("keys per dialect", () => {
    expect(numericKey(301.8, "301.8", EVENTBRIDGE_NUMBERS)).toBe(301_800_000);
    expect(numericKey(1e-7, "1e-7", EVENTBRIDGE_NUMBERS)).toBe("decimals");
    expect(numericKey(-5e9, "-5e9", EVENTBRIDGE_NUMBERS)).toBe(-5e15);
    expect(numericKey(5.1e9, "5.1e9", EVENTBRIDGE_NUMBERS)).toBe("range");
    expect(numericKey(0.000012, "0.000012", SNS_NUMBERS)).toBe(1);
    expect(numericKey(1.1e9, "1.1e9", SNS_NUMBERS)).toBe("range");
  });
  it("EventBridge keys are exact decimal arithmetic on the spelling, as event-ruler's BigDecimal", () => {
    // value × 1e6 in floating point gives 4367394110279372 for both of these.
    expect(numericKey(4367394110.279371, "4367394110.279371", EVENTBRIDGE_NUMBERS)).toBe(4367394110279371);
    expect(numericKey(4367394110.279372, "4367394110.279372", EVENTBRIDGE_NUMBERS)).toBe(4367394110279372);
    expect(numericKey(-4358479402.340504, "-4358479402.340504", EVENTBRIDGE_NUMBERS)).toBe(-4358479402340504);
    expect(numericKey(301.8, "3.018e2", EVENTBRIDGE_NUMBERS)).toBe(301_800_000);
    expect(numericKey(1.25, "125E-2", EVENTBRIDGE_NUMBERS)).toBe(1_250_000);
    expect(numericKey(300, "3.0E+2", EVENTBRIDGE_NUMBERS)).toBe(300_000_000);
    expect(numericKey(0, "-0.0e5", EVENTBRIDGE_NUMBERS)).toBe(0);
    expect(numericKey(0.5, "0.500000000", EVENTBRIDGE_NUMBERS)).toBe(500_000);
    // 5000000000.0000001 rounds to 5e9 as a double, but it has seven decimals.
    expect(numericKey(5000000000.0000001, "5000000000.0000001", EVENTBRIDGE_NUMBERS)).toBe("decimals");
    expect(numericKey(5000000000.000001, "5000000000.000001", EVENTBRIDGE_NUMBERS)).toBe("range");
    expect(numericKey(1e300, "1e300", EVENTBRIDGE_NUMBERS)).toBe("range");
  });
});

describe("cidr", () => {
  it("parses IPv4 and IPv6, refusing sloppy forms", () => {
    expect(parseIp("::ffff:10.0.0.1")?.version).toBe(6);
    expect(parseIp("1::2::3")).toBeUndefined();
    expect(parseIp("256.0.0.1")).toBeUndefined();
    expect(parseIp("1.2.3")).toBeUndefined();
    expect(parseIp("1:2:3:4:5:6:7:8:9")).toBeUndefined();
  });
  it("contains with any mask length, host bits ignored", () => {
    const block = parseCidr("10.1.2.3/15");
    if (typeof block === "string") throw new Error(block);
    expect(cidrContains(block, parseIp("10.0.255.255")!)).toBe(true);
    expect(cidrContains(block, parseIp("10.2.0.0")!)).toBe(false);
    expect(parseCidr("::/129")).toBe("Malformed CIDR, mask bits must be between 0 and 128");
  });
});

describe("wildcard", () => {
  it("matches like a star-only glob", () => {
    const m = compileWildcard("*ab*ab*");
    expect(wildcardMatches(m, "abab")).toBe(true);
    expect(wildcardMatches(m, "aab")).toBe(false);
    expect(wildcardMatches(compileWildcard("aa*aa"), "aaa")).toBe(false);
    expect(wildcardMatches(compileWildcard("é*\\*"), "éx*")).toBe(true);
  });
  it("stays linear on inputs that make backtracking matchers explode", () => {
    const m = compileWildcard("a*a*a*a*a*a*a*a*a*a*b");
    const value = "a".repeat(200_000);
    expect(wildcardMatches(m, value)).toBe(false);
    expect(wildcardMatches(m, value + "b")).toBe(true);
  });
});
