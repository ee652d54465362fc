import { type Incident, IncidentDetail } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RouterEmulator, startRouterEmulator } from '../../agent/src/testing/router-emulator/index.js';
import { lineFixture, loopbackProbes } from '../support/line-fixture.js';
import type { Proc } from '../support/processes.js';
import { eventually } from '../support/server.js';

/**
 * Issue 5, acceptance 2, with the real broker, server and agents: a short
 * disconnect opens nothing; a line cut behind a router that reports the DSL
 * sync lost is first an `agent_silent` incident and, once the agent is back
 * and has uploaded what it recorded, a `line_sync_lost` incident dated from
 * the agent's records.
 */
// The default confirmation delay: a 3 s blip must raise nothing with it.
const f = lineFixture();
let router: RouterEmulator;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const routerLogin = { user: 'admin', password: 'router secret' };

beforeAll(async () => {
  router = await startRouterEmulator({ scenario: 'dsl_up', ...routerLogin });
});
afterAll(async () => {
  await router.close();
});

async function incidents(siteId: string): Promise<Incident[]> {
  const res = await f.server.api(`/api/v1/incidents?state=all&siteId=${siteId}`);
  return (await res.json()) as Incident[];
}

async function startAgentFor(name: string): Promise<{ siteId: string; proc: Proc }> {
  const { agent, siteId } = await f.enroll(name, { probes: { ...loopbackProbes, timeoutMs: 500 } });
  const proc = f.run(agent, ['--router', `127.0.0.1:${router.port}`], {
    LINEWATCH_ROUTER_USER: routerLogin.user,
    LINEWATCH_ROUTER_PASSWORD: routerLogin.password,
  });
  await eventually(async () => (await f.server.site(siteId)).status === 'up', 30_000);
  return { siteId, proc };
}

describe('incidents from real agents', () => {
  it('opens nothing for a 3-second disconnect', { timeout: 90_000 }, async () => {
    const { siteId, proc } = await startAgentFor('Kurzer Aussetzer');
    const { link } = f;
    const connections = link.connections;
    link.cut();
    link.drop();
    await sleep(3000);
    link.restore();
    await eventually(() => link.connections > connections, 15_000);
    await sleep(12_000);
    expect((await f.server.site(siteId)).status).toBe('up');
    expect(await incidents(siteId)).toEqual([]);
    proc.kill('SIGTERM');
    await proc.exited;
  });

  it('turns agent_silent into line_sync_lost with the real start once the agent is back', {
    timeout: 150_000,
  }, async () => {
    const { siteId } = await startAgentFor('Praxis am Markt');
    await sleep(2000);

    // The DSL line fails: the router loses sync, so the agent loses the internet and the server.
    const cutAt = Date.now();
    router.setScenario('dsl_no_signal');
    await f.cut();
    const silent = await eventually(async () => {
      const [incident] = await incidents(siteId);
      return incident ? incident : null;
    }, 20_000);
    expect(silent.cause).toBe('agent_silent');
    await sleep(20_000);

    // The line returns; the agent reconnects and uploads what it recorded meanwhile.
    const restoredAt = Date.now();
    router.setScenario('dsl_up');
    f.restore();
    const corrected = await eventually(
      async () => {
        const [incident] = await incidents(siteId);
        return incident?.cause === 'line_sync_lost' && incident.recoveredAt ? incident : null;
      },
      120_000,
      500,
    );
    // Dated by the agent's own records, to within a probe round or two (interval 1 s + probe timeouts).
    expect(Math.abs(Date.parse(corrected.startedAt) - cutAt)).toBeLessThanOrEqual(2500);
    expect(Math.abs(Date.parse(corrected.recoveredAt ?? '') - restoredAt)).toBeLessThanOrEqual(5000);
    const detail = IncidentDetail.parse(
      await (await f.server.api(`/api/v1/incidents/${corrected.id}`)).json(),
    );
    expect(detail.timeline.map((e) => e.kind)).toContain('cause_corrected');

    // The hotline report names the sync loss.
    const report = await (
      await f.server.api(`/api/v1/incidents/${corrected.id}/report?lang=de&format=text`)
    ).text();
    expect(report).toContain('Synchronisation verloren am');
  });
});
