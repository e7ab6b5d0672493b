import { describe, expect, it } from "vitest";
import { createSimContext } from "./context";
import { AwsError } from "./errors";
import type { QueuePort } from "./ports";
import { ResourceTable } from "./resources";

interface Thing {
  name: string;
  arn: string;
}

const notFound = (key: string): AwsError => new AwsError("ResourceNotFoundException", `Thing ${key} not found.`, { statusCode: 404 });

function table(withPort = true) {
  const ctx = createSimContext();
  const things = new ResourceTable<Thing>(ctx, {
    kind: "test.thing",
    nameOf: (t) => t.name,
    arnOf: (t) => t.arn,
    notFound,
    ...(withPort ? { port: (t: Thing) => ({ kind: "queue", arn: t.arn }) as unknown as QueuePort } : {}),
  });
  return { ctx, things };
}

const thing = (name: string): Thing => ({ name, arn: `arn:aws:sqs:us-east-1:000000000000:${name}` });

describe("ResourceTable", () => {
  it("finds by name and by ARN, keeps creation order, and throws the service's not-found error", () => {
    const { things } = table();
    const [b, a] = [thing("b"), thing("a")];
    things.add(b);
    things.add(a);
    expect(things.get("a")).toBe(a);
    expect(things.get(a.arn)).toBe(a);
    expect(things.find("c")).toBeUndefined();
    expect(things.has(b.arn)).toBe(true);
    expect([...things.values()]).toEqual([b, a]);
    expect(things.size).toBe(2);
    expect(() => things.get("c")).toThrow(expect.objectContaining({ code: "ResourceNotFoundException", message: "Thing c not found." }));
  });

  it("findByArn and findByName read one kind of key: the other kind, or a non-string input, finds nothing", () => {
    const { things } = table();
    const a = things.add(thing("a"));
    expect(things.findByArn(a.arn)).toBe(a);
    expect(things.findByName("a")).toBe(a);
    expect(things.findByArn("a")).toBeUndefined();
    expect(things.findByName(a.arn)).toBeUndefined();
    for (const input of [null, undefined, 1, {}, ["a"]]) {
      expect(things.findByArn(input)).toBeUndefined();
      expect(things.findByName(input)).toBeUndefined();
    }
  });

  it("registers the port on add and unregisters it on remove, tracing both", () => {
    const { ctx, things } = table();
    const a = things.add(thing("a"));
    expect(ctx.registry.has(a.arn)).toBe(true);
    expect(things.remove("a")).toBe(a);
    expect(ctx.registry.has(a.arn)).toBe(false);
    expect(things.remove(a)).toBeUndefined();
    expect(things.remove(a.arn)).toBeUndefined();
    expect(ctx.trace.events.map((e) => [e.type, "kind" in e ? e.kind : "", "name" in e ? e.name : ""])).toEqual([
      ["resource.created", "test.thing", "a"],
      ["resource.deleted", "test.thing", "a"],
    ]);
    expect(things.size).toBe(0);
  });

  it("a duplicate add is a service bug: it throws and changes nothing", () => {
    const { ctx, things } = table();
    things.add(thing("a"));
    expect(() => things.add(thing("a"))).toThrow(/already in the table/);
    expect(ctx.trace.of("resource.created")).toHaveLength(1);
  });

  it("traced: the service's own created/deleted events replace resource.created/deleted", () => {
    const ctx = createSimContext();
    const seen: string[] = [];
    const things = new ResourceTable<Thing>(ctx, {
      kind: "test.thing",
      nameOf: (t) => t.name,
      arnOf: (t) => t.arn,
      notFound,
      traced: { created: (t) => seen.push(`created ${t.name}`), deleted: (t) => seen.push(`deleted ${t.name}`) },
    });
    const a = things.add(thing("a"));
    things.remove(a);
    expect(seen).toEqual(["created a", "deleted a"]);
    expect(ctx.trace.events.filter((event) => event.type.startsWith("resource."))).toEqual([]);
  });

  it("works without a port (resources nobody delivers to)", () => {
    const { ctx, things } = table(false);
    const a = things.add(thing("a"));
    expect(ctx.registry.has(a.arn)).toBe(false);
    things.remove(a);
    expect([...things]).toEqual([]);
  });

  it("names like __proto__ stay data", () => {
    const { things } = table(false);
    const p = things.add(thing("__proto__"));
    expect(things.get("__proto__")).toBe(p);
    expect(things.find("constructor")).toBeUndefined();
  });
});
