import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AwsError } from "./errors";
import { paginate, type PaginateOptions } from "./paginate";

const invalidToken = (message: string): AwsError => new AwsError("InvalidParameterValue", message);
const names = Array.from({ length: 25 }, (_, i) => `q${String(i).padStart(2, "0")}`);

function all<T>(items: readonly T[], options: Omit<PaginateOptions<T>, "invalidToken" | "nextToken">): T[][] {
  const pages: T[][] = [];
  let token: string | undefined;
  do {
    const page = paginate(items, { ...options, invalidToken, nextToken: token });
    pages.push(page.items);
    token = page.nextToken;
  } while (token !== undefined);
  return pages;
}

describe("paginate", () => {
  it("pages by offset and by key, with the default limit and a cap", () => {
    expect(all(names, { defaultLimit: 10, scope: "s" }).map((p) => p.length)).toEqual([10, 10, 5]);
    expect(all(names, { defaultLimit: 10, maxResults: 7, scope: "s", keyOf: (n) => n }).map((p) => p.length)).toEqual([7, 7, 7, 4]);
    expect(all(names, { defaultLimit: 10, maxResults: 1000, maxLimit: 20, scope: "s" }).map((p) => p.length)).toEqual([20, 5]);
    expect(paginate(names, { defaultLimit: Infinity, scope: "s", invalidToken })).toEqual({ items: names });
    expect(paginate([], { defaultLimit: 10, scope: "s", invalidToken })).toEqual({ items: [] });
  });

  it("keyset tokens never skip an item when earlier items are deleted between pages", () => {
    const first = paginate(names, { defaultLimit: 10, scope: "s", keyOf: (n) => n, invalidToken });
    const remaining = names.filter((n) => n !== "q03" && n !== "q09");
    const second = paginate(remaining, { defaultLimit: 10, scope: "s", keyOf: (n) => n, invalidToken, nextToken: first.nextToken });
    expect(second.items[0]).toBe("q10");
  });

  it("rejects forged, edited, cross-scope and stale tokens with the service's error", () => {
    const { nextToken } = paginate(names, { defaultLimit: 10, scope: "sqs.listQueues:a", invalidToken });
    const token = nextToken as string;
    const reject = (bad: string, scope = "sqs.listQueues:a", items: readonly string[] = names) =>
      expect(() => paginate(items, { defaultLimit: 10, scope, invalidToken, nextToken: bad })).toThrow(
        expect.objectContaining({ code: "InvalidParameterValue", message: "Invalid NextToken value." }),
      );
    reject("garbage!");
    reject("");
    reject(Buffer.from('{"s":"sqs.listQueues:a","o":5,"c":"x"}').toString("base64url"));
    reject(Buffer.from("[1]").toString("base64url"));
    reject(token, "sqs.listQueues:b");
    reject(token, "sqs.listQueues:a", names.slice(0, 5));
    reject(token.slice(0, -2));
    expect(() => paginate(names, { defaultLimit: 10, scope: "sqs.listQueues:a", invalidToken, nextToken: token, keyOf: (n) => n })).toThrow(AwsError);
  });

  it("expiring tokens: valid within the lifetime, the service's expired error after it", () => {
    const expiredToken = (message: string): AwsError => new AwsError("ExpiredNextTokenException", message);
    const base = { defaultLimit: 10, scope: "kinesis.listShards:s", invalidToken, expiredToken, ttlMs: 300_000 };
    const { nextToken } = paginate(names, { ...base, now: 1_000 });
    expect(paginate(names, { ...base, now: 301_000, nextToken }).items[0]).toBe("q10");
    expect(() => paginate(names, { ...base, now: 301_001, nextToken })).toThrow(expect.objectContaining({ code: "ExpiredNextTokenException" }));
  });

  it("any page size walks every item exactly once, in order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 50 }), fc.boolean(), (count, size, keyed) => {
        const items = names.concat(names.map((n) => `r${n}`)).slice(0, count).sort();
        const pages = all(items, { defaultLimit: size, scope: "p", ...(keyed ? { keyOf: (n: string) => n } : {}) });
        expect(pages.flat()).toEqual(items);
      }),
    );
  });
});
