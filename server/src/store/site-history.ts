import type { Measurement } from '@linewatch/shared';
import type { Db } from './db.js';

/** A stored probe round with its server-corrected time. */
export interface DatedMeasurement {
  t: number;
  measurement: Measurement;
}

/**
 * Reads a site's raw probe rounds around an incident: for reconciling an
 * outage from what the agent recorded, and for the hotline report (DSL
 * figures before the fault, router log lines, sync loss time).
 */
export function siteHistoryRepo(db: Db) {
  const q = {
    between: db.prepare<[string, number, number, number], { t: number; body: string }>(
      'SELECT t, body FROM measurements WHERE site_id = ? AND t >= ? AND t <= ? ORDER BY t LIMIT ?',
    ),
    statusBetween: db.prepare<
      [string, number, number, number],
      { t: number; status: string; cause: string | null }
    >(
      `SELECT t, diag_status AS status, diag_cause AS cause FROM measurements
       WHERE site_id = ? AND t >= ? AND t <= ? ORDER BY t LIMIT ?`,
    ),
    before: db.prepare<[string, number, number], { t: number; body: string }>(
      'SELECT t, body FROM measurements WHERE site_id = ? AND t < ? ORDER BY t DESC LIMIT ?',
    ),
  };
  const parse = (r: { t: number; body: string }): DatedMeasurement => ({
    t: r.t,
    measurement: JSON.parse(r.body) as Measurement,
  });
  return {
    /** Probe rounds from `from` to `to`, oldest first, at most `limit`. */
    between: (siteId: string, from: number, to: number, limit = 2000) =>
      q.between.all(siteId, from, to, limit).map(parse),
    /** Only the verdicts, oldest first: cheap enough for hours of samples. */
    verdictsBetween: (siteId: string, from: number, to: number, limit = 50_000) =>
      q.statusBetween.all(siteId, from, to, limit),
    /** The `limit` probe rounds before `t`, newest first. */
    before: (siteId: string, t: number, limit = 50) => q.before.all(siteId, t, limit).map(parse),
  };
}
export type SiteHistoryRepo = ReturnType<typeof siteHistoryRepo>;
