import type { MeasurementPoint } from '@linewatch/shared';
import type { Db } from './db.js';
import { hourMs, minuteMs } from './rollups.js';

interface PointRow {
  t: number;
  gateway_rtt_ms: number | null;
  latency_ms: number | null;
  loss_pct: number | null;
  jitter_ms: number | null;
  dns_ms: number | null;
  sync_down_kbps: number | null;
  sync_up_kbps: number | null;
  snr_down_db: number | null;
  snr_up_db: number | null;
  /** The increase of the router's CRC counter in the bucket (raw: since the previous sample). */
  crc_errors: number | null;
}

export interface Series {
  resolution: string;
  points: MeasurementPoint[];
}

const toPoint = (r: PointRow): MeasurementPoint => ({
  t: new Date(r.t).toISOString(),
  gatewayRttMs: r.gateway_rtt_ms,
  latencyMs: r.latency_ms,
  lossPct: r.loss_pct,
  jitterMs: r.jitter_ms,
  dnsMs: r.dns_ms,
  syncDownKbps: r.sync_down_kbps,
  syncUpKbps: r.sync_up_kbps,
  snrDownDb: r.snr_down_db,
  snrUpDb: r.snr_up_db,
  crcErrors: r.crc_errors,
});

const avg = (f: string) => `SUM(${f}_sum) / SUM(${f}_n) AS ${f}`;

const floorTo = (t: number, width: number) => t - (((t % width) + width) % width);

/**
 * Sample-weighted averages over groups of `@width` ms of the buckets in
 * `source`. better-sqlite3 binds JS numbers as REAL, hence the CAST.
 */
const grouped = (source: string) => `SELECT
    @base + CAST((bucket_start - @base) / @width AS INTEGER) * @width AS t,
    SUM(gateway_rtt_ms_sum) / SUM(gateway_rtt_ms_n) AS gateway_rtt_ms,
    SUM(latency_ms_sum) / SUM(latency_ms_n) AS latency_ms,
    SUM(loss_pct_sum) / SUM(loss_pct_n) AS loss_pct,
    SUM(jitter_ms_sum) / SUM(jitter_ms_n) AS jitter_ms,
    ${['dns_ms', 'sync_down_kbps', 'sync_up_kbps', 'snr_down_db', 'snr_up_db'].map(avg).join(',\n    ')},
    -- counter increase per bucket; across a resync (counter restarts) the sum of the parts' increases
    CASE WHEN SUM(crc_errors_n) > 0 THEN SUM(MAX(crc_errors_max - crc_errors_min, 0)) END AS crc_errors
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
    raw: db.prepare<
      [string, number, number],
      PointRow
    >(`SELECT t, gateway_rtt_ms, latency_ms, loss_pct, jitter_ms, dns_ms, sync_down_kbps, sync_up_kbps,
        snr_down_db, snr_up_db,
        -- the increase since the previous sample; a restarted counter (resync) counts from 0
        CASE WHEN crc_errors IS NOT NULL THEN
          MAX(crc_errors - COALESCE(LAG(crc_errors) OVER (ORDER BY t), crc_errors), 0) +
          CASE WHEN crc_errors < LAG(crc_errors) OVER (ORDER BY t) THEN crc_errors ELSE 0 END
        END AS crc_errors
      FROM measurements WHERE site_id = ? AND t >= ? AND t < ? ORDER BY t`),
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

  return function series(siteId: string, from: number, to: number, maxPoints: number): Series {
    const limit = Math.max(1, Math.floor(maxPoints));
    // 1. raw, if it reaches back to `from` (or no rollup holds anything older) and fits
    const oldestRaw = q.oldestRaw.get(siteId)?.t ?? null;
    const rawCovers =
      (oldestRaw !== null && oldestRaw <= from) ||
      (q.any1m.get(siteId, from, Math.min(oldestRaw ?? to, to))?.n ?? 0) === 0;
    if (rawCovers && (q.count.get(siteId, from, to)?.n ?? 0) <= limit) {
      return { resolution: 'raw', points: q.raw.all(siteId, from, to).map(toPoint) };
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
