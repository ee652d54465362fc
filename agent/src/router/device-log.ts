import type { RouterLogEntry } from '@linewatch/shared';

/** The schema keeps the newest 20 lines. */
export const maxLogEntries = 20;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The router's wall-clock time as an ISO 8601 string with the agent's UTC
 * offset. The FRITZ!Box log carries no zone; box and agent sit on the same
 * LAN and normally share the zone (Europe/Berlin), so the agent's local
 * zone (`TZ`) is the best reading. Null for an impossible date (31.02.).
 *
 * @example
 * // with TZ=Europe/Berlin
 * logTime(24, 3, 15, 8, 5, 9) // '2024-03-15T08:05:09+01:00'
 */
export function logTime(
  yy: number,
  month: number,
  day: number,
  h: number,
  m: number,
  s: number,
): string | null {
  if (month < 1 || month > 12 || h > 23 || m > 59 || s > 59) return null;
  const date = new Date(2000 + yy, month - 1, day, h, m, s);
  if (date.getDate() !== day || date.getMonth() !== month - 1) return null;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const zone = `${sign}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}` +
    `T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}${zone}`
  );
}

const linePattern = /^(\d{2})\.(\d{2})\.(\d{2}) (\d{2}):(\d{2}):(\d{2}) +(.*)$/;

/**
 * Parses the FRITZ!Box event log (`DeviceInfo:GetInfo NewDeviceLog`): one
 * entry per line, `dd.mm.yy HH:MM:SS text`, German, newest first. The order
 * is kept and the first {@link maxLogEntries} lines returned; a line without
 * a time stamp becomes an entry with `at: null`.
 *
 * @example
 * parseDeviceLog('15.03.24 08:05:09 DSL antwortet nicht (Keine DSL-Synchronisierung).')
 * // [{ at: '2024-03-15T08:05:09+01:00', text: 'DSL antwortet nicht (Keine DSL-Synchronisierung).' }]
 */
export function parseDeviceLog(text: string, max = maxLogEntries): RouterLogEntry[] {
  const entries: RouterLogEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (entries.length >= max) break;
    const line = raw.trim();
    if (line === '') continue;
    const match = linePattern.exec(line);
    if (match === null) {
      entries.push({ at: null, text: line.slice(0, 500) });
      continue;
    }
    const [dd, mm, yy, h, m, s] = match.slice(1, 7).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    entries.push({ at: logTime(yy, mm, dd, h, m, s), text: (match[7] ?? '').trim().slice(0, 500) });
  }
  return entries;
}
