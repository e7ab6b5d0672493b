import { describe, expect, it } from "vitest";
import { AwsError } from "./errors";
import { TagSet, validateTagKeys, validateTags, type TagRule, type TagRules } from "./tags";

const rules: TagRules = {
  invalid: (message: string, rule: TagRule) => new AwsError("InvalidParameterValueException", message, { fields: { rule } }),
};
const ruleOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error instanceof AwsError ? error.fields["rule"] : error;
  }
  return "accepted";
};

// Rules from AWS's "Tag naming limits and requirements" (Tagging AWS Resources).
describe("validateTags", () => {
  it("reads maps and {Key, Value} lists (a missing Value is empty)", () => {
    expect([...validateTags({ team: "a", env: "" }, rules)]).toEqual([
      ["team", "a"],
      ["env", ""],
    ]);
    expect([...validateTags([{ Key: "team", Value: "a" }, { Key: "x" }], rules)]).toEqual([
      ["team", "a"],
      ["x", ""],
    ]);
    expect(validateTags(undefined, rules).size).toBe(0);
  });

  it("keys are 1–128 characters and values at most 256, counted in characters, not bytes", () => {
    expect(ruleOf(() => validateTags({ ["k".repeat(128)]: "v".repeat(256) }, rules))).toBe("accepted");
    expect(ruleOf(() => validateTags({ ["é".repeat(128)]: "𝔸".repeat(256) }, rules))).toBe("accepted");
    expect(ruleOf(() => validateTags({ "": "v" }, rules))).toBe("key-length");
    expect(ruleOf(() => validateTags({ ["k".repeat(129)]: "v" }, rules))).toBe("key-length");
    expect(ruleOf(() => validateTags({ k: "v".repeat(257) }, rules))).toBe("value-length");
  });

  it("allows letters, numbers, spaces and _ . : / = + - @ only, unless the service does not check characters", () => {
    expect(ruleOf(() => validateTags({ "Cost Center:team/a=b+c-d@e_f.g": "Ünïcode 123" }, rules))).toBe("accepted");
    expect(ruleOf(() => validateTags({ "a#b": "v" }, rules))).toBe("key-characters");
    expect(ruleOf(() => validateTags({ k: "v*" }, rules))).toBe("value-characters");
    expect(ruleOf(() => validateTags({ "a#b": "v*" }, { ...rules, checkCharacters: false }))).toBe("accepted");
  });

  it("the aws: prefix is reserved in any case; duplicate keys in a list and non-strings are rejected", () => {
    expect(ruleOf(() => validateTags({ "aws:cloudformation:stack": "x" }, rules))).toBe("reserved-prefix");
    expect(ruleOf(() => validateTags({ "AwS:x": "x" }, rules))).toBe("reserved-prefix");
    expect(ruleOf(() => validateTags({ awsome: "x" }, rules))).toBe("accepted");
    expect(ruleOf(() => validateTags([{ Key: "a", Value: "1" }, { Key: "a", Value: "2" }], rules))).toBe("duplicate-key");
    expect(ruleOf(() => validateTags([{ Value: "1" }], rules))).toBe("malformed-key");
    expect(ruleOf(() => validateTags({ a: 1 } as unknown as Record<string, string>, rules))).toBe("malformed-value");
    expect(ruleOf(() => validateTagKeys(["aws:x"], rules))).toBe("reserved-prefix");
    expect(ruleOf(() => validateTags(Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: "" })), { ...rules, maxTagsPerCall: 10 }))).toBe("too-many");
  });

  it("__proto__ is an ordinary tag key", () => {
    const set = new TagSet(rules, { __proto__: "x" } as Record<string, string>);
    const json = JSON.parse('{"__proto__":"x"}') as Record<string, string>;
    set.apply(json);
    expect(set.toRecord()["__proto__"]).toBe("x");
    expect(Object.getPrototypeOf(set.toRecord())).toBeNull();
  });
});

describe("TagSet", () => {
  it("at most 50 tags per resource; overwriting does not count; a rejected change changes nothing", () => {
    const tooMany = (message: string) => new AwsError("TagLimitExceededException", message);
    const set = new TagSet({ ...rules, tooMany });
    set.apply(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"])));
    set.apply({ k0: "changed" });
    expect(set.get("k0")).toBe("changed");
    expect(() => set.apply({ k1: "again", extra: "v" })).toThrow(expect.objectContaining({ code: "TagLimitExceededException" }));
    expect(set.get("k1")).toBe("v");
    expect(() => set.apply({ k1: "again", "bad#": "v" })).toThrow(AwsError);
    expect(set.get("k1")).toBe("v");
    expect(set.size).toBe(50);
    set.remove(["k0", "missing"]);
    expect(set.size).toBe(49);
    expect(set.toList()[0]).toEqual({ Key: "k1", Value: "v" });
    expect([...set.entries()]).toHaveLength(49);
  });
});
