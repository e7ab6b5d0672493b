/**
 * The HTTP exchange as the SDK's HttpHandler contract sees it (smithy `HttpRequest` / `HttpResponse`), reduced to
 * what the codecs read and write. Header names are lower-cased on the way in: the SDK mixes cases.
 */
import type { HttpRequest, HttpResponse } from "@smithy/types";

export interface WireRequest {
  readonly method: string;
  readonly path: string;
  /** Query string parameters; repeated names keep every value. */
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  /** Lower-cased names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

export interface WireResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const utf8 = (text: string): Uint8Array => encoder.encode(text);
export const text = (bytes: Uint8Array): string => decoder.decode(bytes);

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

export function fromBase64(value: string): Uint8Array {
  const buffer = Buffer.from(value, "base64");
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export async function readRequest(request: HttpRequest): Promise<WireRequest> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  const query: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== null && value !== undefined) query[name] = value;
  }
  return { method: request.method.toUpperCase(), path: request.path, query, headers, body: await readBody(request.body) };
}

/** The SDK sends strings for JSON and query bodies, bytes for Lambda payloads, and may send any stream. */
async function readBody(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === "string") return utf8(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (typeof Blob !== "undefined" && body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  if (isWebStream(body)) return collect(streamChunks(body));
  if (isAsyncIterable(body)) return collect(body);
  throw new TypeError(`Unsupported request body type: ${Object.prototype.toString.call(body)}`);
}

function isWebStream(body: unknown): body is ReadableStream<Uint8Array> {
  return typeof (body as ReadableStream | undefined)?.getReader === "function";
}

function isAsyncIterable(body: unknown): body is AsyncIterable<unknown> {
  return typeof (body as AsyncIterable<unknown> | undefined)?.[Symbol.asyncIterator] === "function";
}

async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

async function collect(chunks: AsyncIterable<unknown>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(typeof chunk === "string" ? utf8(chunk) : (chunk as Uint8Array));
  return parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
}

export function toHttpResponse(response: WireResponse): HttpResponse {
  return { statusCode: response.statusCode, headers: response.headers, body: response.body };
}
