/**
 * Whether a JSON value surely serializes to more than `limit` bytes, decided without serializing it. A path such as
 * `$..*..*..*` over a small, deep input selects a million overlapping subtrees: JSON.stringify would build hundreds of
 * MB (half a minute of CPU) only for the 256 KiB limit to refuse the text. This walk adds a lower bound of each node's
 * serialized size (at least one byte per node) and stops as soon as the bound passes `limit`, so it costs O(limit).
 */
export function surelyExceedsBytes(value: unknown, limit: number): boolean {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") total += v.length + 2;
    // A number is at least one character; counting its digits would cost a string per number for no safety.
    else if (typeof v === "number") total += 1;
    else if (typeof v === "boolean") total += v ? 4 : 5;
    else if (v === null) total += 4;
    else if (Array.isArray(v)) {
      total += v.length + 1;
      if (total > limit) return true;
      for (let i = 0; i < v.length; i++) stack.push(v[i]);
    } else if (typeof v === "object") {
      const record = v as Record<string, unknown>;
      total += 1;
      for (const key in record) {
        if (!Object.hasOwn(record, key)) continue;
        // JSON.stringify leaves out undefined members, so they add nothing to the bound.
        if (record[key] === undefined) continue;
        total += key.length + 4;
        stack.push(record[key]);
      }
    }
    if (total > limit) return true;
  }
  return false;
}
