import type { Db } from './db.js';

/**
 * Dates samples on the server's clock. Every sample carries the agent's
 * monotonic time since boot (`monoMs`); the boot's epoch on the server's
 * clock is at most `receivedAt − monoMs` for any sample of that boot, and
 * the smallest such value (a sample sent live, with the least delay) is the
 * best estimate. So `t = epoch + monoMs`, right to within the least network
 * delay, whatever the agent's wall clock says.
 *
 * When a better (smaller) epoch turns up — e.g. the first live sample after
 * a backlog that arrived first — the boot's earlier samples are re-dated.
 *
 * @example
 * const clock = bootClock(db);
 * const epoch = clock.epoch(agentId, bootId, receivedAt - monoMs);
 */
export function bootClock(db: Db) {
  const q = {
    get: db.prepare<[string, string], { epoch_ms: number }>(
      'SELECT epoch_ms FROM agent_boots WHERE agent_id = ? AND boot_id = ?',
    ),
    upsert: db.prepare(`INSERT INTO agent_boots (agent_id, boot_id, epoch_ms) VALUES (?, ?, ?)
      ON CONFLICT (agent_id, boot_id) DO UPDATE SET epoch_ms = excluded.epoch_ms`),
    redateMeasurements: db.prepare(`UPDATE measurements SET t = ? + CAST(mono_ms AS INTEGER)
      WHERE agent_id = ? AND boot_id = ? AND mono_ms IS NOT NULL`),
    redateEvents: db.prepare(`UPDATE agent_events SET t = ? + CAST(mono_ms AS INTEGER)
      WHERE agent_id = ? AND boot_id = ? AND mono_ms IS NOT NULL`),
  };
  return {
    /**
     * The boot's epoch after considering `candidate` (= receivedAt − monoMs
     * of a new sample); re-dates the boot's stored samples when it moved.
     * Call inside the ingest transaction.
     */
    epoch(agentId: string, bootId: string, candidate: number): number {
      const stored = q.get.get(agentId, bootId)?.epoch_ms;
      const epoch = Math.round(stored === undefined ? candidate : Math.min(stored, candidate));
      if (epoch === stored) return epoch;
      q.upsert.run(agentId, bootId, epoch);
      if (stored !== undefined) {
        q.redateMeasurements.run(epoch, agentId, bootId);
        q.redateEvents.run(epoch, agentId, bootId);
      }
      return epoch;
    },
  };
}
