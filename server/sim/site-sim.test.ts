import { Measurement, type SampleMeta } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { planFleet } from './fleet-plan.js';
import { seeded } from './random.js';
import { createSiteSim } from './site-sim.js';

const day = 86_400_000;
const start = Date.UTC(2025, 2, 12, 10, 0, 0); // 11:00 in Germany: no evening peak
const fleet = planFleet(50);
const dslSite = fleet.find((p) => p.role === 'degraded');
const cableSite = fleet.find((p) => p.line.accessType === 'cable');

/** Rounds every 10 s from `from`, with consecutive sequence numbers. */
function rounds(sim: ReturnType<typeof createSiteSim>, from: number, n: number, seq0 = 0) {
  return Array.from({ length: n }, (_, i) => {
    const meta: SampleMeta = {
      bootId: '8c1d6e2a-7f4b-4c1e-9a3d-2b5f6e7a8c9d',
      seq: seq0 + i,
      t: new Date(from + i * 10_000).toISOString(),
      monoMs: 5 * day + i * 10_000,
      clockSynced: true,
    };
    return sim.measure(meta);
  });
}

describe('createSiteSim', () => {
  if (!dslSite || !cableSite) throw new Error('plan lacks a DSL or cable site');

  it('measures a healthy DSL line as up, with plausible figures and the real schema', () => {
    const sim = createSiteSim(dslSite.line, seeded(1), start, 10 * day);
    for (const m of rounds(sim, start, 30)) {
      expect(Measurement.safeParse(m).success).toBe(true);
      expect(m.diagnosis).toMatchObject({ status: 'up', cause: null });
      const rtt = m.targets[0]?.rttMs?.median ?? 0;
      expect(rtt).toBeGreaterThan(5);
      expect(rtt).toBeLessThan(45);
      const dsl = m.router?.dsl;
      expect(dsl?.status).toBe('Up');
      const contractKbps = dslSite.line.contract.downMbps * 1000;
      expect(dsl?.downCurrentKbps).toBeGreaterThan(contractKbps);
      expect(dsl?.downCurrentKbps).toBeLessThan(contractKbps * 1.2);
      expect(dsl?.downSnrMarginDb).toBeGreaterThan(5);
    }
  });

  it('reports a lost sync as down / line_sync_lost with the router log line, then a resync', () => {
    const sim = createSiteSim(dslSite.line, seeded(2), start, 10 * day);
    rounds(sim, start, 3);
    sim.setCondition({ kind: 'sync_lost' }, start + 31_000);
    const [down] = rounds(sim, start + 40_000, 1, 3);
    expect(down?.diagnosis).toMatchObject({ status: 'down', cause: 'line_sync_lost' });
    expect(down?.diagnosis.evidence?.join(' ')).toContain('Keine DSL-Synchronisierung');
    expect(down?.targets.every((t) => t.received === 0)).toBe(true);
    expect(down?.gateway.reachable).toBe(true);
    sim.setCondition({ kind: 'ok' }, start + 55_000);
    const [back, later] = rounds(sim, start + 60_000, 2, 4);
    // A resync since the last round is a line error, as the real agent says; then up.
    expect(back?.diagnosis).toMatchObject({ status: 'degraded', cause: 'line_errors' });
    expect(back?.router?.dsl?.linkRetrains).toBe(1);
    expect(later?.diagnosis).toMatchObject({ status: 'up' });
  });

  it('degrades a worn DSL line to a low sync rate with CRC errors and a low SNR margin', () => {
    const sim = createSiteSim(dslSite.line, seeded(3), start, 10 * day);
    sim.setCondition({ kind: 'ok', wear: 0.9 }, start);
    const worn = rounds(sim, start, 6);
    expect(worn.every((m) => m.diagnosis.status === 'up')).toBe(true);
    sim.setCondition({ kind: 'degraded', severity: 1 }, start + 60_000);
    const bad = rounds(sim, start + 70_000, 6, 6);
    for (const m of bad) {
      expect(Measurement.safeParse(m).success).toBe(true);
      expect(m.diagnosis).toMatchObject({ status: 'degraded', cause: 'low_sync_rate' });
      expect(m.router?.dsl?.downSnrMarginDb).toBeLessThan(6);
    }
    expect(bad[5]?.diagnosis.evidence?.join(' ')).toMatch(/CRC errors per minute/);
  });

  it('has no DSL figures on a cable line and reports its loss of link as line_sync_lost', () => {
    const sim = createSiteSim(cableSite.line, seeded(4), start, 10 * day);
    const [m] = rounds(sim, start, 1);
    expect(m?.router?.dsl).toBeNull();
    expect(m?.router?.wan?.accessType).toBe('X_AVM-DE_Cable');
    sim.setCondition({ kind: 'sync_lost' }, start + 5000);
    expect(rounds(sim, start + 10_000, 1, 1)[0]?.diagnosis.cause).toBe('line_sync_lost');
  });

  it('keeps a measurement small enough for a 50-sample batch under the 256 kB limit', () => {
    const sim = createSiteSim(dslSite.line, seeded(5), start, 10 * day);
    const [m] = rounds(sim, start, 1);
    expect(JSON.stringify(m).length * 50).toBeLessThan(256 * 1024);
  });
});
