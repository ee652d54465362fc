import { EnrollmentToken, type EnrollResponse, Site, SiteDeleted } from '@linewatch/shared';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/fixtures.js';
import { readSse } from '../../testing/sse.js';

let server: TestServer;
const clients: MqttClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
});
afterAll(() => server.stop());

/** Connects as an agent; resolves with the client, or rejects with the broker's refusal. */
function connect(e: EnrollResponse): Promise<MqttClient> {
  const client = mqtt.connect(`mqtt://127.0.0.1:${server.mqttPort}`, {
    clientId: e.agentId,
    username: e.agentId,
    password: e.mqtt.password,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 5000,
  });
  clients.push(client);
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}
const closed = (client: MqttClient) => new Promise<void>((resolve) => client.once('close', () => resolve()));
const patch = (id: string, body: unknown) =>
  server.api(`/api/v1/sites/${id}`, { method: 'PATCH', body: JSON.stringify(body) });

describe('editing a site', () => {
  it('changes what is sent and keeps the rest; the postcode area follows the address unless set by hand', async () => {
    const site = await server.createSite({ address: 'Hauptstraße 1, 10115 Berlin', business: true });
    const res = await patch(site.id, {
      customer: 'Dr. Anna Schmidt',
      carrier: 'Vodafone',
      contract: { downMbps: 250, upMbps: 40 },
      address: 'Marktplatz 3, 04109 Leipzig',
    });
    expect(res.status).toBe(200);
    const changed = Site.parse(await res.json());
    expect(changed).toMatchObject({
      name: site.name,
      business: true,
      customer: 'Dr. Anna Schmidt',
      carrier: 'Vodafone',
      contract: { downMbps: 250, upMbps: 40 },
      area: '041',
    });
    expect(Site.parse(await (await patch(site.id, { area: 'Leipzig-Mitte' })).json()).area).toBe(
      'Leipzig-Mitte',
    );
    const moved = Site.parse(await (await patch(site.id, { address: 'Ring 1, 80331 München' })).json());
    expect(moved.area).toBe('Leipzig-Mitte');
    expect(Site.parse(await (await patch(site.id, { area: null })).json()).area).toBe('803');
  });

  it('says what is wrong, and 404 for another site', async () => {
    const site = await server.createSite();
    const bad = await patch(site.id, { contract: { downMbps: -1, upMbps: 10 } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { issues: [{ path: 'contract.downMbps' }] } });
    expect((await patch(site.id, {})).status).toBe(400);
    expect((await patch(site.id, { status: 'up' })).status).toBe(400);
    expect((await patch('00000000-0000-4000-8000-000000000000', { name: 'x' })).status).toBe(404);
  });
});

describe('replacing a box', () => {
  it('issues a new token; enrolling with it ends the old box’s session and refuses its credentials', async () => {
    const site = await server.createSite();
    const oldBox = await server.enroll(site.enrollmentToken);
    const oldClient = await connect(oldBox);
    const issued = await server.api(`/api/v1/sites/${site.id}/enrollment-token`, { method: 'POST' });
    expect(issued.status).toBe(201);
    const { enrollmentToken } = EnrollmentToken.parse(await issued.json());
    // The old box keeps working until the new one is enrolled.
    expect(oldClient.connected).toBe(true);
    const gone = closed(oldClient);
    const newBox = await server.enroll(enrollmentToken);
    await gone;
    expect(newBox.agentId).not.toBe(oldBox.agentId);
    await expect(connect(oldBox)).rejects.toThrow(/Not authorized|Bad username or password/);
    await connect(newBox);
    const now = Site.parse(await (await server.api(`/api/v1/sites/${site.id}`)).json());
    expect(now.agentId).toBe(newBox.agentId);
    expect((await server.enroll(enrollmentToken).catch((e: Error) => e)) instanceof Error).toBe(true);
  });
});

describe('new enrollment tokens', () => {
  it('only the newest unspent token enrolls a box', async () => {
    const site = await server.createSite();
    const issue = async () =>
      EnrollmentToken.parse(
        await (await server.api(`/api/v1/sites/${site.id}/enrollment-token`, { method: 'POST' })).json(),
      ).enrollmentToken;
    const first = await issue();
    const second = await issue();
    const refused = await fetch(`${server.url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: first }),
    });
    expect(refused.status).toBe(401);
    // The token handed out when the site was created went with them.
    await expect(server.enroll(site.enrollmentToken)).rejects.toThrow();
    expect((await server.enroll(second)).siteId).toBe(site.id);
  });
});

describe('deleting a site', () => {
  it('tells open dashboards at once', async () => {
    const site = await server.createSite({ name: 'Weg' });
    const feed = await readSse(`${server.url}/api/v1/events`, server.cookie);
    try {
      expect((await server.api(`/api/v1/sites/${site.id}`, { method: 'DELETE' })).status).toBe(204);
      const event = await feed.next((e) => e.event === 'site_deleted');
      expect(SiteDeleted.parse(JSON.parse(event.data))).toEqual({ id: site.id });
    } finally {
      feed.close();
    }
  });

  it('disconnects its box, refuses it from then on, and leaves other sites alone', async () => {
    const site = await server.createSite({ name: 'Gekündigt' });
    const other = await server.createSite({ name: 'Bleibt' });
    const box = await server.enroll(site.enrollmentToken);
    const client = await connect(box);
    const gone = closed(client);
    expect((await server.api(`/api/v1/sites/${site.id}`, { method: 'DELETE' })).status).toBe(204);
    await gone;
    await expect(connect(box)).rejects.toThrow(/Not authorized|Bad username or password/);
    expect((await server.api(`/api/v1/sites/${site.id}`)).status).toBe(404);
    expect((await server.api(`/api/v1/sites/${site.id}`, { method: 'DELETE' })).status).toBe(404);
    const list = (await (await server.api('/api/v1/sites')).json()) as Site[];
    expect(list.some((s) => s.id === other.id) && !list.some((s) => s.id === site.id)).toBe(true);
  });
});
