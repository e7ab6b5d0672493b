/** EventBridge dialect: "Amazon EventBridge event patterns" and "Content filtering in Amazon EventBridge event patterns". */
import { describe, expect, it } from "vitest";
import { isAwsError } from "../errors";
import { compileFilter } from "./compile";

const event = (fields: object) => ({
  version: "0", id: "1", "detail-type": "Order Placed", source: "com.example", account: "111122223333",
  time: "2025-01-01T00:00:00Z", region: "us-east-1", resources: [], detail: {}, ...fields,
});
/** `fields` overrides top-level fields of a complete event; text is passed as the exact event JSON. */
const matches = (pattern: object | string, fields: object | string) =>
  compileFilter(pattern, "eventbridge").matches(typeof fields === "string" ? fields : event(fields));
const d = (field: object) => ({ detail: field });

function reason(pattern: object | string): string {
  try {
    compileFilter(pattern, "eventbridge");
  } catch (error) {
    if (!isAwsError(error, "InvalidEventPatternException")) throw error;
    expect(error.statusCode).toBe(400);
    return error.message.replace("Event pattern is not valid. Reason: ", "");
  }
  throw new Error("pattern was accepted");
}

describe("exact values (Amazon EventBridge event patterns)", () => {
  it("numbers match numerically and by spelling: 300 and 3.0e2", () => {
    expect(matches(d({ n: [300] }), '{"detail":{"n":3.0e2}}')).toBe(true);
    expect(matches('{"detail":{"n":[3.0e2]}}', d({ n: 300 }))).toBe(true);
    expect(matches(d({ n: [300] }), d({ n: "300" }))).toBe(false);
    expect(matches(d({ n: ["300"] }), d({ n: 300 }))).toBe(false);
  });
  it("numbers beyond ±5e9 have no numeric form and match by spelling only", () => {
    expect(matches(d({ acct: [123456789012] }), d({ acct: 123456789012 }))).toBe(true);
    expect(matches('{"detail":{"n":[1e10]}}', '{"detail":{"n":10000000000}}')).toBe(false);
    expect(matches('{"detail":{"n":[1e10]}}', '{"detail":{"n":1e10}}')).toBe(true);
  });
  it("booleans and null match only themselves; null is not absent", () => {
    expect(matches(d({ ok: [false] }), d({ ok: false }))).toBe(true);
    expect(matches(d({ ok: [false] }), d({ ok: "false" }))).toBe(false);
    expect(matches(d({ x: [null] }), d({ x: null }))).toBe(true);
    expect(matches(d({ x: [null] }), d({}))).toBe(false);
    expect(matches(d({ x: [""] }), d({ x: null }))).toBe(false);
  });
  it("an IP-shaped string matches other spellings of the same address", () => {
    expect(matches(d({ ip: ["2001:db8::1"] }), d({ ip: "2001:0db8:0:0:0:0:0:1" }))).toBe(true);
  });
  it("arrays in events match when any element does; empty arrays match nothing", () => {
    expect(matches(d({ t: ["b"] }), d({ t: [["a"], ["b"]] }))).toBe(true);
    expect(matches(d({ t: ["b"] }), d({ t: [] }))).toBe(false);
  });
  it("fields of one pattern object must come from the same array element", () => {
    const pattern = d({ items: { sku: ["X-1"], qty: [2] } });
    expect(matches(pattern, d({ items: [{ sku: "X-1", qty: 1 }, { sku: "X-2", qty: 2 }] }))).toBe(false);
    expect(matches(pattern, d({ items: [{ sku: "X-2", qty: 1 }, { sku: "X-1", qty: 2 }] }))).toBe(true);
  });
  it("a pattern object does not match a scalar", () => {
    expect(matches(d({ a: { b: ["x"] } }), d({ a: "x" }))).toBe(false);
  });
});

describe("string operators (Content filtering in Amazon EventBridge event patterns)", () => {
  it("prefix, suffix and equals-ignore-case apply to strings only", () => {
    expect(matches(d({ n: [{ prefix: "1" }] }), d({ n: 123 }))).toBe(false);
    expect(matches(d({ n: [{ prefix: "" }] }), d({ n: "" }))).toBe(true);
    expect(matches(d({ s: [{ suffix: { "equals-ignore-case": "ING" } }] }), d({ s: "running" }))).toBe(true);
    expect(matches(d({ s: [{ prefix: { "equals-ignore-case": "RUN" } }] }), d({ s: "Runner" }))).toBe(true);
    expect(matches(d({ s: [{ "equals-ignore-case": "ÉTÉ" }] }), d({ s: "été" }))).toBe(true);
  });
  it("wildcard: stars, escapes, anchors", () => {
    expect(matches(d({ k: [{ wildcard: "a*b*c" }] }), d({ k: "aXbYbc" }))).toBe(true);
    expect(matches(d({ k: [{ wildcard: "a*b*c" }] }), d({ k: "aXbYbcd" }))).toBe(false);
    expect(matches(d({ k: [{ wildcard: "a\\*b" }] }), d({ k: "a*b" }))).toBe(true);
    expect(matches(d({ k: [{ wildcard: "a\\*b" }] }), d({ k: "aXb" }))).toBe(false);
    expect(matches(d({ k: [{ wildcard: "a\\\\b" }] }), d({ k: "a\\b" }))).toBe(true);
    expect(matches(d({ k: [{ wildcard: "*" }] }), d({ k: "" }))).toBe(true);
    expect(matches(d({ k: [{ wildcard: "*" }] }), d({ k: 5 }))).toBe(false);
    expect(matches(d({ k: [{ wildcard: "ab*ba" }] }), d({ k: "aba" }))).toBe(false);
  });
});

describe("anything-but (Content filtering in Amazon EventBridge event patterns)", () => {
  it("needs a value: an absent field never matches", () => {
    expect(matches(d({ s: [{ "anything-but": "x" }] }), d({}))).toBe(false);
  });
  it("numbers compare numerically; other kinds of value are not excluded", () => {
    expect(matches(d({ n: [{ "anything-but": [100, 200] }] }), '{"detail":{"n":1.0e2}}')).toBe(false);
    expect(matches(d({ n: [{ "anything-but": [100, 200] }] }), d({ n: "100" }))).toBe(true);
    expect(matches(d({ s: [{ "anything-but": ["a"] }] }), d({ s: 5 }))).toBe(true);
  });
  it("on an array, any element outside the set matches", () => {
    expect(matches(d({ s: [{ "anything-but": "a" }] }), d({ s: ["a", "b"] }))).toBe(true);
    expect(matches(d({ s: [{ "anything-but": "a" }] }), d({ s: ["a"] }))).toBe(false);
  });
  it("prefix, suffix, equals-ignore-case and wildcard forms, single or listed", () => {
    expect(matches(d({ s: [{ "anything-but": { prefix: ["a", "b"] } }] }), d({ s: "bob" }))).toBe(false);
    expect(matches(d({ s: [{ "anything-but": { suffix: [".png", ".jpg"] } }] }), d({ s: "x.gif" }))).toBe(true);
    expect(matches(d({ s: [{ "anything-but": { "equals-ignore-case": ["A", "B"] } }] }), d({ s: "b" }))).toBe(false);
    expect(matches(d({ s: [{ "anything-but": { wildcard: ["*.png", "x*"] } }] }), d({ s: "a.gif" }))).toBe(true);
    expect(matches(d({ s: [{ "anything-but": { wildcard: "*/lib/*" } }] }), d({ s: "/usr/bin/x" }))).toBe(true);
  });
});

describe("numeric (Content filtering in Amazon EventBridge event patterns)", () => {
  it("ranges with open and closed ends", () => {
    const p = d({ n: [{ numeric: [">=", 0, "<", 5] }] });
    expect(matches(p, d({ n: 0 }))).toBe(true);
    expect(matches(p, d({ n: 4.999999 }))).toBe(true);
    expect(matches(p, d({ n: 5 }))).toBe(false);
    expect(matches(d({ n: [{ numeric: ["<=", -1.5] }] }), d({ n: -1.5 }))).toBe(true);
    expect(matches(d({ n: [{ numeric: ["<", -1.5] }] }), d({ n: -1.5 }))).toBe(false);
  });
  it("only JSON numbers within ±5e9 with at most six decimals compare", () => {
    expect(matches(d({ n: [{ numeric: [">", 0] }] }), d({ n: 5e9 }))).toBe(true);
    expect(matches(d({ n: [{ numeric: [">", 0] }] }), d({ n: 5e9 + 1 }))).toBe(false);
    expect(matches(d({ n: [{ numeric: [">", 0] }] }), d({ n: 0.0000001 }))).toBe(false);
    expect(matches(d({ n: [{ numeric: [">", 0] }] }), d({ n: true }))).toBe(false);
    expect(matches(d({ n: [{ numeric: ["=", 0.1] }] }), '{"detail":{"n":0.100000}}')).toBe(true);
  });
  it("compares six-decimal values near the limit exactly (event-ruler's BigDecimal keys)", () => {
    const below = d({ n: [{ numeric: ["<", 4367394110.279372] }] });
    expect(matches(below, d({ n: 4367394110.279371 }))).toBe(true);
    expect(matches(below, '{"detail":{"n":4367394110.279371}}')).toBe(true);
    expect(matches(below, d({ n: 4367394110.279372 }))).toBe(false);
    expect(matches(d({ n: [4388342136.865728] }), d({ n: 4388342136.865727 }))).toBe(false);
    // As JSON text: a JavaScript literal would already have rounded it to 5e9.
    expect(reason('{"detail":{"n":[{"numeric":[">",5000000000.0000001]}]}}')).toBe("Only values upto 6 decimals are supported");
  });
});

describe("exists (Content filtering in Amazon EventBridge event patterns)", () => {
  it("works on leaves only: objects and empty arrays count as absent", () => {
    const missing = d({ c: [{ exists: false }] });
    expect(matches(missing, d({ c: { x: 1 } }))).toBe(true);
    expect(matches(missing, d({ c: [] }))).toBe(true);
    expect(matches(missing, d({ c: [{ x: 1 }] }))).toBe(true);
    expect(matches(missing, d({ c: null }))).toBe(false);
    expect(matches(missing, d({ c: [1] }))).toBe(false);
    expect(matches(d({ c: [{ exists: true }] }), d({ c: { x: 1 } }))).toBe(false);
    expect(matches(d({ c: [{ exists: true }] }), d({ c: null }))).toBe(true);
  });
  it("exists:false under an array holds only when no element has the field", () => {
    const p = d({ a: { b: [{ exists: false }] } });
    expect(matches(p, d({ a: [{ b: 1 }, { c: 2 }] }))).toBe(false);
    expect(matches(p, d({ a: [{ c: 1 }, { c: 2 }] }))).toBe(true);
    expect(matches(p, d({}))).toBe(true);
  });
  it("tied to the element its sibling fields matched", () => {
    const p = d({ a: { b: ["x"], c: [{ exists: false }] } });
    expect(matches(p, d({ a: [{ b: "x", c: 1 }, { b: "x" }] }))).toBe(true);
    expect(matches(p, d({ a: [{ b: "x", c: 1 }, { b: "y" }] }))).toBe(false);
  });
});

describe("cidr (Content filtering in Amazon EventBridge event patterns, IP address matching)", () => {
  it("IPv4 and IPv6 blocks, families kept apart", () => {
    expect(matches(d({ ip: [{ cidr: "10.0.0.0/24" }] }), d({ ip: "10.0.0.0" }))).toBe(true);
    expect(matches(d({ ip: [{ cidr: "0.0.0.0/0" }] }), d({ ip: "255.255.255.255" }))).toBe(true);
    expect(matches(d({ ip: [{ cidr: "0.0.0.0/0" }] }), d({ ip: "::1" }))).toBe(false);
    expect(matches(d({ ip: [{ cidr: "2001:db8::/32" }] }), d({ ip: "2001:db9::1" }))).toBe(false);
    expect(matches(d({ ip: [{ cidr: "10.0.0.0/8" }] }), d({ ip: "not an ip" }))).toBe(false);
  });
});

describe("$or (Content filtering in Amazon EventBridge event patterns, or matching)", () => {
  it("nests and combines with sibling fields", () => {
    const p = { source: ["com.example"], detail: { $or: [{ a: ["1"] }, { $or: [{ b: ["2"] }, { c: ["3"] }] }] } };
    expect(matches(p, d({ c: "3" }))).toBe(true);
    expect(matches(p, d({ d: "4" }))).toBe(false);
    expect(compileFilter(p, "eventbridge").matches(event({ detail: { c: "3" }, source: "other" }))).toBe(false);
  });
});

describe("events as JSON text and hostile keys", () => {
  it("unparseable text or a non-object never matches and never throws", () => {
    const f = compileFilter(d({ x: [{ exists: false }] }), "eventbridge");
    expect(f.matches("{not json")).toBe(false);
    expect(f.matches("[1]")).toBe(false);
  });
  it("__proto__ and constructor are plain fields, never inherited properties", () => {
    expect(matches('{"detail":{"__proto__":["x"]}}', '{"detail":{"__proto__":"x"}}')).toBe(true);
    expect(matches('{"detail":{"__proto__":["x"]}}', d({}))).toBe(false);
    expect(matches(d({ constructor: [{ exists: true }] }), d({}))).toBe(false);
    expect(matches(d({ toString: [{ exists: false }] }), d({}))).toBe(true);
    expect(({} as Record<string, unknown>)["x"]).toBeUndefined();
  });
  it("a getter in a pattern object is refused without being called", () => {
    let called = false;
    const detail = { get n() { called = true; return ["x"]; } };
    expect(reason({ detail })).toBe('"n" must be an object or an array');
    expect(called).toBe(false);
  });
});

describe("rejections (event-ruler JsonRuleCompiler messages)", () => {
  const cases: [string, object | string][] = [
    ["Filter is not an object", "[]"],
    ["Empty objects are not allowed", {}],
    ["Empty objects are not allowed", { detail: {} }],
    ['"source" must be an object or an array', { source: "x" }],
    ['"n" must be an object or an array', { detail: { n: null } }],
    ["Empty arrays are not allowed", { source: [] }],
    ["Match value must be String, number, true, false, or null", { source: [["x"]] }],
    ["Match expression name not found", { source: [{}] }],
    ["Unrecognized match type contains", { source: [{ contains: "x" }] }],
    ["Only one key allowed in match expression", { source: [{ prefix: "a", suffix: "b" }] }],
    ["prefix match pattern must be a string", { source: [{ prefix: 1 }] }],
    ["suffix match pattern must be a string", { source: [{ suffix: null }] }],
    ["Unsupported prefix pattern: wildcard", { source: [{ prefix: { wildcard: "a" } }] }],
    ["equals-ignore-case match pattern must be a string", { source: [{ "equals-ignore-case": 5 }] }],
    ["wildcard match pattern must be a string", { source: [{ wildcard: 5 }] }],
    ["Consecutive wildcard characters at pos 2", { source: [{ wildcard: "a**" }] }],
    ["Invalid escape character at pos 2", { source: [{ wildcard: "a\\b" }] }],
    ["Value of numeric must be an array.", { n: [{ numeric: 5 }] }],
    ["Invalid member in numeric match: 5", { n: [{ numeric: [5] }] }],
    ["Invalid member in numeric match: ]", { n: [{ numeric: [] }] }],
    ["Unrecognized numeric range operator: !=", { n: [{ numeric: ["!=", 5] }] }],
    ["Value of equals must be numeric", { n: [{ numeric: ["=", "5"] }] }],
    ["Value of >= must be numeric", { n: [{ numeric: [">="] }] }],
    ["Too many elements in numeric expression", { n: [{ numeric: ["<", 5, ">", 1] }] }],
    ["Bad numeric range operator: >", { n: [{ numeric: [">", 1, ">", 5] }] }],
    ["Bad value in numeric range: 5", { n: [{ numeric: [">", 1, 5] }] }],
    ["Too many terms in numeric range expression", { n: [{ numeric: [">", 1, "<", 5, 6] }] }],
    ["Bottom must be less than top", { n: [{ numeric: [">", 5, "<", 5] }] }],
    ["Value must be between -5.0E9 and 5.0E9, inclusive", { n: [{ numeric: [">", 5000000001] }] }],
    ["Only values upto 6 decimals are supported", { n: [{ numeric: [">", 0.0000001] }] }],
    ["exists match pattern must be either true or false.", { n: [{ exists: "true" }] }],
    ["prefix match pattern must be a string", { ip: [{ cidr: 10 }] }],
    ["Malformed CIDR, one '/' required", { ip: [{ cidr: "10.0.0.0" }] }],
    ["Malformed CIDR, mask bits must be an integer", { ip: [{ cidr: "10.0.0.0/x" }] }],
    ["Nonstandard IP address: 10.0.0", { ip: [{ cidr: "10.0.0/8" }] }],
    ["Value of anything-but must be an array or single string/number value.", { s: [{ "anything-but": null }] }],
    ["Inside anything but list, start|null|boolean is not supported.", { s: [{ "anything-but": [true] }] }],
    ["Inside anything but list, either all values are number or string, mixed type is not supported", { s: [{ "anything-but": ["a", 1] }] }],
    ["Inside anything but list, either all values are number or string, mixed type is not supported", { s: [{ "anything-but": [] }] }],
    ["Unsupported anything-but pattern: numeric", { s: [{ "anything-but": { numeric: [">", 1] } }] }],
    ["Anything-But expression name not found", { s: [{ "anything-but": {} }] }],
    ["Null prefix/suffix not allowed", { s: [{ "anything-but": { prefix: "" } }] }],
    ["prefix/suffix match pattern must be a string", { s: [{ "anything-but": { suffix: [1] } }] }],
    ["Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.", { s: [{ "anything-but": { "equals-ignore-case": [1] } }] }],
    ["Consecutive wildcard characters at pos 1", { s: [{ "anything-but": { wildcard: "**" } }] }],
    ["It must be an Array followed with $or.", { $or: { a: ["1"] } }],
    ["Only JSON object is allowed in array of $or relationship.", { $or: [{ a: ["1"] }, "b"] }],
    ["There must have at least 2 Objects in $or relationship.", { $or: [{ a: ["1"] }] }],
    ["numeric is Ruler reserved fieldName which cannot be used inside $or.", { $or: [{ numeric: ["1"] }, { a: ["1"] }] }],
  ];
  for (const [message, pattern] of cases) {
    it(message, () => {
      expect(reason(pattern)).toBe(message);
      if (typeof pattern !== "string") expect(reason(JSON.stringify(pattern))).toBe(message);
    });
  }
  it("malformed JSON text is an InvalidEventPatternException", () => {
    expect(reason('{"source": [')).toMatch(/Unexpected end of input/);
  });
});
