/**
 * AWS's six-field cron ("Schedule expressions for rules", "Schedule types on EventBridge Scheduler"):
 * `cron(minutes hours day-of-month month day-of-week year)` with `, - * / ?`, `L` and `W` in day-of-month, `L` and
 * `#` in day-of-week (1-7 = SUN-SAT), names for months and days, years 1970-2199. One of day-of-month and
 * day-of-week must be `?`. No cron library handles the year field and AWS's L/W/# exactly, so this is our own.
 *
 * Next occurrences are found day by day on a wall-clock calendar (months or years that cannot match are skipped
 * whole), so a search is bounded by the ~83,000 days up to 2199.
 */
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
export const CRON_MAX_YEAR = 2199;

export interface CronExpression {
  readonly minutes: readonly boolean[];
  readonly hours: readonly boolean[];
  readonly months: readonly boolean[];
  readonly years: readonly boolean[];
  /** Day-of-month rules, or undefined when it is `?`. */
  readonly dayOfMonth: DayOfMonth | undefined;
  /** Day-of-week rules, or undefined when it is `?`. */
  readonly dayOfWeek: DayOfWeek | undefined;
}

interface DayOfMonth {
  days: boolean[];
  last: boolean;
  lastWeekday: boolean;
  nearestWeekday: number[];
}
interface DayOfWeek {
  days: boolean[];
  /** `5L`: the last Thursday of the month. */
  lastOf: number[];
  /** `3#2`: the second Tuesday. */
  nth: [day: number, n: number][];
}

/** Wall-clock fields of a moment, as a calendar sees it. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Parses the six fields; undefined when AWS would reject the expression. */
export function parseCron(body: string): CronExpression | undefined {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) return undefined;
  const [min, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  const minutes = parseField(min, 0, 59);
  const hours = parseField(hour, 0, 23);
  const months = parseField(month, 1, 12, MONTHS);
  const years = parseField(year, 1970, CRON_MAX_YEAR);
  if (!minutes || !hours || !months || !years) return undefined;
  if ((dom === "?") === (dow === "?")) return undefined;
  const dayOfMonth = dom === "?" ? undefined : parseDayOfMonth(dom);
  const dayOfWeek = dow === "?" ? undefined : parseDayOfWeek(dow);
  if (dom !== "?" && dayOfMonth === undefined) return undefined;
  if (dow !== "?" && dayOfWeek === undefined) return undefined;
  return { minutes, hours, months, years, dayOfMonth, dayOfWeek };
}

function parseValue(text: string, min: number, max: number, names?: readonly string[]): number | undefined {
  let value: number;
  if (/^\d{1,4}$/.test(text)) value = Number(text);
  else {
    const index = names?.indexOf(text.toUpperCase()) ?? -1;
    if (index < 0) return undefined;
    value = index + min;
  }
  return value >= min && value <= max ? value : undefined;
}

/** `*`, `a`, `a-b`, `a/n`, `*\/n`, `a-b/n`, comma lists of those. */
function parseField(text: string, min: number, max: number, names?: readonly string[]): boolean[] | undefined {
  const allowed: boolean[] = new Array<boolean>(max + 1).fill(false);
  for (const item of text.split(",")) {
    const [range, stepText, extra] = item.split("/");
    if (extra !== undefined || range === undefined || range === "") return undefined;
    const step = stepText === undefined ? 1 : /^\d{1,4}$/.test(stepText) ? Number(stepText) : 0;
    if (step < 1) return undefined;
    let from: number | undefined;
    let to: number | undefined;
    if (range === "*") {
      from = min;
      to = max;
    } else {
      const bounds = range.split("-");
      if (bounds.length > 2) return undefined;
      from = parseValue(bounds[0] as string, min, max, names);
      to = bounds.length === 2 ? parseValue(bounds[1] as string, min, max, names) : stepText === undefined ? from : max;
    }
    if (from === undefined || to === undefined) return undefined;
    if (from <= to) {
      for (let v = from; v <= to; v += step) allowed[v] = true;
    } else {
      // A wrapping range such as FRI-MON or NOV-FEB.
      const span = max - min + 1;
      for (let k = 0; k <= to - from + span; k += step) allowed[((from - min + k) % span) + min] = true;
    }
  }
  return allowed;
}

function parseDayOfMonth(text: string): DayOfMonth | undefined {
  const rules: DayOfMonth = { days: new Array<boolean>(32).fill(false), last: false, lastWeekday: false, nearestWeekday: [] };
  const plain: string[] = [];
  for (const item of text.split(",")) {
    if (item === "L") rules.last = true;
    else if (item === "LW") rules.lastWeekday = true;
    else if (/^\d{1,2}W$/.test(item)) {
      const day = Number(item.slice(0, -1));
      if (day < 1 || day > 31) return undefined;
      rules.nearestWeekday.push(day);
    } else plain.push(item);
  }
  if (plain.length > 0) {
    const days = parseField(plain.join(","), 1, 31);
    if (days === undefined) return undefined;
    rules.days = days;
  }
  return rules;
}

function parseDayOfWeek(text: string): DayOfWeek | undefined {
  const rules: DayOfWeek = { days: new Array<boolean>(8).fill(false), lastOf: [], nth: [] };
  const plain: string[] = [];
  for (const item of text.split(",")) {
    const nth = /^([A-Za-z]{3}|\d)#(\d)$/.exec(item);
    const last = /^([A-Za-z]{3}|\d)?L$/.exec(item);
    if (nth !== null) {
      const day = parseValue(nth[1] as string, 1, 7, DAYS);
      const n = Number(nth[2]);
      if (day === undefined || n < 1 || n > 5) return undefined;
      rules.nth.push([day, n]);
    } else if (last !== null) {
      const day = last[1] === undefined ? 7 : parseValue(last[1], 1, 7, DAYS);
      if (day === undefined) return undefined;
      rules.lastOf.push(day);
    } else plain.push(item);
  }
  if (plain.length > 0) {
    const days = parseField(plain.join(","), 1, 7, DAYS);
    if (days === undefined) return undefined;
    rules.days = days;
  }
  return rules;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday … 7 = Saturday, as AWS numbers them. */
function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

function isWeekday(year: number, month: number, day: number): boolean {
  const d = weekday(year, month, day);
  return d !== 1 && d !== 7;
}

/** The weekday nearest `day` within the same month (Quartz's `W`, which AWS follows). */
function nearestWeekday(year: number, month: number, day: number): number {
  const length = daysInMonth(year, month);
  const target = Math.min(day, length);
  const d = weekday(year, month, target);
  if (d === 7) return target === 1 ? 3 : target - 1;
  if (d === 1) return target === length ? target - 2 : target + 1;
  return target;
}

function dayMatches(cron: CronExpression, year: number, month: number, day: number): boolean {
  const length = daysInMonth(year, month);
  const dom = cron.dayOfMonth;
  if (dom !== undefined) {
    if (dom.days[day] === true) return true;
    if (dom.last && day === length) return true;
    if (dom.lastWeekday) {
      let last = length;
      while (!isWeekday(year, month, last)) last--;
      if (day === last) return true;
    }
    return dom.nearestWeekday.some((target) => nearestWeekday(year, month, target) === day);
  }
  const dow = cron.dayOfWeek;
  if (dow === undefined) return false;
  const d = weekday(year, month, day);
  if (dow.days[d] === true) return true;
  if (dow.lastOf.includes(d) && day + 7 > length) return true;
  return dow.nth.some(([nd, n]) => nd === d && Math.ceil(day / 7) === n);
}

/**
 * The first wall time strictly after `after` that the expression allows, or undefined when none is left before 2200.
 */
export function nextWallTime(cron: CronExpression, after: WallTime): WallTime | undefined {
  let { year, month, day } = after;
  let fromMinute = after.hour * 60 + after.minute + 1;
  while (year <= CRON_MAX_YEAR) {
    if (cron.years[year] !== true) {
      year++;
      month = 1;
      day = 1;
      fromMinute = 0;
      continue;
    }
    if (cron.months[month] !== true) {
      ({ year, month } = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 });
      day = 1;
      fromMinute = 0;
      continue;
    }
    if (fromMinute < 24 * 60 && dayMatches(cron, year, month, day)) {
      for (let m = fromMinute; m < 24 * 60; m++) {
        const hour = Math.floor(m / 60);
        if (cron.hours[hour] !== true) {
          m = hour * 60 + 59;
          continue;
        }
        if (cron.minutes[m % 60] === true) return { year, month, day, hour, minute: m % 60 };
      }
    }
    fromMinute = 0;
    if (day < daysInMonth(year, month)) day++;
    else {
      day = 1;
      ({ year, month } = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 });
    }
  }
  return undefined;
}

export function wallTimeUtc(ms: number): WallTime {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes() };
}

export function utcOfWallTime(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
}

/** The next UTC occurrence strictly after `afterMs`. */
export function nextCronUtc(cron: CronExpression, afterMs: number): number | undefined {
  const next = nextWallTime(cron, wallTimeUtc(afterMs));
  return next === undefined ? undefined : utcOfWallTime(next);
}
