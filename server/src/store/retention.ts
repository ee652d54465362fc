import type { Db } from './db.js';

const dayMs = 86_400_000;

/** How long each kind of data is kept, in days. */
export interface RetentionDays {
  rawRetentionDays: number;
  minuteRetentionDays: number;
  hourRetentionDays: number;
}

/** Refused payloads are only kept for inspection. */
export const quarantineRetentionDays = 30;

/**
 * Each prune deletes by rowid (or primary key) through the per-site index:
 * looping sites and seeking `(site_id, t < cutoff)` finds old rows without
 * scanning the table, also when nothing is old. `CROSS JOIN` pins that loop
 * order; left to itself the planner scans the whole index instead.
 */
const prunes = [
  {
    table: 'measurements',
    keep: (d: RetentionDays) => d.rawRetentionDays,
    sql: `DELETE FROM measurements WHERE rowid IN (SELECT m.rowid FROM sites s
      CROSS JOIN measurements m ON m.site_id = s.id AND m.t < @cutoff LIMIT @limit)`,
  },
  {
    table: 'agent_events',
    keep: (d: RetentionDays) => d.rawRetentionDays,
    sql: `DELETE FROM agent_events WHERE rowid IN (SELECT e.rowid FROM sites s
      CROSS JOIN agent_events e ON e.site_id = s.id AND e.t < @cutoff LIMIT @limit)`,
  },
  {
    table: 'measurements_1m',
    keep: (d: RetentionDays) => d.minuteRetentionDays,
    sql: `DELETE FROM measurements_1m WHERE (site_id, bucket_start) IN (SELECT b.site_id, b.bucket_start
      FROM sites s CROSS JOIN measurements_1m b ON b.site_id = s.id AND b.bucket_start < @cutoff LIMIT @limit)`,
  },
  {
    table: 'measurements_1h',
    keep: (d: RetentionDays) => d.hourRetentionDays,
    sql: `DELETE FROM measurements_1h WHERE (site_id, bucket_start) IN (SELECT b.site_id, b.bucket_start
      FROM sites s CROSS JOIN measurements_1h b ON b.site_id = s.id AND b.bucket_start < @cutoff LIMIT @limit)`,
  },
  {
    // a mark older than raw retention can never be recomputed from raw rows
    table: 'rollup_dirty',
    keep: (d: RetentionDays) => d.rawRetentionDays,
    sql: `DELETE FROM rollup_dirty WHERE (width_ms, bucket_start, site_id) IN (SELECT width_ms, bucket_start, site_id
      FROM rollup_dirty WHERE width_ms = 60000 AND bucket_start < @cutoff LIMIT @limit)`,
  },
  {
    // a gap or drop report outlives the raw samples it is about by nothing
    table: 'ingest_gaps',
    keep: (d: RetentionDays) => d.rawRetentionDays,
    sql: `DELETE FROM ingest_gaps WHERE id IN (SELECT g.id FROM sites s
      CROSS JOIN ingest_gaps g ON g.site_id = s.id AND g.detected_at < @cutoff LIMIT @limit)`,
  },
  {
    table: 'ingest_drops',
    keep: (d: RetentionDays) => d.rawRetentionDays,
    sql: `DELETE FROM ingest_drops WHERE id IN (SELECT r.id FROM sites s
      CROSS JOIN ingest_drops r ON r.site_id = s.id AND r.received_at < @cutoff LIMIT @limit)`,
  },
  {
    // small and append-only: the rowid order scan meets the oldest first
    table: 'quarantine',
    keep: () => quarantineRetentionDays,
    sql: 'DELETE FROM quarantine WHERE id IN (SELECT id FROM quarantine WHERE received_at < @cutoff LIMIT @limit)',
  },
] as const;

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Deletes raw rows, agent events, sequence gaps and drop reports, minute
 * and hour buckets and quarantined payloads older than their retention, `batchSize` rows per statement with
 * a turn of the event loop between batches, so ingest never waits long.
 * Returns how many rows went from each table.
 *
 * @example
 * await prune(db, { rawRetentionDays: 14, minuteRetentionDays: 90, hourRetentionDays: 730 }, Date.now());
 */
export async function prune(
  db: Db,
  days: RetentionDays,
  now: number,
  batchSize = 5000,
): Promise<Record<(typeof prunes)[number]['table'], number>> {
  const deleted = Object.fromEntries(prunes.map((p) => [p.table, 0])) as Record<
    (typeof prunes)[number]['table'],
    number
  >;
  for (const p of prunes) {
    const stmt = db.prepare(p.sql);
    const cutoff = now - p.keep(days) * dayMs;
    for (;;) {
      const n = stmt.run({ cutoff, limit: batchSize }).changes;
      deleted[p.table] += n;
      if (n < batchSize) break;
      await yieldTurn();
    }
  }
  return deleted;
}
