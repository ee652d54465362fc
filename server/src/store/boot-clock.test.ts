import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sampleMeasurement } from '../testing/samples.js';
import { storeWithSite } from '../testing/store.js';

const day = 86_400_000;

describe("dating samples on the server's clock", () => {
  it("dates a sample by the agent's monotonic time, not its wall clock three days behind", () => {
    const { store, orgId, siteId } = storeWithSite();
    const now = Date.UTC(2026, 10, 25, 12, 0, 0);
    const bootId = randomUUID();
    const skewed = { ...sampleMeasurement(bootId, 1, new Date(now - 3 * day)), monoMs: 600_000 };
    const { newestT } = store.measurements.insertBatch(
      { orgId, siteId, agentId: 'a', receivedAt: now + 40 },
      [skewed],
    );
    expect(newestT).toBe(now + 40);
    const row = store.db.prepare('SELECT t, agent_t FROM measurements').get() as {
      t: number;
      agent_t: number;
    };
    expect(row).toEqual({ t: now + 40, agent_t: now - 3 * day });
  });

  it('re-dates a backlog that arrived before the first live sample, and re-opens the minutes it moved', () => {
    const { store, orgId, siteId } = storeWithSite();
    const epoch = Date.UTC(2026, 10, 25, 8, 0, 0); // the box booted here (server clock)
    const bootId = randomUUID();
    const at = (seq: number, minutes: number) => ({
      ...sampleMeasurement(bootId, seq),
      monoMs: minutes * 60_000,
    });
    // 1. After an hour-long outage the backlog (taken at minutes 1..3) arrives first, at minute 60.
    store.measurements.insertBatch({ orgId, siteId, agentId: 'a', receivedAt: epoch + 60 * 60_000 }, [
      at(1, 1),
      at(2, 2),
      at(3, 3),
    ]);
    // 2. Then a live sample taken at minute 61 arrives 50 ms later: now the epoch is known better.
    store.measurements.insertBatch({ orgId, siteId, agentId: 'a', receivedAt: epoch + 61 * 60_000 + 50 }, [
      at(4, 61),
    ]);
    const ts = (store.db.prepare('SELECT t FROM measurements ORDER BY seq').all() as { t: number }[]).map(
      (r) => r.t,
    );
    expect(ts).toEqual([1, 2, 3, 61].map((m) => epoch + 50 + m * 60_000));
    const dirty = store.db
      .prepare('SELECT COUNT(*) AS n FROM rollup_dirty WHERE bucket_start < ?')
      .get(epoch + 10 * 60_000) as {
      n: number;
    };
    expect(dirty.n).toBeGreaterThanOrEqual(3);
    expect(store.measurements.latest(siteId)?.measurement.seq).toBe(4);
  });

  it('keeps separate epochs per boot, so a reboot starts a new clock', () => {
    const { store, orgId, siteId } = storeWithSite();
    const now = Date.UTC(2026, 10, 25, 12, 0, 0);
    const a = { ...sampleMeasurement(randomUUID(), 1), monoMs: 5 * day };
    const b = { ...sampleMeasurement(randomUUID(), 1), monoMs: 30_000 };
    store.measurements.insertBatch({ orgId, siteId, agentId: 'a', receivedAt: now }, [a]);
    store.measurements.insertBatch({ orgId, siteId, agentId: 'a', receivedAt: now + 60_000 }, [b]);
    const ts = (store.db.prepare('SELECT t FROM measurements ORDER BY t').all() as { t: number }[]).map(
      (r) => r.t,
    );
    expect(ts).toEqual([now, now + 60_000]);
  });
});
