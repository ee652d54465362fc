import { crcIncreases, crcSeedReader } from './crc-increases.js';
import type { Db } from './db.js';
import {
  bucketOf,
  decodeHistogram,
  emptyHistogram,
  encodeHistogram,
  mergeInto,
  percentile,
} from './latency-histogram.js';

export const minuteMs = 60_000;
export const hourMs = 3_600_000;

/** The line figures of a raw measurement, each aggregated as min, sum, count, max. */
export const figures = [
  'gateway_rtt_ms',
  'latency_ms',
  'loss_pct',
  'jitter_ms',
  'dns_ms',
  'sync_down_kbps',
  'sync_up_kbps',
  'snr_down_db',
  'snr_up_db',
  'atten_down_db',
  'atten_up_db',
] as const;
type Figure = (typeof figures)[number];

/** A row of `measurements_1m` / `measurements_1h`. */
export type BucketRow = {
  site_id: string;
  bucket_start: number;
  org_id: string;
  samples: number;
  latency_p50_ms: number | null;
  latency_p90_ms: number | null;
  latency_hist: string;
  /** Sum and count of the samples' CRC error increases (see `crc-increases.ts`). */
  crc_increase_sum: number | null;
  crc_increase_n: number;
} & { [K in `${Figure}_${'min' | 'sum' | 'max'}`]: number | null } & { [K in `${Figure}_n`]: number };

/** A raw row as the minute rollup reads it, with its CRC increase computed. */
type RawRow = { org_id: string; t: number; crc_errors: number | null; crc_increase: number | null } & {
  [K in Figure]: number | null;
};

interface Stat {
  min: number | null;
  sum: number;
  n: number;
  max: number | null;
}

interface Agg {
  orgId: string | null;
  samples: number;
  stats: Record<Figure, Stat>;
  crc: { sum: number; n: number };
  hist: number[];
}

const emptyAgg = (): Agg => ({
  orgId: null,
  samples: 0,
  stats: Object.fromEntries(figures.map((f) => [f, { min: null, sum: 0, n: 0, max: null }])) as Agg['stats'],
  crc: { sum: 0, n: 0 },
  hist: emptyHistogram(),
});

function addStat(s: Stat, min: number | null, sum: number | null, n: number, max: number | null): void {
  if (n === 0 || sum === null || min === null || max === null) return;
  s.min = s.min === null ? min : Math.min(s.min, min);
  s.max = s.max === null ? max : Math.max(s.max, max);
  s.sum += sum;
  s.n += n;
}

function addRaw(a: Agg, r: RawRow): void {
  a.orgId = r.org_id;
  a.samples++;
  for (const f of figures) {
    const v = r[f];
    if (v !== null) addStat(a.stats[f], v, v, 1, v);
  }
  if (r.crc_increase !== null) {
    a.crc.sum += r.crc_increase;
    a.crc.n++;
  }
  if (r.latency_ms !== null) {
    const i = bucketOf(r.latency_ms);
    a.hist[i] = (a.hist[i] ?? 0) + 1;
  }
}

function addBucket(a: Agg, b: BucketRow): void {
  a.orgId = b.org_id;
  a.samples += b.samples;
  for (const f of figures) addStat(a.stats[f], b[`${f}_min`], b[`${f}_sum`], b[`${f}_n`], b[`${f}_max`]);
  if (b.crc_increase_n > 0) {
    a.crc.sum += b.crc_increase_sum ?? 0;
    a.crc.n += b.crc_increase_n;
  }
  mergeInto(a.hist, decodeHistogram(b.latency_hist));
}

function toRow(a: Agg, siteId: string, bucketStart: number): BucketRow {
  const lat = a.stats.latency_ms;
  const row: Record<string, unknown> = {
    site_id: siteId,
    bucket_start: bucketStart,
    org_id: a.orgId,
    samples: a.samples,
    latency_p50_ms: lat.n ? percentile(a.hist, 0.5, lat.min ?? 0, lat.max ?? 0) : null,
    latency_p90_ms: lat.n ? percentile(a.hist, 0.9, lat.min ?? 0, lat.max ?? 0) : null,
    latency_hist: encodeHistogram(a.hist),
    crc_increase_sum: a.crc.n ? a.crc.sum : null,
    crc_increase_n: a.crc.n,
  };
  for (const f of figures) {
    const s = a.stats[f];
    Object.assign(row, {
      [`${f}_min`]: s.min,
      [`${f}_sum`]: s.n ? s.sum : null,
      [`${f}_n`]: s.n,
      [`${f}_max`]: s.max,
    });
  }
  return row as BucketRow;
}

const columns = [
  'site_id',
  'bucket_start',
  'org_id',
  'samples',
  ...figures.flatMap((f) => [`${f}_min`, `${f}_sum`, `${f}_n`, `${f}_max`]),
  'latency_p50_ms',
  'latency_p90_ms',
  'latency_hist',
  'crc_increase_sum',
  'crc_increase_n',
];

/** Whole-bucket upsert: a re-opened bucket is recomputed from all its inputs, never incremented. */
const upsertSql = (table: string) =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
   ON CONFLICT (site_id, bucket_start) DO UPDATE SET ${columns
     .slice(2)
     .map((c) => `${c} = excluded.${c}`)
     .join(', ')}`;

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface RollupRange {
  /** Buckets ending at or before this are left alone (their inputs may be pruned already). */
  fromMs: number;
  /** Only buckets that end at or before this are complete and aggregated. */
  toMs: number;
  /** Buckets per transaction (default 200, about 30 ms), so ingest never waits long for the write lock. */
  batchSize?: number;
}

/**
 * Aggregates raw measurements into one-minute buckets and those into
 * one-hour buckets, for complete buckets overlapping [fromMs, toMs).
 *
 * Late samples: a trigger on `measurements` marks the minute of every
 * stored sample in `rollup_dirty` (migration 3), in the same transaction
 * as the insert. So an agent replaying hours of backlog re-opens exactly
 * the minutes (and through them the hours) it touched, without rescanning
 * by `received_at` and without a lookback window to tune. A CRC reading
 * also re-opens the minute of the reading after it, whose increase it
 * changes (migration 13). Each run:
 * 1. takes up to `batchSize` dirty complete minutes, recomputes each from
 *    its raw rows, upserts it, clears the mark and marks its hour, in one
 *    transaction; yields to the event loop; repeats until none are left;
 * 2. does the same for dirty complete hours from their minutes;
 * 3. records `rollup.until` = toMs in `lifecycle_state`: every complete
 *    bucket before it has been aggregated.
 * Idempotent: running it again finds nothing dirty and changes nothing.
 *
 * @example
 * await rollup(db, { fromMs: now - 14 * 86_400_000, toMs: now });
 */
export async function rollup(db: Db, range: RollupRange): Promise<{ minutes: number; hours: number }> {
  const batchSize = range.batchSize ?? 200;
  const dirty = db.prepare<[number, number, number, number], { bucket_start: number; site_id: string }>(
    `SELECT bucket_start, site_id FROM rollup_dirty
     WHERE width_ms = ? AND bucket_start > ? - width_ms AND bucket_start + width_ms <= ?
     ORDER BY bucket_start LIMIT ?`,
  );
  const clear = db.prepare(
    'DELETE FROM rollup_dirty WHERE width_ms = ? AND bucket_start = ? AND site_id = ?',
  );
  const mark = db.prepare(
    'INSERT INTO rollup_dirty (width_ms, bucket_start, site_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const rawRows = db.prepare<[string, number, number], Omit<RawRow, 'crc_increase'>>(
    `SELECT org_id, t, ${figures.join(', ')}, crc_errors FROM measurements
     WHERE site_id = ? AND t >= ? AND t < ? ORDER BY t`,
  );
  const crcSeed = crcSeedReader(db);
  /** A minute's raw rows, each with its CRC increase (which needs the reading before the minute). */
  const raw = {
    all(siteId: string, from: number, to: number): RawRow[] {
      const rows = rawRows.all(siteId, from, to);
      const increases = crcIncreases(rows, crcSeed(siteId, rows));
      return rows.map((r, i) => ({ ...r, crc_increase: increases[i] ?? null }));
    },
  };
  const minutes = db.prepare<[string, number, number], BucketRow>(
    'SELECT * FROM measurements_1m WHERE site_id = ? AND bucket_start >= ? AND bucket_start < ?',
  );
  const levels = [
    { width: minuteMs, table: 'measurements_1m', parent: hourMs, inputs: raw, add: addRaw },
    { width: hourMs, table: 'measurements_1h', parent: null, inputs: minutes, add: addBucket },
  ] as const;

  const done = { minutes: 0, hours: 0 };
  for (const level of levels) {
    const upsert = db.prepare(upsertSql(level.table));
    const remove = db.prepare(`DELETE FROM ${level.table} WHERE site_id = ? AND bucket_start = ?`);
    const batch = db.transaction((): number => {
      const rows = dirty.all(level.width, range.fromMs, range.toMs, batchSize);
      for (const { bucket_start: start, site_id: siteId } of rows) {
        const agg = emptyAgg();
        for (const r of level.inputs.all(siteId, start, start + level.width)) level.add(agg, r as never);
        if (agg.samples > 0) upsert.run(toRow(agg, siteId, start));
        else remove.run(siteId, start);
        clear.run(level.width, start, siteId);
        if (level.parent) mark.run(level.parent, start - (start % level.parent), siteId);
      }
      return rows.length;
    });
    for (let n = batch(); n > 0; n = batch()) {
      if (level.width === minuteMs) done.minutes += n;
      else done.hours += n;
      await yieldTurn();
    }
  }
  db.prepare(
    `INSERT INTO lifecycle_state (key, value) VALUES ('rollup.until', ?)
     ON CONFLICT (key) DO UPDATE SET value = MAX(value, excluded.value)`,
  ).run(range.toMs);
  return done;
}
