/**
 * `rate(value unit)`, `cron(…)` and (Scheduler only) `at(yyyy-mm-ddThh:mm:ss)`, parsed once into a function giving
 * the next firing time ("Schedule expressions for rules"; "Schedule types on EventBridge Scheduler").
 */
import { nextWallTime, parseCron, utcOfWallTime, wallTimeUtc, type CronExpression } from "./cron";
import { utcOfZonedWallTime, zonedWallTime } from "./time-zone";

export type ScheduleExpression =
  | { readonly kind: "rate"; readonly text: string; readonly intervalMs: number }
  | { readonly kind: "cron"; readonly text: string; readonly cron: CronExpression }
  | { readonly kind: "at"; readonly text: string; readonly wall: { year: number; month: number; day: number; hour: number; minute: number; second: number } };

const UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export function parseScheduleExpression(text: string, options: { allowAt?: boolean } = {}): ScheduleExpression | undefined {
  if (typeof text !== "string") return undefined;
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(text);
  if (rate !== null) {
    const value = Number(rate[1]);
    const unit = rate[2] as string;
    // "If the value is equal to 1, then the unit must be singular … greater than 1, plural."
    const singular = !unit.endsWith("s");
    if (value < 1 || singular !== (value === 1)) return undefined;
    return { kind: "rate", text, intervalMs: value * (UNITS[singular ? unit : unit.slice(0, -1)] as number) };
  }
  const cron = /^cron\((.*)\)$/.exec(text);
  if (cron !== null) {
    const parsed = parseCron(cron[1] as string);
    return parsed === undefined ? undefined : { kind: "cron", text, cron: parsed };
  }
  const at = options.allowAt ? /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(text) : null;
  if (at !== null) {
    const [year, month, day, hour, minute, second] = at.slice(1).map(Number) as [number, number, number, number, number, number];
    const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
    return { kind: "at", text, wall: { year, month, day, hour, minute, second } };
  }
  return undefined;
}

/**
 * Next firing strictly after `afterMs` (rate: `anchorMs` + k·interval). `timeZone` applies to cron and at
 * (Scheduler's ScheduleExpressionTimezone); rules always use UTC.
 */
export function nextFiring(expression: ScheduleExpression, afterMs: number, anchorMs: number, timeZone = "UTC"): number | undefined {
  switch (expression.kind) {
    case "rate": {
      const elapsed = Math.max(0, afterMs - anchorMs);
      return anchorMs + (Math.floor(elapsed / expression.intervalMs) + 1) * expression.intervalMs;
    }
    case "cron": {
      if (timeZone === "UTC") {
        const next = nextWallTime(expression.cron, wallTimeUtc(afterMs));
        return next === undefined ? undefined : utcOfWallTime(next);
      }
      let wall = zonedWallTime(afterMs, timeZone);
      for (;;) {
        const next = nextWallTime(expression.cron, wall);
        if (next === undefined) return undefined;
        const utc = utcOfZonedWallTime(next, timeZone);
        if (utc !== undefined && utc > afterMs) return utc;
        // A wall time that repeats when clocks fall back already ran in its first instance.
        wall = next;
      }
    }
    case "at": {
      const { wall } = expression;
      const utc = utcOfZonedWallTime(wall, timeZone);
      return utc !== undefined && utc + wall.second * 1000 > afterMs ? utc + wall.second * 1000 : undefined;
    }
  }
}
