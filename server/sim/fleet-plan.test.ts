import { SiteCreate } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { siteArea } from '../src/incidents/site-area.js';
import { planFleet } from './fleet-plan.js';

describe('planFleet', () => {
  const fleet = planFleet(50);

  it('creates valid, distinct sites, the same for the same seed', () => {
    expect(fleet).toHaveLength(50);
    for (const p of fleet) expect(SiteCreate.safeParse(p.site).success).toBe(true);
    expect(new Set(fleet.map((p) => p.site.name)).size).toBe(50);
    expect(planFleet(50)).toEqual(fleet);
  });

  it('puts 8–12 Telekom lines of one area into the area outage', () => {
    const hit = fleet.filter((p) => p.role === 'area_outage');
    expect(hit.length).toBeGreaterThanOrEqual(8);
    expect(hit.length).toBeLessThanOrEqual(12);
    expect(new Set(hit.map((p) => p.site.carrier))).toEqual(new Set(['Telekom']));
    expect(new Set(hit.map((p) => siteArea({ area: null, address: p.site.address })))).toEqual(
      new Set(['041']),
    );
  });

  it('has one site for each single-site fault and a mix of carriers, access types and customers', () => {
    for (const role of ['flapping', 'degraded', 'power_cut'] as const)
      expect(fleet.filter((p) => p.role === role)).toHaveLength(1);
    expect(new Set(fleet.map((p) => p.site.carrier)).size).toBe(5);
    expect(new Set(fleet.map((p) => p.site.accessType))).toEqual(new Set(['dsl', 'cable', 'fibre']));
    const business = fleet.filter((p) => p.site.business).length;
    expect(business).toBeGreaterThan(10);
    expect(business).toBeLessThan(40);
  });

  it('gives DSL lines a loop short enough for their contract', () => {
    for (const p of fleet.filter((f) => f.line.accessType === 'dsl')) {
      expect(p.line.loopLengthM).not.toBeNull();
      if (p.line.contract.downMbps >= 250) expect(p.line.loopLengthM).toBeLessThan(500);
    }
  });

  it('still shows the single-site faults in a tiny fleet', () => {
    expect(planFleet(3).map((p) => p.role)).toEqual(['power_cut', 'flapping', 'degraded']);
  });
});
