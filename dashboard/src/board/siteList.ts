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

export function filterSites(sites: readonly Site[], filter: SiteFilter): Site[] {
  return sites.filter(
    (site) =>
      (filter.status === 'all' || knownStatus(site.status) === filter.status) &&
      matchesQuery(site, filter.query),
  );
}

export function isFiltering(filter: SiteFilter): boolean {
  return filter.status !== 'all' || filter.query.trim() !== '';
}

/** How many sites have each status (a status this build does not know counts as `unknown`). */
export function countByStatus(sites: Iterable<Site>): Record<SiteStatus, number> {
  const counts = Object.fromEntries(siteStatuses.map((status) => [status, 0])) as Record<SiteStatus, number>;
  for (const site of sites) counts[knownStatus(site.status)] += 1;
  return counts;
}
