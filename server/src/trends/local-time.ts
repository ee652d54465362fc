/** A moment as a wall clock in some zone shows it. */
export interface LocalHour {
  /** Calendar date, `YYYY-MM-DD`. */
  date: string;
  /** 0–23. */
  hour: number;
}

/**
 * Maps instants to the local date and hour in `timeZone`, following DST:
 * "19 h in Berlin" is 17:00 UTC in summer and 18:00 UTC in winter. Results
 * are cached per instant because a run asks about the same hourly buckets
 * for every site, and `Intl` formatting is the costly part.
 *
 * @example
 * localHours('Europe/Berlin')(Date.UTC(2026, 6, 1, 17)) // { date: '2026-07-01', hour: 19 }
 */
export function localHours(timeZone: string): (t: number) => LocalHour {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  const cache = new Map<number, LocalHour>();
  return (t) => {
    const hit = cache.get(t);
    if (hit) return hit;
    const parts: Record<string, string> = {};
    for (const p of format.formatToParts(t)) parts[p.type] = p.value;
    const local = { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
    // a run's instants are a few hundred hours; the bound only guards a long-lived caller
    if (cache.size > 10_000) cache.clear();
    cache.set(t, local);
    return local;
  };
}
