/**
 * The `wildcard` operator ("Content filtering in Amazon EventBridge event patterns", wildcard matching):
 * `*` matches any run of characters, `\*` a literal star, `\\` a literal backslash; any other backslash
 * and two stars in a row are refused (event-ruler's WildcardParser). Matching never uses a RegExp:
 * the pattern is split at its stars into literal segments, the first anchored at the start, the last
 * at the end, the middle ones found left to right with Knuth–Morris–Pratt. Taking the leftmost
 * occurrence of each segment is always safe for star-only globs, so one pass suffices: O(value + pattern).
 */

export interface WildcardMatcher {
  /** Literal text between stars; length = stars + 1. */
  readonly segments: readonly string[];
  /** KMP failure tables of the middle segments. */
  readonly tables: readonly Int32Array[];
}

export class WildcardSyntaxError extends Error {
  override readonly name = "WildcardSyntaxError";
}

function utf8Width(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdbff) return 4;
  if (code >= 0xdc00 && code <= 0xdfff) return 0;
  return 3;
}

/**
 * Parses a wildcard pattern. Error positions count UTF-8 bytes of the quoted value, as event-ruler
 * reports them (it parses `"` + text + `"`).
 */
export function compileWildcard(pattern: string): WildcardMatcher {
  const segments: string[] = [];
  let current = "";
  let bytePos = 1;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "*") {
      if (pattern[i + 1] === "*") throw new WildcardSyntaxError(`Consecutive wildcard characters at pos ${bytePos}`);
      segments.push(current);
      current = "";
    } else if (c === "\\") {
      const next = pattern[i + 1];
      if (next !== "*" && next !== "\\") throw new WildcardSyntaxError(`Invalid escape character at pos ${bytePos}`);
      current += next;
      i++;
      bytePos++;
    } else {
      current += c;
    }
    bytePos += utf8Width(pattern.charCodeAt(i));
  }
  segments.push(current);
  const tables = segments.map((segment, index) => (index > 0 && index < segments.length - 1 ? failureTable(segment) : new Int32Array(0)));
  return { segments, tables };
}

function failureTable(segment: string): Int32Array {
  const table = new Int32Array(segment.length);
  let k = 0;
  for (let i = 1; i < segment.length; i++) {
    while (k > 0 && segment.charCodeAt(i) !== segment.charCodeAt(k)) k = table[k - 1] as number;
    if (segment.charCodeAt(i) === segment.charCodeAt(k)) k++;
    table[i] = k;
  }
  return table;
}

/** First index ≥ from where `segment` occurs within value[..end), or -1. */
function find(value: string, from: number, end: number, segment: string, table: Int32Array): number {
  if (segment.length === 0) return from;
  let k = 0;
  for (let i = from; i < end; i++) {
    const c = value.charCodeAt(i);
    while (k > 0 && c !== segment.charCodeAt(k)) k = table[k - 1] as number;
    if (c === segment.charCodeAt(k)) k++;
    if (k === segment.length) return i - segment.length + 1;
  }
  return -1;
}

export function wildcardMatches(matcher: WildcardMatcher, value: string): boolean {
  const { segments, tables } = matcher;
  const first = segments[0] as string;
  if (segments.length === 1) return value === first;
  const last = segments[segments.length - 1] as string;
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first)) return false;
  const end = value.length - last.length;
  if (!value.endsWith(last)) return false;
  let at = first.length;
  for (let s = 1; s < segments.length - 1; s++) {
    const segment = segments[s] as string;
    const found = find(value, at, end, segment, tables[s] as Int32Array);
    if (found < 0) return false;
    at = found + segment.length;
  }
  return at <= end;
}
