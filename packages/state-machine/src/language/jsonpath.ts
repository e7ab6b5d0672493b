/** A path that selects nothing or cannot be parsed. */
export class PathError extends Error {}

/** Evaluates a JSONPath (`$`, `$$` context, `$var` variable roots) against `data`. */
export function evaluatePath(path: string, data: unknown): unknown {
  void path; void data;
  throw new Error("not yet");
}
