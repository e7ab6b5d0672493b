import { describe, expect, it } from "vitest";
import { parseScheduleExpression, nextFiring } from "./schedule-expression";

const START = Date.UTC(2025, 0, 1); // a Wednesday

/** The first `count` firings after START, as ISO text. */
function firings(expression: string, count: number, timeZone = "UTC", from = START): string[] {
  const parsed = parseScheduleExpression(expression, { allowAt: true });
  if (parsed === undefined) throw new Error(`rejected ${expression}`);
  const out: string[] = [];
  let at = from;
  for (let i = 0; i < count; i++) {
    const next = nextFiring(parsed, at, from, timeZone);
    if (next === undefined) break;
    out.push(new Date(next).toISOString());
    at = next;
  }
  return out;
}

describe("cron: the examples of 'Schedule expressions for rules'", () => {
  it("cron(15 10 * * ? *): 10:15 UTC every day", () => {
    expect(firings("cron(15 10 * * ? *)", 3)).toEqual(["2025-01-01T10:15:00.000Z", "2025-01-02T10:15:00.000Z", "2025-01-03T10:15:00.000Z"]);
  });
  it("cron(0 18 ? * MON-FRI *): 18:00 Monday to Friday", () => {
    expect(firings("cron(0 18 ? * MON-FRI *)", 4)).toEqual(["2025-01-01T18:00:00.000Z", "2025-01-02T18:00:00.000Z", "2025-01-03T18:00:00.000Z", "2025-01-06T18:00:00.000Z"]);
  });
  it("cron(0 8 1 * ? *): 08:00 on the first day of each month", () => {
    expect(firings("cron(0 8 1 * ? *)", 3)).toEqual(["2025-01-01T08:00:00.000Z", "2025-02-01T08:00:00.000Z", "2025-03-01T08:00:00.000Z"]);
  });
  it("cron(0/10 * ? * MON-FRI *): every 10 minutes on weekdays", () => {
    expect(firings("cron(0/10 * ? * MON-FRI *)", 3)).toEqual(["2025-01-01T00:10:00.000Z", "2025-01-01T00:20:00.000Z", "2025-01-01T00:30:00.000Z"]);
    // Friday 23:50 → Monday 00:00
    expect(firings("cron(0/10 * ? * MON-FRI *)", 2, "UTC", Date.UTC(2025, 0, 3, 23, 45))).toEqual(["2025-01-03T23:50:00.000Z", "2025-01-06T00:00:00.000Z"]);
  });
  it("cron(0/5 8-17 ? * MON-FRI *): every 5 minutes from 08:00 to 17:55 on weekdays", () => {
    expect(firings("cron(0/5 8-17 ? * MON-FRI *)", 2)).toEqual(["2025-01-01T08:00:00.000Z", "2025-01-01T08:05:00.000Z"]);
    expect(firings("cron(0/5 8-17 ? * MON-FRI *)", 2, "UTC", Date.UTC(2025, 0, 1, 17, 52))).toEqual(["2025-01-01T17:55:00.000Z", "2025-01-02T08:00:00.000Z"]);
  });
  it("cron(0 9 ? * 2#1 *): 09:00 on the first Monday of each month", () => {
    expect(firings("cron(0 9 ? * 2#1 *)", 3)).toEqual(["2025-01-06T09:00:00.000Z", "2025-02-03T09:00:00.000Z", "2025-03-03T09:00:00.000Z"]);
  });
  it("L in day-of-month: the last day of each month (leap February)", () => {
    expect(firings("cron(0 0 L * ? *)", 3, "UTC", Date.UTC(2028, 0, 5))).toEqual(["2028-01-31T00:00:00.000Z", "2028-02-29T00:00:00.000Z", "2028-03-31T00:00:00.000Z"]);
  });
  it("W: the weekday nearest a day, never crossing into another month", () => {
    // 2025-02-01 is a Saturday: 1W is Monday the 3rd. 2025-03-15 is a Saturday: 15W is Friday the 14th.
    expect(firings("cron(0 12 1W * ? *)", 2, "UTC", Date.UTC(2025, 1, 1))).toEqual(["2025-02-03T12:00:00.000Z", "2025-03-03T12:00:00.000Z"]);
    expect(firings("cron(0 12 15W 3 ? 2025)", 1)).toEqual(["2025-03-14T12:00:00.000Z"]);
  });
  it("L in day-of-week: 6L is the last Friday", () => {
    expect(firings("cron(0 10 ? * 6L *)", 2)).toEqual(["2025-01-31T10:00:00.000Z", "2025-02-28T10:00:00.000Z"]);
  });
  it("lists, ranges and named months; the year field ends the schedule", () => {
    expect(firings("cron(0,30 6 ? JAN,MAR MON 2025)", 3)).toEqual(["2025-01-06T06:00:00.000Z", "2025-01-06T06:30:00.000Z", "2025-01-13T06:00:00.000Z"]);
    expect(firings("cron(0 0 1 1 ? 2025-2026)", 5)).toEqual(["2026-01-01T00:00:00.000Z"]);
  });
  it("rate(n unit): fixed intervals from the anchor", () => {
    expect(firings("rate(5 minutes)", 2)).toEqual(["2025-01-01T00:05:00.000Z", "2025-01-01T00:10:00.000Z"]);
    expect(firings("rate(1 day)", 1)).toEqual(["2025-01-02T00:00:00.000Z"]);
  });
});

describe("schedule expressions AWS rejects", () => {
  it.each([
    "cron(0 1 * * * *)",
    "cron(0 dummy ? * MON-FRI *)",
    "cron(7 20 * * NOT *)",
    "cron(71 8 1 * ? *)",
    "cron(INVALID)",
    "cron()",
    "cron(0 1 ? * ? *)",
    "cron(0 0 1 1 ? 2200)",
    " rate(10 minutes)",
    "rate(1 minutes)",
    "rate(5 minute)",
    "rate(0 minutes)",
    "rate(5 seconds)",
    "at(2021-12-31)",
  ])("%s", (expression) => {
    expect(parseScheduleExpression(expression)).toBeUndefined();
  });
  it("at() only where Scheduler allows it, and only real dates", () => {
    expect(parseScheduleExpression("at(2025-01-01T10:00:00)")).toBeUndefined();
    expect(parseScheduleExpression("at(2025-01-01T10:00:00)", { allowAt: true })?.kind).toBe("at");
    expect(parseScheduleExpression("at(2025-02-30T10:00:00)", { allowAt: true })).toBeUndefined();
  });
});

describe("time zones (Scheduler): 'Daylight saving time on EventBridge Scheduler'", () => {
  it("a daily 09:00 Europe/Berlin cron moves from 08:00 to 07:00 UTC when clocks spring forward", () => {
    expect(firings("cron(0 9 * * ? *)", 3, "Europe/Berlin", Date.UTC(2025, 2, 29))).toEqual(["2025-03-29T08:00:00.000Z", "2025-03-30T07:00:00.000Z", "2025-03-31T07:00:00.000Z"]);
  });
  it("a wall time skipped by the spring-forward gap is skipped that day", () => {
    // Berlin skips 02:00-03:00 on 2025-03-30.
    expect(firings("cron(30 2 * * ? *)", 2, "Europe/Berlin", Date.UTC(2025, 2, 29))).toEqual(["2025-03-29T01:30:00.000Z", "2025-03-31T00:30:00.000Z"]);
  });
  it("a wall time repeated when clocks fall back runs once", () => {
    // Berlin repeats 02:00-03:00 on 2025-10-26: 02:30 CEST (00:30Z), then 02:30 CET (01:30Z) is not run again.
    expect(firings("cron(30 2 * * ? *)", 2, "Europe/Berlin", Date.UTC(2025, 9, 25, 12))).toEqual(["2025-10-26T00:30:00.000Z", "2025-10-27T01:30:00.000Z"]);
  });
  it("at() in a zone", () => {
    expect(firings("at(2025-03-30T10:00:00)", 1, "Europe/Berlin")).toEqual(["2025-03-30T08:00:00.000Z"]);
  });
});
