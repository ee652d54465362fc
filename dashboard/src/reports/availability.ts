import type { AvailabilityReport, Site, SiteAvailability } from '@linewatch/shared';

/** One line's month as the page shows it: the server's figures and the line they belong to. */
export interface AvailabilityRow extends SiteAvailability {
  site: Site;
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
 * The report's rows paired with the lines they belong to, in the order of
 * `sites` (lines the report does not know, e.g. added after it was read, are left out).
 *
 * @example availabilityRows(report, sortedSites)[0]?.site.customer // 'Anna Albrecht'
 */
export function availabilityRows(
  report: AvailabilityReport | undefined,
  sites: readonly Site[],
): AvailabilityRow[] {
  const byId = new Map((report?.sites ?? []).map((row) => [row.siteId, row]));
  return sites.flatMap((site) => {
    const row = byId.get(site.id);
    return row ? [{ ...row, site }] : [];
  });
}
