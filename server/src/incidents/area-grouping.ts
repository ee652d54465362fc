/**
 * Which site failures belong together. Pure: the caller keeps the recent
 * failures (see `pruneFailures`) and asks about each new one as it comes.
 *
 * Two patterns:
 * - **area**: sites of one carrier in one area go down together — the
 *   carrier's network there failed (PRODUCT.md: one incident, one alert).
 * - **power**: sites of several carriers in one area go down together — no
 *   single carrier explains that; a power cut in the area does.
 * Sites without an area are never grouped: without a place, sites going down
 * at the same time cannot be told from coincidence.
 */

/** One site going down. */
export interface SiteFailure {
  siteId: string;
  carrier: string;
  /** A postcode prefix or a configured area name; null when unknown. */
  area: string | null;
  /** When the site went down, ms. */
  at: number;
}

export interface GroupingConfig {
  /** Failures this close in time (either side of the new one) count as together, ms. */
  windowMs: number;
  /** Sites of one carrier in one area that make an area incident. */
  minSites: number;
  /** Sites in one area, across carriers, that look like a power cut. */
  powerMinSites: number;
  /** Distinct carriers among them needed to call it a power cut. */
  powerMinCarriers: number;
}

export const defaultGroupingConfig: GroupingConfig = {
  windowMs: 60_000, // 60 s
  minSites: 3,
  powerMinSites: 4,
  powerMinCarriers: 2,
};

export type Classification =
  /** Nothing else near it: the site's own incident. */
  | { kind: 'site' }
  /** The carrier's network in the area; `siteIds` are the failures in the window, the new one included. */
  | { kind: 'area'; key: string; carrier: string; area: string; siteIds: string[] }
  /** Several carriers in the area at once; `siteIds` cover every carrier. */
  | { kind: 'power'; key: string; area: string; carriers: string[]; siteIds: string[] };

/**
 * Carrier names are typed by hand ("Telekom", "telekom "), so compare them
 * trimmed and case-folded; areas likewise.
 */
const norm = (s: string) => s.trim().toLowerCase();

/**
 * The stable key of an area incident, so the caller can find an open one and
 * attach later sites to it.
 *
 * @example areaKey('Telekom', '104') // 'area:telekom|104'
 */
export function areaKey(carrier: string, area: string): string {
  return `area:${norm(carrier)}|${norm(area)}`;
}

/** @example powerKey('104') // 'power:104' */
export function powerKey(area: string): string {
  return `power:${norm(area)}`;
}

/**
 * The first `digits` digits of a German postcode as an area, or null when it
 * is not one. Three digits narrow it to a few towns or city districts.
 *
 * @example areaFromPostcode('10115') // '101'
 */
export function areaFromPostcode(postcode: string, digits = 3): string | null {
  const m = /^\s*(\d{5})\s*$/.exec(postcode);
  return m?.[1] ? m[1].slice(0, digits) : null;
}

/** One entry per site (the latest failure wins), in the order first seen. */
function distinctSites(failures: SiteFailure[]): SiteFailure[] {
  const bySite = new Map<string, SiteFailure>();
  for (const f of failures) bySite.set(f.siteId, f);
  return [...bySite.values()];
}

/**
 * Classifies a new failure against the recent ones.
 *
 * 1. Keep the failures in the same area within `windowMs` of the new one.
 * 2. Across ≥ `powerMinCarriers` carriers and ≥ `powerMinSites` sites → power.
 * 3. Else ≥ `minSites` of the new failure's carrier → area.
 * 4. Else → site.
 * Power wins over area: when every carrier fails, the carrier is not the cause.
 * The caller opens an incident when a key is first returned and attaches the
 * sites of later answers with the same key; a `power` answer for an area
 * whose carrier incident is open replaces that incident (same sites, new
 * cause). A site failing after the window has passed gets `site`: whether it
 * still joins an open area incident (see `areaKey`) is the caller's choice.
 *
 * @example
 * classifyFailure(recent, { siteId: 's12', carrier: 'X', area: '104', at }, defaultGroupingConfig)
 * // { kind: 'area', key: 'area:x|104', carrier: 'X', area: '104', siteIds: ['s1', …, 's12'] }
 */
export function classifyFailure(
  recent: readonly SiteFailure[],
  failure: SiteFailure,
  config: GroupingConfig = defaultGroupingConfig,
): Classification {
  if (failure.area === null) return { kind: 'site' };
  const area = norm(failure.area);
  const nearby = distinctSites([
    ...recent.filter(
      (f) =>
        f.siteId !== failure.siteId &&
        f.area !== null &&
        norm(f.area) === area &&
        Math.abs(f.at - failure.at) <= config.windowMs,
    ),
    failure,
  ]);

  const carriers = [...new Set(nearby.map((f) => norm(f.carrier)))];
  if (carriers.length >= config.powerMinCarriers && nearby.length >= config.powerMinSites) {
    return {
      kind: 'power',
      key: powerKey(failure.area),
      area: failure.area,
      carriers: [...new Set(nearby.map((f) => f.carrier))],
      siteIds: nearby.map((f) => f.siteId),
    };
  }
  const sameCarrier = nearby.filter((f) => norm(f.carrier) === norm(failure.carrier));
  if (sameCarrier.length >= config.minSites) {
    return {
      kind: 'area',
      key: areaKey(failure.carrier, failure.area),
      carrier: failure.carrier,
      area: failure.area,
      siteIds: sameCarrier.map((f) => f.siteId),
    };
  }
  return { kind: 'site' };
}

/**
 * Drops failures too old to group with anything at `now`, so the caller's
 * buffer stays small.
 */
export function pruneFailures(
  recent: readonly SiteFailure[],
  now: number,
  config: GroupingConfig = defaultGroupingConfig,
): SiteFailure[] {
  return recent.filter((f) => now - f.at <= config.windowMs);
}

/** A group built by `groupFailures`. */
export interface FailureGroup {
  kind: 'area' | 'power';
  key: string;
  siteIds: string[];
}

/**
 * Replays failures in time order through `classifyFailure`, the way the
 * incident manager uses it, and collects the groups: for reports, the demo
 * and tests. Sites in no group are returned as `single`.
 */
export function groupFailures(
  failures: readonly SiteFailure[],
  config: GroupingConfig = defaultGroupingConfig,
): { groups: FailureGroup[]; single: string[] } {
  const groups = new Map<string, FailureGroup>();
  const grouped = new Set<string>();
  let recent: SiteFailure[] = [];
  for (const f of [...failures].sort((a, b) => a.at - b.at)) {
    recent = pruneFailures(recent, f.at, config);
    const c = classifyFailure(recent, f, config);
    recent.push(f);
    if (c.kind === 'site') continue;
    const g = groups.get(c.key) ?? { kind: c.kind, key: c.key, siteIds: [] };
    for (const id of c.siteIds) {
      if (!g.siteIds.includes(id)) g.siteIds.push(id);
      grouped.add(id);
    }
    groups.set(c.key, g);
    // Power supersedes: sites first taken for a carrier outage move to the power group.
    if (c.kind === 'power')
      for (const other of groups.values()) if (other.kind === 'area') dropSites(other, c.siteIds);
  }
  for (const [key, g] of groups) if (g.siteIds.length === 0) groups.delete(key);
  const single = [...new Set(failures.map((f) => f.siteId))].filter((id) => !grouped.has(id));
  return { groups: [...groups.values()], single };
}

function dropSites(group: FailureGroup, siteIds: readonly string[]): void {
  group.siteIds = group.siteIds.filter((id) => !siteIds.includes(id));
}
