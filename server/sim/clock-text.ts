/** German wall-clock time, as the customer's router and the agent write it. */
const zone = 'Europe/Berlin';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: zone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

function fields(ms: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of parts.formatToParts(new Date(ms))) out[p.type] = p.value;
  return out;
}

/**
 * ISO time with the German offset, as the agent dates router log lines.
 *
 * @example
 * berlinIso(Date.UTC(2024, 2, 15, 7, 5, 9)) // '2024-03-15T08:05:09+01:00'
 */
export function berlinIso(ms: number): string {
  const f = fields(ms);
  const offset = (f.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${f.year}-${f.month}-${f.day}T${f.hour}:${f.minute}:${f.second}${offset}`;
}

/**
 * Hour of the day in Germany, fractional (20.5 = 20:30).
 *
 * @example
 * berlinHour(Date.UTC(2024, 6, 1, 18, 30)) // 20.5 (summer time)
 */
export function berlinHour(ms: number): number {
  const f = fields(ms);
  return Number(f.hour) + Number(f.minute) / 60;
}

/**
 * How busy the carriers' networks are at this hour, 0–1: the evening peak
 * (about 19–23 h, highest at 21 h) when everyone streams.
 */
export function eveningLoad(ms: number): number {
  const h = berlinHour(ms);
  return Math.exp(-(((h - 21) / 1.6) ** 2));
}
