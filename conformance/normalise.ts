/**
 * Output normalisation before matching (scenarios/README.md, "Values"): `$metadata` dropped, bytes decoded
 * as UTF-8 text, Dates turned into epoch ms. Keys whose value is undefined are dropped too, so that SDK
 * outputs (which carry undefined members) and native outputs (which omit them) look the same.
 */
export function normalise(value: unknown): unknown {
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map(normalise);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Map) return normalise(Object.fromEntries(value));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === "$metadata" || item === undefined || typeof item === "function") continue;
    Object.defineProperty(out, key, { value: normalise(item), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
