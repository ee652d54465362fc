import type { Cause, Incident, Site } from '@linewatch/shared';
import { zonedToIso } from '../settings/zonedTime';

/** One line's month: how long it was down, how often and why. */
export interface AvailabilityRow {
  site: Site;
  /** Outages (down incidents) that overlap the month. */
  outages: number;
  downMs: number;
  /** Down time per cause (`none` when the cause was never known). */
  downMsByCause: Partial<Record<Cause | 'none', number>>;
  /** Time the line was watched in the month (from its creation, up to now). */
  watchedMs: number;
  /** 0…100; null when the line was not watched at all that month. */
  uptimePct: number | null;
}

/**
 * The month's first instant and the next month's, in the shop's time zone.
 *
 * @example monthBounds('2025-03', 'Europe/Berlin') // [Date.parse('2025-02-28T23:00:00Z'), Date.parse('2025-03-31T22:00:00Z')]
 */
export function monthBounds(month: string, timeZone: string): [number, number] {
  const [y = 1970, m = 1] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [
    Date.parse(zonedToIso(`${month}-01T00:00`, timeZone) ?? ''),
    Date.parse(zonedToIso(`${next}-01T00:00`, timeZone) ?? ''),
  ];
}

/**
 * The last `count` months up to the one containing `nowMs`, newest first, as `YYYY-MM`.
 *
 * @example recentMonths(Date.parse('2025-03-10T00:00:00Z'), 3, 'Europe/Berlin') // ['2025-03', '2025-02', '2025-01']
 */
export function recentMonths(nowMs: number, count: number, timeZone: string): string[] {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(nowMs);
  let y = Number(parts.find((p) => p.type === 'year')?.value);
  let m = Number(parts.find((p) => p.type === 'month')?.value);
  const months: string[] = [];
  for (let i = 0; i < count; i++) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return months;
}

/**
 * Availability of every site in a month, from its `down` site incidents
 * (area incidents are left out: their sites have their own). Overlapping
 * incidents of one site are merged so no minute counts twice; an incident
 * still open runs until `nowMs`.
 */
export function availability(
  sites: readonly Site[],
  incidents: readonly Incident[],
  [monthStart, monthEnd]: [number, number],
  nowMs: number,
): AvailabilityRow[] {
  const bySite = new Map<string, Incident[]>();
  for (const incident of incidents) {
    if (incident.kind !== 'site' || incident.status !== 'down') continue;
    for (const id of incident.siteIds) bySite.set(id, [...(bySite.get(id) ?? []), incident]);
  }
  return sites.map((site) => {
    const from = Math.max(monthStart, Date.parse(site.createdAt));
    const to = Math.min(monthEnd, nowMs);
    const watchedMs = Math.max(0, to - from);
    const spans = (bySite.get(site.id) ?? [])
      .map((incident) => {
        const end = incident.recoveredAt ?? incident.resolvedAt;
        return {
          from: Math.max(Date.parse(incident.startedAt), from),
          to: Math.min(end ? Date.parse(end) : nowMs, to),
          cause: incident.cause ?? ('none' as const),
        };
      })
      .filter((span) => span.to > span.from)
      .sort((a, b) => a.from - b.from);
    let downMs = 0;
    let coveredUntil = Number.NEGATIVE_INFINITY;
    const downMsByCause: AvailabilityRow['downMsByCause'] = {};
    for (const span of spans) {
      const start = Math.max(span.from, coveredUntil);
      if (span.to > start) {
        downMs += span.to - start;
        downMsByCause[span.cause] = (downMsByCause[span.cause] ?? 0) + (span.to - start);
      }
      coveredUntil = Math.max(coveredUntil, span.to);
    }
    return {
      site,
      outages: spans.length,
      downMs,
      downMsByCause,
      watchedMs,
      uptimePct: watchedMs === 0 ? null : (100 * (watchedMs - downMs)) / watchedMs,
    };
  });
}
