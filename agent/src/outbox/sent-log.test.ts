import { describe, expect, it } from 'vitest';
import { SentLog } from './sent-log.js';

describe('SentLog', () => {
  it('splits the queue into backlog and live at the start of a connection', () => {
    const log = new SentLog();
    log.start(1, 500);
    expect(log.connection).toBe(1);
    expect(log.fresh('backlog')).toEqual({ after: 0, through: 500 });
    expect(log.fresh('live')).toEqual({ after: 500, through: Number.MAX_SAFE_INTEGER });
    expect([log.streamOf(500), log.streamOf(501)]).toEqual(['backlog', 'live']);
  });

  it('moves each stream on by what was sent', () => {
    const log = new SentLog();
    log.start(1, 500);
    log.record('backlog', 1, 100, 10);
    log.record('live', 501, 501, 20);
    expect(log.fresh('backlog').after).toBe(100);
    expect(log.fresh('live').after).toBe(501);
  });

  it('finds the stalest span, and re-queues what is sent again', () => {
    const log = new SentLog();
    log.start(1, 500);
    log.record('backlog', 1, 100, 10);
    log.record('backlog', 101, 200, 20);
    expect(log.stale('backlog', 10)).toBeNull();
    expect(log.stale('backlog', 11)).toEqual({ first: 1, last: 100, atMs: 10 });
    // Part of it goes out again: the rest stays the stalest.
    log.record('backlog', 1, 40, 30);
    expect(log.stale('backlog', 25)).toEqual({ first: 41, last: 100, atMs: 10 });
    log.record('backlog', 45, 100, 30);
    expect(log.stale('backlog', 25)).toEqual({ first: 101, last: 200, atMs: 20 });
    log.dropStale('backlog');
    expect(log.stale('backlog', 25)).toBeNull();
    expect(log.stale('backlog', 31)).toEqual({ first: 1, last: 40, atMs: 30 });
    expect(log.fresh('backlog').after).toBe(200);
  });

  it('forgets everything on a new connection', () => {
    const log = new SentLog();
    log.start(1, 500);
    log.record('backlog', 1, 100, 10);
    log.start(2, 700);
    expect(log.stale('backlog', 1e9)).toBeNull();
    expect(log.fresh('backlog')).toEqual({ after: 0, through: 700 });
  });
});
