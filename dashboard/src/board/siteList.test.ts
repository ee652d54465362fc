import { describe, expect, it } from 'vitest';
import { makeSite } from '../sites/siteFixture';
import {
  countByStatus,
  distinctValues,
  filterFromParams,
  filterSites,
  filterToParams,
  isFiltering,
  matchesQuery,
  noFilter,
  normalise,
  sortSites,
} from './siteList';

describe('sortSites', () => {
  it('puts down first, then degraded, unknown, maintenance, up', () => {
    const sites = (['up', 'maintenance', 'down', 'unknown', 'degraded'] as const).map((status) =>
      makeSite({ status }),
    );
    expect(sortSites(sites).map((s) => s.status)).toEqual([
      'down',
      'degraded',
      'unknown',
      'maintenance',
      'up',
    ]);
  });

  it('orders equal statuses by since, oldest first, comparing instants not strings', () => {
    const late = makeSite({ status: 'down', since: '2025-06-15T11:00:00Z' });
    const early = makeSite({ status: 'down', since: '2025-06-15T12:30:00+02:00' }); // 10:30Z
    const middle = makeSite({ status: 'down', since: '2025-06-15T10:45:00.000Z' });
    expect(sortSites([late, early, middle])).toEqual([early, middle, late]);
  });

  it('breaks ties by customer and name so rows do not jump', () => {
    const b = makeSite({ customer: 'Bäckerei', name: 'Laden' });
    const a2 = makeSite({ customer: 'apotheke', name: 'Site 10' });
    const a1 = makeSite({ customer: 'Apotheke', name: 'Site 9' });
    expect(sortSites([b, a2, a1])).toEqual([a1, a2, b]);
  });

  it('does not modify its input', () => {
    const input = [makeSite({ status: 'up' }), makeSite({ status: 'down' })];
    const copy = [...input];
    sortSites(input);
    expect(input).toEqual(copy);
  });
});

describe('search', () => {
  const site = makeSite({
    name: 'Filiale Süd',
    customer: 'Müller GmbH',
    carrier: 'Vodafone',
    address: 'Lindenstraße 4, München',
  });

  it('folds case, accents and ß', () => {
    expect(normalise('Müller STRASSE Straße')).toBe('muller strasse strasse');
  });

  it('finds by name, customer, carrier and address', () => {
    for (const query of ['filiale', 'süd', 'MULLER', 'vodafone', 'lindenstrasse', 'munchen']) {
      expect(matchesQuery(site, query)).toBe(true);
    }
  });

  it('needs every word, in any field', () => {
    expect(matchesQuery(site, 'müller vodafone')).toBe(true);
    expect(matchesQuery(site, 'müller telekom')).toBe(false);
    expect(matchesQuery(site, '   ')).toBe(true);
  });
});

describe('filterSites', () => {
  const down = makeSite({ status: 'down', customer: 'Alpha' });
  const up = makeSite({ status: 'up', customer: 'Alpha' });
  const other = makeSite({ status: 'down', customer: 'Beta' });

  it('filters by status and query together', () => {
    expect(filterSites([down, up, other], { query: '', status: 'down' })).toEqual([down, other]);
    expect(filterSites([down, up, other], { query: 'alpha', status: 'down' })).toEqual([down]);
    expect(filterSites([down, up, other], noFilter)).toEqual([down, up, other]);
  });

  it('knows when a filter is active', () => {
    expect(isFiltering(noFilter)).toBe(false);
    expect(isFiltering({ query: ' x ', status: 'all' })).toBe(true);
    expect(isFiltering({ query: '', status: 'up' })).toBe(true);
  });
});

describe('countByStatus', () => {
  it('counts every status, zero included', () => {
    const sites = [makeSite({ status: 'down' }), makeSite({ status: 'down' }), makeSite({ status: 'up' })];
    expect(countByStatus(sites)).toEqual({ up: 1, degraded: 0, down: 2, unknown: 0, maintenance: 0 });
  });

  it('counts a status this build does not know as unknown', () => {
    const future = { ...makeSite(), status: 'hibernating' } as unknown as ReturnType<typeof makeSite>;
    expect(countByStatus([future]).unknown).toBe(1);
  });
});

describe('carrier, area and outage filters', () => {
  const a = makeSite({ carrier: 'Telekom', area: '041' });
  const b = makeSite({ carrier: 'Vodafone', area: '041' });
  const c = makeSite({ carrier: 'Telekom', area: '101' });

  it('filters by exact carrier and area', () => {
    expect(filterSites([a, b, c], { ...noFilter, carrier: 'Telekom' })).toEqual([a, c]);
    expect(filterSites([a, b, c], { ...noFilter, area: '041' })).toEqual([a, b]);
    expect(filterSites([a, b, c], { ...noFilter, carrier: 'Telekom', area: '041' })).toEqual([a]);
  });

  it('keeps only the sites of an outage when one is named', () => {
    const only = new Set([b.id]);
    expect(filterSites([a, b, c], { ...noFilter, incident: 'x' }, only)).toEqual([b]);
    expect(filterSites([a, b, c], noFilter, only)).toEqual([a, b, c]);
    expect(isFiltering({ ...noFilter, incident: 'x' })).toBe(true);
  });

  it('lists distinct values sorted', () => {
    expect(distinctValues([a, b, c], 'carrier')).toEqual(['Telekom', 'Vodafone']);
    expect(distinctValues([a, b, c, makeSite({ area: null })], 'area')).toEqual(['041', '101']);
  });

  it('round-trips through URL parameters, leaving defaults out', () => {
    const filter = { query: 'müller', status: 'down' as const, carrier: 'O2', area: '', incident: '' };
    const params = filterToParams(filter);
    expect(params.toString()).toBe('q=m%C3%BCller&status=down&carrier=O2');
    expect(filterFromParams(params)).toEqual(filter);
    expect(filterFromParams(new URLSearchParams('status=bogus')).status).toBe('unknown');
  });
});
