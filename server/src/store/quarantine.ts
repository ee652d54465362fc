import type { Db } from './db.js';

/** Largest part of a refused payload kept for inspection, in bytes. */
export const quarantineKeepBytes = 64 * 1024;

/** Payloads ingest refused, kept for inspection. */
export function quarantineRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO quarantine (org_id, agent_id, topic, reason, payload, received_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM quarantine');
  return {
    add(
      entry: { orgId: string | null; agentId: string | null; topic: string; reason: string; payload: Buffer },
      now: number,
    ) {
      insert.run(
        entry.orgId,
        entry.agentId,
        entry.topic,
        entry.reason.slice(0, 1000),
        entry.payload.subarray(0, quarantineKeepBytes),
        now,
      );
    },
    count: () => count.get()?.n ?? 0,
  };
}
export type QuarantineRepo = ReturnType<typeof quarantineRepo>;
