/**
 * IANA time zones through Intl (no tz database of our own). Scheduler's daylight-saving rules ("Schedule types on
 * EventBridge Scheduler", daylight saving time): an invocation whose wall time does not exist when clocks spring
 * forward is skipped; a wall time that occurs twice when clocks fall back runs once, at its first occurrence.
 */
import type { WallTime } from "./cron";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function isTimeZone(name: unknown): name is string {
  if (typeof name !== "string" || name.length === 0 || name.length > 50) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

export function zonedWallTime(ms: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) if (part.type !== "literal") parts[part.type] = Number(part.value);
  return { year: parts["year"] as number, month: parts["month"] as number, day: parts["day"] as number, hour: parts["hour"] as number, minute: parts["minute"] as number };
}

/** Offset (local − UTC) in ms at instant `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const wall = zonedWallTime(ms, timeZone);
  const seconds = new Date(ms).getUTCSeconds() * 1000 + new Date(ms).getUTCMilliseconds();
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) + seconds - ms;
}

/** The first instant whose wall time is `wall`; undefined when a spring-forward gap skipped it. */
export function utcOfZonedWallTime(wall: WallTime, timeZone: string): number | undefined {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  if (timeZone === "UTC") return naive;
  // The offset a day before and a day after bracket any transition near the moment; the earliest candidate that
  // reads back as `wall` is its first occurrence.
  const candidates = [naive - offsetAt(naive - 86_400_000, timeZone), naive - offsetAt(naive + 86_400_000, timeZone)].sort((a, b) => a - b);
  for (const candidate of candidates) {
    const back = zonedWallTime(candidate, timeZone);
    if (back.year === wall.year && back.month === wall.month && back.day === wall.day && back.hour === wall.hour && back.minute === wall.minute) return candidate;
  }
  return undefined;
}
