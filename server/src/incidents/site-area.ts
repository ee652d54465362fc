import { areaFromPostcode } from './area-grouping.js';

/**
 * The area a site belongs to for grouping outages: the one configured on
 * the site, else the first three digits of the German postcode in its
 * address ("Marktplatz 3, 04109 Leipzig" → "041"), else none.
 *
 * @example
 * siteArea({ area: null, address: 'Marktplatz 3, 04109 Leipzig' }) // '041'
 */
export function siteArea(site: { area: string | null; address: string }): string | null {
  if (site.area) return site.area;
  const postcode = /(?:^|\D)(\d{5})(?!\d)/.exec(site.address)?.[1];
  return postcode ? areaFromPostcode(postcode) : null;
}
