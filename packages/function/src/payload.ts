/**
 * Invoke's Payload in the SDK's types: what the SDK's InvokeCommandInput takes (BlobPayloadInputTypes) comes in, and
 * what comes out has the SDK's Uint8ArrayBlobAdapter shape (`transformToString()`), so code written against
 * @aws-sdk/client-lambda runs unchanged on the native API.
 */
import type { Readable } from "node:stream";
import { errors } from "./errors";

/** The SDK's BlobPayloadInputTypes: text, bytes, an ArrayBuffer or any view of one, a Blob, a Node or web stream. */
export type InvokePayloadInput = string | Uint8Array | ArrayBuffer | ArrayBufferView | Blob | Readable | ReadableStream;

/** Invoke's output Payload: the response bytes, readable as text as the SDK's Uint8ArrayBlobAdapter is. */
export class InvokePayload extends Uint8Array {
  /** The bytes as text: "base64", or UTF-8 for any other encoding, as the SDK's adapter reads them. */
  transformToString(encoding = "utf-8"): string {
    if (encoding === "base64") return Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString("base64");
    return decoder.decode(this);
  }

  /** The UTF-8 bytes of `text`, without copying them again. */
  static fromText(text: string): InvokePayload {
    const bytes = encoder.encode(text);
    return new InvokePayload(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}

export interface PayloadText {
  text: string;
  /** The payload's size, for the invocation type's limit. */
  bytes: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const EMPTY: PayloadText = { text: "", bytes: 0 };

/**
 * The payload as text. Text and bytes are answered at once; a Blob or a stream is read to its end first (the caller
 * awaits only then, so the common case adds no turn of the event loop). A stream is read no further than `maxBytes`:
 * past it the answer holds only its size, for the caller's size check (an endless stream is refused, not buffered
 * forever). Anything else is AWS's InvalidRequestContentException, as a body the service cannot read.
 */
export function payloadText(payload: unknown, maxBytes = Infinity): PayloadText | Promise<PayloadText> {
  if (payload === undefined || payload === null) return EMPTY;
  if (typeof payload === "string") return { text: payload, bytes: Buffer.byteLength(payload) };
  if (payload instanceof Uint8Array) return { text: decoder.decode(payload), bytes: payload.byteLength };
  if (payload instanceof ArrayBuffer) return fromBytes(new Uint8Array(payload));
  if (ArrayBuffer.isView(payload)) return fromBytes(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength));
  if (payload instanceof Blob) return payload.arrayBuffer().then((buffer) => fromBytes(new Uint8Array(buffer)));
  if (isAsyncIterable(payload)) return readAll(payload, maxBytes);
  if (payload instanceof ReadableStream) return readAll(payload as unknown as AsyncIterable<unknown>, maxBytes);
  throw errors.InvalidRequestContentException("Could not parse request body into json: Payload is neither text nor bytes.");
}

function fromBytes(bytes: Uint8Array): PayloadText {
  return { text: decoder.decode(bytes), bytes: bytes.byteLength };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function";
}

/** A Node Readable or a web ReadableStream, to its end or past maxBytes (leaving it cancels it); string chunks are UTF-8. */
async function readAll(stream: AsyncIterable<unknown>, maxBytes: number): Promise<PayloadText> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    const data = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
    if (!(data instanceof Uint8Array)) throw errors.InvalidRequestContentException("Could not parse request body into json: Payload is neither text nor bytes.");
    bytes += data.byteLength;
    if (bytes > maxBytes) return { text: "", bytes };
    chunks.push(data);
  }
  return fromBytes(Buffer.concat(chunks));
}
