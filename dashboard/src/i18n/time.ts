/**
 * Dates and relative times in the user's locale, via `Intl`. Pure: the
 * current time is a parameter, so the board can re-render every 30 s and
 * tests are exact.
 */

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export interface RelativeAmount {
  value: number;
  unit: Intl.RelativeTimeFormatUnit;
}

/**
 * How long ago `thenMs` was, in the largest whole unit that fits (rounded
 * down: 1 h 59 min is "1 hour ago"). Null under a minute (and for times in
 * the future, which only clock skew produces): "now".
 *
 * @example relativeAmount(0, 5 * 60_000) // { value: -5, unit: 'minute' }
 */
export function relativeAmount(thenMs: number, nowMs: number): RelativeAmount | null {
  const elapsed = nowMs - thenMs;
  if (elapsed < minute) return null;
  if (elapsed < hour) return { value: -Math.floor(elapsed / minute), unit: 'minute' };
  if (elapsed < day) return { value: -Math.floor(elapsed / hour), unit: 'hour' };
  if (elapsed < 30 * day) return { value: -Math.floor(elapsed / day), unit: 'day' };
  if (elapsed < 365 * day) return { value: -Math.floor(elapsed / (30 * day)), unit: 'month' };
  return { value: -Math.floor(elapsed / (365 * day)), unit: 'year' };
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const nowFormats = new Map<string, Intl.RelativeTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function cached<T>(cache: Map<string, T>, locale: string, make: () => T): T {
  let format = cache.get(locale);
  if (format === undefined) {
    format = make();
    cache.set(locale, format);
  }
  return format;
}

/** Milliseconds since the epoch of an ISO time, or null for null or garbage. */
export function parseTime(iso: string | null | undefined): number | null {
  if (iso == null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * @example formatRelative(Date.parse('2025-01-01T10:00:00Z'), Date.parse('2025-01-01T12:30:00Z'), 'en') // '2 hours ago'
 */
export function formatRelative(thenMs: number, nowMs: number, locale: string): string {
  const amount = relativeAmount(thenMs, nowMs);
  if (amount === null) {
    // numeric 'auto' words a zero as "now" / "jetzt".
    return cached(nowFormats, locale, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })).format(
      0,
      'second',
    );
  }
  return cached(
    relativeFormats,
    locale,
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'always' }),
  ).format(amount.value, amount.unit);
}

/**
 * The full date and time, for `title` attributes and details.
 *
 * @example formatDateTime(Date.parse('2025-03-01T08:05:00Z'), 'de') // '01.03.2025, 09:05:00' (in Europe/Berlin)
 */
export function formatDateTime(ms: number, locale: string, timeZone?: string): string {
  const key = `${locale}|${timeZone ?? ''}`;
  return cached(dateTimeFormats, key, () =>
    timeZone === undefined
      ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' })
      : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone }),
  ).format(ms);
}

/**
 * The shop's time zone (`LINEWATCH_TIME_ZONE` on the server): every date
 * and time in the dashboard is shown in it. Europe/Berlin until the server
 * has said otherwise (`/auth/me` tells it at start).
 */
export let shopTimeZone = 'Europe/Berlin';

/** Takes the shop's time zone from the server; an unknown zone is ignored. */
export function setShopTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    shopTimeZone = timeZone;
  } catch {
    // keep the previous zone: a browser without this zone's data still shows sensible times
  }
}

const customFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Any date/time format in the shop's time zone (cached per locale and options).
 *
 * @example formatInZone(Date.parse('2025-03-01T23:30:00Z'), 'en-GB', { dateStyle: 'short' }) // '02/03/2025'
 */
export function formatInZone(
  ms: number,
  locale: string,
  options: Intl.DateTimeFormatOptions,
  timeZone: string = shopTimeZone,
): string {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  return cached(customFormats, key, () => new Intl.DateTimeFormat(locale, { ...options, timeZone })).format(
    ms,
  );
}

/**
 * A span of minutes as "2 h 05 min" / "3 d 4 h" (unit symbols read the same in German and English).
 *
 * @example formatDuration(125 * 60_000) // '2 h 05 min'
 */
export function formatDuration(ms: number): string {
  // Seconds for what was over within a minute: "0 min" reads as "nothing happened".
  if (ms < 59_500) return `${Math.max(0, Math.round(ms / 1000))} s`;
  const minutes = Math.max(0, Math.round(ms / minute));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
