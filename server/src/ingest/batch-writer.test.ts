import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BatchLimits, createBatchWriter, type Transactions } from './batch-writer.js';

/** A job writes `rows` rows tagged `id`; `bad` makes it throw after writing them. */
interface Job {
  id: string;
  rows?: number;
  bad?: boolean;
}

/** `failCommits`: that many outer transactions fail at the end; `badAborts`: a bad job ends the whole transaction (as SQLITE_FULL does). */
function setup(limits: Partial<BatchLimits> = {}, opts: { failCommits?: number; badAborts?: boolean } = {}) {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (id) VALUES (?)');
  let depth = 0;
  let failCommits = opts.failCommits ?? 0;
  let aborted = false;
  const transactions: Transactions = {
    run(fn) {
      depth++;
      try {
        return db.transaction(() => {
          const r = fn();
          // Stands in for a COMMIT that fails: the whole outer transaction rolls back.
          if (depth === 1 && failCommits > 0) {
            failCommits--;
            throw new Error('commit failed');
          }
          return r;
        })();
      } finally {
        depth--;
      }
    },
    active: () => db.inTransaction && !aborted,
  };
  const log = {
    batches: [] as string[][],
    failed: [] as string[],
    rolledBack: 0,
    overloaded: [] as string[],
    flushes: 0,
  };
  const writer = createBatchWriter<Job, number>({
    transactions,
    write(job) {
      for (let i = 0; i < (job.rows ?? 1); i++) insert.run(job.id);
      if (job.bad) {
        aborted = opts.badAborts === true && depth > 1;
        throw new Error(`bad ${job.id}`);
      }
      return job.rows ?? 1;
    },
    rows: (job) => job.rows ?? 1,
    committed: (done) => log.batches.push(done.map((d) => d.job.id)),
    failed: (job) => log.failed.push(job.id),
    rolledBack: () => log.rolledBack++,
    overloaded: (job) => log.overloaded.push(job.id),
    flushed: () => log.flushes++,
    limits,
  });
  const stored = () =>
    (db.prepare('SELECT DISTINCT id FROM t ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);
  return { db, writer, log, stored };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('batch writer', () => {
  it('commits what arrives within the delay in one transaction, and nothing before', () => {
    const { writer, log, stored } = setup({ maxDelayMs: 5 });
    writer.push({ id: 'a' });
    vi.advanceTimersByTime(3);
    writer.push({ id: 'b' });
    expect(stored()).toEqual([]);
    vi.advanceTimersByTime(2);
    expect(log.batches).toEqual([['a', 'b']]);
    expect(stored()).toEqual(['a', 'b']);
  });

  it('does not wait for the delay once enough messages wait', () => {
    const { writer, log } = setup({ maxDelayMs: 1000, flushAtMessages: 3 });
    for (const id of ['a', 'b', 'c']) writer.push({ id });
    vi.advanceTimersByTime(1);
    expect(log.batches).toEqual([['a', 'b', 'c']]);
  });

  it('caps the rows of one transaction and writes the rest at the next turn', () => {
    const { writer, log } = setup({ maxRowsPerTransaction: 1000 });
    for (const id of ['a', 'b', 'c']) writer.push({ id, rows: 600 });
    writer.push({ id: 'd', rows: 400 });
    vi.advanceTimersByTime(5);
    expect(log.batches).toEqual([['a']]);
    vi.advanceTimersToNextTimer();
    vi.advanceTimersToNextTimer();
    expect(log.batches).toEqual([['a'], ['b'], ['c', 'd']]);
    expect(log.flushes).toBe(3);
  });

  it('rolls back a job that fails alone; the others commit', () => {
    const { writer, log, stored } = setup();
    writer.push({ id: 'a' });
    writer.push({ id: 'bad', rows: 3, bad: true });
    writer.push({ id: 'c' });
    writer.flushAll();
    expect(log.batches).toEqual([['a', 'c']]);
    expect(log.failed).toEqual(['bad']);
    expect(log.rolledBack).toBe(1);
    expect(stored()).toEqual(['a', 'c']);
  });

  it('after a failed transaction tries each job alone, and reports only what committed', () => {
    const { writer, log, stored } = setup({}, { failCommits: 1 });
    writer.push({ id: 'a' });
    writer.push({ id: 'bad', bad: true });
    writer.push({ id: 'c' });
    writer.flushAll();
    expect(log.batches).toEqual([['a', 'c']]);
    expect(log.failed).toEqual(['bad']);
    expect(log.rolledBack).toBeGreaterThanOrEqual(1);
    expect(stored()).toEqual(['a', 'c']);
  });

  it('writes chosen jobs ahead of the queue, once', () => {
    const { writer, log, stored } = setup({ maxDelayMs: 5 });
    const b = { id: 'b' };
    const d = { id: 'd' };
    for (const job of [{ id: 'a' }, b, { id: 'c' }, d]) writer.push(job);
    writer.writeNow([d, b, { id: 'never queued' }]);
    expect(log.batches).toEqual([['d', 'b']]);
    expect(writer.waiting).toBe(2);
    vi.advanceTimersByTime(5);
    expect(log.batches).toEqual([
      ['d', 'b'],
      ['a', 'c'],
    ]);
    writer.writeNow([b]);
    expect(log.batches).toHaveLength(2);
    expect(stored()).toEqual(['d', 'b', 'a', 'c']);
  });

  it('after a failed transaction tries each chosen job alone, the ones not reached too', () => {
    const { writer, log, stored } = setup({}, { badAborts: true });
    const jobs = [{ id: 'a' }, { id: 'bad', bad: true }, { id: 'c' }];
    for (const job of jobs) writer.push(job);
    writer.writeNow(jobs);
    expect(log.batches).toEqual([['a', 'c']]);
    expect(log.failed).toEqual(['bad']);
    expect(stored()).toEqual(['a', 'c']);
    expect(writer.waiting).toBe(0);
  });

  it('refuses jobs beyond the queue limit', () => {
    const { writer, log } = setup({ maxQueuedMessages: 2, maxDelayMs: 5 });
    expect([writer.push({ id: 'a' }), writer.push({ id: 'b' }), writer.push({ id: 'c' })]).toEqual([
      true,
      true,
      false,
    ]);
    expect(log.overloaded).toEqual(['c']);
    vi.advanceTimersByTime(5);
    expect(log.batches).toEqual([['a', 'b']]);
  });

  it('moves on when no transaction can start at all', () => {
    const { db, writer, log } = setup();
    writer.push({ id: 'a' });
    writer.push({ id: 'b' });
    db.close();
    writer.flushAll();
    expect(log.failed).toEqual(['a', 'b']);
    expect(log.batches).toEqual([]);
    expect(writer.waiting).toBe(0);
  });
});
