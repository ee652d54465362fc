import { describe, expect, it } from 'vitest';
import { lineFixture } from '../support/line-fixture.js';
import { minus, queuedSamples, type StoredSample, storedSamples } from '../support/samples.js';
import { eventually } from '../support/server.js';

/**
 * Acceptance 4 of issue 4: an outbox too small for the outage drops raw
 * measurements oldest first, keeps the events (the outage itself), and the
 * server learns how many samples were dropped.
 */
const f = lineFixture({ LINEWATCH_CONFIRM_DELAY_SECONDS: '3' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a full outbox', () => {
  it('drops raw measurements oldest first, keeps events, and reports the count', {
    timeout: 150_000,
  }, async () => {
    const { server } = f;
    // Room for about ten measurements.
    const { agent, siteId } = await f.enroll('Tiny outbox', { outbox: { maxBytes: 16_000 } });
    const proc = f.run(agent);
    await eventually(async () => (await server.site(siteId)).status === 'up', 30_000);
    await sleep(2000);

    const queuedBefore = queuedSamples(proc.output()).length;
    await f.cut();
    await sleep(30_000);
    const queuedDuringOutage = queuedSamples(proc.output()).slice(queuedBefore);
    f.restore();

    const reportedDrops = (stored: StoredSample[]) =>
      stored
        .filter((s) => s.kind === 'outbox_dropped')
        .reduce((sum, r) => sum + (JSON.parse(r.data ?? '{}') as { count: number }).count, 0);
    // Wait for a moment when the backlog is in: every measurement queued since the cut (the outbox
    // stays full until the agent reconnects, so drops go on after the restore) is stored or reported
    // dropped, and the outage's events are stored. One snapshot of both sides, compared below.
    const snapshot = await eventually(
      () => {
        const queued = queuedSamples(proc.output()).slice(queuedBefore);
        const stored = storedSamples(server.dataDir, agent.agentId);
        const ids = new Set(stored.map((s) => s.id));
        const measurements = queued.filter((m) => m.kind === 'measurement');
        const kept = measurements.filter((m) => ids.has(m.id)).length;
        const complete =
          queuedDuringOutage.every((e) => e.kind === 'measurement' || ids.has(e.id)) &&
          kept + reportedDrops(stored) >= measurements.length;
        return complete ? { measurements, stored } : null;
      },
      90_000,
      200,
    );
    const storedIds = snapshot.stored.map((s) => s.id);
    const events = queuedDuringOutage.filter((s) => s.kind !== 'measurement');
    const measurements = snapshot.measurements;

    // Every event survived, the outage's diagnosis change among them.
    expect(events.some((e) => e.kind === 'diagnosis_changed')).toBe(true);
    expect(
      minus(
        events.map((e) => e.id),
        storedIds,
      ),
    ).toEqual([]);
    // Measurements were dropped, and only ever older than every one kept.
    const dropped = measurements.filter((m) => !storedIds.includes(m.id));
    const kept = measurements.filter((m) => storedIds.includes(m.id));
    expect(dropped.length).toBeGreaterThan(5);
    expect(kept.length).toBeGreaterThan(3);
    expect(Math.max(...dropped.map((m) => m.seq))).toBeLessThan(Math.min(...kept.map((m) => m.seq)));
    // The server knows how many.
    const reported = reportedDrops(snapshot.stored);
    expect(reported).toBe(dropped.length);
  });
});
