import type { MeasurementPoint } from '@linewatch/shared';
import { type CrcReading, crcIncreases, crcSeedReader } from './crc-increases.js';
import type { Db } from './db.js';
import { figures, hourMs, minuteMs } from './rollups.js';

type Figure = (typeof figures)[number];

/** A raw row or a group of buckets: each figure's average, and the CRC errors counted in it. */
type PointRow = { t: number; crc_increase: number | null } & Record<Figure, number | null>;
type RawRow = Omit<PointRow, 'crc_increase'> & CrcReading;

export interface Series {
  resolution: string;
  points: MeasurementPoint[];
}

/** The API's name of each figure column. */
const pointKeys = {
  gateway_rtt_ms: 'gatewayRttMs',
  latency_ms: 'latencyMs',
  loss_pct: 'lossPct',
  jitter_ms: 'jitterMs',
  dns_ms: 'dnsMs',
  sync_down_kbps: 'syncDownKbps',
  sync_up_kbps: 'syncUpKbps',
  snr_down_db: 'snrDownDb',
  snr_up_db: 'snrUpDb',
  atten_down_db: 'attenuationDownDb',
  atten_up_db: 'attenuationUpDb',
} as const satisfies Record<Figure, Exclude<keyof MeasurementPoint, 't' | 'crcErrors'>>;

function toPoint(r: PointRow): MeasurementPoint {
  const point = { t: new Date(r.t).toISOString(), crcErrors: r.crc_increase } as MeasurementPoint;
  for (const f of figures) point[pointKeys[f]] = r[f];
  return point;
}

const floorTo = (t: number, width: number) => t - (((t % width) + width) % width);

/**
 * Sample-weighted averages over groups of `@width` ms of the buckets in
 * `source`; CRC errors add up (null when no bucket knew an increase).
 * better-sqlite3 binds JS numbers as REAL, hence the CAST.
 */
const grouped = (source: string) => `SELECT
    @base + CAST((bucket_start - @base) / @width AS INTEGER) * @width AS t,
    ${figures.map((f) => `SUM(${f}_sum) / SUM(${f}_n) AS ${f}`).join(',\n    ')},
    CASE WHEN SUM(crc_increase_n) > 0 THEN SUM(crc_increase_sum) END AS crc_increase
  FROM (${source}) GROUP BY 1 ORDER BY 1`;

type Range = { siteId: string; from: number; to: number };
type GroupParams = Range & { base: number; width: number; tail: number };

/**
 * Reads a site's chart series at the finest resolution that fits
 * `maxPoints`: raw samples, 1-minute buckets, 1-hour buckets, or hours
 * grouped further (`6h`). Points are oldest first, `t` = bucket start.
 *
 * A resolution is used only if it covers the whole range: when its oldest
 * stored row is younger than `from` and a coarser table holds data before
 * it, the range reaches past that resolution's retention and the coarser
 * one serves the whole range (never a chart mixing raw and averages).
 * The hourly path fills the hour(s) not yet rolled up from 1-minute
 * buckets; the newest, not yet complete minute appears only in `raw`.
 */
export function seriesReader(db: Db) {
  const q = {
    count: db.prepare<[string, number, number], { n: number }>(
      'SELECT COUNT(*) AS n FROM measurements WHERE site_id = ? AND t >= ? AND t < ?',
    ),
    raw: db.prepare<[string, number, number], RawRow>(
      `SELECT t, ${figures.join(', ')}, crc_errors
       FROM measurements WHERE site_id = ? AND t >= ? AND t < ? ORDER BY t`,
    ),
    oldestRaw: db.prepare<[string], { t: number | null }>(
      'SELECT MIN(t) AS t FROM measurements WHERE site_id = ?',
    ),
    oldest1m: db.prepare<[string], { t: number | null }>(
      'SELECT MIN(bucket_start) AS t FROM measurements_1m WHERE site_id = ?',
    ),
    newest1h: db.prepare<[string], { t: number | null }>(
      'SELECT MAX(bucket_start) AS t FROM measurements_1h WHERE site_id = ?',
    ),
    any1m: db.prepare<[string, number, number], { n: number }>(
      'SELECT COUNT(*) AS n FROM (SELECT 1 FROM measurements_1m WHERE site_id = ? AND bucket_start >= ? AND bucket_start < ? LIMIT 1)',
    ),
    any1h: db.prepare<[string, number, number], { n: number }>(
      'SELECT COUNT(*) AS n FROM (SELECT 1 FROM measurements_1h WHERE site_id = ? AND bucket_start >= ? AND bucket_start < ? LIMIT 1)',
    ),
    minutes: db.prepare<[GroupParams], PointRow>(
      grouped(
        `SELECT * FROM measurements_1m WHERE site_id = @siteId AND bucket_start >= @base AND bucket_start < @to`,
      ),
    ),
    hours: db.prepare<[GroupParams], PointRow>(
      grouped(`SELECT * FROM measurements_1h WHERE site_id = @siteId AND bucket_start >= @base AND bucket_start < MIN(@tail, @to)
        UNION ALL
        SELECT * FROM measurements_1m WHERE site_id = @siteId AND bucket_start >= MAX(@base, @tail) AND bucket_start < @to`),
    ),
  };

  const crcSeed = crcSeedReader(db);

  return function series(siteId: string, from: number, to: number, maxPoints: number): Series {
    const limit = Math.max(1, Math.floor(maxPoints));
    // 1. raw, if it reaches back to `from` (or no rollup holds anything older) and fits
    const oldestRaw = q.oldestRaw.get(siteId)?.t ?? null;
    const rawCovers =
      (oldestRaw !== null && oldestRaw <= from) ||
      (q.any1m.get(siteId, from, Math.min(oldestRaw ?? to, to))?.n ?? 0) === 0;
    if (rawCovers && (q.count.get(siteId, from, to)?.n ?? 0) <= limit) {
      const rows = q.raw.all(siteId, from, to);
      const increases = crcIncreases(rows, crcSeed(siteId, rows));
      return {
        resolution: 'raw',
        points: rows.map((r, i) => toPoint({ ...r, crc_increase: increases[i] ?? null })),
      };
    }

    // 2. 1-minute buckets, on the same condition against the hourly table
    const minuteBase = floorTo(from, minuteMs);
    const oldest1m = q.oldest1m.get(siteId)?.t ?? null;
    const minuteCovers =
      (oldest1m !== null && oldest1m <= minuteBase) ||
      (q.any1h.get(siteId, minuteBase, Math.min(oldest1m ?? to, to))?.n ?? 0) === 0;
    if (minuteCovers && Math.ceil((to - minuteBase) / minuteMs) <= limit) {
      const rows = q.minutes.all({ siteId, from, to, base: minuteBase, width: minuteMs, tail: to });
      return { resolution: '1m', points: rows.slice(0, limit).map(toPoint) };
    }

    // 3. hours, grouped by as many as needed to fit; the not yet rolled-up tail from minutes
    const base = floorTo(from, hourMs);
    const hours = Math.max(1, Math.ceil((to - base) / limit / hourMs));
    const newest = q.newest1h.get(siteId)?.t ?? null;
    const tail = newest === null ? base : newest + hourMs;
    const rows = q.hours.all({ siteId, from, to, base, width: hours * hourMs, tail });
    return { resolution: `${hours}h`, points: rows.slice(0, limit).map(toPoint) };
  };
}
