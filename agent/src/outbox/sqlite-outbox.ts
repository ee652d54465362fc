import { defaultOutboxSettings } from '@linewatch/shared';
import type { DueQuery, Outbox, OutboxItem, QueuedItem, Stream } from './outbox.js';
import { SentLog } from './sent-log.js';
import { type Db, type OutboxTotals, openOutboxDb } from './sqlite-db.js';

export interface SqliteOutboxOptions {
  /** Sample JSON kept at most, in bytes (default 50 MB). */
  maxBytes?: number;
}

/** What the outbox holds; changed by a transaction only once it committed. */
type Tally = Omit<OutboxTotals, 'dropped'>;
type Row = { position: number; boot_id: string; seq: number; kind: string; payload: string };

/** Rows looked at per step while evicting. */
const evictStep = 64;

/**
 * The agent's {@link Outbox} in a SQLite file (better-sqlite3): samples wait
 * there, across restarts, kill -9 and power cuts, until the server
 * acknowledges them.
 *
 * **Durability**, chosen per transaction (`synchronous`, WAL mode):
 * - Adding a sample commits with FULL: the log is fsync'ed before `add`
 *   returns, so a sample once taken survives a power cut, not only kill -9.
 *   A power cut is what the product must report (`power_or_device`), and
 *   the samples just before it, taken while the line was already down, are
 *   the evidence.
 * - Acknowledgements commit with NORMAL (no fsync; the log reaches the card
 *   with the next FULL commit or the kernel's writeback). A power cut may
 *   undo the last deletions: those samples are sent again, and ingest,
 *   idempotent on (bootId, seq), acknowledges them again. Skipping that
 *   fsync keeps a replay's acknowledgements (several a second) from
 *   stalling the event loop during a probe round, whose timings it skews.
 * - Either way WAL never tears the file: a commit the card did not fully
 *   get is ignored when the file is opened next.
 *
 * SD-card wear: one fsync'ed commit per sample (every 10 s by default) of a
 * few 4 KiB pages. The kernel writes the same pages within ~30 s anyway, so
 * FULL changes when the card is written more than how much. Measured: ~29 KB
 * written per sample, add and acknowledgement, checkpoints included, i.e.
 * ~250 MB a day; a 16 GB card rated for 1,000 write cycles takes that for
 * decades, even with poor wear levelling.
 *
 * **Bounded** by `maxBytes` of sample JSON: over it, measurements are
 * dropped oldest first; events (outage, diagnosis and command records) are
 * protected. Only if events alone exceed the cap are the oldest events
 * dropped too, as a last resort. Every drop is counted in the file, so the
 * count survives restarts until {@link reportDropped} hands it over; the
 * report itself may exceed the cap by its own few hundred bytes until the
 * next sample is added.
 *
 * **Memory**: SQLite's page cache is 1 MiB (`sqlite-db.ts`); {@link due}
 * reads only the rows it returns, by position range on the rowid b-tree,
 * and hands their JSON on unparsed; what went out on which connection is a
 * few numbers per batch ({@link SentLog}), never a mark per sample.
 *
 * @example
 * const outbox = SqliteOutbox.open('/var/lib/linewatch/agent.outbox.db');
 * outbox.add({ kind: 'measurement', sample });
 * outbox.ack(sample.bootId, [sample.seq]); // 1
 */
export class SqliteOutbox implements Outbox {
  readonly #db: Db;
  readonly #maxBytes: number;
  readonly #sent = new SentLog();
  readonly #s: ReturnType<typeof statements>;
  #tally: Tally;
  /** The `synchronous` setting in force: FULL (true) or NORMAL. */
  #durable = true;

  /** Opens (or creates) the outbox at `path`; see {@link openOutbox} for a file that is damaged. */
  static open(path: string, options: SqliteOutboxOptions = {}): SqliteOutbox {
    const { db, totals } = openOutboxDb(path);
    return new SqliteOutbox(db, totals, options);
  }

  private constructor(db: Db, totals: OutboxTotals, options: SqliteOutboxOptions) {
    this.#db = db;
    this.#maxBytes = options.maxBytes ?? defaultOutboxSettings.maxBytes;
    this.#s = statements(db);
    this.#tally = { size: totals.size, bytes: totals.bytes, head: totals.head };
  }

  get size(): number {
    return this.#tally.size;
  }

  /** Bytes of sample JSON waiting. */
  get bytes(): number {
    return this.#tally.bytes;
  }

  add(item: OutboxItem): void {
    this.#change(true, (t) => this.#evict(t, this.#insert(t, item)));
  }

  reportDropped(report: (count: number) => OutboxItem): number {
    return this.#change(true, (t) => {
      const count = this.#s.dropped.get()?.value ?? 0;
      if (count === 0) return 0;
      this.#s.addDropped.run(-count);
      // No eviction for the report: reporting must not drop what it reports
      // on, or report after report. The next add makes room for it.
      this.#insert(t, report(count));
      return count;
    });
  }

  ack(bootId: string, seqs: readonly number[]): number {
    if (seqs.length === 0) return 0;
    return this.#change(false, (t) => {
      let removed = 0;
      for (const seq of seqs) {
        const row = this.#s.deleteKey.get(bootId, seq);
        if (!row) continue;
        removed++;
        t.size--;
        t.bytes -= row.bytes;
      }
      return removed;
    });
  }

  startConnection(connection: number): void {
    this.#sent.start(connection, this.#tally.head);
  }

  due({ connection, stream, staleBeforeMs, limit }: DueQuery): QueuedItem[] {
    if (connection !== this.#sent.connection || connection === 0 || limit < 1) return [];
    // 1. The stalest span sent and still not acknowledged, if stale.
    for (
      let span = this.#sent.stale(stream, staleBeforeMs);
      span;
      span = this.#sent.stale(stream, staleBeforeMs)
    ) {
      const rows = this.#s.range.all(span.first - 1, span.last, limit);
      if (rows.length > 0) return rows.map(queued);
      this.#sent.dropStale(stream);
    }
    // 2. Else the oldest not sent on this connection.
    const { after, through } = this.#sent.fresh(stream);
    return this.#s.range.all(after, through, limit).map(queued);
  }

  markSent(items: readonly QueuedItem[], connection: number, atMs: number): void {
    if (connection !== this.#sent.connection) return;
    const spans = new Map<Stream, { first: number; last: number }>();
    for (const { position } of items) {
      const stream = this.#sent.streamOf(position);
      const span = spans.get(stream);
      if (!span) spans.set(stream, { first: position, last: position });
      else {
        span.first = Math.min(span.first, position);
        span.last = Math.max(span.last, position);
      }
    }
    for (const [stream, { first, last }] of spans) this.#sent.record(stream, first, last, atMs);
  }

  close(): void {
    this.#db.close();
  }

  /**
   * Runs `fn` in one transaction with FULL (`durable`) or NORMAL sync. The
   * tally changes only if the transaction commits.
   */
  #change<T>(durable: boolean, fn: (tally: Tally) => T): T {
    if (durable !== this.#durable) {
      // Not inside a transaction: SQLite applies it to the next commit.
      (durable ? this.#s.syncFull : this.#s.syncNormal).run();
      this.#durable = durable;
    }
    const tally = { ...this.#tally };
    const result = this.#db.transaction(() => fn(tally))();
    this.#tally = tally;
    return result;
  }

  /** Inserts a sample; returns its position. */
  #insert(t: Tally, item: OutboxItem): number {
    const json = JSON.stringify(item.sample);
    const bytes = Buffer.byteLength(json);
    const position = t.head + 1;
    const isEvent = item.kind === 'event' ? 1 : 0;
    this.#s.insert.run(position, item.sample.bootId, item.sample.seq, item.kind, isEvent, bytes, json);
    t.head = position;
    t.size++;
    t.bytes += bytes;
    return position;
  }

  /**
   * Drops samples, oldest first, until the cap holds: 1. measurements (the
   * one just added too, if events fill the cap), 2. as a last resort events,
   * but never `added`, the sample just added.
   */
  #evict(t: Tally, added: number): void {
    let dropped = 0;
    for (const protectedRows of [0, 1] as const) {
      const keep = protectedRows === 1 ? added : 0;
      while (t.bytes > this.#maxBytes) {
        const rows = this.#s.oldest.all(protectedRows, keep, evictStep);
        for (const row of rows) {
          if (t.bytes <= this.#maxBytes) break;
          this.#s.deleteAt.get(row.position);
          t.size--;
          t.bytes -= row.bytes;
          dropped++;
        }
        if (rows.length < evictStep) break;
      }
    }
    if (dropped > 0) this.#s.addDropped.run(dropped);
  }
}

/**
 * A row as an item. The payload is the agent's own JSON, written by
 * {@link SqliteOutbox.add} and covered by the file checks at start; it is
 * forwarded as it is.
 */
function queued(row: Row): QueuedItem {
  const kind = row.kind === 'event' ? 'event' : 'measurement';
  return { kind, bootId: row.boot_id, seq: row.seq, position: row.position, json: row.payload };
}

/** The outbox's SQL, by use; exported so a test can check each one's query plan. */
export const outboxSql = {
  insert:
    'INSERT INTO samples (position, boot_id, seq, kind, protected, bytes, payload) VALUES (?, ?, ?, ?, ?, ?, ?)',
  range:
    'SELECT position, boot_id, seq, kind, payload FROM samples WHERE position > ? AND position <= ? ORDER BY position LIMIT ?',
  oldest:
    'SELECT position, bytes FROM samples WHERE protected = ? AND position <> ? ORDER BY position LIMIT ?',
  deleteAt: 'DELETE FROM samples WHERE position = ? RETURNING bytes',
  deleteKey: 'DELETE FROM samples WHERE boot_id = ? AND seq = ? RETURNING bytes',
  dropped: "SELECT value FROM meta WHERE key = 'dropped'",
  addDropped: "UPDATE meta SET value = value + ? WHERE key = 'dropped'",
} as const;

function statements(db: Db) {
  const q = outboxSql;
  return {
    insert: db.prepare<[number, string, number, string, number, number, string], void>(q.insert),
    range: db.prepare<[number, number, number], Row>(q.range),
    oldest: db.prepare<[0 | 1, number, number], { position: number; bytes: number }>(q.oldest),
    deleteAt: db.prepare<[number], { bytes: number }>(q.deleteAt),
    deleteKey: db.prepare<[string, number], { bytes: number }>(q.deleteKey),
    dropped: db.prepare<[], { value: number }>(q.dropped),
    addDropped: db.prepare<[number], void>(q.addDropped),
    syncFull: db.prepare<[], void>('PRAGMA synchronous = FULL'),
    syncNormal: db.prepare<[], void>('PRAGMA synchronous = NORMAL'),
  };
}
