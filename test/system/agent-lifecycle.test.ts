import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { LatestMeasurement } from '@linewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestingDnsServer, type TestingDnsServer } from '../../agent/src/probes/testing-dns-server.js';
import { type Proc, runTs, tcpTarget, tempDir } from '../support/processes.js';
import { eventually, type ServerProc, startServerProcess } from '../support/server.js';

/** Agent keepalive in this test, seconds: detection must be within 1.5 × keepalive + 2 s. */
const keepaliveSeconds = 4;

let server: ServerProc;
let target: { server: Server; address: string };
let router: { server: Server; address: string };
let dns: TestingDnsServer;
const procs: Proc[] = [];

beforeAll(async () => {
  server = await startServerProcess({ LINEWATCH_CONFIRM_DELAY_SECONDS: '3' });
  target = await tcpTarget();
  router = await tcpTarget();
  dns = await startTestingDnsServer({ host: '127.0.0.1', port: 0, answer: '192.0.2.10' });
});
afterAll(async () => {
  for (const p of procs) p.kill('SIGKILL');
  server.kill('SIGTERM');
  await server.exited;
  target.server.close();
  router.server.close();
  await dns.close();
});

function runAgent(config: string): Proc {
  const agent = runTs('agent/src/cli.ts', [
    'run',
    '--config',
    config,
    '--targets',
    target.address,
    '--router',
    router.address.split(':')[0] as string,
  ]);
  procs.push(agent);
  return agent;
}

describe('an agent from enrollment to a silent site and back', () => {
  it('enrolls with the CLI, reports up with measurements, turns down when killed and up when restarted', async () => {
    // 1. A site created through the API; its agent enrolled with the CLI.
    const site = await server.createSite();
    const config = join(tempDir('agent'), 'agent.json');
    const enroll = runTs('agent/src/cli.ts', [
      'enroll',
      '--server',
      server.url,
      '--token',
      site.enrollmentToken,
      '--config',
      config,
    ]);
    expect(await enroll.exited).toBe(0);
    const written = JSON.parse(readFileSync(config, 'utf8')) as Record<string, unknown>;
    // Loopback only: no system resolver, a loopback DNS server, no HTTP URLs (targets and router are overridden).
    const probes = {
      systemResolver: false,
      resolvers: [dns.address],
      dnsNames: ['example.com'],
      httpUrls: [],
    };
    writeFileSync(config, JSON.stringify({ ...written, keepaliveSeconds, intervalSeconds: 1, probes }));

    // 2. Running, the agent brings the site up and its measurements show in the API.
    let agent = runAgent(config);
    const up = await eventually(async () => {
      const s = await server.site(site.id);
      return s.status === 'up' ? s : null;
    });
    expect(up.agentId).toMatch(/^[0-9a-f-]{36}$/);
    const points = await eventually(async () => {
      const res = await server.api(
        `/api/v1/sites/${site.id}/measurements?from=${new Date(Date.now() - 600_000).toISOString()}`,
      );
      const body = (await res.json()) as { points: { latencyMs: number | null; lossPct: number | null }[] };
      return body.points.length >= 2 ? body.points : null;
    });
    expect(points[0]?.lossPct).toBe(0);
    expect(points[0]?.latencyMs).toBeGreaterThanOrEqual(0);

    // Every probe's result reaches the server in the shared schema.
    const latest = LatestMeasurement.parse(
      await (await server.api(`/api/v1/sites/${site.id}/latest`)).json(),
    );
    expect(latest.measurement.dns?.[0]).toMatchObject({ resolver: dns.address, ok: true });
    expect(latest.measurement.icmp?.[0]).toMatchObject({ target: '127.0.0.1', received: 5 });
    expect(latest.measurement.gateway.icmp?.received).toBeGreaterThan(0);
    expect(latest.measurement.diagnosis).toMatchObject({ status: 'up', cause: null });

    // The site follows the agent's live diagnosis: DNS breaks, the site is down/dns_failure; it heals, up again.
    dns.mode = 'servfail';
    const dnsDown = await eventually(async () => {
      const s = await server.site(site.id);
      return s.status === 'down' ? s : null;
    });
    expect(dnsDown.cause).toBe('dns_failure');
    dns.mode = 'answer';
    await eventually(async () => (await server.site(site.id)).status === 'up');

    // 3. SIGKILL: no goodbye. The site must be down/agent_silent within 1.5 × keepalive + 2 s.
    const killedAt = Date.now();
    agent.kill('SIGKILL');
    await agent.exited;
    const down = await eventually(
      async () => {
        const s = await server.site(site.id);
        return s.status === 'down' ? s : null;
      },
      (1.5 * keepaliveSeconds + 2) * 1000,
    );
    const detectedMs = Date.now() - killedAt;
    expect(down.cause).toBe('agent_silent');
    expect(detectedMs).toBeLessThanOrEqual((1.5 * keepaliveSeconds + 2) * 1000);
    expect(Date.parse(down.since)).toBeLessThanOrEqual(killedAt + 1000);

    // 4. Restarted, it comes back up.
    agent = runAgent(config);
    await eventually(async () => (await server.site(site.id)).status === 'up');
    agent.kill('SIGTERM');
    expect(await agent.exited).toBe(0);
  });
});
