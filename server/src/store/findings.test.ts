import type { TrendFinding } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { storeWithSite } from '../testing/store.js';

const low = (severity: 'info' | 'warning', db: number): TrendFinding => ({
  kind: 'snr_margin_low',
  severity,
  message: { de: `nur ${db} dB`, en: `only ${db} dB` },
  evidence: { currentMedianDb: db },
});
const crc: TrendFinding = {
  kind: 'crc_errors_rising',
  severity: 'info',
  message: { de: 'CRC', en: 'CRC' },
  evidence: { recentPerHour: 40 },
};
const iso = (ms: number) => new Date(ms).toISOString();

describe('findings repo', () => {
  it('opens one row per site and kind, refreshes it while it holds, clears it when it stops', () => {
    const { store, orgId, siteId } = storeWithSite();
    expect(store.findings.upsert(siteId, low('info', 5), 1000)).toEqual({ opened: true });
    expect(store.findings.upsert(siteId, low('warning', 2), 2000)).toEqual({ opened: false });
    expect(store.findings.open(siteId)).toEqual([
      {
        siteId,
        kind: 'snr_margin_low',
        severity: 'warning',
        message: { de: 'nur 2 dB', en: 'only 2 dB' },
        evidence: { currentMedianDb: 2 },
        firstSeenAt: iso(1000),
        lastSeenAt: iso(2000),
        clearedAt: null,
      },
    ]);
    expect(store.findings.openForOrg(orgId)).toHaveLength(1);

    expect(store.findings.clear(siteId, 'snr_margin_low', 3000)).toBe(true);
    expect(store.findings.clear(siteId, 'snr_margin_low', 3500)).toBe(false);
    expect(store.findings.open(siteId)).toEqual([]);

    // holding again later opens a new row; the old one stays as history
    expect(store.findings.upsert(siteId, low('info', 5), 4000)).toEqual({ opened: true });
    expect(store.findings.open(siteId)[0]?.firstSeenAt).toBe(iso(4000));
    const rows = store.db.prepare('SELECT cleared_at FROM site_findings ORDER BY id').all();
    expect(rows).toEqual([{ cleared_at: 3000 }, { cleared_at: null }]);
  });

  it('sync makes the open findings exactly the given ones', () => {
    const { store, siteId } = storeWithSite();
    expect(store.findings.sync(siteId, [low('info', 5), crc], 1000)).toEqual({
      opened: ['snr_margin_low', 'crc_errors_rising'],
      cleared: [],
    });
    expect(store.findings.sync(siteId, [crc], 2000)).toEqual({ opened: [], cleared: ['snr_margin_low'] });
    expect(store.findings.open(siteId).map((f) => [f.kind, f.firstSeenAt, f.lastSeenAt])).toEqual([
      ['crc_errors_rising', iso(1000), iso(2000)],
    ]);
    expect(store.findings.sync(siteId, [], 3000)).toEqual({ opened: [], cleared: ['crc_errors_rising'] });
  });

  it('sync clears a finding only once it has not held for the grace period', () => {
    const { store, siteId } = storeWithSite();
    const hour = 3_600_000;
    store.findings.sync(siteId, [low('info', 5.8)], 0, 3 * hour);
    // margin back at 6.1 dB for two runs, then low again: the row stays open throughout
    expect(store.findings.sync(siteId, [], hour, 3 * hour).cleared).toEqual([]);
    expect(store.findings.sync(siteId, [], 2 * hour, 3 * hour).cleared).toEqual([]);
    expect(store.findings.sync(siteId, [low('info', 5.9)], 3 * hour, 3 * hour).opened).toEqual([]);
    expect(store.findings.sync(siteId, [], 5 * hour, 3 * hour).cleared).toEqual([]);
    expect(store.findings.sync(siteId, [], 6 * hour, 3 * hour).cleared).toEqual(['snr_margin_low']);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM site_findings').get()).toEqual({ n: 1 });
  });

  it('keeps orgs apart, puts warnings first, and forgets a deleted site', () => {
    const { store, orgId, siteId } = storeWithSite();
    const other = store.sites.create(
      orgId,
      {
        name: 'Friseur Klein',
        customer: 'Ben Klein',
        address: 'Ringstraße 2, 10117 Berlin',
        carrier: 'Vodafone',
        accessType: 'dsl',
        contract: { downMbps: 50, upMbps: 10 },
        business: true,
      },
      0,
    );
    store.findings.upsert(siteId, crc, 1000);
    store.findings.upsert(other.id, low('warning', 2), 2000);
    expect(store.findings.openForOrg(orgId).map((f) => f.siteId)).toEqual([other.id, siteId]);
    expect(store.findings.openForOrg('another-org')).toEqual([]);
    // an unknown site gets no row (its org could not be known)
    expect(store.findings.upsert('no-such-site', crc, 1000)).toEqual({ opened: false });

    store.db.prepare('DELETE FROM sites WHERE id = ?').run(other.id);
    expect(store.findings.openForOrg(orgId).map((f) => f.siteId)).toEqual([siteId]);
  });
});
