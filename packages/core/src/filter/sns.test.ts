/** SNS dialects: "Amazon SNS subscription filter policies" and "Filter policy constraints in Amazon SNS". */
import { describe, expect, it } from "vitest";
import { isAwsError } from "../errors";
import { compileFilter } from "./compile";
import type { SnsFilterAttribute } from "./sns";

const attrs = (policy: object | string, attributes: Record<string, SnsFilterAttribute>) =>
  compileFilter(policy, "sns-attributes").matches({ message: "hello", attributes });
const body = (policy: object | string, message: string) => compileFilter(policy, "sns-body").matches({ message });
const str = (StringValue: string): SnsFilterAttribute => ({ DataType: "String", StringValue });
const num = (StringValue: string): SnsFilterAttribute => ({ DataType: "Number", StringValue });
const arr = (values: unknown[]): SnsFilterAttribute => ({ DataType: "String.Array", StringValue: JSON.stringify(values) });

function reason(policy: object | string, dialect: "sns-attributes" | "sns-body" = "sns-attributes"): string {
  try {
    compileFilter(policy, dialect);
  } catch (error) {
    if (!isAwsError(error, "InvalidParameterException")) throw error;
    expect(error.statusCode).toBe(400);
    expect(error.queryCode).toBe("InvalidParameter");
    return error.message;
  }
  throw new Error("policy was accepted");
}

describe("attribute scope (Amazon SNS subscription filter policies)", () => {
  it("Number attributes compare as numbers, with five decimals of accuracy", () => {
    expect(attrs({ p: [100] }, { p: num("1.0e2") })).toBe(true);
    expect(attrs({ p: [100] }, { p: str("100") })).toBe(false);
    expect(attrs({ p: [{ numeric: ["=", 0.00001] }] }, { p: num("0.000012") })).toBe(true);
    expect(attrs({ p: [{ numeric: [">", 0] }] }, { p: num("1000000001") })).toBe(false);
    expect(attrs({ p: [{ numeric: [">", 0] }] }, { p: str("5") })).toBe(false);
    expect(attrs({ p: [{ "anything-but": [100] }] }, { p: num("100.0") })).toBe(false);
  });
  it("String.Array attributes match element-wise, strings and numbers alike", () => {
    expect(attrs({ i: ["rugby"] }, { i: arr(["soccer", "rugby"]) })).toBe(true);
    expect(attrs({ i: [{ numeric: [">", 10] }] }, { i: arr([1, 20]) })).toBe(true);
    expect(attrs({ i: [{ prefix: "ten" }] }, { i: arr(["golf", "tennis"]) })).toBe(true);
    expect(attrs({ i: [{ "anything-but": "rugby" }] }, { i: arr(["rugby"]) })).toBe(false);
  });
  it("Binary attributes are ignored: they neither match nor exist", () => {
    const bin: SnsFilterAttribute = { DataType: "Binary", BinaryValue: "aGVsbG8=" };
    expect(attrs({ b: ["aGVsbG8="] }, { b: bin })).toBe(false);
    expect(attrs({ b: [{ exists: true }] }, { b: bin })).toBe(false);
    expect(attrs({ b: [{ exists: false }] }, { b: bin })).toBe(true);
  });
  it("custom data type suffixes keep their base type", () => {
    expect(attrs({ s: ["x"] }, { s: { DataType: "String.custom", StringValue: "x" } })).toBe(true);
    expect(attrs({ n: [{ numeric: ["<", 2] }] }, { n: { DataType: "Number.float", StringValue: "1.5" } })).toBe(true);
  });
  it('"exists": false only matches if at least one attribute is present (Key matching - Amazon SNS)', () => {
    expect(attrs({ store: [{ exists: false }] }, {})).toBe(false);
    expect(attrs({ store: [{ exists: false }] }, { other: str("x") })).toBe(true);
    expect(attrs({ store: [{ "anything-but": "x" }] }, {})).toBe(false);
    expect(compileFilter({ store: [{ exists: false }] }, "sns-attributes").matches({ message: "m" })).toBe(false);
  });
  it("the message body is not consulted, and an empty policy matches everything", () => {
    expect(attrs({ hello: [{ exists: true }] }, {})).toBe(false);
    expect(attrs({}, {})).toBe(true);
  });
  it("__proto__ attribute names are data", () => {
    expect(attrs('{"__proto__":["x"]}', JSON.parse('{"__proto__":{"DataType":"String","StringValue":"x"}}') as Record<string, SnsFilterAttribute>)).toBe(true);
    expect(attrs({ constructor: [{ exists: true }] }, {})).toBe(false);
  });
});

describe("body scope (Amazon SNS subscription filter policies, payload-based filtering)", () => {
  it("non-JSON or non-object bodies never match, not even exists:false", () => {
    expect(body({ a: [{ exists: false }] }, "plain text")).toBe(false);
    expect(body({ a: [{ exists: false }] }, "[1,2]")).toBe(false);
    expect(body({ a: [{ exists: false }] }, "{}")).toBe(true);
  });
  it("nested keys, arrays of objects, numbers as numbers", () => {
    expect(body({ o: { items: { sku: ["a"] } } }, '{"o":{"items":[{"sku":"b"},{"sku":"a"}]}}')).toBe(true);
    expect(body({ p: [{ numeric: [">=", 10, "<", 20] }] }, '{"p":1.999e1}')).toBe(true);
    expect(body({ p: [{ numeric: [">=", 10] }] }, '{"p":"15"}')).toBe(false);
    expect(body({ o: { $or: [{ a: ["1"] }, { b: ["2"] }] } }, '{"o":{"b":"2"}}')).toBe(true);
  });
});

describe("rejections (Filter policy constraints in Amazon SNS)", () => {
  const prefix = "Invalid parameter: FilterPolicy: ";
  it("at most five keys; in the body scope nested leaf keys count", () => {
    expect(reason({ a: ["1"], b: ["1"], c: ["1"], d: ["1"], e: ["1"], f: ["1"] })).toBe(`${prefix}Filter policy can not have more than 5 keys`);
    const nested = { a: { b: ["1"], c: ["1"], d: ["1"] }, e: { f: ["1"], g: ["1"], h: ["1"] } };
    expect(reason(nested, "sns-body")).toBe(`${prefix}Filter policy can not have more than 5 keys`);
    expect(() => compileFilter({ a: { b: ["1"], c: ["1"] }, d: ["1"], e: ["1"], f: ["1"] }, "sns-body")).not.toThrow();
  });
  it("attribute policies cannot nest", () => {
    expect(reason({ store: { name: ["x"] } })).toBe("Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy");
  });
  it("at most 150 combinations; nested arrays also multiply by their depth", () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    expect(() => compileFilter({ a: values(10), b: values(15) }, "sns-attributes")).not.toThrow();
    expect(reason({ a: values(10), b: values(16) })).toBe(`${prefix}Filter policy is too complex`);
    // The documented example: 4 values three levels deep, 3 values two levels deep → 3 × 4 × 2 × 3 = 72.
    expect(() => compileFilter({ a: { b: { c: values(4) } }, d: { e: values(3) } }, "sns-body")).not.toThrow();
    expect(reason({ a: { b: { c: values(8) } }, d: { e: values(4) } }, "sns-body")).toBe(`${prefix}Filter policy is too complex`);
  });
  it("256 KB at most", () => {
    expect(reason({ a: ["x".repeat(256 * 1024)] })).toBe(`${prefix}Filter policy is too large`);
  });
  it("operators SNS does not have", () => {
    expect(reason({ a: [{ wildcard: "*" }] })).toBe(`${prefix}Unrecognized match type wildcard`);
    expect(reason({ a: [{ prefix: { "equals-ignore-case": "x" } }] })).toBe(`${prefix}prefix match pattern must be a string`);
    expect(reason({ a: [{ "anything-but": { suffix: "x" } }] })).toBe(`${prefix}Unsupported anything-but pattern: suffix`);
  });
  it("numbers outside ±1e9", () => {
    expect(reason({ a: [{ numeric: [">", 1000000001] }] })).toBe(`${prefix}Value must be between -1.0E9 and 1.0E9, inclusive`);
    expect(() => compileFilter({ a: [{ numeric: [">", 0.123456789] }] }, "sns-attributes")).not.toThrow();
  });
  it("grammar errors carry the FilterPolicy prefix", () => {
    expect(reason({ a: "x" })).toBe(`${prefix}"a" must be an object or an array`);
    expect(reason({ a: [] })).toBe(`${prefix}Empty arrays are not allowed`);
    expect(reason({ a: [{ exists: 1 }] })).toBe(`${prefix}exists match pattern must be either true or false.`);
    expect(reason({ a: [{ numeric: ["<", 5, ">", 1] }] })).toBe(`${prefix}Too many elements in numeric expression`);
    expect(reason("[1]")).toBe(`${prefix}Filter is not an object`);
  });
});
