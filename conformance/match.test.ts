import { describe, expect, it } from "vitest";
import { isMatcher, match } from "./match";
import { normalise } from "./normalise";

const START = Date.UTC(2025, 0, 1);
const ctx = { start: START };
const ok = (expected: unknown, actual: unknown) => expect(match(expected, actual, ctx)).toBeUndefined();
const bad = (expected: unknown, actual: unknown, path: string, message: RegExp) => {
  const problem = match(expected, actual, ctx);
  expect(problem, "expected a mismatch").toBeDefined();
  expect(problem?.path).toBe(path);
  expect(problem?.message).toMatch(message);
};

describe("partial deep match", () => {
  it("objects need only the listed keys", () => {
    ok({ a: 1 }, { a: 1, b: 2 });
    bad({ a: 1, c: 3 }, { a: 1, b: 2 }, "$.c", /missing \(expected 3\); present keys: a, b/);
  });

  it("arrays must have the same length and match element-wise", () => {
    ok([{ Body: "a" }, { Body: "b" }], [{ Body: "a", x: 1 }, { Body: "b" }]);
    bad([{ Body: "a" }], [{ Body: "a" }, { Body: "b" }], "$", /expected an array of 1, got 2 items/);
    bad({ Messages: [{ Body: "a" }, { Body: "b" }] }, { Messages: [{ Body: "a" }, { Body: "c" }] }, "$.Messages[1].Body", /expected "b", got "c"/);
  });

  it("scalars must be ===", () => {
    ok("3", "3");
    bad("3", 3, "$", /expected "3", got 3/);
    bad(null, undefined, "$", /expected null, got absent/);
    ok(null, null);
  });

  it("names odd keys in the path", () => {
    bad({ "detail-type": "x", "a b": 1 }, { "detail-type": "x", "a b": 2 }, '$["a b"]', /expected 1, got 2/);
  });

  it("objects with some non-matcher $-keys are data (a filter policy's $or)", () => {
    expect(isMatcher({ $or: [] })).toBe(false);
    expect(isMatcher({ $json: 1, other: 2 })).toBe(false);
    ok({ $or: [{ a: ["1"] }] }, { $or: [{ a: ["1"] }] });
  });
});

describe("matchers", () => {
  it("$json parses text, then matches", () => {
    ok({ Body: { $json: { Type: "Notification", n: [1] } } }, { Body: '{"Type":"Notification","n":[1],"x":0}' });
    bad({ Body: { $json: { Type: "Other" } } }, { Body: '{"Type":"Notification"}' }, "$.Body<json>.Type", /expected "Other", got "Notification"; whole JSON/);
    bad({ $json: {} }, "not json", "$", /expected JSON text/);
    bad({ $json: {} }, 5, "$", /expected JSON text, got 5/);
  });

  it("$absent and $exists", () => {
    ok({ FunctionError: { $absent: true } }, { StatusCode: 200 });
    bad({ FunctionError: { $absent: true } }, { FunctionError: "Unhandled" }, "$.FunctionError", /expected absent, got "Unhandled"/);
    ok({ x: { $exists: true } }, { x: null });
    bad({ x: { $exists: true } }, {}, "$.x", /expected to exist/);
    ok({ x: { $exists: false } }, {});
  });

  it("$empty: absent or []", () => {
    ok({ Messages: { $empty: true } }, {});
    ok({ Messages: { $empty: true } }, { Messages: [] });
    bad({ Messages: { $empty: true } }, { Messages: [{ Body: "x" }] }, "$.Messages", /expected absent or \[\]/);
    ok({ Messages: { $empty: false } }, { Messages: [1] });
  });

  it("$regex", () => {
    ok({ $regex: "^[0-9]+$" }, "12345");
    bad({ $regex: "Task timed out after 3\\.00 seconds" }, "Task timed out after 3.01 seconds", "$", /expected text matching/);
    bad({ $regex: "x" }, undefined, "$", /got absent/);
  });

  it("$len, also with a matcher", () => {
    ok({ Messages: { $len: 10 } }, { Messages: Array.from({ length: 10 }, () => ({})) });
    bad({ Messages: { $len: 10 } }, { Messages: [1] }, "$.Messages", /expected length 10, got 1/);
    ok({ $len: { $gte: 2 } }, "abc");
  });

  it("$gte/$gt/$lte/$lt, numeric text included", () => {
    ok({ $gte: 3, $lte: 3 }, 3);
    ok({ $gt: 2 }, "3");
    bad({ $lt: 3 }, 3, "$", /expected a number < 3, got 3/);
    bad({ $gt: 1 }, "many", "$", /expected a number > 1/);
  });

  it("$bigGt compares decimal strings as big integers", () => {
    ok({ $bigGt: "49590338271490256608559692538361571095921575989136588802" }, "49590338271490256608559692538361571095921575989136588803");
    bad({ $bigGt: "49590338271490256608559692538361571095921575989136588802" }, "49590338271490256608559692538361571095921575989136588802", "$", /decimal integer >/);
  });

  it("$contains: each listed matcher matches some element", () => {
    ok({ $contains: [{ Body: "b" }, { Body: { $regex: "^a" } }] }, [{ Body: "abc" }, { Body: "b" }]);
    bad({ $contains: [{ Body: "z" }] }, [{ Body: "a" }], "$", /no element matches \{"Body":"z"\}/);
    ok({ $contains: "time" }, "Task timed out");
  });

  it("$unordered: same length, any order, one element each", () => {
    ok({ $unordered: [{ Id: "a" }, { Id: "b" }, { Id: "c" }] }, [{ Id: "c" }, { Id: "a" }, { Id: "b" }]);
    // a greedy assignment would give the first element to {} and fail; augmenting paths find it
    ok({ $unordered: [{}, { Id: "a" }] }, [{ Id: "a" }, { Id: "b" }]);
    bad({ $unordered: [{ Id: "a" }, { Id: "a" }] }, [{ Id: "a" }, { Id: "b" }], "$", /item 1 \{"Id":"a"\}: the elements it matches are taken/);
    bad({ $unordered: [{ Id: "a" }] }, [{ Id: "a" }, { Id: "b" }], "$", /expected 1 items \(any order\), got 2/);
  });

  it("$anyOf and $not", () => {
    ok({ $anyOf: ["a", { $regex: "^b" }] }, "bee");
    bad({ $anyOf: ["a", "b"] }, "c", "$", /no alternative of \$anyOf matches/);
    ok({ $not: { $regex: "x" } }, "abc");
    bad({ $not: "abc" }, "abc", "$", /expected not to match "abc"/);
  });

  it("$time: start + ms, from epoch ms, epoch text or ISO text", () => {
    ok({ $time: 5000 }, START + 5000);
    ok({ $time: 5000 }, String(START + 5000));
    ok({ $time: 5000 }, "2025-01-01T00:00:05.000Z");
    bad({ $time: 5000 }, START + 6000, "$", /expected start \+ 5000 ms .*got start \+ 6000 ms/);
  });

  it("$type", () => {
    ok({ MessageId: { $type: "string" } }, { MessageId: "x" });
    ok({ $type: "array" }, []);
    ok({ $type: "null" }, null);
    bad({ MessageId: { $type: "string" } }, {}, "$.MessageId", /expected type string, got absent/);
    bad({ $type: "object" }, [], "$", /got array/);
  });

  it("several matchers in one object must all hold", () => {
    bad({ $type: "string", $regex: "^b" }, "abc", "$", /expected text matching \/\^b\//);
  });
});

describe("normalise", () => {
  it("drops $metadata and undefined members, decodes bytes, turns Dates into epoch ms", () => {
    const output = {
      $metadata: { httpStatusCode: 200 },
      Payload: new TextEncoder().encode('{"ok":true}'),
      FunctionError: undefined,
      Records: [{ Data: Buffer.from("one"), At: new Date(START + 1) }],
    };
    expect(normalise(output)).toEqual({ Payload: '{"ok":true}', Records: [{ Data: "one", At: START + 1 }] });
    ok({ FunctionError: { $absent: true }, Payload: { $json: { ok: true } } }, normalise(output));
  });
});
