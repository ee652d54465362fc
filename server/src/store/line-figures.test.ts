import { describe, expect, it } from 'vitest';
import { storeWithSite } from '../testing/store.js';
import { hourMs, minuteMs, rollup } from './rollups.js';

/**
 * The line figures beside latency: DNS time, DSL sync rates, SNR margins,
 * attenuation and the CRC counter's increase — raw and rolled up, across a
 * resync, across bucket edges and for readings that arrive late.
 */
describe('line figures in the chart series', () => {
  const t0 = Date.UTC(2026, 10, 25, 10, 0, 0);
  const sync = (crcErrors: number, downKbps = 100_000) => ({
    downKbps,
    upKbps: 40_000,
    snrDownDb: 9.5,
    snrUpDb: 8,
    crcErrors,
    attenDownDb: 14,
    attenUpDb: 8.5,
  });
  /** Rounds every 10 s from `t0`, the i-th with this CRC counter. */
  const rounds = (counters: readonly number[], from = t0) =>
    counters.map((c, i) => ({ t: from + i * 10_000, f: { dsl: sync(c) } }));
  const crcOf = (env: ReturnType<typeof storeWithSite>, from: number, to: number, max: number) =>
    env.store.measurements.series(env.siteId, from, to, max).points.map((p) => p.crcErrors);

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
    expect(
      s.points.map((p) => [p.dnsMs, p.syncDownKbps, p.snrDownDb, p.attenuationDownDb, p.crcErrors]),
    ).toEqual([
      // the first reading has none before it: its increase is unknown, not 0
      [20, 100_000, 9.5, 14, null],
      [30, 100_000, 9.5, 14, 30],
      [null, null, null, null, 0],
      [null, 80_000, 9.5, 14, 5],
      [null, null, null, null, null],
    ]);
  });

  it('counts the errors since the reading before the range, not from its first sample', () => {
    const env = storeWithSite();
    env.add(rounds([100, 140, 150]));
    expect(crcOf(env, t0 + 10_000, t0 + minuteMs, 100)).toEqual([40, 10]);
  });

  it('leaves the increase unknown after an hour without a reading', () => {
    const env = storeWithSite();
    env.add([...rounds([100]), ...rounds([180, 200], t0 + hourMs + 10_000)]);
    expect(crcOf(env, t0, t0 + 2 * hourMs, 100)).toEqual([null, null, 20]);
  });

  it('rolls them up: averages for rates and margins, the increases summed for CRC errors', async () => {
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
    // 5 increases in the first minute; 6 in the second, the first across the edge between them
    expect(s.points.map((p) => [p.syncDownKbps, p.dnsMs, p.crcErrors])).toEqual([
      [100_000, 12.5, 35],
      [90_000, 18.5, 42],
    ]);
    expect(s.points[0]).toMatchObject({ snrUpDb: 8, attenuationDownDb: 14, attenuationUpDb: 8.5 });
  });

  it('never counts a restarted counter as negative or as its old total, in any bucket', async () => {
    const env = storeWithSite();
    // 5000 errors since the last sync, a resync mid-minute, then 3, 9, 12
    env.add(rounds([4990, 5000, 3, 9, 12, 12]));
    await rollup(env.store.db, { fromMs: 0, toMs: t0 + 2 * hourMs });
    const total = 10 + 3 + 6 + 3 + 0;
    expect(crcOf(env, t0, t0 + minuteMs, 100)).toEqual([null, 10, 3, 6, 3, 0]);
    expect(crcOf(env, t0, t0 + minuteMs, 1)).toEqual([total]);
    expect(crcOf(env, t0, t0 + hourMs, 1)).toEqual([total]);
    expect(crcOf(env, t0, t0 + 2 * hourMs, 1)).toEqual([total]);
  });

  it('re-opens the next minute when a reading arrives late, so no error counts twice or never', async () => {
    const env = storeWithSite();
    const all = rounds([0, 10, 20, 30, 40, 50, 60, 70]);
    env.add(all.filter((_, i) => i !== 5));
    await rollup(env.store.db, { fromMs: 0, toMs: t0 + hourMs });
    expect(crcOf(env, t0, t0 + 2 * minuteMs, 2)).toEqual([40, 30]);

    expect(env.add([all[5] as (typeof all)[number]])).toBe(1);
    // its own minute and the next one, whose first reading now counts from it
    expect(await rollup(env.store.db, { fromMs: 0, toMs: t0 + hourMs })).toEqual({ minutes: 2, hours: 1 });
    expect(crcOf(env, t0, t0 + 2 * minuteMs, 2)).toEqual([50, 20]);
    expect(crcOf(env, t0, t0 + hourMs, 1)).toEqual([70]);
  });
});
