import { beforeAll, describe, expect, it } from 'vitest';
import { storeWithSite } from '../testing/store.js';
import { prune } from './retention.js';
import { hourMs, minuteMs, rollup } from './rollups.js';

const dayMs = 86_400_000;
const end = Date.UTC(2026, 10, 25, 0, 0, 0);
const begin = end - 2 * dayMs;
let env: ReturnType<typeof storeWithSite>;

/** Latency cycles 10, 20, …, 60 ms within every minute: each minute and hour averages 35. */
beforeAll(async () => {
  env = storeWithSite();
  const samples = Array.from({ length: (2 * dayMs) / 10_000 }, (_, i) => ({
    t: begin + i * 10_000,
    f: { latencyMs: 10 * ((i % 6) + 1) },
  }));
  for (let i = 0; i < samples.length; i += 2000) env.add(samples.slice(i, i + 2000));
  await rollup(env.store.db, { fromMs: 0, toMs: end });
});

const series = (from: number, to: number, max: number) =>
  env.store.measurements.series(env.siteId, from, to, max);

describe('series', () => {
  it('returns raw samples when they fit', () => {
    const s = series(end - 10 * minuteMs, end, 500);
    expect(s.resolution).toBe('raw');
    expect(s.points).toHaveLength(60);
  });

  it('falls back to 1-minute buckets, then hours, then groups of hours', () => {
    const m = series(end - 6 * hourMs, end, 500);
    expect(m.resolution).toBe('1m');
    expect(m.points).toHaveLength(360);
    expect(m.points[0]).toMatchObject({ t: new Date(end - 6 * hourMs).toISOString(), latencyMs: 35 });

    const h = series(begin, end, 100);
    expect(h.resolution).toBe('1h');
    expect(h.points).toHaveLength(48);
    expect(h.points.every((p) => p.latencyMs === 35 && p.lossPct === 0)).toBe(true);

    const g = series(begin, end, 10);
    expect(g.resolution).toBe('5h');
    expect(g.points.map((p) => Date.parse(p.t) - begin)).toEqual(
      Array.from({ length: 10 }, (_, i) => i * 5 * hourMs),
    );
    expect(g.points.every((p) => p.latencyMs === 35)).toBe(true);
  });

  it('never returns more points than asked', () => {
    for (const max of [1, 2, 7, 59, 61, 359, 361, 1000, 20_000]) {
      for (const [from, to] of [
        [end - 10 * minuteMs + 1234, end],
        [end - 6 * hourMs - 17, end - 5],
        [begin + 1, end + hourMs],
      ] as const) {
        const s = series(from, to, max);
        expect(s.points.length, `${max} ${s.resolution}`).toBeLessThanOrEqual(max);
        const ts = s.points.map((p) => Date.parse(p.t));
        expect(ts).toEqual([...ts].sort((a, b) => a - b));
      }
    }
  });

  it('keeps a past range within its bounds at every resolution', () => {
    const from = begin + 3 * hourMs;
    const to = begin + 9 * hourMs;
    for (const max of [5000, 400, 6, 4, 3]) {
      const s = series(from, to, max);
      const ts = s.points.map((p) => Date.parse(p.t));
      const width = { raw: 10_000, '1m': minuteMs, '1h': hourMs, '2h': 2 * hourMs }[s.resolution] as number;
      expect(ts, s.resolution).toEqual(
        Array.from({ length: Math.ceil((to - from) / width) }, (_, i) => from + i * width),
      );
      expect(ts.at(-1)).toBeLessThan(to);
    }
  });

  it('serves a range reaching past raw retention from the rollups', async () => {
    const { store, siteId, add } = storeWithSite();
    add(Array.from({ length: (2 * dayMs) / 10_000 }, (_, i) => ({ t: begin + i * 10_000 })));
    await rollup(store.db, { fromMs: 0, toMs: end });
    await prune(store.db, { rawRetentionDays: 1, minuteRetentionDays: 90, hourRetentionDays: 730 }, end);
    const s = store.measurements.series(siteId, begin, end, 100_000);
    expect(s.resolution).toBe('1m');
    expect(s.points).toHaveLength(2 * 24 * 60);
    // the hour not yet rolled up comes from its minutes
    store.db.prepare('DELETE FROM measurements_1h WHERE bucket_start >= ?').run(end - hourMs);
    expect(store.measurements.series(siteId, begin, end, 48).points).toHaveLength(48);
  });
});
