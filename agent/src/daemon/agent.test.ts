import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AgentCommand,
  AgentStatusMessage,
  agentTopic,
  type CommitAck,
  EventBatch,
  MeasurementBatch,
} from '@linewatch/shared';
import mqtt from 'mqtt';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Daemon } from '../cli/run.js';
import { eventually, type Seen, startBroker } from '../testing/broker.js';
import { listeningPort, loopbackOnlyProbes } from '../testing/loopback.js';
import { Backoff } from '../transport/backoff.js';

/**
 * The daemon against a real MQTT broker (aedes, in-process, loopback) with
 * real probes of loopback listeners: what the server relies on.
 */

const bootId = '3f1c2b9a-1111-4222-8333-444455556666';
const silent = pino({ level: 'silent' });

let target: Awaited<ReturnType<typeof listeningPort>>;
let broker: Awaited<ReturnType<typeof startBroker>>;
const logins: Record<string, string> = { 'agent-one': 'secret-one', 'agent-two': 'secret-two' };
const daemons: Daemon[] = [];

beforeAll(async () => {
  target = await listeningPort();
  broker = await startBroker(logins);
});
afterEach(async () => {
  await Promise.all(daemons.splice(0).map((d) => d.stop()));
});
afterAll(async () => {
  await broker.close();
  await target.close();
});

async function startDaemon(agentId: string, intervalSeconds: number): Promise<Daemon> {
  const dir = mkdtempSync(join(tmpdir(), 'lw-agent-'));
  const config = join(dir, 'agent.json');
  writeFileSync(
    config,
    JSON.stringify({
      server: { url: 'http://127.0.0.1:9' },
      agentId,
      mqtt: { url: broker.url, username: agentId, password: logins[agentId] },
      keepaliveSeconds: 5,
      intervalSeconds,
      probes: { ...loopbackOnlyProbes, timeoutMs: 500, attempts: 2 },
    }),
  );
  const address = `127.0.0.1:${target.port}`;
  const daemon = new Daemon(
    { config, targets: address, router: address },
    { env: {}, out: () => {}, err: () => {} },
    { logger: silent, mqttBackoff: new Backoff({ baseMs: 50, capMs: 200 }), kernelBootId: () => bootId },
  );
  daemons.push(daemon);
  await daemon.start();
  return daemon;
}

const topicOf = (agentId: string, kind: 'status' | 'measurements' | 'events' | 'commands') =>
  agentTopic(agentId, kind);
const from = (start: number) => broker.seen.slice(start);
const measurementSeqs = (seen: Seen[], agentId: string) =>
  seen
    .filter((m) => m.topic === topicOf(agentId, 'measurements'))
    .flatMap((m) => MeasurementBatch.parse(m.json).items.map((i) => i.seq));
const eventSeqs = (seen: Seen[], agentId: string) =>
  seen
    .filter((m) => m.topic === topicOf(agentId, 'events'))
    .flatMap((m) => EventBatch.parse(m.json).items.map((i) => i.seq));
const statuses = (seen: Seen[], agentId: string) =>
  seen.filter((m) => m.topic === topicOf(agentId, 'status')).map((m) => AgentStatusMessage.parse(m.json));

/** What a client that subscribes now gets from the broker's retained store. */
async function retainedStatus(agentId: string): Promise<{ retain: boolean; status: AgentStatusMessage }> {
  logins['late-reader'] = 'late';
  const reader = await mqtt.connectAsync(broker.url, {
    protocolVersion: 4,
    clientId: 'late-reader',
    username: 'late-reader',
    password: 'late',
    reconnectPeriod: 0,
  });
  try {
    const message = new Promise<{ retain: boolean; status: AgentStatusMessage }>((resolve) =>
      reader.once('message', (_topic, payload, packet) =>
        resolve({ retain: packet.retain, status: AgentStatusMessage.parse(JSON.parse(payload.toString())) }),
      ),
    );
    await reader.subscribeAsync(topicOf(agentId, 'status'), { qos: 1 });
    return await message;
  } finally {
    await reader.endAsync(true);
  }
}

async function sendToAgent(agentId: string, message: CommitAck | AgentCommand | string): Promise<void> {
  const payload = typeof message === 'string' ? message : JSON.stringify(message);
  await broker.observer.publishAsync(topicOf(agentId, 'commands'), payload, { qos: 1 });
}

describe('the agent daemon over MQTT', () => {
  it('announces itself, reports, survives a cut line, re-sends until acknowledged, says goodbye', async () => {
    const id = 'agent-one';
    const daemon = await startDaemon(id, 1);

    // 1. Online, retained, with the boot facts.
    await eventually(
      () => broker.connected(id) && statuses(broker.seen, id).some((s) => s.state === 'online'),
    );
    const retained = await retainedStatus(id);
    expect(retained.retain).toBe(true);
    expect(retained.status).toMatchObject({
      state: 'online',
      reason: 'connected',
      bootId,
      intervalSeconds: 1,
    });

    // 2. Measurements valid per the shared schema, the line up; an agent_started event.
    const first = await eventually(() => broker.seen.find((m) => m.topic === topicOf(id, 'measurements')));
    const batch = MeasurementBatch.parse(first.json);
    expect(batch.items[0]).toMatchObject({
      bootId,
      gateway: { address: '127.0.0.1', reachable: true },
      targets: [{ kind: 'tcp', target: `127.0.0.1:${target.port}`, sent: 2, received: 2, lossPct: 0 }],
      diagnosis: { status: 'up', cause: null },
    });
    const events = await eventually(() => broker.seen.find((m) => m.topic === topicOf(id, 'events')));
    expect(EventBatch.parse(events.json).items[0]).toMatchObject({ kind: 'agent_started', bootId });
    await eventually(() => measurementSeqs(broker.seen, id).length >= 2);

    // 3. A cut without DISCONNECT: the broker publishes the will; the agent comes back.
    const beforeCut = measurementSeqs(broker.seen, id);
    const cutAt = broker.seen.length;
    broker.cutAgents();
    await eventually(() => statuses(from(cutAt), id).some((s) => s.state === 'offline'));
    expect(statuses(from(cutAt), id)[0]).toMatchObject({
      state: 'offline',
      reason: 'connection_lost',
      bootId,
    });
    await eventually(() => statuses(from(cutAt), id).some((s) => s.state === 'online'));

    // 4. Nothing was acknowledged, so everything is sent again, oldest first.
    await eventually(() => beforeCut.every((seq) => measurementSeqs(from(cutAt), id).includes(seq)));
    const resent = measurementSeqs(from(cutAt), id);
    expect(resent.slice(0, beforeCut.length)).toEqual(beforeCut);

    // 5. Acknowledged samples are forgotten and not sent again after the next cut.
    const acked = [...new Set([...measurementSeqs(broker.seen, id), ...eventSeqs(broker.seen, id)])];
    const agent = daemon.agent;
    expect(agent?.pending).toBeGreaterThanOrEqual(acked.length);
    await sendToAgent(id, { v: 1, type: 'ack', bootId, seqs: acked });
    await sendToAgent(id, '{ not json'); // ignored, logged
    await sendToAgent(id, { v: 1, type: 'ack', bootId: '7d2e4c1f-2222-4333-8444-555566667777', seqs: [0] });
    await eventually(() => (agent?.pending ?? 99) <= 2);
    const secondCut = broker.seen.length;
    broker.cutAgents();
    await eventually(() => statuses(from(secondCut), id).some((s) => s.state === 'online'));
    await eventually(() => measurementSeqs(from(secondCut), id).length >= 2);
    expect(measurementSeqs(from(secondCut), id).filter((seq) => acked.includes(seq))).toEqual([]);

    // 6. Shutdown: a retained goodbye, then a clean DISCONNECT (no will).
    const stopAt = broker.seen.length;
    await daemon.stop();
    await eventually(() => !broker.connected(id));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statuses(from(stopAt), id).map((s) => [s.state, s.reason])).toEqual([['offline', 'shutdown']]);
    expect((await retainedStatus(id)).status).toMatchObject({ state: 'offline', reason: 'shutdown' });
  });

  it('runs a round at once on check_now, unless the command has expired', async () => {
    const id = 'agent-two';
    await startDaemon(id, 3600);
    await eventually(() => measurementSeqs(broker.seen, id).length === 1);
    const now = Date.now();
    const command = (expiresInMs: number): AgentCommand => ({
      v: 1,
      type: 'command',
      id: crypto.randomUUID(),
      name: 'check_now',
      issuedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + expiresInMs).toISOString(),
    });

    await sendToAgent(id, command(-1000));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(measurementSeqs(broker.seen, id)).toHaveLength(1);

    await sendToAgent(id, command(60_000));
    await eventually(() => measurementSeqs(broker.seen, id).length === 2, 5000);
  });
});
