/**
 * RFC 3339 timestamps as Step Functions reads them (Wait Timestamp, Choice Timestamp*):
 * date, `T`, time with optional fraction, and `Z` or an offset — a full date-time, nothing
 * looser (AWS's recordings reject "2016-12-05T21:29:29" and "2016-12-05 21:29:29Z").
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Epoch milliseconds (fraction kept to the ms), or undefined when not a valid RFC 3339 date-time. */
export function parseTimestamp(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const m = RFC3339.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  const fraction = m[7] === undefined ? 0 : Number(`0${m[7]}`);
  let ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) + Math.floor(fraction * 1000);
  const zone = m[8] as string;
  if (zone.toUpperCase() !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const [zh, zm] = zone.slice(1).split(":").map(Number) as [number, number];
    if (zh > 23 || zm > 59) return undefined;
    ms -= sign * (zh * 60 + zm) * 60_000;
  }
  return ms;
}
