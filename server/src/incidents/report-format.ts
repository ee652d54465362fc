import type { Language } from '@linewatch/shared';

/**
 * Locale formatting for printed reports: German dates as a German hotline
 * says them (`05.03.2025, 14:05 Uhr`), British English otherwise, so the day
 * comes before the month in both.
 */
export const reportLocales: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

export const defaultReportTimeZone = 'Europe/Berlin';

export interface ReportFormatter {
  /** `05.03.2025, 14:05 Uhr` · `05/03/2025, 14:05`; with seconds when the exact moment matters. */
  dateTime(ms: number, withSeconds?: boolean): string;
  /** `Mi., 05.03.2025` · `Wed, 05/03/2025`, in `timeZone` unless another zone is given. */
  day(ms: number, zone?: string): string;
  /** `236.716` · `236,716` */
  integer(n: number): string;
  /** `11,0` · `11.0` */
  decibels(n: number): string;
  /** `5,00 €` · `€5.00` */
  euros(cents: number): string;
}

/**
 * Intl puts no-break and narrow no-break spaces into some outputs; plain
 * spaces keep the text the same on every ICU build and when pasted into mail.
 */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** @example createReportFormatter('de', 'Europe/Berlin').euros(500) // '5,00 €' */
export function createReportFormatter(lang: Language, timeZone: string): ReportFormatter {
  const locale = reportLocales[lang];
  const dateParts = { day: '2-digit', month: '2-digit', year: 'numeric' } as const;
  const timeParts = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
  const minutes = new Intl.DateTimeFormat(locale, { timeZone, ...dateParts, ...timeParts });
  const seconds = new Intl.DateTimeFormat(locale, {
    timeZone,
    ...dateParts,
    ...timeParts,
    second: '2-digit',
  });
  const days = new Map<string, Intl.DateTimeFormat>();
  const dayFormat = (zone: string) => {
    let f = days.get(zone);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: 'short', ...dateParts });
      days.set(zone, f);
    }
    return f;
  };
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decibels = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const euros = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
  const suffix = lang === 'de' ? ' Uhr' : '';

  return {
    dateTime: (ms, withSeconds = false) => plain((withSeconds ? seconds : minutes).format(ms)) + suffix,
    day: (ms, zone = timeZone) => plain(dayFormat(zone).format(ms)),
    integer: (n) => plain(integer.format(n)),
    decibels: (n) => plain(decibels.format(n)),
    euros: (cents) => plain(euros.format(cents / 100)),
  };
}
