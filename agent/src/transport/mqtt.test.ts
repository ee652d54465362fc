import { AgentStatusMessage, agentTopic } from '@linewatch/shared';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusMessage } from '../daemon/samples.js';
import { eventually, startBroker } from '../testing/broker.js';
import { refusedPort } from '../testing/loopback.js';
import { Backoff } from './backoff.js';
import { MqttTransport, type MqttTransportOptions } from './mqtt.js';

const bootId = '3f1c2b9a-1111-4222-8333-444455556666';
const facts = { bootId, bootedAt: new Date(0), agentVersion: 't', keepaliveSeconds: 5, intervalSeconds: 1 };
const logins: Record<string, string> = {};
let broker: Awaited<ReturnType<typeof startBroker>>;

beforeAll(async () => {
  broker = await startBroker(logins);
});
afterAll(async () => {
  await broker.close();
});

function transport(agentId: string, options: Partial<MqttTransportOptions> = {}) {
  const connections: number[] = [];
  const t = new MqttTransport({
    url: broker.url,
    agentId,
    username: agentId,
    password: 'right',
    keepaliveSeconds: 5,
    status: (state, reason) => statusMessage(facts, state, reason, Date.now()),
    logger: pino({ level: 'silent' }),
    backoff: new Backoff({ baseMs: 20, capMs: 100 }),
    onConnect: (n) => connections.push(n),
    ...options,
  });
  return { t, connections };
}

describe('MqttTransport', () => {
  it('keeps retrying a refused login until the broker lets it in', async () => {
    logins['agent-retry'] = 'wrong';
    const { t, connections } = transport('agent-retry');
    t.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.ready).toBe(false);
    await expect(t.publish('events', '{}')).rejects.toThrow('not connected');
    logins['agent-retry'] = 'right';
    await eventually(() => t.ready);
    expect(connections).toEqual([1]);
    await t.stop();
  });

  it('keeps retrying a broker that is not there, without throwing', async () => {
    const { t } = transport('agent-nobroker', { url: `mqtt://127.0.0.1:${await refusedPort()}` });
    t.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.ready).toBe(false);
    expect(t.connection).toBe(0);
    await t.stop();
  });

  it('publishes QoS 1 under its prefix and counts its connections', async () => {
    logins['agent-pub'] = 'right';
    const { t, connections } = transport('agent-pub');
    t.start();
    await eventually(() => t.ready);
    const start = broker.seen.length;
    await t.publish('events', '{"hello":1}');
    await eventually(() =>
      broker.seen.slice(start).find((m) => m.topic === agentTopic('agent-pub', 'events')),
    );
    broker.cutAgents();
    await eventually(() => connections.length === 2);
    expect(connections).toEqual([1, 2]);
    await t.stop();
  });

  it('sends a fresh will with every CONNECT', async () => {
    logins['agent-will'] = 'right';
    const { t, connections } = transport('agent-will');
    const wills = async (count: number) => {
      const all = () =>
        broker.seen
          .filter((m) => m.topic === agentTopic('agent-will', 'status') && m.json.state === 'offline')
          .map((m) => AgentStatusMessage.parse(m.json));
      return eventually(() => all().length >= count && all());
    };
    t.start();
    await eventually(() => t.ready);
    await new Promise((resolve) => setTimeout(resolve, 20));
    broker.cutAgents();
    await eventually(() => connections.length === 2 && t.ready);
    await new Promise((resolve) => setTimeout(resolve, 20));
    broker.cutAgents();
    const [first, second] = await wills(2);
    expect(first).toMatchObject({ reason: 'connection_lost', bootId });
    expect(Date.parse(second?.at ?? '')).toBeGreaterThan(Date.parse(first?.at ?? ''));
    await eventually(() => connections.length === 3);
    await t.stop();
  });

  it('leaves `offline` retained even when stopped in the middle of connecting', async () => {
    logins['agent-hasty'] = 'right';
    const { t } = transport('agent-hasty');
    const start = broker.seen.length;
    t.start();
    await eventually(() => broker.connected('agent-hasty'));
    await t.stop();
    await eventually(() => !broker.connected('agent-hasty'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const statuses = broker.seen
      .slice(start)
      .filter((m) => m.topic === agentTopic('agent-hasty', 'status'))
      .map((m) => AgentStatusMessage.parse(m.json));
    expect(statuses.at(-1)).toMatchObject({ state: 'offline', reason: 'shutdown' });
  });
});
