/**
 * Shard iterators and NextTokens are opaque to callers, as AWS's are: base64 text of the position and the time it
 * was issued. Decoding never evaluates anything; a token that does not parse is simply invalid.
 */
export type TokenData = Record<string, string | number>;

export function encodeToken(data: TokenData): string {
  return Buffer.from(JSON.stringify(data), "utf8").toString("base64");
}

export function decodeToken(text: string): TokenData | undefined {
  if (typeof text !== "string" || text.length > 4096 || !/^[A-Za-z0-9+/]+=*$/.test(text)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, "base64").toString("utf8"));
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
    const out = Object.create(null) as TokenData;
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof value === "string" || typeof value === "number") out[key] = value;
    }
    return out;
  } catch {
    return undefined;
  }
}
