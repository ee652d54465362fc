import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import { AgentError, errorText } from '../errors.js';

export type Db = BetterSqlite3.Database;

/** `PRAGMA user_version` of the outbox format this agent writes. */
export const outboxFormat = 1;

/**
 * SQLite's page cache, in KiB (a negative `cache_size` is KiB). SQLite's
 * default is 2 MiB; the agent's whole budget is 60 MB RSS, and its queries
 * touch a few pages at the tail and the head of the queue, so 1 MiB is plenty.
 */
export const cacheKiB = 1024;

/**
 * The file is not an outbox this agent can use: not SQLite, damaged, or
 * another format. The caller sets it aside ({@link openOutbox}).
 */
export class OutboxFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboxFormatError';
  }
}

const requireHere = createRequire(import.meta.url);
let driver: typeof BetterSqlite3 | undefined;

/**
 * better-sqlite3, loaded on first use. It is a native module and not in the
 * agent's bundle: loaded lazily, `--help`, `enroll` and `check` work without
 * it, and a box where it is missing gets one sentence saying what to install.
 *
 * @throws AgentError when the module is missing or built for another Node.js.
 */
export function sqliteDriver(): typeof BetterSqlite3 {
  if (driver) return driver;
  try {
    driver = requireHere('better-sqlite3') as typeof BetterSqlite3;
    return driver;
  } catch (error) {
    throw new AgentError(
      `The agent's outbox needs the Node.js module better-sqlite3 (${errorText(error).split('\n')[0]}); ` +
        'install it next to the agent: "npm install --omit=dev" in the directory of linewatch-agent.mjs (see INSTALL.md).',
      { cause: error },
    );
  }
}

/**
 * The schema (format 1). A sample's identity is (boot_id, seq), unique;
 * `position` (the rowid: no second b-tree for the rows) is the queue order,
 * handed out by the outbox in increasing order. `samples_by_age` serves
 * eviction ("oldest unprotected first") and, since it holds `bytes`, lets
 * the totals at start-up be summed without reading a single payload.
 */
const schema = `
CREATE TABLE samples (
  position INTEGER PRIMARY KEY,
  boot_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('measurement', 'event')),
  protected INTEGER NOT NULL CHECK (protected IN (0, 1)),
  bytes INTEGER NOT NULL,
  payload TEXT NOT NULL,
  UNIQUE (boot_id, seq)
);
CREATE INDEX samples_by_age ON samples (protected, position, bytes);
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('dropped', 0);
PRAGMA user_version = ${outboxFormat};
`;

/** What the outbox holds, read once at start; kept up to date in memory after. */
export const OutboxTotals = z.object({
  size: z.number().int().min(0),
  bytes: z.number().int().min(0),
  /** The highest position in use (0: empty). */
  head: z.number().int().min(0),
  /** Samples dropped for room and not reported yet. */
  dropped: z.number().int().min(0),
});
export type OutboxTotals = z.infer<typeof OutboxTotals>;

/**
 * Opens (creating if needed) an outbox database and checks it.
 *
 * - `locking_mode = EXCLUSIVE`: one agent per outbox. A second process gets
 *   SQLITE_BUSY at once (`timeout: 0`) instead of both sending the same
 *   backlog; and with WAL the index of the log lives in this process's
 *   memory, no `-shm` file.
 * - `journal_mode = WAL`: a commit appends to the log; an interrupted one
 *   (kill -9, power cut) is discarded whole when the file is opened next.
 *   `synchronous` is chosen per transaction by the outbox (see
 *   {@link SqliteOutbox}); FULL is the default here.
 * - `quick_check` reads every page once (a second or two for 50 MB on an SD
 *   card, once per start): a damaged file is found now, not in the middle
 *   of a replay.
 *
 * @throws OutboxFormatError or SQLite's error when the file is unusable;
 *   SQLITE_BUSY when another process has it open.
 */
export function openOutboxDb(path: string): { db: Db; totals: OutboxTotals } {
  const Database = sqliteDriver();
  const db = new Database(path, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma(`cache_size = -${cacheKiB}`);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new OutboxFormatError(`quick_check: ${String(check)}`);
    const version = db.pragma('user_version', { simple: true });
    if (version === 0) {
      const tables = db.prepare("SELECT COUNT(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as {
        n: number;
      };
      if (tables.n > 0) throw new OutboxFormatError('a SQLite database, but not an outbox');
      db.exec(`BEGIN; ${schema} COMMIT;`);
    } else if (version !== outboxFormat) {
      throw new OutboxFormatError(`outbox format ${String(version)}; this agent reads ${outboxFormat}`);
    }
    return { db, totals: readTotals(db) };
  } catch (error) {
    db.close();
    throw error;
  }
}

function readTotals(db: Db): OutboxTotals {
  let row: unknown;
  try {
    // Every column the outbox uses, or a clear error now rather than later.
    db.prepare('SELECT position, boot_id, seq, kind, protected, bytes, payload FROM samples LIMIT 0').all();
    row = db
      .prepare(
        `SELECT COUNT(*) AS size, COALESCE(SUM(bytes), 0) AS bytes, COALESCE(MAX(position), 0) AS head,
           (SELECT value FROM meta WHERE key = 'dropped') AS dropped FROM samples`,
      )
      .get();
  } catch (error) {
    // A missing table or column: written by something else.
    throw new OutboxFormatError(errorText(error));
  }
  const totals = OutboxTotals.safeParse(row);
  if (!totals.success) {
    const issue = totals.error.issues[0];
    throw new OutboxFormatError(`${issue?.path.join('.')}: ${issue?.message}`);
  }
  return totals.data;
}
