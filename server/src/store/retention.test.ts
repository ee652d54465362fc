import { describe, expect, it } from 'vitest';
import { storeWithSite } from '../testing/store.js';
import { prune } from './retention.js';
import { rollup } from './rollups.js';

const dayMs = 86_400_000;
const now = Date.UTC(2026, 10, 25, 12, 0, 0);
const days = { rawRetentionDays: 14, minuteRetentionDays: 90, hourRetentionDays: 730 };

const count = (db: import('./db.js').Db, table: string) =>
  (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('prune', () => {
  it('deletes exactly what is older than each retention, in batches', async () => {
    const { store, orgId, siteId, add } = storeWithSite();
    const db = store.db;
    // samples just either side of each limit, 20 of each, 10 s apart
    const ages = [800, 731, 729, 91, 89, 15, 13];
    for (const age of ages)
      add(Array.from({ length: 20 }, (_, i) => ({ t: now - age * dayMs + i * 10_000 })));
    add([{ t: now - 14 * dayMs }]); // exactly at the limit: kept
    await rollup(db, { fromMs: 0, toMs: now });
    // A box that booted at the epoch (monotonic time = wall time), its events received as they happened.
    const event = (seq: number, t: number) => ({
      bootId: 'b',
      seq,
      t: new Date(t).toISOString(),
      monoMs: t,
      kind: 'started',
      data: {},
    });
    store.measurements.insertEvents({ orgId, siteId, agentId: 'agent-1', receivedAt: now - 13 * dayMs }, [
      event(1, now - 15 * dayMs),
      event(2, now - 13 * dayMs),
    ] as never);
    store.quarantine.add(
      { orgId, agentId: null, topic: 'x', reason: 'old', payload: Buffer.from('a') },
      now - 31 * dayMs,
    );
    store.quarantine.add(
      { orgId, agentId: null, topic: 'x', reason: 'new', payload: Buffer.from('a') },
      now - 29 * dayMs,
    );
    const minutesBefore = count(db, 'measurements_1m');
    const hoursBefore = count(db, 'measurements_1h');

    const deleted = await prune(db, days, now, 7);

    expect(deleted.measurements).toBe(5 * 20 + 20);
    expect(count(db, 'measurements')).toBe(21);
    expect(db.prepare('SELECT MIN(t) AS t FROM measurements').get()).toEqual({ t: now - 14 * dayMs });
    // 20 samples 10 s apart span 4 minutes of one hour; 800, 731, 729 and 91 days are past 90
    expect(deleted.measurements_1m).toBe(4 * 4);
    expect(count(db, 'measurements_1m')).toBe(minutesBefore - 16);
    expect(deleted.measurements_1h).toBe(2); // 800 and 731 days
    expect(count(db, 'measurements_1h')).toBe(hoursBefore - 2);
    expect(deleted.agent_events).toBe(1);
    expect(deleted.quarantine).toBe(1);

    expect(await prune(db, days, now, 7)).toEqual({
      measurements: 0,
      agent_events: 0,
      measurements_1m: 0,
      measurements_1h: 0,
      rollup_dirty: 0,
      ingest_gaps: 0,
      ingest_drops: 0,
      quarantine: 0,
    });
  });

  it('keeps rollups of pruned raw data', async () => {
    const { store, add } = storeWithSite();
    add(Array.from({ length: 30 }, (_, i) => ({ t: now - 20 * dayMs + i * 10_000 })));
    await rollup(store.db, { fromMs: 0, toMs: now });
    await prune(store.db, days, now);
    expect(count(store.db, 'measurements')).toBe(0);
    expect(store.db.prepare('SELECT SUM(samples) AS n FROM measurements_1m').get()).toEqual({ n: 30 });
  });
});
