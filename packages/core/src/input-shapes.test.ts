import { describe, expect, it } from "vitest";
import { findMismatch, guardInputs, memberPaths, showValue, withMember, type StructShape } from "./input-shapes";

const shape: StructShape = {
  struct: {
    Name: "string",
    Count: "number",
    Flag: "boolean",
    Data: "blob",
    Tags: { map: "string" },
    Entries: { list: { struct: { Id: "string" } } },
  },
};

describe("input shapes", () => {
  it("absent members fit; wrong types are reported with the query-protocol path", () => {
    expect(findMismatch({}, shape, "")).toBeUndefined();
    expect(findMismatch({ Name: null, Count: undefined }, shape, "")).toBeUndefined();
    expect(findMismatch({ Name: "n", Count: 1, Flag: true, Data: Buffer.from("x"), Tags: { a: "b" }, Entries: [{ Id: "1" }], Extra: 5 }, shape, "")).toBeUndefined();
    expect(findMismatch({ Count: "1" }, shape, "")).toMatchObject({ path: "Count", expected: "number" });
    expect(findMismatch({ Data: "x" }, shape, "")).toMatchObject({ path: "Data", expected: "blob" });
    expect(findMismatch({ Tags: ["b"] }, shape, "")).toMatchObject({ path: "Tags", expected: "map" });
    expect(findMismatch({ Tags: { a: null } }, shape, "")).toMatchObject({ path: "Tags.a", expected: "string" });
    expect(findMismatch({ Entries: [{ Id: "1" }, null] }, shape, "")).toMatchObject({ path: "Entries.2", expected: "structure" });
    expect(findMismatch({ Entries: [{ Id: 7 }] }, shape, "")).toMatchObject({ path: "Entries.1.Id", value: 7 });
    expect(findMismatch({ Entries: {} }, shape, "")).toMatchObject({ path: "Entries", expected: "list" });
  });

  it("guardInputs rejects before the action runs and passes an absent input as {}", async () => {
    const seen: unknown[] = [];
    const service = guardInputs(
      { act: async (input: unknown) => void seen.push(input) },
      { act: shape },
      ({ path }) => new Error(`bad ${path}`),
    );
    await expect(service.act({ Count: "x" })).rejects.toThrow("bad Count");
    await expect(service.act(5)).rejects.toThrow("bad input");
    await service.act(undefined);
    await service.act(null);
    expect(seen).toEqual([{}, {}]);
  });

  it("guardInputs keeps an action async: an action that throws synchronously gives a rejected promise", async () => {
    const service = guardInputs(
      { act: (_input: unknown): Promise<string> => { throw new Error("sync"); } },
      { act: shape },
      ({ path }) => new Error(`bad ${path}`),
    );
    let returned: Promise<string> | undefined;
    expect(() => (returned = service.act({}))).not.toThrow();
    await expect(returned).rejects.toThrow("sync");
  });

  it("an input that throws while it is read (throwing getter, Proxy trap, revoked Proxy) is a mismatch at that member, never the thrown error", async () => {
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const getter = Object.defineProperty({}, "a", { enumerable: true, get: () => { throw new Error("getter"); } });
    const trap = new Proxy({}, { ownKeys: () => { throw new Error("trap"); } });
    expect(findMismatch(revoked, shape, "")).toMatchObject({ path: "", expected: "structure" });
    expect(findMismatch({ Tags: revoked }, shape, "")).toMatchObject({ path: "Tags", expected: "map" });
    expect(findMismatch({ Tags: getter }, shape, "")).toMatchObject({ path: "Tags", expected: "map" });
    expect(findMismatch({ Tags: trap }, shape, "")).toMatchObject({ path: "Tags", expected: "map" });
    expect(findMismatch({ Entries: [getter, revoked] }, shape, "")).toMatchObject({ path: "Entries.2", expected: "structure" });
    const service = guardInputs({ act: async (_input: unknown) => "ran" }, { act: shape }, ({ path }) => new Error(`bad ${path}`));
    await expect(service.act(revoked)).rejects.toThrow("bad input");
    await expect(service.act({ Tags: getter })).rejects.toThrow("bad Tags");
  });

  it("memberPaths and withMember walk the declared members one at a time", () => {
    const example = { Name: "n", Entries: [{ Id: "a" }, { Id: "b" }], Tags: { k: "v" } };
    const paths = memberPaths(shape, example);
    expect(paths).toContainEqual(["Entries", 1, "Id"]);
    expect(paths).toContainEqual(["Tags", "k"]);
    expect(paths).toContainEqual(["Data"]);
    expect(withMember(example, ["Entries", 1, "Id"], null)).toEqual({ Name: "n", Entries: [{ Id: "a" }, { Id: null }], Tags: { k: "v" } });
    expect(example.Entries[1]!.Id).toBe("b");
  });

  it("showValue never throws", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    expect(showValue(cyclic)).toBe("[object Object]");
    expect(showValue(Symbol("s"))).toBe("Symbol(s)");
    expect(showValue(123n)).toBe("[object BigInt]");
  });
});
