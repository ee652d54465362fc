import type { Site, SiteStatus } from '@linewatch/shared';
import { siteStatuses } from '@linewatch/shared';
import { parseTime } from '../i18n/time';
import { knownStatus, statusInfo } from '../sites/catalogue';

/**
 * The board's list logic, pure: order, search, status filter and counts.
 */

export type StatusFilter = SiteStatus | 'all';

export interface SiteFilter {
  query: string;
  status: StatusFilter;
  /** Exact carrier name; empty or absent: every carrier. */
  carrier?: string;
  /** Exact area; empty or absent: every area. */
  area?: string;
  /** Only these sites (the lines of one area outage); absent: all. */
  incident?: string;
}

export const noFilter: SiteFilter = { query: '', status: 'all' };

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Board order: by status rank (down first), then by `since` (longest in that
 * status first), then customer and site name so equal rows do not jump around.
 */
export function compareSites(a: Site, b: Site): number {
  return (
    statusInfo(a.status).rank - statusInfo(b.status).rank ||
    (parseTime(a.since) ?? 0) - (parseTime(b.since) ?? 0) ||
    collator.compare(a.customer, b.customer) ||
    collator.compare(a.name, b.name) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function sortSites(sites: Iterable<Site>): Site[] {
  return [...sites].sort(compareSites);
}

/**
 * Folds case, accents and ß so "muller strasse" finds "Müller, Straße".
 *
 * @example normalise('Müller Straße') // 'muller strasse'
 */
export function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss');
}

// Sites are replaced (never mutated) on change, so the text can be cached per object.
const searchText = new WeakMap<Site, string>();

function haystack(site: Site): string {
  let text = searchText.get(site);
  if (text === undefined) {
    text = normalise([site.name, site.customer, site.carrier, site.address].join('\n'));
    searchText.set(site, text);
  }
  return text;
}

/** Every word of the query must occur in the site's name, customer, carrier or address. */
export function matchesQuery(site: Site, query: string): boolean {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = haystack(site);
  return words.every((word) => text.includes(word));
}

/**
 * @param onlyIds the sites of the outage named by `filter.incident`; ignored without one.
 */
export function filterSites(
  sites: readonly Site[],
  filter: SiteFilter,
  onlyIds: ReadonlySet<string> | null = null,
): Site[] {
  const carrier = filter.carrier ?? '';
  const area = filter.area ?? '';
  const only = filter.incident ? onlyIds : null;
  return sites.filter(
    (site) =>
      (filter.status === 'all' || knownStatus(site.status) === filter.status) &&
      (carrier === '' || site.carrier === carrier) &&
      (area === '' || site.area === area) &&
      (only === null || only.has(site.id)) &&
      matchesQuery(site, filter.query),
  );
}

export function isFiltering(filter: SiteFilter): boolean {
  return (
    filter.status !== 'all' ||
    filter.query.trim() !== '' ||
    Boolean(filter.carrier) ||
    Boolean(filter.area) ||
    Boolean(filter.incident)
  );
}

/**
 * The distinct non-empty values of a field, sorted for a select.
 *
 * @example distinctValues([{ carrier: 'O2' }, { carrier: 'DNS:NET' }, { carrier: 'O2' }], 'carrier') // ['DNS:NET', 'O2']
 */
export function distinctValues<K extends 'carrier' | 'area'>(
  sites: Iterable<Pick<Site, K>>,
  key: K,
): string[] {
  const values = new Set<string>();
  for (const site of sites) {
    const value = site[key];
    if (typeof value === 'string' && value !== '') values.add(value);
  }
  return [...values].sort(collator.compare);
}

const filterParams = ['q', 'status', 'carrier', 'area', 'incident'] as const;

/**
 * The board's filter as kept in the URL (`/?status=down&carrier=Telekom`), so
 * it survives a visit to a site page and can be shared.
 */
export function filterFromParams(params: URLSearchParams): SiteFilter {
  const status = params.get('status');
  return {
    query: params.get('q') ?? '',
    status: status === null || status === 'all' ? 'all' : knownStatus(status),
    carrier: params.get('carrier') ?? '',
    area: params.get('area') ?? '',
    incident: params.get('incident') ?? '',
  };
}

export function filterToParams(filter: SiteFilter): URLSearchParams {
  const values: Record<(typeof filterParams)[number], string> = {
    q: filter.query,
    status: filter.status === 'all' ? '' : filter.status,
    carrier: filter.carrier ?? '',
    area: filter.area ?? '',
    incident: filter.incident ?? '',
  };
  const params = new URLSearchParams();
  for (const key of filterParams) if (values[key] !== '') params.set(key, values[key]);
  return params;
}

/** How many sites have each status (a status this build does not know counts as `unknown`). */
export function countByStatus(sites: Iterable<Site>): Record<SiteStatus, number> {
  const counts = Object.fromEntries(siteStatuses.map((status) => [status, 0])) as Record<SiteStatus, number>;
  for (const site of sites) counts[knownStatus(site.status)] += 1;
  return counts;
}
