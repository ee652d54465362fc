import { describe, expect, it } from 'vitest';
import { type Figures, storeWithSite } from '../testing/store.js';
import type { Db } from './db.js';
import { bucketOf } from './latency-histogram.js';
import { type BucketRow, figures, hourMs, minuteMs, rollup } from './rollups.js';

const start = Date.UTC(2026, 0, 5, 10, 0, 0);

/**
 * Deterministic varied figures, with gaps (null) now and then: a DSL line
 * whose router is not read every 29th round, out of sync every 97th (its
 * CRC counter restarts then), with a CRC counter that grows unevenly.
 */
function figuresAt(i: number): Figures {
  const r = (k: number) => ((i * 7919 + k * 104729) % 1000) / 1000;
  const sinceResync = i % 97;
  return {
    gatewayRttMs: i % 17 === 0 ? null : 0.3 + r(1) * 2,
    latencyMs: i % 23 === 0 ? null : 5 + r(2) ** 3 * 400,
    lossPct: Math.floor(r(3) * 4),
    jitterMs: 0.1 + r(4) * 5,
    ...(i % 13 === 0 ? {} : { dnsMs: 8 + r(5) * 90 }),
    ...(i % 29 === 0
      ? {}
      : {
          dsl:
            sinceResync === 0
              ? 'lost'
              : {
                  downKbps: 90_000 + Math.round(r(6) * 10_000),
                  upKbps: 40_000,
                  snrDownDb: 6 + Math.round(r(7) * 60) / 10,
                  snrUpDb: 8,
                  crcErrors: sinceResync * sinceResync + (i % 7),
                  attenDownDb: 14,
                  attenUpDb: 8,
                },
        }),
  };
}

/** A figure of a sample as the store derives it (DSL figures only while in sync). */
function value(f: Figures, fig: (typeof figures)[number]): number | null | undefined {
  const dsl = f.dsl === 'lost' ? undefined : f.dsl;
  const of = {
    gateway_rtt_ms: f.gatewayRttMs,
    latency_ms: f.latencyMs,
    loss_pct: f.lossPct,
    jitter_ms: f.jitterMs,
    dns_ms: f.dnsMs,
    sync_down_kbps: dsl?.downKbps,
    sync_up_kbps: dsl?.upKbps,
    snr_down_db: dsl?.snrDownDb,
    snr_up_db: dsl?.snrUpDb,
    atten_down_db: dsl?.attenDownDb,
    atten_up_db: dsl?.attenUpDb,
  };
  return of[fig];
}

/** The CRC counter a sample carries (0 while out of sync), or null without a router. */
const counter = (f: Figures) => (f.dsl === undefined ? null : f.dsl === 'lost' ? 0 : f.dsl.crcErrors);

/** Each sample's CRC errors since the reading before it (a lower reading: the counter restarted at 0). */
function withIncreases<S extends { f: Figures }>(samples: S[]): (S & { crc: number | null })[] {
  let before: number | null = null;
  return samples.map((s) => {
    const now = counter(s.f);
    const crc = now === null || before === null ? null : now >= before ? now - before : now;
    if (now !== null) before = now;
    return { ...s, crc };
  });
}

/** What a bucket over these samples must hold, computed the obvious way. */
function expected(samples: { t: number; f: Figures }[]) {
  const out: Record<string, { min: number | null; sum: number | null; n: number; max: number | null }> = {};
  for (const fig of figures) {
    const vs = samples.flatMap((s) => {
      const v = value(s.f, fig);
      return typeof v === 'number' ? [v] : [];
    });
    out[fig] = vs.length
      ? { min: Math.min(...vs), sum: vs.reduce((a, b) => a + b, 0), n: vs.length, max: Math.max(...vs) }
      : { min: null, sum: null, n: 0, max: null };
  }
  return out;
}

function nearestRank(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil(p * s.length)) - 1] as number;
}

function checkBucket(row: BucketRow | undefined, samples: { t: number; f: Figures; crc: number | null }[]) {
  expect(row).toBeDefined();
  const b = row as BucketRow;
  expect(b.samples).toBe(samples.length);
  const want = expected(samples);
  for (const fig of figures) {
    const w = want[fig] as { min: number | null; sum: number | null; n: number; max: number | null };
    expect(b[`${fig}_n`]).toBe(w.n);
    expect(b[`${fig}_min`]).toBe(w.min);
    expect(b[`${fig}_max`]).toBe(w.max);
    if (w.sum === null) expect(b[`${fig}_sum`]).toBeNull();
    else expect(b[`${fig}_sum`]).toBeCloseTo(w.sum, 6);
  }
  const crc = samples.flatMap((s) => (s.crc === null ? [] : [s.crc]));
  expect([b.crc_increase_sum, b.crc_increase_n]).toEqual([
    crc.length ? crc.reduce((x, y) => x + y, 0) : null,
    crc.length,
  ]);
  const lat = samples.flatMap((s) => (typeof s.f.latencyMs === 'number' ? [s.f.latencyMs] : []));
  expect(bucketOf(b.latency_p50_ms as number)).toBe(bucketOf(nearestRank(lat, 0.5)));
  expect(bucketOf(b.latency_p90_ms as number)).toBe(bucketOf(nearestRank(lat, 0.9)));
}

const bucket = (db: Db, table: string, siteId: string, t: number) =>
  db.prepare(`SELECT * FROM ${table} WHERE site_id = ? AND bucket_start = ?`).get(siteId, t) as
    | BucketRow
    | undefined;
const snapshot = (db: Db) => ({
  m: db.prepare('SELECT * FROM measurements_1m ORDER BY site_id, bucket_start').all(),
  h: db.prepare('SELECT * FROM measurements_1h ORDER BY site_id, bucket_start').all(),
});

/** Three hours of samples every 10 s. */
function threeHours() {
  const env = storeWithSite();
  const samples = withIncreases(
    Array.from({ length: 3 * 360 }, (_, i) => ({ t: start + i * 10_000, f: figuresAt(i) })),
  );
  env.add(samples);
  return { ...env, samples, end: start + 3 * hourMs };
}

describe('rollup', () => {
  it('agrees with the raw samples per minute and per hour', async () => {
    const { store, siteId, samples, end } = threeHours();
    expect(await rollup(store.db, { fromMs: start, toMs: end })).toEqual({ minutes: 180, hours: 3 });
    for (let t = start; t < end; t += minuteMs) {
      checkBucket(
        bucket(store.db, 'measurements_1m', siteId, t),
        samples.filter((s) => s.t >= t && s.t < t + minuteMs),
      );
    }
    for (let t = start; t < end; t += hourMs) {
      checkBucket(
        bucket(store.db, 'measurements_1h', siteId, t),
        samples.filter((s) => s.t >= t && s.t < t + hourMs),
      );
    }
  });

  it('is idempotent, and small batches give the same buckets', async () => {
    const a = threeHours();
    await rollup(a.store.db, { fromMs: start, toMs: a.end });
    const first = snapshot(a.store.db);
    expect(await rollup(a.store.db, { fromMs: start, toMs: a.end })).toEqual({ minutes: 0, hours: 0 });
    expect(snapshot(a.store.db)).toEqual(first);

    const b = threeHours();
    await rollup(b.store.db, { fromMs: start, toMs: b.end, batchSize: 7 });
    const strip = (rows: unknown[]) => rows.map((r) => ({ ...(r as object), site_id: 0, org_id: 0 }));
    const second = snapshot(b.store.db);
    expect(strip(second.m)).toEqual(strip(first.m));
    expect(strip(second.h)).toEqual(strip(first.h));
  });

  it('leaves incomplete buckets for a later run', async () => {
    const { store, siteId, end } = threeHours();
    await rollup(store.db, { fromMs: start, toMs: end - 30_000 });
    expect(bucket(store.db, 'measurements_1m', siteId, end - minuteMs)).toBeUndefined();
    expect(bucket(store.db, 'measurements_1h', siteId, end - hourMs)).toBeUndefined();
    expect(bucket(store.db, 'measurements_1h', siteId, start)).toBeDefined();
    expect(await rollup(store.db, { fromMs: start, toMs: end })).toEqual({ minutes: 1, hours: 1 });
    expect(bucket(store.db, 'measurements_1m', siteId, end - minuteMs)?.samples).toBe(6);
  });

  it('re-opens the minute and hour of a sample that arrives late', async () => {
    const { store, siteId, samples, add, end } = threeHours();
    await rollup(store.db, { fromMs: start, toMs: end });
    const late = {
      t: start + 25 * minuteMs + 5_000,
      f: { gatewayRttMs: 0.4, latencyMs: 4000, lossPct: 50, jitterMs: 1.5 },
    };
    expect(add([late])).toBe(1);
    expect(await rollup(store.db, { fromMs: start, toMs: end })).toEqual({ minutes: 1, hours: 1 });
    const all = [...samples, { ...late, crc: null }];
    const minute = start + 25 * minuteMs;
    checkBucket(
      bucket(store.db, 'measurements_1m', siteId, minute),
      all.filter((s) => s.t >= minute && s.t < minute + minuteMs),
    );
    checkBucket(
      bucket(store.db, 'measurements_1h', siteId, start),
      all.filter((s) => s.t >= start && s.t < start + hourMs),
    );
    expect(bucket(store.db, 'measurements_1h', siteId, start)?.latency_ms_max).toBe(4000);
  });

  it('records its watermark', async () => {
    const { store, end } = threeHours();
    await rollup(store.db, { fromMs: start, toMs: end });
    expect(store.db.prepare("SELECT value FROM lifecycle_state WHERE key = 'rollup.until'").get()).toEqual({
      value: end,
    });
  });
});
