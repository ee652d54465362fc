import { randomUUID } from 'node:crypto';
import { AgentCommand, agentTopic, Command, type EnrollResponse } from '@linewatch/shared';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestServer, type TestServer } from '../testing/fixtures.js';

let server: TestServer;
let agent: EnrollResponse;
let siteId: string;

beforeAll(async () => {
  server = await startTestServer();
  const site = await server.createSite({ name: 'Commands' });
  siteId = site.id;
  agent = await server.enroll(site.enrollmentToken);
});
afterAll(() => server.stop());

/** Connects as the agent and collects the commands it receives. */
async function connectAgent(): Promise<{ client: MqttClient; received: AgentCommand[] }> {
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${server.mqttPort}`, {
    clientId: agent.agentId,
    username: agent.agentId,
    password: agent.mqtt.password,
    protocolVersion: 4,
    reconnectPeriod: 0,
  });
  const received: AgentCommand[] = [];
  client.on('message', (_t, p) => {
    const parsed = AgentCommand.safeParse(JSON.parse(p.toString()));
    if (parsed.success) received.push(parsed.data);
  });
  await client.subscribeAsync(agentTopic(agent.agentId, 'commands'), { qos: 1 });
  return { client, received };
}

async function issue(ttlSeconds = 600): Promise<Command> {
  const res = await server.api(`/api/v1/sites/${siteId}/commands`, {
    method: 'POST',
    body: JSON.stringify({ name: 'check_now', ttlSeconds }),
  });
  expect(res.status).toBe(202);
  return Command.parse(await res.json());
}

async function stateOf(id: string): Promise<Command['state'] | undefined> {
  const list = (await (await server.api(`/api/v1/sites/${siteId}/commands`)).json()) as Command[];
  return list.find((c) => c.id === id)?.state;
}

describe('commands to agents', () => {
  it('waits for an offline agent, is delivered when it subscribes, and ends when the agent reports it done', async () => {
    const command = await issue();
    expect(command.state).toBe('pending');
    const { client, received } = await connectAgent();
    await eventually(() => received.some((c) => c.id === command.id));
    await eventually(async () => (await stateOf(command.id)) === 'sent');
    const done = {
      v: 1,
      type: 'events',
      items: [
        {
          bootId: randomUUID(),
          seq: 1,
          t: new Date().toISOString(),
          monoMs: 1,
          clockSynced: true,
          kind: 'command_done',
          data: { id: command.id, name: 'check_now' },
        },
      ],
    };
    await client.publishAsync(agentTopic(agent.agentId, 'events'), JSON.stringify(done), { qos: 1 });
    await eventually(async () => (await stateOf(command.id)) === 'done');
    await client.endAsync();

    // Done: not sent again on the next connection.
    const again = await connectAgent();
    await new Promise((r) => setTimeout(r, 300));
    expect(again.received.map((c) => c.id)).not.toContain(command.id);
    await again.client.endAsync();
  });

  it('is sent at once to an agent that is listening, and again after a reconnect until done', async () => {
    const first = await connectAgent();
    const command = await issue();
    await eventually(() => first.received.some((c) => c.id === command.id));
    await first.client.endAsync();
    const second = await connectAgent();
    await eventually(() => second.received.some((c) => c.id === command.id));
    await second.client.endAsync();
  });

  it('refuses a command for a site without an agent and a bad name', async () => {
    const site = await server.createSite({ name: 'No box yet' });
    const noAgent = await server.api(`/api/v1/sites/${site.id}/commands`, {
      method: 'POST',
      body: JSON.stringify({ name: 'check_now' }),
    });
    expect(noAgent.status).toBe(409);
    const bad = await server.api(`/api/v1/sites/${siteId}/commands`, {
      method: 'POST',
      body: JSON.stringify({ name: 'reboot_router' }),
    });
    expect(bad.status).toBe(400);
  });
});
