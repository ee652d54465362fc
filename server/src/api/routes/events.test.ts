import { agentTopic, LiveIncident, Site } from '@linewatch/shared';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/fixtures.js';
import { sampleStatus } from '../../testing/samples.js';
import { readSse, type SseEvent } from '../../testing/sse.js';

/**
 * The dashboard's live feed: a site's changes and its incident's — opened
 * when the line fails, changed by the shop's actions and the recovery,
 * resolved — arrive as Server-Sent Events.
 */
let server: TestServer;
const clients: MqttClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ confirmDelaySeconds: 1 });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true)));
  await server.stop();
});

async function connect(agentId: string, password: string): Promise<MqttClient> {
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${server.mqttPort}`, {
    clientId: agentId,
    username: agentId,
    password,
    protocolVersion: 4,
    reconnectPeriod: 0,
    keepalive: 2,
  });
  clients.push(client);
  await client.publishAsync(agentTopic(agentId, 'status'), JSON.stringify(sampleStatus()), { qos: 1 });
  return client;
}

const incidentEvent = (e: SseEvent) =>
  e.event === 'incident' ? LiveIncident.parse(JSON.parse(e.data)) : null;

describe('GET /api/v1/events', () => {
  it('pushes site changes and the incident opened, changed and resolved', async () => {
    const site = await server.createSite({ name: 'Live' });
    const agent = await server.enroll(site.enrollmentToken);
    const feed = await readSse(`${server.url}/api/v1/events`, server.cookie);
    const ofSite = (e: SseEvent, status: string) =>
      e.event === 'site' &&
      Site.parse(JSON.parse(e.data)).id === site.id &&
      JSON.parse(e.data).status === status;
    const forIncident = (change: string) => (e: SseEvent) => {
      const i = incidentEvent(e);
      return i !== null && i.change === change && i.incident.siteIds.includes(site.id);
    };

    const client = await connect(agent.agentId, agent.mqtt.password);
    await feed.next((e) => ofSite(e, 'up'));
    client.stream.destroy();
    await feed.next((e) => ofSite(e, 'down'));
    const opened = incidentEvent(await feed.next(forIncident('opened')));
    expect(opened?.incident).toMatchObject({ kind: 'site', state: 'open', cause: 'agent_silent' });
    const id = opened?.incident.id as string;

    const ack = await server.api(`/api/v1/incidents/${id}/acknowledge`, { method: 'POST', body: '{}' });
    expect(ack.status).toBe(200);
    const acknowledged = incidentEvent(await feed.next(forIncident('changed')));
    expect(acknowledged?.incident).toMatchObject({
      id,
      state: 'acknowledged',
      acknowledgedBy: 'admin@example.test',
    });

    await connect(agent.agentId, agent.mqtt.password);
    const recovered = incidentEvent(await feed.next(forIncident('changed')));
    expect(recovered?.incident.recoveredAt).not.toBeNull();

    const resolve = await server.api(`/api/v1/incidents/${id}/resolve`, { method: 'POST', body: '{}' });
    expect(resolve.status).toBe(200);
    const resolved = incidentEvent(await feed.next(forIncident('resolved')));
    expect(resolved?.incident).toMatchObject({ id, state: 'resolved' });
    feed.close();
  });

  it('refuses a feed without a login', async () => {
    expect((await fetch(`${server.url}/api/v1/events`)).status).toBe(401);
  });
});
