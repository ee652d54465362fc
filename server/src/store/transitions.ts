import type { Cause, SiteStatus } from '@linewatch/shared';
import type { Db } from './db.js';

/** One status change of a site: the row incidents and alerts are derived from. */
export interface Transition {
  siteId: string;
  orgId: string;
  from: SiteStatus;
  to: SiteStatus;
  fromCause: Cause | null;
  cause: Cause | null;
  /** Why the detector changed the status, e.g. `connection_lost`, `silence_deadline`, `agent_diagnosis`. */
  reason: string;
  /** When the change happened (best estimate). */
  at: number;
}

export interface TransitionRow {
  id: number;
  site_id: string;
  old_status: SiteStatus;
  new_status: SiteStatus;
  old_cause: Cause | null;
  cause: Cause | null;
  reason: string;
  at: number;
  created_at: number;
  processed_at: number | null;
}

/** Status-change rows, append-only. */
export function transitionsRepo(db: Db) {
  const q = {
    insert:
      db.prepare(`INSERT INTO transitions (org_id, site_id, old_status, new_status, old_cause, cause, reason, at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    forSite: db.prepare<[string, number], TransitionRow>(
      'SELECT * FROM transitions WHERE site_id = ? ORDER BY id DESC LIMIT ?',
    ),
    unprocessed: db.prepare<[number], TransitionRow>(
      'SELECT * FROM transitions WHERE processed_at IS NULL ORDER BY id LIMIT ?',
    ),
    markProcessed: db.prepare(
      'UPDATE transitions SET processed_at = ? WHERE id = ? AND processed_at IS NULL',
    ),
  };
  return {
    insert: (t: Transition, now: number) =>
      void q.insert.run(t.orgId, t.siteId, t.from, t.to, t.fromCause, t.cause, t.reason, t.at, now),
    forSite: (siteId: string, limit = 100) => q.forSite.all(siteId, limit),
    /** Rows not yet turned into incidents, oldest first. */
    unprocessed: (limit: number) => q.unprocessed.all(limit),
    /** Claims a row: true when this call marked it (compare-and-set). */
    markProcessed: (id: number, now: number) => q.markProcessed.run(now, id).changes === 1,
  };
}
export type TransitionsRepo = ReturnType<typeof transitionsRepo>;
