import type { QuietHours } from '@linewatch/shared';
import { addDays, type CivilDate, civilDateOf, zoneOffsetMs } from '../incidents/zoned-calendar.js';

/**
 * Quiet hours on the wall clock of a zone. Pure; times are ms since the epoch.
 * The daily window runs from `from` to `to` (across midnight when `from` is
 * later); with `weekends`, Saturday and Sunday are quiet all day too.
 */

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes since local midnight and the weekday (0 = Sunday) of an instant. */
function localClock(ms: number, tz: string): { minutes: number; weekday: number; date: CivilDate } {
  const local = new Date(ms + zoneOffsetMs(ms, tz));
  return {
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
    weekday: local.getUTCDay(),
    date: civilDateOf(ms, tz),
  };
}

/**
 * The instant a wall-clock time happens on a date in a zone. Two passes, as
 * the offset may change between the UTC guess and the answer (DST days).
 */
export function zonedInstant(date: CivilDate, minutes: number, tz: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000;
  const guess = wall - zoneOffsetMs(wall, tz);
  return wall - zoneOffsetMs(guess, tz);
}

/** When the daily window around `at` ends, or null when `at` is outside it. */
function dailyEnd(q: QuietHours, at: number): number | null {
  const from = minutesOf(q.from);
  const to = minutesOf(q.to);
  if (from === to) return null;
  const { minutes, date } = localClock(at, q.tz);
  if (from < to) return minutes >= from && minutes < to ? zonedInstant(date, to, q.tz) : null;
  if (minutes >= from) return zonedInstant(addDays(date, 1), to, q.tz);
  if (minutes < to) return zonedInstant(date, to, q.tz);
  return null;
}

/** Local midnight starting the next Monday, when `at` falls on a weekend; else null. */
function weekendEnd(q: QuietHours, at: number): number | null {
  if (!q.weekends) return null;
  const { weekday, date } = localClock(at, q.tz);
  if (weekday !== 6 && weekday !== 0) return null;
  return zonedInstant(addDays(date, weekday === 6 ? 2 : 1), 0, q.tz);
}

/**
 * When the quiet time that `at` falls in ends, or null when `at` is not
 * quiet. Weekend and night windows that touch are joined (Sunday night to
 * Monday 07:00 is one wait).
 *
 * @example
 * quietUntil({ from: '22:00', to: '07:00', tz: 'Europe/Berlin', allowBusiness: false, weekends: false },
 *   Date.parse('2026-03-02T22:00:00Z')) // Date.parse('2026-03-03T06:00:00Z'): 07:00 in Berlin
 */
export function quietUntil(q: QuietHours, at: number): number | null {
  let t = at;
  for (let i = 0; i < 4; i++) {
    const end = weekendEnd(q, t) ?? dailyEnd(q, t);
    if (end === null || end <= t) break;
    t = end;
  }
  return t === at ? null : t;
}

/**
 * Start of the calendar month `at` falls in, in a zone (for monthly budgets).
 *
 * @example
 * monthStart(Date.parse('2026-03-31T23:30:00Z'), 'Europe/Berlin') // Date.parse('2026-03-31T22:00:00Z')
 */
export function monthStart(at: number, tz: string): number {
  const { year, month } = civilDateOf(at, tz);
  return zonedInstant({ year, month, day: 1 }, 0, tz);
}
