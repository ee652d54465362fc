import { defaultGroupingConfig, type GroupingConfig } from '../incidents/area-grouping.js';
import type { Db } from '../store/db.js';
import type { SiteRow } from '../store/sites.js';

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
