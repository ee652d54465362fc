import { randomUUID } from 'node:crypto';
import { agentTopic, type EnrollResponse, SiteDetail } from '@linewatch/shared';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestServer, type TestServer } from '../../testing/fixtures.js';
import { sampleMeasurement, sampleStatus } from '../../testing/samples.js';

let server: TestServer;
const clients: MqttClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
});
afterAll(() => server.stop());

async function connect(e: EnrollResponse): Promise<MqttClient> {
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${server.mqttPort}`, {
    clientId: e.agentId,
    username: e.agentId,
    password: e.mqtt.password,
    protocolVersion: 4,
    reconnectPeriod: 0,
  });
  clients.push(client);
  return client;
}

const detail = async (id: string) => SiteDetail.parse(await (await server.api(`/api/v1/sites/${id}`)).json());

/**
 * An agent up for `uptimeMs` whose wall clock is `skewMs` off reports one
 * round (with its outbox backlog) after its status message.
 */
async function agentReports(opts: { skewMs: number; uptimeMs: number; backlog?: number }) {
  const site = await server.createSite();
  const enrolled = await server.enroll(site.enrollmentToken);
  const client = await connect(enrolled);
  const bootId = randomUUID();
  await client.publishAsync(
    agentTopic(enrolled.agentId, 'status'),
    JSON.stringify({ ...sampleStatus(bootId), agentVersion: '0.3.1' }),
    { qos: 1, retain: true },
  );
  const round = {
    ...sampleMeasurement(bootId, 1, new Date(Date.now() + opts.skewMs)),
    monoMs: opts.uptimeMs,
    clockSynced: opts.skewMs === 0,
  };
  const batch = { v: 1, type: 'measurements', items: [round], backlog: opts.backlog };
  await client.publishAsync(agentTopic(enrolled.agentId, 'measurements'), JSON.stringify(batch), { qos: 1 });
  await eventually(async () => (await detail(site.id)).agent?.sampledAt);
  return { site, enrolled, client };
}

describe("GET /sites/{id}: the agent's facts", () => {
  it('is null before a box enrolled', async () => {
    const site = await server.createSite();
    expect((await detail(site.id)).agent).toBeNull();
  });

  it('tells version, uptime since its boot, outbox backlog and a synchronised clock', async () => {
    const before = Date.now();
    const { site, enrolled } = await agentReports({ skewMs: 0, uptimeMs: 7_200_000, backlog: 240 });
    const { agent } = await detail(site.id);
    expect(agent).toMatchObject({
      agentId: enrolled.agentId,
      version: '0.3.1',
      hostname: 'test-box',
      connected: true,
      outboxBacklog: 240,
      clockSynced: true,
      ntpSynced: true,
    });
    // booted two hours before the sample, on the server's clock
    const bootedAt = Date.parse(agent?.bootedAt ?? '');
    expect(bootedAt).toBeGreaterThanOrEqual(before - 7_200_000 - 1000);
    expect(bootedAt).toBeLessThanOrEqual(Date.now() - 7_200_000);
    expect(agent?.uptimeSeconds).toBeGreaterThanOrEqual(7200);
    expect(Math.abs(agent?.clockSkewMs ?? Infinity)).toBeLessThan(1000);
  });

  it('says the clock is off when the agent dates its samples days away from the server', async () => {
    const threeDays = 3 * 86_400_000;
    const { site, client } = await agentReports({ skewMs: -threeDays, uptimeMs: 60_000 });
    const { agent } = await detail(site.id);
    expect(agent).toMatchObject({ clockSynced: false, ntpSynced: false, outboxBacklog: null });
    expect(agent?.clockSkewMs).toBeGreaterThan(-threeDays - 1000);
    expect(agent?.clockSkewMs).toBeLessThan(-threeDays + 1000);

    // offline, its uptime stops at its newest sample
    await client.endAsync(true);
    await eventually(async () => (await detail(site.id)).agent?.connected === false);
    const later = (await detail(site.id)).agent;
    expect(later?.uptimeSeconds).toBeCloseTo(60, 0);
  });
});
