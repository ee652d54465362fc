import type { OutageSpan } from '../reports/availability.js';
import type { Db } from './db.js';

interface SpanRow {
  site_id: string;
  status: 'down' | 'degraded';
  cause: string | null;
  maintenance: number;
  started_at: number;
  ended_at: number | null;
}

/**
 * What the availability report reads: an org's sites and the site incidents
 * overlapping a time range (an area incident's lines have their own).
 * An incident ends when its line recovered, else when it was closed.
 */
export function availabilityRepo(db: Db) {
  const sites = db.prepare<[string], { id: string; created_at: number }>(
    'SELECT id, created_at FROM sites WHERE org_id = ? ORDER BY customer, name',
  );
  const spans = db.prepare<[string, number, number], SpanRow>(
    `SELECT site_id, status, cause, maintenance, started_at, COALESCE(recovered_at, resolved_at) AS ended_at
       FROM incidents
      WHERE org_id = ? AND kind = 'site' AND status IN ('down', 'degraded') AND started_at < ?
        AND (COALESCE(recovered_at, resolved_at) IS NULL OR COALESCE(recovered_at, resolved_at) > ?)`,
  );
  return {
    sites: (orgId: string) => sites.all(orgId).map((r) => ({ id: r.id, createdAt: r.created_at })),
    spans: (orgId: string, from: number, to: number): OutageSpan[] =>
      spans.all(orgId, to, from).map((r) => ({
        siteId: r.site_id,
        status: r.status,
        cause: r.cause,
        maintenance: r.maintenance === 1,
        start: r.started_at,
        end: r.ended_at,
      })),
  };
}
