import { describe, expect, it } from 'vitest';
import { storeWithSite } from '../testing/store.js';
import { minuteMs, rollup } from './rollups.js';

/**
 * The line figures beside latency: DNS time, DSL sync rates, SNR margins and
 * the CRC counter's increase — raw and rolled up, across a resync.
 */
describe('line figures in the chart series', () => {
  const t0 = Date.UTC(2026, 10, 25, 10, 0, 0);
  const sync = (crcErrors: number, downKbps = 100_000) => ({
    downKbps,
    upKbps: 40_000,
    snrDownDb: 9.5,
    snrUpDb: 8,
    crcErrors,
  });

  it('gives DNS time, sync rates, margins and CRC errors per sample, counting a resync from zero', () => {
    const env = storeWithSite();
    env.add([
      { t: t0, f: { dnsMs: 20, dsl: sync(100) } },
      { t: t0 + 10_000, f: { dnsMs: 30, dsl: sync(130) } },
      { t: t0 + 20_000, f: { dsl: 'lost' } },
      { t: t0 + 30_000, f: { dsl: sync(5, 80_000) } },
      { t: t0 + 40_000, f: {} },
    ]);
    const s = env.store.measurements.series(env.siteId, t0, t0 + minuteMs, 100);
    expect(s.resolution).toBe('raw');
    expect(s.points.map((p) => [p.dnsMs, p.syncDownKbps, p.snrDownDb, p.crcErrors])).toEqual([
      [20, 100_000, 9.5, 0],
      [30, 100_000, 9.5, 30],
      [null, null, null, 0],
      [null, 80_000, 9.5, 5],
      [null, null, null, null],
    ]);
  });

  it('rolls them up: averages for rates and margins, the counter’s increase for CRC errors', async () => {
    const env = storeWithSite();
    env.add(
      Array.from({ length: 12 }, (_, i) => ({
        t: t0 + i * 10_000,
        f: { dnsMs: 10 + i, dsl: sync(1000 + 7 * i, i < 6 ? 100_000 : 90_000) },
      })),
    );
    await rollup(env.store.db, { fromMs: 0, toMs: t0 + 10 * minuteMs });
    const s = env.store.measurements.series(env.siteId, t0, t0 + 2 * minuteMs, 2);
    expect(s.resolution).toBe('1m');
    expect(s.points.map((p) => [p.syncDownKbps, p.dnsMs, p.crcErrors])).toEqual([
      [100_000, 12.5, 35],
      [90_000, 18.5, 35],
    ]);
    expect(s.points[0]?.snrUpDb).toBe(8);
  });
});
