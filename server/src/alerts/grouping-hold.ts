import { defaultGroupingConfig, type GroupingConfig } from '../incidents/area-grouping.js';
import type { Db } from '../store/db.js';
import type { SiteRow } from '../store/sites.js';
import type { AlertConfig } from './config.js';

const norm = (s: string | null) => (s ?? '').trim().toLowerCase();

/**
 * Whether a site could become part of an area incident, by the rules of
 * `incidents/area-grouping.ts`: enough other sites of its carrier in its
 * area, or enough sites of several carriers there (a power cut). Only such a
 * site's alert is held for the grouping delay; a line with no such
 * neighbours is alerted at once, so the hold costs nothing where it cannot help.
 *
 * @example
 * const canGroup = groupingCandidate(store.db);
 * canGroup(site) // true when two more Telekom lines share the site's area
 */
export function groupingCandidate(db: Db, grouping: GroupingConfig = defaultGroupingConfig) {
  const otherSites = db.prepare<[string, string, string], { carrier: string }>(
    'SELECT carrier FROM sites WHERE org_id = ? AND lower(trim(area)) = ? AND id != ?',
  );
  return (site: SiteRow | undefined): boolean => {
    if (!site?.area) return false;
    const others = otherSites.all(site.org_id, norm(site.area), site.id).map((r) => norm(r.carrier));
    const sameCarrier = others.filter((c) => c === norm(site.carrier)).length;
    const carriers = new Set([...others, norm(site.carrier)]).size;
    return (
      sameCarrier + 1 >= grouping.minSites ||
      (others.length + 1 >= grouping.powerMinSites && carriers >= grouping.powerMinCarriers)
    );
  };
}

/**
 * How many other sites of the site's area are failing right now: an open,
 * not yet recovered site incident (outside maintenance) that started at or
 * after `since`. This is the evidence that an outage may be an area outage
 * in the making, so only then is a site's alert held the full grouping
 * delay; a lone failure among healthy neighbours is alerted after the short
 * settle time.
 *
 * @example
 * const failing = neighboursFailing(store.db);
 * failing(site, now - 60_000) // 2: two more lines of the area went down in the last minute
 */
export function neighboursFailing(db: Db) {
  const count = db.prepare<[string, string, string, number], { n: number }>(
    `SELECT COUNT(*) AS n FROM incidents i JOIN sites s ON s.id = i.site_id
     WHERE i.org_id = ? AND i.kind = 'site' AND i.state != 'resolved' AND i.recovered_at IS NULL
       AND i.maintenance = 0 AND s.id != ? AND lower(trim(s.area)) = ? AND i.started_at >= ?`,
  );
  return (site: SiteRow | undefined, since: number): number =>
    site?.area ? (count.get(site.org_id, site.id, norm(site.area), since)?.n ?? 0) : 0;
}

/**
 * The hold of a site's first alert, decided when it is planned:
 * 1. a site that cannot be part of an area outage: none;
 * 2. a site whose area has other failing sites: the whole grouping delay;
 * 3. otherwise the short settle time (failures reported together arrive
 *    within it); the dispatcher extends the hold if neighbours fail meanwhile.
 */
export function siteAlertHold(
  config: Pick<AlertConfig, 'groupingHoldMs' | 'groupingSettleMs'>,
  candidate: boolean,
  failingNeighbours: number,
): number {
  if (!candidate) return 0;
  return failingNeighbours > 0
    ? config.groupingHoldMs
    : Math.min(config.groupingSettleMs, config.groupingHoldMs);
}
