/**
 * What the SDK's types let a caller pass (packages/sdk/src/contract/lambda.test-d.ts) works natively: Invoke's Payload
 * in every form of the SDK's BlobPayloadInputTypes, an output Payload read with `transformToString()`, and AWS's errors
 * for the members the types now leave open (EphemeralStorage without Size, an Architectures value outside the enum).
 */
import { Readable } from "node:stream";
import { createSimContext } from "@simcloud/core";
import { awsError } from "@simcloud/core/testing";
import { describe, expect, it } from "vitest";
import { createFunctionService } from "./lambda";
import type { Architecture } from "./types";

async function setup() {
  const ctx = createSimContext();
  const lambda = createFunctionService(ctx);
  await lambda.createFunction({ FunctionName: "echo", handler: async (event: unknown) => event });
  return { ctx, lambda };
}

const json = '{"n":1}';
const bytes = () => new TextEncoder().encode(json);

describe("Invoke Payload in the SDK's types", () => {
  const forms: [string, () => unknown][] = [
    ["string", () => json],
    ["Uint8Array", bytes],
    ["Buffer", () => Buffer.from(json)],
    ["ArrayBuffer", () => bytes().buffer],
    ["DataView over part of a buffer", () => {
      const padded = new TextEncoder().encode(`xx${json}yy`);
      return new DataView(padded.buffer, 2, padded.byteLength - 4);
    }],
    ["Blob", () => new Blob([json])],
    ["Node Readable", () => Readable.from([Buffer.from('{"n":'), "1}"])],
    ["web ReadableStream", () => new Blob([json]).stream()],
  ];
  it.each(forms)("%s reaches the handler as the same event", async (_label, make) => {
    const { lambda } = await setup();
    const out = await lambda.invoke({ FunctionName: "echo", Payload: make() as string });
    expect(out.FunctionError).toBeUndefined();
    expect(out.Payload?.transformToString()).toBe(json);
  });

  it("the output Payload is bytes that read as text or base64, as the SDK's Uint8ArrayBlobAdapter", async () => {
    const { lambda } = await setup();
    const out = await lambda.invoke({ FunctionName: "echo", Payload: json });
    expect(out.Payload).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(out.Payload)).toBe(json);
    expect(out.Payload?.transformToString("base64")).toBe(Buffer.from(json).toString("base64"));
  });

  it("a payload that is neither text, bytes, a Blob nor a stream is InvalidRequestContentException; an async invoke queues nothing", async () => {
    const { ctx, lambda } = await setup();
    const error = await awsError(lambda.invoke({ FunctionName: "echo", InvocationType: "Event", Payload: { n: 1 } as unknown as string }), "InvalidRequestContentException");
    expect(error.message).toBe("Could not parse request body into json: Payload is neither text nor bytes.");
    await ctx.scheduler.settle();
    expect(ctx.trace.of("lambda.async.queued")).toHaveLength(0);
  });

  it("a stream payload counts against the size limit like bytes do", async () => {
    const { lambda } = await setup();
    const big = `"${"x".repeat(1_048_577)}"`;
    await awsError(lambda.invoke({ FunctionName: "echo", InvocationType: "Event", Payload: Readable.from([Buffer.from(big)]) }), "RequestTooLargeException");
  });
});

describe("members the SDK's types leave open are AWS's errors", () => {
  it("EphemeralStorage without Size is a ValidationException, on create and update, and changes nothing", async () => {
    const { lambda } = await setup();
    const message = "1 validation error detected: Value null at 'ephemeralStorage.size' failed to satisfy constraint: Member must not be null";
    expect((await awsError(lambda.createFunction({ FunctionName: "f", EphemeralStorage: { Size: undefined }, handler: () => 1 }), "ValidationException")).message).toBe(message);
    expect((await lambda.listFunctions({})).Functions.map((f) => f.FunctionName)).toEqual(["echo"]);
    expect((await awsError(lambda.updateFunctionConfiguration({ FunctionName: "echo", EphemeralStorage: { Size: undefined } }), "ValidationException")).message).toBe(message);
    expect((await lambda.getFunctionConfiguration({ FunctionName: "echo" })).EphemeralStorage).toEqual({ Size: 512 });
    expect((await lambda.updateFunctionConfiguration({ FunctionName: "echo", EphemeralStorage: { Size: 1024 } })).EphemeralStorage).toEqual({ Size: 1024 });
  });

  it("Architectures takes one of x86_64 and arm64 (AWS's recorded answers)", async () => {
    const { lambda } = await setup();
    const create = (architectures: string[]) => lambda.createFunction({ FunctionName: "f", Architectures: architectures as Architecture[], handler: () => 1 });
    expect((await awsError(create(["x86_64", "arm64"]), "ValidationException")).message).toBe(
      "1 validation error detected: Value '[x86_64, arm64]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1",
    );
    expect((await awsError(create(["X86_64"]), "ValidationException")).message).toBe(
      "1 validation error detected: Value '[X86_64]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]",
    );
    await awsError(create([]), "ValidationException");
    expect((await lambda.listFunctions({})).Functions).toHaveLength(1);
    expect((await create(["arm64"])).Architectures).toEqual(["arm64"]);
  });
});
