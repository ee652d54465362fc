import type { Db } from './db.js';

/** A hole in one agent boot's sequence numbers: `from_seq`…`to_seq` (inclusive) are still missing. */
export interface GapRow {
  id: number;
  org_id: string;
  site_id: string;
  agent_id: string;
  boot_id: string;
  from_seq: number;
  to_seq: number;
  detected_at: number;
  closed_at: number | null;
  closed_by: GapClosedBy | null;
}

/** Why a gap closed: its samples arrived, the agent reported them dropped, or they were never taken (a restart). */
export type GapClosedBy = 'arrived' | 'reported' | 'skipped';

/** An agent's report that it dropped `count` samples (its `outbox_dropped` event at `seq`). */
export interface DropRow {
  id: number;
  org_id: string;
  site_id: string;
  agent_id: string;
  boot_id: string;
  seq: number;
  count: number;
  /** How many of them matched open gaps (the rest the server had, or could not see). */
  explained: number;
  received_at: number;
}

/** Where a gap or drop belongs. */
export interface GapOwner {
  orgId: string;
  siteId: string;
  agentId: string;
  bootId: string;
}

/**
 * Sequence gaps and reported drops of agent boots (migration 5). The
 * bookkeeping that decides what is a gap lives in `ingest/gaps.ts`; this
 * is only its storage.
 *
 * @example
 * const gaps = gapsRepo(db);
 * gaps.maxSeq(agentId, bootId) // 41, the highest seq stored for that boot
 */
export function gapsRepo(db: Db) {
  const q = {
    maxMeasurement: db.prepare<[string, string], { s: number | null }>(
      'SELECT MAX(seq) AS s FROM measurements WHERE agent_id = ? AND boot_id = ?',
    ),
    maxEvent: db.prepare<[string, string], { s: number | null }>(
      'SELECT MAX(seq) AS s FROM agent_events WHERE agent_id = ? AND boot_id = ?',
    ),
    openCount: db.prepare<[string, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM ingest_gaps WHERE agent_id = ? AND boot_id = ? AND closed_at IS NULL',
    ),
    overlapping: db.prepare<[string, string, number, number], GapRow>(
      `SELECT * FROM ingest_gaps WHERE agent_id = ? AND boot_id = ? AND closed_at IS NULL
       AND from_seq <= ? AND to_seq >= ? ORDER BY from_seq`,
    ),
    insert: db.prepare(
      `INSERT INTO ingest_gaps (org_id, site_id, agent_id, boot_id, from_seq, to_seq, detected_at)
       VALUES (@orgId, @siteId, @agentId, @bootId, @from, @to, @at)`,
    ),
    setRange: db.prepare('UPDATE ingest_gaps SET from_seq = ?, to_seq = ? WHERE id = ?'),
    close: db.prepare('UPDATE ingest_gaps SET closed_at = ?, closed_by = ? WHERE id = ?'),
    insertDrop: db.prepare(
      `INSERT OR IGNORE INTO ingest_drops (org_id, site_id, agent_id, boot_id, seq, count, explained, received_at)
       VALUES (@orgId, @siteId, @agentId, @bootId, @seq, @count, @explained, @at)`,
    ),
    dropExists: db.prepare<[string, string, number], { id: number }>(
      'SELECT id FROM ingest_drops WHERE agent_id = ? AND boot_id = ? AND seq = ?',
    ),
    openForSite: db.prepare<[string, number], GapRow>(
      `SELECT * FROM ingest_gaps WHERE site_id = ? AND closed_at IS NULL ORDER BY detected_at DESC, from_seq DESC
       LIMIT ?`,
    ),
    missingForSite: db.prepare<[string], { n: number }>(
      'SELECT COALESCE(SUM(to_seq - from_seq + 1), 0) AS n FROM ingest_gaps WHERE site_id = ? AND closed_at IS NULL',
    ),
    dropsForSite: db.prepare<[string, number], DropRow>(
      'SELECT * FROM ingest_drops WHERE site_id = ? ORDER BY received_at DESC, id DESC LIMIT ?',
    ),
    droppedForSite: db.prepare<[string], { n: number }>(
      'SELECT COALESCE(SUM(count), 0) AS n FROM ingest_drops WHERE site_id = ?',
    ),
    missing: db.prepare<[], { n: number }>(
      'SELECT COALESCE(SUM(to_seq - from_seq + 1), 0) AS n FROM ingest_gaps WHERE closed_at IS NULL',
    ),
  };
  return {
    /** The highest seq stored for a boot, measurements and events alike (the unique index answers it), or null. */
    maxSeq(agentId: string, bootId: string): number | null {
      const m = q.maxMeasurement.get(agentId, bootId)?.s ?? null;
      const e = q.maxEvent.get(agentId, bootId)?.s ?? null;
      return m === null ? e : e === null ? m : Math.max(m, e);
    },
    /** How many open gaps a boot has. */
    openCount: (agentId: string, bootId: string) => q.openCount.get(agentId, bootId)?.n ?? 0,
    /** Open gaps of a boot that overlap `from`…`to`, lowest first. */
    overlapping: (agentId: string, bootId: string, from: number, to: number) =>
      q.overlapping.all(agentId, bootId, to, from),
    insert: (o: GapOwner, from: number, to: number, at: number) => void q.insert.run({ ...o, from, to, at }),
    setRange: (id: number, from: number, to: number) => void q.setRange.run(from, to, id),
    close: (id: number, at: number, by: GapClosedBy) => void q.close.run(at, by, id),
    /** Whether the drop report at this seq is stored already (a re-sent event). */
    hasDrop: (agentId: string, bootId: string, seq: number) =>
      q.dropExists.get(agentId, bootId, seq) !== undefined,
    insertDrop: (o: GapOwner, d: { seq: number; count: number; explained: number }, at: number) =>
      void q.insertDrop.run({ ...o, ...d, at }),
    /** A site's open gaps and reported drops, newest first, at most `limit` of each, with their totals. */
    forSite(siteId: string, limit: number) {
      return {
        gaps: q.openForSite.all(siteId, limit),
        missing: q.missingForSite.get(siteId)?.n ?? 0,
        drops: q.dropsForSite.all(siteId, limit),
        dropped: q.droppedForSite.get(siteId)?.n ?? 0,
      };
    },
    /** Samples missing in open gaps over every site (the gauge). */
    missing: () => q.missing.get()?.n ?? 0,
  };
}
export type GapsRepo = ReturnType<typeof gapsRepo>;
