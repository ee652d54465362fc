import { join } from 'node:path';
import Database from 'better-sqlite3';

/** A sample's identity, `<bootId>/<seq>`: unique per agent. */
export type SampleId = string;

/**
 * The samples an agent process says it produced: with `LINEWATCH_LOG_LEVEL=debug`
 * it logs `sample queued` with the boot id and sequence of each measurement
 * and event once it is in the outbox.
 */
export function producedSamples(output: string): SampleId[] {
  return queuedSamples(output).map((s) => s.id);
}

/** Like {@link producedSamples}, with each sample's kind (`measurement` or the event kind) and seq. */
export function queuedSamples(output: string): { id: SampleId; kind: string; seq: number }[] {
  const queued: { id: SampleId; kind: string; seq: number }[] = [];
  for (const line of output.split('\n')) {
    if (!line.includes('"sample queued"')) continue;
    const entry = JSON.parse(line) as { bootId: string; seq: number; kind: string };
    queued.push({ id: `${entry.bootId}/${entry.seq}`, kind: entry.kind, seq: entry.seq });
  }
  return queued;
}

/** One stored sample as the server dated it. */
export interface StoredSample {
  id: SampleId;
  seq: number;
  /** `measurement`, or the event kind. */
  kind: string;
  /** Server-corrected time, ms. */
  t: number;
  /** The agent's own wall-clock time, ms. */
  agentT: number | null;
  status: string | null;
  cause: string | null;
  /** An event's data, JSON. */
  data: string | null;
}

/**
 * Every measurement and event the server stored for an agent, read straight
 * from its SQLite database (read-only; safe while the server runs, WAL).
 */
export function storedSamples(dataDir: string, agentId: string): StoredSample[] {
  const db = new Database(join(dataDir, 'linewatch.db'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT boot_id || '/' || seq AS id, seq, 'measurement' AS kind, t, agent_t AS agentT,
                diag_status AS status, diag_cause AS cause, NULL AS data
           FROM measurements WHERE agent_id = ?
         UNION ALL
         SELECT boot_id || '/' || seq, seq, kind, t, agent_t, NULL, NULL, data
           FROM agent_events WHERE agent_id = ?
         ORDER BY t`,
      )
      .all(agentId, agentId) as StoredSample[];
  } finally {
    db.close();
  }
}

/** Items of `a` not in `b`. */
export function minus<T>(a: Iterable<T>, b: Iterable<T>): T[] {
  const set = new Set(b);
  return [...a].filter((x) => !set.has(x));
}

/** Items that occur more than once. */
export function repeated<T>(items: readonly T[]): T[] {
  const seen = new Set<T>();
  const again = new Set<T>();
  for (const x of items) (seen.has(x) ? again : seen).add(x);
  return [...again];
}

/**
 * The samples still waiting in an agent's on-disk outbox (`<config>.outbox.db`
 * beside its config), as `<bootId>/<seq>`. Read only after the agent stopped:
 * a running agent holds the file locked.
 */
export function outboxSamples(agentDir: string): SampleId[] {
  const db = new Database(join(agentDir, 'agent.json.outbox.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT boot_id || '/' || seq AS id FROM samples").all() as { id: string }[]).map(
      (r) => r.id,
    );
  } finally {
    db.close();
  }
}
