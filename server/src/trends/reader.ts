import type { Db } from '../store/db.js';
import type { DslReading, HourSummary } from './readings.js';

/** The `router` paths read from a raw body, in the order of {@link DslReading}'s figures. */
const paths = [
  '$.router.uptimeSeconds',
  '$.router.dsl.downSnrMarginDb',
  '$.router.dsl.downCurrentKbps',
  '$.router.dsl.crcErrors',
  '$.router.dsl.linkRetrains',
] as const;

type Figures = [number | null, number | null, number | null, number | null, number | null];

/**
 * Reads what the trend analyses need, cheaply enough to run over every
 * site each hour.
 *
 * DSL figures live only in the raw bodies (JSON). Instead of scanning and
 * grouping every raw row (`GROUP BY t / step` visits all ~60,000 index
 * entries of a site's week at one round per 10 s), a recursive CTE walks
 * the slots of `stepMs` and takes the first round of each slot with one
 * index seek on `measurements_site_t`: the cost is one seek per slot
 * whatever the sampling rate. `json_extract` with several paths parses the
 * body once and returns a small JSON array.
 *
 * Latency and loss come from the hourly rollups, which already hold the
 * p90 and the loss sum per hour.
 */
export function trendReader(db: Db) {
  const q = {
    sites: db.prepare<[string, number], { id: string; org_id: string }>(
      'SELECT id, org_id FROM sites WHERE id > ? ORDER BY id LIMIT ?',
    ),
    dsl: db.prepare<{ siteId: string; from: number; to: number; step: number }, { t: number; f: string }>(
      `WITH RECURSIVE slot(s) AS (
         SELECT @from WHERE @from < @to
         UNION ALL SELECT s + @step FROM slot WHERE s + @step < @to
       )
       SELECT m.t AS t, json_extract(m.body, ${paths.map((p) => `'${p}'`).join(', ')}) AS f
       FROM slot JOIN measurements m ON m.rowid = (
         SELECT rowid FROM measurements
         WHERE site_id = @siteId AND t >= slot.s AND t < MIN(slot.s + @step, @to)
         ORDER BY t LIMIT 1
       )
       ORDER BY m.t`,
    ),
    hours: db.prepare<
      [string, number, number],
      { bucket_start: number; samples: number; p90: number | null; loss_sum: number | null; loss_n: number }
    >(
      `SELECT bucket_start, samples, latency_p90_ms AS p90, loss_pct_sum AS loss_sum, loss_pct_n AS loss_n
       FROM measurements_1h WHERE site_id = ? AND bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start`,
    ),
  };
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    /** One page of sites after `afterId` (keyset paging: stable while sites are added). */
    sites: (afterId: string, limit: number) => q.sites.all(afterId, limit),
    /** At most one reading per `stepMs` slot in [from, to), oldest first. */
    dsl(siteId: string, from: number, to: number, stepMs: number): DslReading[] {
      return q.dsl.all({ siteId, from, to, step: stepMs }).map((r) => {
        const f = (JSON.parse(r.f) as unknown[]).map(num) as Figures;
        return {
          t: r.t,
          routerUptimeSeconds: f[0],
          downSnrMarginDb: f[1],
          downCurrentKbps: f[2],
          crcErrors: f[3],
          linkRetrains: f[4],
        };
      });
    },
    /** The hourly rollups in [from, to), oldest first. */
    hours(siteId: string, from: number, to: number): HourSummary[] {
      return q.hours.all(siteId, from, to).map((r) => ({
        bucketStart: r.bucket_start,
        samples: r.samples,
        latencyP90Ms: r.p90,
        lossPct: r.loss_n > 0 && r.loss_sum !== null ? r.loss_sum / r.loss_n : null,
      }));
    },
  };
}
export type TrendReader = ReturnType<typeof trendReader>;
