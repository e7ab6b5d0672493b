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
  /** The body as the SDK sent it when that was text (JSON and query bodies): codecs read this and skip a UTF-8 round trip. */
  readonly bodyText?: string;
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

/** The body's text: the SDK's own string when it sent one, else the bytes decoded as UTF-8. */
export function bodyText(request: WireRequest): string {
  return request.bodyText ?? text(request.body);
}

const EMPTY_QUERY: Readonly<Record<string, string | readonly string[]>> = Object.freeze({});

export async function readRequest(request: HttpRequest): Promise<WireRequest> {
  const headers: Record<string, string> = {};
  for (const name in request.headers) headers[name.toLowerCase()] = request.headers[name] as string;
  let query = EMPTY_QUERY;
  if (request.query !== undefined && request.query !== null) {
    const params: Record<string, string | readonly string[]> = {};
    for (const [name, value] of Object.entries(request.query)) {
      if (value !== null && value !== undefined) params[name] = value;
    }
    query = params;
  }
  const method = request.method.toUpperCase();
  if (typeof request.body === "string") return textRequest(method, request.path, query, headers, request.body);
  return { method, path: request.path, query, headers, body: await readBody(request.body) };
}

/** A text body is encoded to bytes only if a codec asks for them. */
function textRequest(
  method: string,
  path: string,
  query: WireRequest["query"],
  headers: Record<string, string>,
  body: string,
): WireRequest {
  let bytes: Uint8Array | undefined;
  return {
    method,
    path,
    query,
    headers,
    bodyText: body,
    get body() {
      return (bytes ??= utf8(body));
    },
  };
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
