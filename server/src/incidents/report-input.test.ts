import { randomUUID } from 'node:crypto';
import type { Measurement, RouterDsl } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { measurementAt, storeWithSite } from '../testing/store.js';
import { hotlineReport } from './hotline-report.js';
import { hotlineReportInput } from './report-input.js';

const dsl = (status: string, snr: number | null): RouterDsl => ({
  status,
  downCurrentKbps: status === 'Up' ? 92_000 : null,
  upCurrentKbps: status === 'Up' ? 31_000 : null,
  downMaxKbps: 104_000,
  upMaxKbps: 40_000,
  downSnrMarginDb: snr,
  upSnrMarginDb: snr === null ? null : snr - 2,
  downAttenuationDb: 18.5,
  upAttenuationDb: 12,
  crcErrors: 1234,
  fecErrors: 0,
  linkRetrains: 3,
  erroredSeconds: 10,
  severelyErroredSeconds: 1,
});

function withRouter(
  m: Measurement,
  d: RouterDsl,
  status: 'up' | 'down',
  log: { at: string; text: string }[] = [],
) {
  return {
    ...m,
    router: {
      address: '192.168.178.1',
      protocol: 'tr064' as const,
      model: 'FRITZ!Box 7590',
      firmware: '7.57',
      uptimeSeconds: 86_400,
      wan: null,
      dsl: d,
      log,
      findings: [],
    },
    diagnosis: status === 'up' ? { status, cause: null } : { status, cause: 'line_sync_lost' as const },
  };
}

describe('the hotline report of a line_sync_lost incident', () => {
  it('names the sync loss time, the last DSL figures before it and, with a ticket, the § 58 deadline', () => {
    const { store, orgId, siteId } = storeWithSite();
    const t0 = Date.parse('2026-03-03T13:00:00Z');
    const boot = randomUUID();
    const samples = [0, 1, 2, 3, 4, 5].map((i) => {
      const m = measurementAt(boot, i, t0 + i * 10_000);
      return i < 3
        ? withRouter(m, dsl('Up', 11.5 - i), 'up')
        : withRouter(m, dsl('NoSignal', null), 'down', [
            { at: '03.03.26 14:00:31', text: 'DSL-Synchronisierung verloren' },
          ]);
    });
    store.measurements.insertBatch({ orgId, siteId, agentId: 'a', receivedAt: t0 + 50_000 }, samples);
    const syncLostAt = t0 + 30_000;
    const id = store.incidents.create(
      {
        orgId,
        kind: 'site',
        siteId,
        status: 'down',
        cause: 'line_sync_lost',
        maintenance: false,
        startedAt: syncLostAt,
      },
      t0,
    );
    const site = store.sites.getById(siteId);
    if (!site) throw new Error('no site');

    const before = store.incidents.get(id);
    if (!before) throw new Error('no incident');
    const input = hotlineReportInput(store, site, before, { lang: 'de', now: t0 + 3600_000 });
    expect(input.checks.syncLostAt).toBe(syncLostAt);
    expect(input.checks.lastDsl?.at).toBe(t0 + 20_000);
    expect(input.checks.lastDsl?.dsl.downSnrMarginDb).toBe(9.5);
    expect(input.routerLog?.[0]?.text).toBe('DSL-Synchronisierung verloren');
    const de = hotlineReport(input).text;
    expect(de).toContain('Synchronisation verloren am: 03.03.2026, 14:00:30');
    expect(de).toMatch(/Störabstand \(SNR-Marge\).*9,5/);
    expect(de).toContain('18,5');
    expect(de).not.toContain('§ 58');

    store.incidents.update(
      id,
      {
        ticket_carrier: 'Telekom',
        ticket_number: 'T-4711',
        reported_at: t0 + 1800_000,
        reported_by: 'a@b.de',
      },
      t0 + 1800_000,
    );
    const reported = store.incidents.get(id);
    if (!reported) throw new Error('no incident');
    const withTicket = hotlineReport(
      hotlineReportInput(store, site, reported, { lang: 'de', now: t0 + 3600_000 }),
    );
    expect(withTicket.text).toContain('T-4711');
    expect(withTicket.text).toMatch(/§ 58.*05\.03\.2026/);
    const en = hotlineReport(
      hotlineReportInput(store, site, reported, { lang: 'en', now: t0 + 3600_000 }),
    ).text;
    expect(en).toContain('T-4711');
    expect(en).toMatch(/Sync lost/i);
  });
});
