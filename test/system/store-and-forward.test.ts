import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestingDnsServer, type TestingDnsServer } from '../../agent/src/probes/testing-dns-server.js';
import { type EnrolledAgent, enrollAgent, runAgent } from '../support/agent.js';
import { type SwitchableInternet, switchableInternet } from '../support/internet.js';
import { type Link, startLink } from '../support/link.js';
import type { Proc } from '../support/processes.js';
import { minus, outboxSamples, producedSamples, repeated, storedSamples } from '../support/samples.js';
import { eventually, type ServerProc, startServerProcess } from '../support/server.js';

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

let server: ServerProc;
let link: Link;
let internet: SwitchableInternet;
let dns: TestingDnsServer;
const procs: Proc[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = await startServerProcess({ LINEWATCH_CONFIRM_DELAY_SECONDS: '3' });
  link = await startLink(server.mqttPort);
  internet = await switchableInternet();
  dns = await startTestingDnsServer({ host: '127.0.0.1', port: 0, answer: '192.0.2.10' });
});
afterAll(async () => {
  for (const p of procs) p.kill('SIGKILL');
  server.kill('SIGTERM');
  await server.exited;
  await link.close();
  await internet.close();
  await dns.close();
});

function start(agent: EnrolledAgent): Proc {
  const proc = runAgent(agent, ['--targets', internet.address, '--router', '127.0.0.1']);
  procs.push(proc);
  return proc;
}

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
    const site = await server.createSite();
    const agent = await enrollAgent(server, site.enrollmentToken, (written) => ({
      mqtt: { ...(written.mqtt as object), url: `mqtt://127.0.0.1:${link.port}` },
      keepaliveSeconds,
      intervalSeconds,
      probes: {
        systemResolver: false,
        resolvers: [dns.address],
        dnsNames: ['example.com'],
        httpUrls: [],
        icmp: false,
        timeoutMs: 300,
        attempts: 1,
      },
      // Small batches, one a second: the backlog takes ~20 s to replay.
      outbox: { replayBatchSize: 10, replayBatchesPerSecond: 1 },
    }));

    // 1. Up and reporting.
    const first = start(agent);
    await eventually(async () => (await server.site(site.id)).status === 'up', 30_000);
    await sleep(3000);

    // 2. The line fails: no internet, no DNS, no server.
    const cutAt = Date.now();
    await internet.down();
    dns.mode = 'silent';
    link.cut();
    const silent = await eventually(async () => {
      const s = await server.site(site.id);
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
    internet.up();
    dns.mode = 'answer';
    link.restore();
    const storedBeforeReplay = storedSamples(server.dataDir, agent.agentId).length;
    const producedSoFar = producedSamples(first.output()).length + producedSamples(second.output()).length;
    await eventually(
      () => storedSamples(server.dataDir, agent.agentId).length >= storedBeforeReplay + 20,
      90_000,
      20,
    );
    const storedAtCrash = storedSamples(server.dataDir, agent.agentId).length;
    expect(storedAtCrash).toBeLessThan(producedSoFar);
    server.kill('SIGKILL');
    await server.exited;

    // 5. The server comes back on its data; the agent finishes the replay.
    server = await startServerProcess({ LINEWATCH_CONFIRM_DELAY_SECONDS: '3' }, { dataDir: server.dataDir });
    link.retarget(server.mqttPort);
    await eventually(
      () => {
        const produced = [...producedSamples(first.output()), ...producedSamples(second.output())];
        const missing = minus(
          produced,
          storedSamples(server.dataDir, agent.agentId).map((s) => s.id),
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
    const stored = storedSamples(server.dataDir, agent.agentId);
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
