import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestingDnsServer, type TestingDnsServer } from '../../agent/src/probes/testing-dns-server.js';
import type { EnrolledAgent } from '../support/agent.js';
import { lineFixture, loopbackProbes } from '../support/line-fixture.js';
import type { Proc } from '../support/processes.js';
import { minus, outboxSamples, producedSamples, repeated, storedSamples } from '../support/samples.js';
import { eventually } from '../support/server.js';

/**
 * Acceptance 1 of issue 4, with real processes: an agent measures through a
 * line cut that also cuts it off the server; it is SIGKILLed and restarted
 * during the outage; the server is SIGKILLed while the backlog is being
 * replayed and restarted on its data. Afterwards every sample the agent
 * produced is stored exactly once (or, for the last few, still waits in the
 * agent's outbox), compared as sets of (boot id, seq).
 *
 * Time is compressed: one probe round a second instead of every 10 s, so the
 * 100 s outage is ~1,000 s of samples at the default interval, and replay is
 * throttled to small batches so that it lasts long enough to be interrupted.
 */
const intervalSeconds = 1;
const keepaliveSeconds = 4;
const outageMs = 60_000;

const f = lineFixture({ LINEWATCH_CONFIRM_DELAY_SECONDS: '3' });
let dns: TestingDnsServer;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  dns = await startTestingDnsServer({ host: '127.0.0.1', port: 0, answer: '192.0.2.10' });
});
afterAll(async () => {
  await dns.close();
});

const start = (agent: EnrolledAgent): Proc => f.run(agent);

/** Kills an agent between two rounds: just after it queued a sample, long before the next. */
async function killBetweenRounds(agent: Proc): Promise<void> {
  const queued = producedSamples(agent.output()).length;
  await eventually(() => producedSamples(agent.output()).length > queued, 5000, 10);
  await sleep(150);
  agent.kill('SIGKILL');
  await agent.exited;
}

describe('store and forward through a line cut, an agent crash and a server crash', () => {
  it('stores exactly the set of samples the agent produced, dated right', { timeout: 360_000 }, async () => {
    const { agent, siteId } = await f.enroll('Praxis Dr. Weber', {
      keepaliveSeconds,
      intervalSeconds,
      probes: { ...loopbackProbes, resolvers: [dns.address], dnsNames: ['example.com'] },
      // Small batches, one a second: the backlog takes ~20 s to replay.
      outbox: { replayBatchSize: 10, replayBatchesPerSecond: 1 },
    });

    // 1. Up and reporting.
    const first = start(agent);
    await eventually(async () => (await f.server.site(siteId)).status === 'up', 30_000);
    await sleep(3000);

    // 2. The line fails: no internet, no DNS, no server.
    const cutAt = Date.now();
    await f.internet.down();
    dns.mode = 'silent';
    f.link.cut();
    const silent = await eventually(async () => {
      const s = await f.server.site(siteId);
      return s.status === 'down' ? s : null;
    }, 15_000);
    expect(silent.cause).toBe('agent_silent');

    // 3. Mid-outage the agent crashes and is restarted (same boot: new process, later seqs).
    await sleep(outageMs / 3);
    await killBetweenRounds(first);
    const second = start(agent);
    await sleep((outageMs * 2) / 3);

    // 4. The line returns; kill the server while the backlog is replayed.
    const restoredAt = Date.now();
    f.internet.up();
    dns.mode = 'answer';
    f.link.restore();
    const storedBeforeReplay = storedSamples(f.server.dataDir, agent.agentId).length;
    const producedSoFar = producedSamples(first.output()).length + producedSamples(second.output()).length;
    await eventually(
      () => storedSamples(f.server.dataDir, agent.agentId).length >= storedBeforeReplay + 20,
      90_000,
      20,
    );
    const storedAtCrash = storedSamples(f.server.dataDir, agent.agentId).length;
    expect(storedAtCrash).toBeLessThan(producedSoFar);
    f.server.kill('SIGKILL');
    await f.server.exited;

    // 5. The server comes back on its data; the agent finishes the replay.
    await f.restartServer();
    await eventually(
      () => {
        const produced = [...producedSamples(first.output()), ...producedSamples(second.output())];
        const missing = minus(
          produced,
          storedSamples(f.server.dataDir, agent.agentId).map((s) => s.id),
        );
        return missing.length <= 2;
      },
      120_000,
      200,
    );
    second.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    // Nothing lost, nothing doubled: every produced sample is stored or still in the outbox.
    const produced = [...producedSamples(first.output()), ...producedSamples(second.output())];
    const stored = storedSamples(f.server.dataDir, agent.agentId);
    const storedIds = stored.map((s) => s.id);
    const pending = outboxSamples(agent.dir);
    expect(repeated(produced)).toEqual([]);
    expect(repeated(storedIds)).toEqual([]);
    expect(minus(storedIds, produced)).toEqual([]);
    expect(minus(produced, [...storedIds, ...pending])).toEqual([]);
    expect(pending.length).toBeLessThanOrEqual(3);
    expect(produced.length).toBeGreaterThan(outageMs / 1000 / intervalSeconds / 2);

    // The outage is dated by the agent's records, on the server's clock, to within one round.
    const measurements = stored.filter((s) => s.kind === 'measurement');
    const firstDown = measurements.find((s) => s.t >= cutAt && s.status === 'down');
    const firstUpAfter = measurements.find((s) => s.t >= restoredAt && s.status === 'up');
    expect(firstDown).toBeDefined();
    expect(firstUpAfter).toBeDefined();
    const roundMs = intervalSeconds * 1000 + 500;
    expect(Math.abs((firstDown?.t ?? 0) - cutAt)).toBeLessThanOrEqual(roundMs);
    expect(Math.abs((firstUpAfter?.t ?? 0) - restoredAt)).toBeLessThanOrEqual(roundMs);
    const during = measurements.filter((s) => s.t > cutAt + roundMs && s.t < restoredAt - 100);
    expect(during.length).toBeGreaterThan(0);
    expect(during.filter((s) => s.status !== 'down')).toEqual([]);
  });
});
