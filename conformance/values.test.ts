import { describe, expect, it } from "vitest";
import { interpolate, lookup, resolve, toBytes, ValueError, type Scope } from "./values";

const START = Date.UTC(2025, 0, 1);

function scopeWith(saved: Record<string, unknown>, extra: Partial<Scope> = {}): Scope {
  return { start: START, now: () => START + 5000, saved: new Map(Object.entries(saved)), ...extra };
}

describe("interpolation", () => {
  const scope = scopeWith({ q: { QueueUrl: "http://q/1", n: 3 }, r: { Messages: [{ ReceiptHandle: "rh-0" }] } });

  it("a whole `${…}` string is the saved value itself, of any type", () => {
    expect(interpolate("${q}", scope)).toEqual({ QueueUrl: "http://q/1", n: 3 });
    expect(interpolate("${q.n}", scope)).toBe(3);
  });

  it("paths walk objects and arrays", () => {
    expect(interpolate("${r.Messages.0.ReceiptHandle}", scope)).toBe("rh-0");
  });

  it("inside a longer string the value is written as text", () => {
    expect(interpolate("url=${q.QueueUrl} n=${q.n}", scope)).toBe("url=http://q/1 n=3");
    expect(interpolate("obj ${q}", scope)).toBe('obj {"QueueUrl":"http://q/1","n":3}');
  });

  it("knows $start, $now and $i", () => {
    expect(interpolate("${$start}", scope)).toBe(START);
    expect(interpolate("${$now}", scope)).toBe(START + 5000);
    expect(interpolate("m${$i}", { ...scope, round: 4 })).toBe("m4");
  });

  it("names the unknown value or dead path instead of writing undefined", () => {
    expect(() => lookup("nope.x", scope)).toThrow(/no saved value named "nope" \(saved: q, r\)/);
    expect(() => lookup("q.missing", scope)).toThrow(/q has no "missing"/);
    expect(() => lookup("r.Messages.3", scope)).toThrow(/r.Messages has no "3" \(an array of 1\)/);
    expect(() => lookup("q.n.deeper", scope)).toThrow(/q.n is 3, it has no "deeper"/);
    expect(() => interpolate("${$i}", scope)).toThrow(ValueError);
  });

  it("leaves strings without references alone", () => {
    expect(interpolate("plain $text {x}", scope)).toBe("plain $text {x}");
  });
});

describe("input directives", () => {
  const scope = scopeWith({ base: START + 60_000, t: { TopicArn: "arn:t" } });

  it("$bytes: UTF-8 bytes of text, JSON text of objects", () => {
    expect(resolve({ $bytes: "héllo" }, scope, "input")).toEqual(new TextEncoder().encode("héllo"));
    expect(new TextDecoder().decode(resolve({ $bytes: { a: 1, t: "${t.TopicArn}" } }, scope, "input") as Uint8Array)).toBe('{"a":1,"t":"arn:t"}');
    expect(toBytes(new Uint8Array([1, 2]))).toEqual(new Uint8Array([1, 2]));
  });

  it("$json: JSON text, with interpolation inside", () => {
    expect(resolve({ Policy: { $json: { arn: "${t.TopicArn}", n: [1] } } }, scope, "input")).toEqual({ Policy: '{"arn":"arn:t","n":[1]}' });
  });

  it("$json leaves data keys such as a filter policy's $or alone", () => {
    expect(resolve({ $json: { $or: [{ a: ["1"] }] } }, scope, "input")).toBe('{"$or":[{"a":["1"]}]}');
  });

  it("$repeat: n items, $i is the item index from 0", () => {
    expect(resolve({ $repeat: 3, item: { Id: "e${$i}", MessageBody: "x" } }, scope, "input")).toEqual([
      { Id: "e0", MessageBody: "x" },
      { Id: "e1", MessageBody: "x" },
      { Id: "e2", MessageBody: "x" },
    ]);
  });

  it("$repeatString: a long string", () => {
    const text = resolve({ $repeatString: "ab", times: 4 }, scope, "input");
    expect(text).toBe("abababab");
    expect((resolve({ $bytes: { $repeatString: "a", times: 1000 } }, scope, "input") as Uint8Array).length).toBe(1000);
  });

  it("$date: a Date at start + ms, or base + ms", () => {
    expect(resolve({ $date: 1000 }, scope, "input")).toEqual(new Date(START + 1000));
    expect(resolve({ $date: 1000, base: "${base}" }, scope, "input")).toEqual(new Date(START + 61_000));
    expect(resolve({ $date: 0, base: "2025-02-01T00:00:00Z" }, scope, "input")).toEqual(new Date(Date.UTC(2025, 1, 1)));
  });

  it("$literal is used verbatim", () => {
    expect(resolve({ Message: { $literal: "${not.a.reference}" } }, scope, "input")).toEqual({ Message: "${not.a.reference}" });
  });

  it("objects that merely contain a directive key among others are data", () => {
    expect(resolve({ $bytes: "x", other: 1 }, scope, "input")).toEqual({ $bytes: "x", other: 1 });
  });

  it("a user key __proto__ stays plain data", () => {
    const resolved = resolve(JSON.parse('{"__proto__": {"polluted": true}}'), scope, "input") as Record<string, unknown>;
    expect(Object.keys(resolved)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("does not mutate the step it resolves", () => {
    const step = { input: { Entries: { $repeat: 2, item: { Id: "${$i}" } } } };
    const copy = structuredClone(step);
    resolve(step, scope, "input");
    expect(step).toEqual(copy);
  });
});

describe("expectation mode", () => {
  const scope = scopeWith({ m: { MessageId: "id-1" } });

  it("keeps $json as a matcher, interpolating inside it", () => {
    expect(resolve({ Body: { $json: { MessageId: "${m.MessageId}" } } }, scope, "expectation")).toEqual({ Body: { $json: { MessageId: "id-1" } } });
  });

  it("turns $bytes into text and $date into epoch ms, as outputs are normalised", () => {
    expect(resolve({ $bytes: { a: 1 } }, scope, "expectation")).toBe('{"a":1}');
    expect(resolve({ $date: 5 }, scope, "expectation")).toBe(START + 5);
  });

  it("bad directive arguments are named", () => {
    expect(() => resolve({ $repeat: -1, item: 1 }, scope, "input")).toThrow(/\$repeat needs a whole number/);
    expect(() => resolve({ $repeatString: 3, times: 2 }, scope, "input")).toThrow(/\$repeatString needs a string/);
    expect(() => resolve({ $date: 0, base: "soon" }, scope, "input")).toThrow(/\$date base needs a time/);
  });
});
