/**
 * Calendar days in a time zone, computed with `Intl` only (no dependency).
 *
 * Why not plain `ms + n × 86 400 000`: German calendar days are 23 or 25
 * hours long on the DST change days, so day arithmetic is done on civil
 * dates (year, month, day) and turned into instants only at the end.
 */

/** A date on the wall calendar; `month` is 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const msPerDay = 86_400_000;

/** Formatters are costly to build; one per zone is enough. */
const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
  if (!f) {
    // `hourCycle: 'h23'` so midnight is 00, never 24 (some ICU builds print 24 with hour12: false).
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    partFormatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(ms: number, timeZone: string) {
  const fields: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(ms)) {
    if (p.type !== 'literal') fields[p.type] = Number(p.value);
  }
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in ms (Berlin: +3 600 000 in winter, +7 200 000 in summer). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The calendar date an instant falls on in a zone.
 *
 * @example
 * civilDateOf(Date.parse('2025-03-03T23:30:00Z'), 'Europe/Berlin') // { year: 2025, month: 3, day: 4 }
 */
export function civilDateOf(ms: number, timeZone: string): CivilDate {
  const { year, month, day } = wallClock(ms, timeZone);
  return { year, month, day };
}

/**
 * The first instant of a calendar day in a zone (local midnight).
 *
 * Two passes: the offset at the UTC midnight guess may differ from the offset
 * at local midnight when a DST change lies between them.
 *
 * @example
 * startOfCivilDay({ year: 2025, month: 3, day: 31 }, 'Europe/Berlin') // Date.parse('2025-03-30T22:00:00Z')
 */
export function startOfCivilDay(date: CivilDate, timeZone: string): number {
  const utcMidnight = Date.UTC(date.year, date.month - 1, date.day);
  const guess = utcMidnight - zoneOffsetMs(utcMidnight, timeZone);
  return utcMidnight - zoneOffsetMs(guess, timeZone);
}

/** @example addDays({ year: 2025, month: 2, day: 27 }, 2) // { year: 2025, month: 3, day: 1 } */
export function addDays(date: CivilDate, days: number): CivilDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Whole calendar days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / msPerDay);
}

/** @example isoDate({ year: 2025, month: 3, day: 4 }) // '2025-03-04' */
export function isoDate(date: CivilDate): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}
