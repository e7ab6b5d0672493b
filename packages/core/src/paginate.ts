import type { AwsError } from "./errors";

export interface PaginateOptions<T> {
  /** The caller's page size; `defaultLimit` when absent. The service validates its range first. */
  maxResults?: number | undefined;
  /** The token from the previous page, as the caller sent it. */
  nextToken?: string | undefined;
  /** Page size when `maxResults` is absent; Infinity for "everything unless asked" (SQS's ListQueues). */
  defaultLimit: number;
  /** Larger page sizes are cut to this. */
  maxLimit?: number;
  /**
   * What the token belongs to, e.g. "sqs.listQueues:prefix" or "lambda.listVersions:arn…". A token is only
   * accepted by a call with the same scope, so a token from another listing (or another filter) is invalid.
   */
  scope: string;
  /** The service's own error for a token it did not issue, issued for another scope, or stale. */
  invalidToken: (message: string) => AwsError;
  /**
   * Keyset pagination: each item's unique key, with `items` in ascending key order (code-unit order). The token
   * holds the last key returned, so items deleted or added between pages never make the next page skip one.
   * Without it the token holds an offset (for listings whose order has no key, e.g. creation order).
   */
  keyOf?: (item: T) => string;
  /**
   * Tokens that expire (Kinesis ListShards: 300 s): the current virtual time and the lifetime. An expired token
   * gets `expiredToken` (default `invalidToken`).
   */
  now?: number;
  ttlMs?: number;
  expiredToken?: (message: string) => AwsError;
}

export interface Page<T> {
  items: T[];
  /** Present when more items follow. */
  nextToken?: string;
}

interface TokenBody {
  /** scope */
  s: string;
  /** last key (keyset) */
  k?: string;
  /** offset */
  o?: number;
  /** issued at */
  t?: number;
  /** checksum of the rest */
  c: string;
}

/**
 * One page of `items`, with one opaque token format for every service: base64url of a small JSON body carrying the
 * scope, the position and a checksum. Not a secret (AWS's tokens are not either): the checksum only makes a token
 * that was edited, truncated or invented fail the same way as one from another scope.
 */
export function paginate<T>(items: readonly T[], options: PaginateOptions<T>): Page<T> {
  const { keyOf } = options;
  let limit = options.maxResults ?? options.defaultLimit;
  if (options.maxLimit !== undefined && limit > options.maxLimit) limit = options.maxLimit;
  // A page of zero items with a token would never finish: the service rejects a limit below 1 before this.
  if (!(limit >= 1)) limit = 1;
  let start = 0;
  if (options.nextToken !== undefined) {
    const body = decode(options.nextToken, options);
    if (keyOf !== undefined) {
      if (body.k === undefined) throw options.invalidToken("Invalid NextToken value.");
      start = firstAfter(items, keyOf, body.k);
    } else {
      if (body.o === undefined || body.o > items.length) throw options.invalidToken("Invalid NextToken value.");
      start = body.o;
    }
  }
  const end = Math.min(items.length, start + limit);
  const page = items.slice(start, end);
  if (end >= items.length) return { items: page };
  const body: Omit<TokenBody, "c"> = { s: options.scope };
  if (keyOf !== undefined) body.k = keyOf(items[end - 1] as T);
  else body.o = end;
  if (options.ttlMs !== undefined && options.now !== undefined) body.t = options.now;
  return { items: page, nextToken: encode(body) };
}

function encode(body: Omit<TokenBody, "c">): string {
  const full: TokenBody = { ...body, c: checksum(body) };
  return Buffer.from(JSON.stringify(full), "utf8").toString("base64url");
}

function decode<T>(token: string, options: PaginateOptions<T>): TokenBody {
  const invalid = (): AwsError => options.invalidToken("Invalid NextToken value.");
  // Long enough for any token we issue with a 2 KB key; longer input is not ours and is not parsed.
  if (typeof token !== "string" || token.length === 0 || token.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(token)) throw invalid();
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalid();
  const { s, k, o, t, c } = body as Record<string, unknown>;
  if (typeof s !== "string" || typeof c !== "string") throw invalid();
  if (k !== undefined && typeof k !== "string") throw invalid();
  if (o !== undefined && !(typeof o === "number" && Number.isInteger(o) && o >= 0)) throw invalid();
  if (t !== undefined && !(typeof t === "number" && Number.isFinite(t))) throw invalid();
  const rest: Omit<TokenBody, "c"> = { s };
  if (k !== undefined) rest.k = k;
  if (o !== undefined) rest.o = o;
  if (t !== undefined) rest.t = t;
  if (checksum(rest) !== c || s !== options.scope) throw invalid();
  if (options.ttlMs !== undefined && options.now !== undefined) {
    if (t === undefined) throw invalid();
    if (options.now - t > options.ttlMs) {
      throw (options.expiredToken ?? options.invalidToken)(`The token has expired; tokens are valid for ${options.ttlMs / 1000} seconds.`);
    }
  }
  return rest as TokenBody;
}

/** FNV-1a over the body's fields, fixed order: enough to tell a token we wrote from an edited one. */
function checksum(body: Omit<TokenBody, "c">): string {
  const text = `${body.s}\u0000${body.k ?? ""}\u0000${body.o ?? ""}\u0000${body.t ?? ""}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** The index of the first item whose key is greater than `last` (binary search: items are in key order). */
function firstAfter<T>(items: readonly T[], keyOf: (item: T) => string, last: string): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (keyOf(items[mid] as T) <= last) low = mid + 1;
    else high = mid;
  }
  return low;
}
