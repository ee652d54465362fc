/**
 * Converting between a wall-clock time in the shop's time zone (what a
 * `<input type="datetime-local">` holds: `2025-06-15T22:00`) and an instant.
 * The browser's own zone must not matter: the shop plans in its own.
 */

function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - (ms - (ms % 1000));
}

/**
 * The instant of a wall-clock time in `timeZone`; null for an unparsable value.
 * In the hour skipped by a spring-forward the later offset applies.
 *
 * @example zonedToIso('2025-06-15T22:00', 'Europe/Berlin') // '2025-06-15T20:00:00.000Z'
 */
export function zonedToIso(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let guess = wall - zoneOffsetMs(wall, timeZone);
  guess = wall - zoneOffsetMs(guess, timeZone);
  return new Date(guess).toISOString();
}

/**
 * The wall-clock value for a datetime-local input.
 *
 * @example isoToZoned('2025-06-15T20:00:00Z', 'Europe/Berlin') // '2025-06-15T22:00'
 */
export function isoToZoned(iso: string | number, timeZone: string): string {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  const local = new Date(ms + zoneOffsetMs(ms, timeZone));
  return local.toISOString().slice(0, 16);
}
