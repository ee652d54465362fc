import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DueQuery, OutboxItem, QueuedItem } from './outbox.js';
import { openOutboxDb } from './sqlite-db.js';
import { outboxSql, SqliteOutbox } from './sqlite-outbox.js';
import { bootId, bytesOf, event, measurement, otherBootId, seqs } from './testing/samples.js';

const dir = mkdtempSync(join(tmpdir(), 'lw-outbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(dir, `outbox-${++files}.db`);

const memory = (maxBytes?: number) => SqliteOutbox.open(':memory:', { maxBytes });
const query = (connection: number, stream: DueQuery['stream'], staleBeforeMs = 0, limit = 100): DueQuery => ({
  connection,
  stream,
  staleBeforeMs,
  limit,
});
/** Everything due on a connection: the backlog, then the live samples. */
const dueAll = (outbox: SqliteOutbox, connection: number, staleBeforeMs = 0): QueuedItem[] => [
  ...outbox.due(query(connection, 'backlog', staleBeforeMs, 1000)),
  ...outbox.due(query(connection, 'live', staleBeforeMs, 1000)),
];
const addAll = (outbox: SqliteOutbox, items: OutboxItem[]) => {
  for (const item of items) outbox.add(item);
};

describe('SqliteOutbox', () => {
  it('keeps samples until they are acknowledged, of any boot', () => {
    const outbox = memory();
    addAll(outbox, [measurement(1), measurement(2), event(3), measurement(1, { boot: otherBootId })]);
    expect(outbox.ack(bootId, [1, 3, 99])).toBe(2);
    expect(outbox.ack(otherBootId, [1])).toBe(1);
    outbox.startConnection(1);
    expect(seqs(dueAll(outbox, 1))).toEqual([2]);
    expect(outbox.size).toBe(1);
    expect(outbox.bytes).toBe(bytesOf(measurement(2)));
    outbox.close();
  });

  it('hands out samples oldest first, up to a limit, with their stored JSON', () => {
    const outbox = memory();
    addAll(
      outbox,
      [5, 6, 7, 8].map((seq) => measurement(seq)),
    );
    outbox.startConnection(1);
    const due = outbox.due(query(1, 'backlog', 0, 3));
    expect(seqs(due)).toEqual([5, 6, 7]);
    expect(due[0]).toMatchObject({ kind: 'measurement', bootId, seq: 5 });
    expect(due[0]?.json).toBe(JSON.stringify(measurement(5).sample));
    outbox.close();
  });

  it('splits backlog and live at the start of a connection', () => {
    const outbox = memory();
    addAll(outbox, [measurement(1), measurement(2)]);
    outbox.startConnection(1);
    outbox.add(measurement(3));
    expect(seqs(outbox.due(query(1, 'live')))).toEqual([3]);
    expect(seqs(outbox.due(query(1, 'backlog')))).toEqual([1, 2]);
    // Not for a connection that has not started, nor an old one.
    expect(outbox.due(query(2, 'live'))).toEqual([]);
    outbox.startConnection(2);
    expect(outbox.due(query(1, 'backlog'))).toEqual([]);
    expect(seqs(outbox.due(query(2, 'backlog')))).toEqual([1, 2, 3]);
    outbox.close();
  });

  it('sends each sample once per connection, again on the next', () => {
    const outbox = memory();
    addAll(outbox, [measurement(1), measurement(2)]);
    outbox.startConnection(1);
    outbox.markSent(outbox.due(query(1, 'backlog')), 1, 1000);
    outbox.add(measurement(3));
    expect(seqs(dueAll(outbox, 1))).toEqual([3]);
    outbox.markSent(outbox.due(query(1, 'live')), 1, 1000);
    expect(dueAll(outbox, 1)).toEqual([]);
    outbox.startConnection(2);
    expect(seqs(dueAll(outbox, 2))).toEqual([1, 2, 3]);
    outbox.close();
  });

  it('moves on after a partly sent batch', () => {
    const outbox = memory();
    addAll(
      outbox,
      [1, 2, 3, 4].map((seq) => measurement(seq)),
    );
    outbox.startConnection(1);
    outbox.markSent(outbox.due(query(1, 'backlog')).slice(0, 2), 1, 1000);
    expect(seqs(outbox.due(query(1, 'backlog')))).toEqual([3, 4]);
    outbox.close();
  });

  it('sends again what stayed unacknowledged too long, stalest first', () => {
    const outbox = memory();
    addAll(
      outbox,
      [1, 2, 3, 4, 5].map((seq) => measurement(seq)),
    );
    outbox.startConnection(1);
    outbox.markSent(outbox.due(query(1, 'backlog', 0, 3)), 1, 1000); // 1-3 at 1000
    outbox.markSent(outbox.due(query(1, 'backlog', 0, 3)), 1, 2000); // 4-5 at 2000
    outbox.ack(bootId, [2]);
    expect(outbox.due(query(1, 'backlog', 1000))).toEqual([]);
    const stale = outbox.due(query(1, 'backlog', 1001));
    expect(seqs(stale)).toEqual([1, 3]);
    // Only 1 goes out again (a batch may be cut short): 3 is still the stalest.
    outbox.markSent(stale.slice(0, 1), 1, 3000);
    expect(seqs(outbox.due(query(1, 'backlog', 2500)))).toEqual([3]);
    outbox.markSent(outbox.due(query(1, 'backlog', 2500)), 1, 3000);
    expect(seqs(outbox.due(query(1, 'backlog', 2500)))).toEqual([4, 5]);
    outbox.markSent(outbox.due(query(1, 'backlog', 2500)), 1, 3000);
    expect(outbox.due(query(1, 'backlog', 2500))).toEqual([]);
    expect(seqs(outbox.due(query(1, 'backlog', 3001)))).toEqual([1]);
    // Acknowledged spans are forgotten once stale.
    outbox.ack(bootId, [1, 3, 4, 5]);
    expect(outbox.due(query(1, 'backlog', 9999))).toEqual([]);
    outbox.close();
  });

  it('drops the oldest measurements when full, keeps events, and counts the drops', () => {
    const items = [event(1), measurement(2), measurement(3), event(4), measurement(5), measurement(6)];
    // Room for everything but two measurements.
    const cap =
      items.slice(3).reduce((sum, item) => sum + bytesOf(item), bytesOf(items[0] as OutboxItem)) + 1;
    const outbox = memory(cap);
    addAll(outbox, items);
    outbox.startConnection(1);
    expect(seqs(dueAll(outbox, 1))).toEqual([1, 4, 5, 6]);
    expect(outbox.bytes).toBeLessThan(cap);
    expect(outbox.reportDropped((count) => event(7, { data: { count } }))).toBe(2);
    // The report went in, over the cap rather than pushing out a sample; the next add makes room.
    const due = dueAll(outbox, 1);
    expect(JSON.parse(due.at(-1)?.json ?? '{}')).toMatchObject({ seq: 7, data: { count: 2 } });
    expect(seqs(due)).toEqual([1, 4, 5, 6, 7]);
    expect(outbox.reportDropped(() => event(8))).toBe(0);
    outbox.add(measurement(9));
    expect(seqs(dueAll(outbox, 1))).toEqual([1, 4, 7, 9]);
    expect(outbox.bytes).toBeLessThan(cap);
    expect(outbox.reportDropped(() => event(10))).toBe(2);
    outbox.close();
  });

  it('drops events, oldest first, only when events alone fill it', () => {
    // Room for two events: a new measurement goes at once, then the oldest event.
    const outbox = memory(bytesOf(event(1)) * 2 + 1);
    addAll(outbox, [event(1), event(2), measurement(3), event(4)]);
    outbox.startConnection(1);
    expect(seqs(dueAll(outbox, 1))).toEqual([2, 4]);
    expect(outbox.reportDropped(() => event(5))).toBe(2);
    outbox.close();
  });

  it('leaves the drop count alone when the report cannot be made', () => {
    const outbox = memory(bytesOf(measurement(1)) + 1);
    addAll(outbox, [measurement(1), measurement(2)]);
    expect(() =>
      outbox.reportDropped(() => {
        throw new Error('no sequence number');
      }),
    ).toThrow('no sequence number');
    expect(outbox.reportDropped(() => event(3))).toBe(1);
    outbox.close();
  });

  it('keeps samples and the drop count across a restart, reported once', () => {
    const path = freshPath();
    const first = SqliteOutbox.open(path, { maxBytes: bytesOf(measurement(1)) * 2 + 1 });
    addAll(
      first,
      [1, 2, 3, 4].map((seq) => measurement(seq)),
    );
    first.close();

    const second = SqliteOutbox.open(path);
    expect(second.size).toBe(2);
    expect(second.reportDropped(() => event(5))).toBe(2);
    second.close();

    const third = SqliteOutbox.open(path);
    expect(third.reportDropped(() => event(6))).toBe(0);
    third.startConnection(1);
    expect(seqs(dueAll(third, 1))).toEqual([3, 4, 5]);
    third.close();
  });

  it('is used by one process at a time', () => {
    const path = freshPath();
    const first = SqliteOutbox.open(path);
    first.add(measurement(1));
    expect(() => SqliteOutbox.open(path)).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
    first.close();
    SqliteOutbox.open(path).close();
  });

  it('drains a backlog of 100,000 in order, by index', () => {
    const outbox = memory();
    for (let seq = 0; seq < 100_000; seq++) outbox.add(measurement(seq));
    outbox.startConnection(1);
    let next = 0;
    for (let due = outbox.due(query(1, 'backlog')); due.length > 0; due = outbox.due(query(1, 'backlog'))) {
      expect(due[0]?.seq).toBe(next);
      next += due.length;
      outbox.markSent(due, 1, 1);
      expect(outbox.ack(bootId, seqs(due))).toBe(due.length);
    }
    expect(next).toBe(100_000);
    expect(outbox.size).toBe(0);
    outbox.close();
  }, 60_000);

  it('never scans the table: every query searches an index', () => {
    const { db } = openOutboxDb(':memory:');
    for (const [name, sql] of Object.entries(outboxSql)) {
      const params = Array.from(sql.matchAll(/\?/g), () => 1);
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      const details = plan.map((p) => p.detail).join('; ');
      expect(details, name).not.toMatch(/\bSCAN\b/);
      if (name !== 'insert') expect(details, name).toMatch(/\bSEARCH\b/);
    }
    db.close();
  });
});
