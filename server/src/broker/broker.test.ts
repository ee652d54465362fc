import { randomUUID } from 'node:crypto';
import {
  agentTopic,
  CommitAck,
  type EnrollResponse,
  LatestMeasurement,
  Site,
  SiteGaps,
} from '@linewatch/shared';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestServer, type TestServer } from '../testing/fixtures.js';
import { sampleBatch, sampleStatus } from '../testing/samples.js';

let server: TestServer;
let a: EnrollResponse;
let b: EnrollResponse;
let siteA: string;
let siteB: string;
const clients: MqttClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ confirmDelaySeconds: 1 });
  const sa = await server.createSite({ name: 'A' });
  const sb = await server.createSite({ name: 'B' });
  siteA = sa.id;
  siteB = sb.id;
  a = await server.enroll(sa.enrollmentToken);
  b = await server.enroll(sb.enrollmentToken);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
});
afterAll(() => server.stop());

function connect(opts: { clientId: string; username: string; password: string }): Promise<MqttClient> {
  const client = mqtt.connect(`mqtt://127.0.0.1:${server.mqttPort}`, {
    ...opts,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 5000,
    keepalive: 2,
  });
  clients.push(client);
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}
const as = (e: EnrollResponse) => ({ clientId: e.agentId, username: e.agentId, password: e.mqtt.password });

async function metric(name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(labels ? `${name}{${labels}}` : `${name} `));
  return line ? Number(line.split(' ').pop()) : 0;
}

async function measurementCount(siteId: string): Promise<number> {
  const from = new Date(Date.now() - 3600_000).toISOString();
  const res = await server.api(`/api/v1/sites/${siteId}/measurements?from=${from}`);
  return ((await res.json()) as { points: unknown[] }).points.length;
}

async function site(siteId: string): Promise<Site> {
  return Site.parse(await (await server.api(`/api/v1/sites/${siteId}`)).json());
}

describe('embedded broker access control', () => {
  it('refuses a wrong password at CONNECT', async () => {
    await expect(connect({ ...as(a), password: 'wrong' })).rejects.toMatchObject({ code: 4 });
    expect(await metric('linewatch_mqtt_refused_total', 'reason="bad_credentials"')).toBeGreaterThanOrEqual(
      1,
    );
  });

  it("refuses agent A's credentials under B's client id, and B stays connected", async () => {
    const clientB = await connect(as(b));
    await expect(connect({ ...as(a), clientId: b.agentId })).rejects.toMatchObject({ code: 2 });
    await new Promise((r) => setTimeout(r, 300));
    expect(clientB.connected).toBe(true);
    await clientB.publishAsync(agentTopic(b.agentId, 'status'), JSON.stringify(sampleStatus()), { qos: 1 });
  });

  it("does not store what A publishes into B's subtree", async () => {
    const clientA = await connect(as(a));
    const closed = new Promise<void>((r) => clientA.once('close', () => r()));
    clientA.publish(agentTopic(b.agentId, 'measurements'), JSON.stringify(sampleBatch(randomUUID(), [1])), {
      qos: 1,
    });
    await closed;
    expect(await measurementCount(siteB)).toBe(0);
    expect(await metric('linewatch_mqtt_refused_total', 'reason="publish_denied"')).toBeGreaterThanOrEqual(1);
  });

  it('refuses subscriptions to linewatch/#, $SYS/# and other agents, grants its own commands', async () => {
    const clientA = await connect(as(a));
    const refusal = await clientA
      .subscribeAsync(
        ['linewatch/#', '$SYS/#', agentTopic(b.agentId, 'commands'), agentTopic(a.agentId, 'commands')],
        {
          qos: 1,
        },
      )
      .then(
        () => null,
        (err: { packet?: { granted?: number[] } }) => err.packet?.granted,
      );
    // SUBACK return code 0x80 = failure [MQTT-3.9.3-2]; the connection stays up.
    expect(refusal).toEqual([128, 128, 128, 1]);
    expect(clientA.connected).toBe(true);
  });
});

describe('ingest', () => {
  it('stores a valid batch once, however often it is sent, and acknowledges it', async () => {
    const clientA = await connect(as(a));
    await clientA.subscribeAsync(agentTopic(a.agentId, 'commands'), { qos: 1 });
    const acks: CommitAck[] = [];
    clientA.on('message', (_t, p) => acks.push(CommitAck.parse(JSON.parse(p.toString()))));
    const bootId = randomUUID();
    const batch = JSON.stringify(sampleBatch(bootId, [1, 2, 3]));
    for (let i = 0; i < 3; i++)
      await clientA.publishAsync(agentTopic(a.agentId, 'measurements'), batch, { qos: 1 });
    await eventually(() => acks.length === 3);
    expect(acks.every((x) => x.bootId === bootId && x.seqs.join() === '1,2,3')).toBe(true);
    expect(await measurementCount(siteA)).toBe(3);
    expect(await site(siteA)).toMatchObject({ status: 'up', cause: null });
  });

  it('serves the newest probe round, as the agent sent it', async () => {
    const res = await server.api(`/api/v1/sites/${siteA}/latest`);
    expect(res.status).toBe(200);
    const body = LatestMeasurement.parse(await res.json());
    expect(body.measurement.seq).toBe(3);
    expect(body.measurement.targets[0]?.target).toBe('127.0.0.1:443');
    expect((await server.api(`/api/v1/sites/${siteB}/latest`)).status).toBe(204);
  });

  it('counts a malformed payload, keeps the agent connected and keeps serving', async () => {
    const clientA = await connect(as(a));
    const before = await metric('linewatch_ingest_rejected_total', 'reason="invalid_json"');
    const beforeSchema = await metric('linewatch_ingest_rejected_total', 'reason="invalid_schema"');
    await clientA.publishAsync(agentTopic(a.agentId, 'measurements'), '{not json', { qos: 1 });
    await clientA.publishAsync(
      agentTopic(a.agentId, 'events'),
      JSON.stringify({ v: 1, type: 'events', items: [] }),
      {
        qos: 1,
      },
    );
    await eventually(
      async () => (await metric('linewatch_ingest_rejected_total', 'reason="invalid_json"')) === before + 1,
    );
    expect(await metric('linewatch_ingest_rejected_total', 'reason="invalid_schema"')).toBe(beforeSchema + 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(clientA.connected).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('sequence gaps', () => {
  it('lists the open gaps and the drops an agent reported at GET /sites/{id}/gaps', async () => {
    const s = await server.createSite({ name: 'E' });
    const e = await server.enroll(s.enrollmentToken);
    const client = await connect(as(e));
    await client.subscribeAsync(agentTopic(e.agentId, 'commands'), { qos: 1 });
    let acked = 0;
    client.on('message', () => acked++);
    const bootId = randomUUID();
    const send = (kind: 'measurements' | 'events', body: unknown) =>
      client.publishAsync(agentTopic(e.agentId, kind), JSON.stringify(body), { qos: 1 });
    await send('measurements', sampleBatch(bootId, [1, 2]));
    await send('measurements', sampleBatch(bootId, [6]));
    const t = new Date().toISOString();
    const report = {
      bootId,
      seq: 7,
      t,
      monoMs: 7000,
      clockSynced: true,
      kind: 'outbox_dropped',
      data: { count: 2 },
    };
    await send('events', { v: 1, type: 'events', items: [report] });
    await eventually(() => acked === 3);

    const res = await server.api(`/api/v1/sites/${s.id}/gaps`);
    expect(res.status).toBe(200);
    expect(SiteGaps.parse(await res.json())).toMatchObject({
      missingSamples: 1,
      openGaps: [{ agentId: e.agentId, bootId, fromSeq: 5, toSeq: 5, missing: 1 }],
      droppedSamples: 2,
      reportedDrops: [{ seq: 7, count: 2, explained: 2 }],
    });
    expect(await metric('linewatch_ingest_gaps_total', '')).toBeGreaterThanOrEqual(1);
    expect((await server.api('/api/v1/sites/00000000-0000-4000-8000-000000000000/gaps')).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/sites/${s.id}/gaps`)).status).toBe(401);
  });
});

describe('silent-agent detection', () => {
  it('turns a site down/agent_silent when its agent vanishes, and up when it returns', async () => {
    const s = await server.createSite({ name: 'C' });
    const c = await server.enroll(s.enrollmentToken);
    const client = await connect(as(c));
    await client.publishAsync(agentTopic(c.agentId, 'status'), JSON.stringify(sampleStatus()), { qos: 1 });
    await eventually(async () => (await site(s.id)).status === 'up');
    client.stream.destroy();
    const down = await eventually(async () => {
      const x = await site(s.id);
      return x.status === 'down' ? x : null;
    }, 5000);
    expect(down.cause).toBe('agent_silent');
    await connect(as(c));
    await eventually(async () => (await site(s.id)).status === 'up', 5000);
  });

  it('keeps a site up when its agent reconnects over a half-open connection', async () => {
    const s = await server.createSite({ name: 'D' });
    const d = await server.enroll(s.enrollmentToken);
    const first = await connect(as(d));
    first.options.reconnectPeriod = 0;
    await first.publishAsync(agentTopic(d.agentId, 'status'), JSON.stringify(sampleStatus()), { qos: 1 });
    await eventually(async () => (await site(s.id)).status === 'up');
    const firstClosed = new Promise<void>((r) => first.once('close', () => r()));
    await connect(as(d)); // takes the session over; the broker closes the first connection
    await firstClosed;
    await new Promise((r) => setTimeout(r, 1500)); // longer than the confirmation delay
    expect((await site(s.id)).status).toBe('up');
  });
});
