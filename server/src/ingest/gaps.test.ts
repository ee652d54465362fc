import { randomUUID } from 'node:crypto';
import type { AgentEvent, AgentEventKind } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import type { Store } from '../store/index.js';
import { sampleMeasurement } from '../testing/samples.js';
import { storeWithSite } from '../testing/store.js';
import { createGapTracker, type GapChanges } from './gaps.js';

/** A sample by seq: a number is a measurement, a tuple an event. */
type S = number | [number, AgentEventKind, Record<string, unknown>?];

/** An agent on a store, sending samples through the tracker the way ingest does: gaps first, then the rows, one transaction. */
function agent(existing?: { store: Store; orgId: string; siteId: string }) {
  const { store, orgId, siteId } = existing ?? storeWithSite();
  const bootId = randomUUID();
  const agentId = 'agent-1';
  let tracker = createGapTracker(store.gaps);
  const at = 1_000_000;
  const origin = { orgId, siteId, agentId, receivedAt: at };
  function send(samples: S[], boot = bootId): GapChanges {
    const measurements = samples.flatMap((s) => (typeof s === 'number' ? [sampleMeasurement(boot, s)] : []));
    const events: AgentEvent[] = samples.flatMap((s) =>
      typeof s === 'number'
        ? []
        : [{ ...sampleMeasurement(boot, s[0]), kind: s[1], data: s[2] ?? {} }].map(
            ({ bootId: b, seq, t, monoMs, clockSynced, kind, data }) => ({
              bootId: b,
              seq,
              t,
              monoMs,
              clockSynced,
              kind,
              data,
            }),
          ),
    );
    const tracked = [
      ...measurements.map((m) => ({ bootId: boot, seq: m.seq, kind: 'measurement' as const })),
      ...events,
    ];
    return store.tx(() => {
      const changes = tracker.observe(origin, tracked, at);
      if (measurements.length) store.measurements.writeBatch(origin, measurements);
      if (events.length) store.measurements.writeEvents(origin, events);
      return changes;
    });
  }
  const open = () =>
    store.gaps
      .forSite(siteId, 100)
      .gaps.map((g) => [g.from_seq, g.to_seq])
      .sort((a, b) => (a[0] as number) - (b[0] as number));
  const closedBy = () =>
    store.db
      .prepare(
        'SELECT closed_by AS by, COUNT(*) AS n FROM ingest_gaps WHERE closed_at IS NOT NULL GROUP BY closed_by',
      )
      .all();
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return {
    store,
    orgId,
    siteId,
    bootId,
    send,
    open,
    closedBy,
    range,
    /** A new tracker on the same store, as after a server restart. */
    restart: () => {
      tracker = createGapTracker(store.gaps);
    },
    tracker: () => tracker,
    origin,
  };
}

describe('gap tracker', () => {
  it('opens a gap for a hole, splits it as numbers arrive late, closes it when the last arrives', () => {
    const a = agent();
    expect(a.send([1, 2, 3]).opened).toBe(0);
    expect(a.send([8]).opened).toBe(1);
    expect(a.open()).toEqual([[4, 7]]);
    expect(a.store.gaps.missing()).toBe(4);
    a.send([5]);
    expect(a.open()).toEqual([
      [4, 4],
      [6, 7],
    ]);
    const last = a.send([4, 6, 7]);
    expect(a.open()).toEqual([]);
    expect(last.closed.arrived).toBe(2);
    expect(a.store.gaps.missing()).toBe(0);
  });

  it('takes a jump to an agent_started as the rest of a reserved block, not a loss', () => {
    const a = agent();
    a.send([[0, 'agent_started'], 1, 2]);
    const restart = a.send([[1000, 'agent_started'], 1001]);
    expect(restart.opened).toBe(0);
    expect(a.open()).toEqual([]);
  });

  it('after a reconnect: live samples first open a gap, the backlog and a late agent_started close it', () => {
    const a = agent();
    a.send(a.range(0, 5));
    // The agent restarted (next block from 1000) and reconnected: a live sample goes first.
    a.send([1003]);
    expect(a.open()).toEqual([[6, 1002]]);
    // Then the backlog, oldest first: the old process's last samples, the new one's start.
    a.send(a.range(6, 9));
    expect(a.open()).toEqual([[10, 1002]]);
    const start = a.send([[1000, 'agent_started'], 1001, 1002]);
    // 1000–1002 shrink the gap to 10–999, which is then the old process's unused block.
    expect(start.closed).toEqual({ arrived: 0, reported: 0, skipped: 1 });
    expect(a.open()).toEqual([]);
    expect(a.closedBy()).toEqual([{ by: 'skipped', n: 1 }]);
  });

  it('records an outbox_dropped report once and closes that many missing numbers, lowest first', () => {
    const a = agent();
    a.send(a.range(0, 5));
    // The drop report is the first live sample after the reconnect; 4 of the backlog were dropped.
    const report = a.send([[20, 'outbox_dropped', { count: 4 }]]);
    expect(report).toMatchObject({ opened: 1, reported: 4, closed: { reported: 0 } });
    expect(a.open()).toEqual([[10, 19]]);
    expect(a.store.gaps.forSite(a.siteId, 10)).toMatchObject({
      dropped: 4,
      missing: 10,
      drops: [{ seq: 20, count: 4, explained: 4 }],
    });
    a.send(a.range(10, 19));
    expect(a.open()).toEqual([]);
    // The same report sent again (its ack was lost) counts once.
    expect(a.send([[20, 'outbox_dropped', { count: 4 }]]).reported).toBe(0);
    expect(a.store.gaps.forSite(a.siteId, 10).dropped).toBe(4);
  });

  it('closes a gap a report covers whole, and keeps what a report cannot explain', () => {
    const a = agent();
    a.send([0, 1, 5]);
    const report = a.send([[6, 'outbox_dropped', { count: 10 }]]);
    expect(report.closed.reported).toBe(1);
    expect(a.open()).toEqual([]);
    expect(a.store.gaps.forSite(a.siteId, 10).drops[0]).toMatchObject({ count: 10, explained: 3 });
  });

  it('ignores a report without a sensible count', () => {
    const a = agent();
    a.send([0, 3]);
    for (const count of [0, -1, 1.5, 'x', undefined])
      expect(a.send([[9, 'outbox_dropped', { count }]]).reported).toBe(0);
    expect(a.store.gaps.forSite(a.siteId, 10).drops).toEqual([]);
  });

  it('after a server restart takes the stored maximum and open gaps as its baseline', () => {
    const a = agent();
    a.send(a.range(1, 10));
    a.send([13]);
    a.restart();
    expect(a.send([16]).opened).toBe(1);
    expect(a.open()).toEqual([
      [11, 12],
      [14, 15],
    ]);
    a.send([11, 12, 14, 15]);
    expect(a.open()).toEqual([]);
  });

  it('forgets memory of a transaction that failed', () => {
    const a = agent();
    a.send(a.range(1, 10));
    expect(() =>
      a.store.tx(() => {
        a.tracker().observe(a.origin, [{ bootId: a.bootId, seq: 20, kind: 'measurement' }], 0);
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    a.tracker().reset();
    a.send([12]);
    expect(a.open()).toEqual([[11, 11]]);
  });

  it('keeps the boots of an agent apart', () => {
    const a = agent();
    const other = randomUUID();
    a.send([1, 2]);
    a.send([7, 8], other);
    a.send([3]);
    expect(a.open()).toEqual([]);
    a.send([10], other);
    expect(a.store.gaps.forSite(a.siteId, 10).gaps).toMatchObject([
      { boot_id: other, from_seq: 9, to_seq: 9 },
    ]);
  });
});
