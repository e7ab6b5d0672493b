/**
 * Which rules of a bus can match an event, found without running every pattern: a rule whose pattern requires
 * `source` to be one of a few exact strings (the common case, "Amazon EventBridge event patterns") is filed under
 * those strings; the others are checked for every event. Candidates keep the bus's rule order, so deliveries
 * happen in the same order as a scan of every rule would give. Rebuilt lazily after any rule change.
 */
import type { EventObject, RuleRecord } from "./model";

export class RuleIndex {
  private readonly bySource = new Map<string, RuleRecord[]>();
  private readonly always: RuleRecord[] = [];
  private readonly order = new Map<RuleRecord, number>();

  constructor(rules: Iterable<RuleRecord>) {
    for (const rule of rules) {
      if (rule.filter === undefined || rule.state === "DISABLED") continue;
      this.order.set(rule, this.order.size);
      const sources = exactSources(rule.eventPattern);
      if (sources === undefined) {
        this.always.push(rule);
        continue;
      }
      for (const source of sources) {
        const list = this.bySource.get(source);
        if (list === undefined) this.bySource.set(source, [rule]);
        else if (list[list.length - 1] !== rule) list.push(rule);
      }
    }
  }

  /** Rules that may match, in bus order; each must still run its pattern. */
  candidates(event: EventObject): readonly RuleRecord[] {
    const source = event["source"];
    const filed = typeof source === "string" ? this.bySource.get(source) : undefined;
    if (filed === undefined) return this.always;
    if (this.always.length === 0) return filed;
    const merged: RuleRecord[] = [];
    let a = 0;
    let b = 0;
    while (a < filed.length || b < this.always.length) {
      const fromFiled = b >= this.always.length || (a < filed.length && (this.order.get(filed[a] as RuleRecord) as number) < (this.order.get(this.always[b] as RuleRecord) as number));
      merged.push((fromFiled ? filed[a++] : this.always[b++]) as RuleRecord);
    }
    return merged;
  }
}

/** The exact strings a pattern's top-level `source` must equal, or undefined when it allows anything else. */
function exactSources(pattern: string | undefined): string[] | undefined {
  if (pattern === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(pattern);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
  const source = Object.hasOwn(parsed, "source") ? (parsed as Record<string, unknown>)["source"] : undefined;
  if (!Array.isArray(source) || source.length === 0 || !source.every((value) => typeof value === "string")) return undefined;
  return source as string[];
}
