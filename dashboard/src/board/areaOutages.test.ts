import type { Incident } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { makeSite } from '../sites/siteFixture';
import { areaOutages } from './areaOutages';

function incident(overrides: Partial<Incident>): Incident {
  return {
    id: '10000000-0000-4000-8000-000000000001',
    kind: 'area',
    state: 'open',
    status: 'down',
    cause: 'internet_unreachable',
    siteIds: [],
    parentId: null,
    carrier: 'Telekom',
    area: '041',
    powerCutSuspected: false,
    flapping: false,
    maintenance: false,
    startedAt: '2025-06-15T10:00:00Z',
    recoveredAt: null,
    resolvedAt: null,
    resolvedBy: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ticket: null,
    ...overrides,
  };
}

describe('areaOutages', () => {
  const up = makeSite({ status: 'up' });
  const down = makeSite({ status: 'down', since: '2025-06-15T10:01:00Z' });
  const sites = new Map([up, down].map((s) => [s.id, s]));

  it('keeps open area incidents, oldest first, with their known sites down first', () => {
    const later = incident({ id: '10000000-0000-4000-8000-000000000002', startedAt: '2025-06-15T11:00:00Z' });
    const earlier = incident({ siteIds: [up.id, down.id, '99999999-0000-4000-8000-000000000000'] });
    const result = areaOutages([later, earlier], sites);
    expect(result.map((o) => o.incident.id)).toEqual([earlier.id, later.id]);
    expect(result[0]?.sites).toEqual([down, up]);
    expect(result[0]?.back).toBe(1);
  });

  it('leaves out site incidents and resolved outages', () => {
    expect(areaOutages([incident({ kind: 'site' }), incident({ state: 'resolved' })], sites)).toEqual([]);
  });
});
