/**
 * The JSONPath subset EventBridge evaluates in InputPath and InputPathsMap ("Amazon EventBridge input
 * transformation": dot notation, dashes, underscores, alphanumerics, array indices, wildcards, forward slashes).
 * Parsed once; evaluation walks the segments, linear in the path and the values it visits.
 */
type Segment = { kind: "key"; key: string } | { kind: "index"; index: number } | { kind: "wildcard" };

export interface JsonPath {
  readonly text: string;
  /** True when a wildcard can yield several values (the result is then an array). */
  readonly multiple: boolean;
  read(document: unknown): unknown;
}

const KEY = /^[A-Za-z0-9_\-\/@$:]+/;

/** Returns undefined for text outside the subset. */
export function parseJsonPath(text: string): JsonPath | undefined {
  if (typeof text !== "string" || !text.startsWith("$")) return undefined;
  const segments: Segment[] = [];
  let rest = text.slice(1);
  while (rest.length > 0) {
    if (rest.startsWith(".*")) {
      segments.push({ kind: "wildcard" });
      rest = rest.slice(2);
    } else if (rest.startsWith(".")) {
      const key = KEY.exec(rest.slice(1))?.[0];
      if (key === undefined) return undefined;
      segments.push({ kind: "key", key });
      rest = rest.slice(1 + key.length);
    } else if (rest.startsWith("[*]")) {
      segments.push({ kind: "wildcard" });
      rest = rest.slice(3);
    } else {
      const index = /^\[(\d{1,9})\]/.exec(rest);
      if (index === null) return undefined;
      segments.push({ kind: "index", index: Number(index[1]) });
      rest = rest.slice(index[0].length);
    }
  }
  const multiple = segments.some((segment) => segment.kind === "wildcard");
  return {
    text,
    multiple,
    read(document) {
      let current: unknown[] = [document];
      for (const segment of segments) {
        const next: unknown[] = [];
        for (const value of current) step(value, segment, next);
        current = next;
      }
      return multiple ? current : current[0];
    },
  };
}

function step(value: unknown, segment: Segment, out: unknown[]): void {
  if (value === null || typeof value !== "object") return;
  if (segment.kind === "wildcard") {
    for (const item of Array.isArray(value) ? value : Object.values(value)) out.push(item);
  } else if (segment.kind === "index") {
    if (Array.isArray(value) && segment.index < value.length) out.push(value[segment.index]);
  } else if (!Array.isArray(value) && Object.hasOwn(value, segment.key)) {
    out.push((value as Record<string, unknown>)[segment.key]);
  }
}
