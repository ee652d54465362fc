import type { SiteAvailability } from '@linewatch/shared';
import { startOfCivilDay } from '../incidents/zoned-calendar.js';

/** An incident as the availability report needs it; times in ms, `end` null while it lasts. */
export interface OutageSpan {
  siteId: string;
  status: 'down' | 'degraded';
  cause: string | null;
  maintenance: boolean;
  start: number;
  end: number | null;
}

/**
 * The first instant of a month and of the next one in a zone.
 *
 * @example monthBounds('2026-03', 'Europe/Berlin') // [Date.parse('2026-02-28T23:00:00Z'), Date.parse('2026-03-31T22:00:00Z')]
 */
export function monthBounds(month: string, timeZone: string): [number, number] {
  const [year = 1970, m = 1] = month.split('-').map(Number);
  const next = m === 12 ? { year: year + 1, month: 1 } : { year, month: m + 1 };
  return [
    startOfCivilDay({ year, month: m, day: 1 }, timeZone),
    startOfCivilDay({ ...next, day: 1 }, timeZone),
  ];
}

/** Total length of spans, each instant counted once. */
function union(spans: readonly { from: number; to: number }[]): number {
  let total = 0;
  let coveredUntil = Number.NEGATIVE_INFINITY;
  for (const s of [...spans].sort((a, b) => a.from - b.from)) {
    const start = Math.max(s.from, coveredUntil);
    if (s.to > start) total += s.to - start;
    coveredUntil = Math.max(coveredUntil, s.to);
  }
  return total;
}

/**
 * Availability of each site in `[from, to)`:
 * 1. the watched time runs from the site's creation (or the month's start)
 *    to the month's end (or now);
 * 2. every incident is clipped to it; one still open runs until now;
 * 3. down incidents outside maintenance count against uptime, overlaps
 *    once, and are split by cause (a minute claimed by two causes goes to
 *    the earlier incident); those inside maintenance are reported apart;
 *    sustained degradation is reported but does not lower uptime.
 *
 * @example
 * availability([{ id: 's1', createdAt: 0 }], [span], monthBounds('2026-03', 'Europe/Berlin'), now)[0].uptimePct // 99.86
 */
export function availability(
  sites: readonly { id: string; createdAt: number }[],
  spans: readonly OutageSpan[],
  [monthStart, monthEnd]: [number, number],
  now: number,
): SiteAvailability[] {
  const bySite = new Map<string, OutageSpan[]>();
  for (const s of spans) bySite.set(s.siteId, [...(bySite.get(s.siteId) ?? []), s]);
  return sites.map((site) => {
    const from = Math.max(monthStart, site.createdAt);
    const to = Math.min(monthEnd, now);
    const watchedMs = Math.max(0, to - from);
    const clipped = (bySite.get(site.id) ?? [])
      .map((s) => ({ ...s, from: Math.max(s.start, from), to: Math.min(s.end ?? now, to) }))
      .filter((s) => s.to > s.from)
      .sort((a, b) => a.from - b.from);
    const down = clipped.filter((s) => s.status === 'down' && !s.maintenance);
    const downMs = union(down);
    const downMsByCause: Record<string, number> = {};
    let coveredUntil = Number.NEGATIVE_INFINITY;
    for (const s of down) {
      const start = Math.max(s.from, coveredUntil);
      if (s.to > start) {
        const cause = s.cause ?? 'none';
        downMsByCause[cause] = (downMsByCause[cause] ?? 0) + (s.to - start);
      }
      coveredUntil = Math.max(coveredUntil, s.to);
    }
    return {
      siteId: site.id,
      outages: down.length,
      downMs,
      downMsByCause,
      degradedMs: union(clipped.filter((s) => s.status === 'degraded' && !s.maintenance)),
      maintenanceMs: union(clipped.filter((s) => s.maintenance)),
      watchedMs,
      uptimePct: watchedMs === 0 ? null : (100 * (watchedMs - downMs)) / watchedMs,
    };
  });
}
