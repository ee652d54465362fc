import { AgentConfig, type AgentEvent, EventBatch, MeasurementBatch } from '@linewatch/shared';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { MemoryOutbox } from '../outbox/memory-outbox.js';
import type { GatewayCheck } from '../probes/gateway.js';
import type { ProbeRound } from '../probes/round.js';
import type { MqttTransportOptions } from '../transport/mqtt.js';
import { Agent, type Transport } from './agent.js';

/**
 * The agent's logic with a fake transport and scripted probe rounds: which
 * events it raises and what it publishes when. The real broker is in agent.test.ts.
 */

const bootId = '3f1c2b9a-1111-4222-8333-444455556666';
const config = AgentConfig.parse({
  server: { url: 'http://127.0.0.1:9' },
  agentId: 'agent-fake',
  mqtt: { url: 'mqtt://127.0.0.1:9', username: 'agent-fake', password: 'x' },
  intervalSeconds: 3600,
});
const target = { host: '127.0.0.1', port: 9 };

const gateway = (reachable: boolean): GatewayCheck => ({
  address: '127.0.0.1',
  interface: null,
  reachable,
  rttMs: reachable ? 1 : null,
  error: reachable ? null : 'port 80: timeout',
  port: 80,
  source: 'override',
});
const round = (up: boolean): ProbeRound => ({
  icmp: [],
  dns: [],
  http: [],
  router: null,
  gateway: gateway(up),
  targets: [
    {
      kind: 'tcp',
      target: '127.0.0.1:9',
      sent: 2,
      received: up ? 2 : 0,
      lossPct: up ? 0 : 100,
      rttMs: up ? { min: 1, median: 1, avg: 1, max: 1 } : null,
      jitterMs: up ? 0 : null,
      error: up ? null : 'timeout',
    },
  ],
});

function setup(rounds: ProbeRound[], outbox = new MemoryOutbox()) {
  const published: { topic: string; payload: string }[] = [];
  let handlers!: Pick<MqttTransportOptions, 'onConnect' | 'onCommand'>;
  const transport: Transport & { ready: boolean; connection: number; failing: boolean } = {
    ready: false,
    connection: 0,
    failing: false,
    start: () => {},
    stop: async () => {},
    publish: async (topic, payload) => {
      if (transport.failing) throw new Error('connection lost');
      published.push({ topic, payload });
    },
  };
  let probes = 0;
  const agent = new Agent({
    config,
    plan: {
      targets: [target],
      router: { host: '127.0.0.1', port: 80 },
      timeoutMs: 100,
      attempts: 2,
      resolvers: [],
    },
    probe: async () => rounds[Math.min(probes++, rounds.length - 1)] as ProbeRound,
    bootId,
    clock: {
      wallMs: Date.now,
      monoMs: () => performance.now(),
      clockSynced: () => true,
      bootedAt: new Date(0),
    },
    sequence: counter(),
    outbox,
    logger: pino({ level: 'silent' }),
    agentVersion: '0.0.0-test',
    transport: (h) => {
      handlers = h;
      return transport;
    },
  });
  const connect = () => {
    transport.ready = true;
    transport.connection++;
    handlers.onConnect?.(transport.connection);
  };
  const send = (message: unknown) =>
    handlers.onCommand?.(Buffer.from(typeof message === 'string' ? message : JSON.stringify(message)));
  const checkNow = () =>
    send({
      v: 1,
      type: 'command',
      id: crypto.randomUUID(),
      name: 'check_now',
      issuedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
  const events = (): AgentEvent[] =>
    published
      .filter((p) => p.topic === 'events')
      .flatMap((p) => EventBatch.parse(JSON.parse(p.payload)).items);
  const measurements = () =>
    published
      .filter((p) => p.topic === 'measurements')
      .flatMap((p) => MeasurementBatch.parse(JSON.parse(p.payload)).items);
  return { agent, transport, published, connect, send, checkNow, events, measurements, probes: () => probes };
}

function counter() {
  let n = 0;
  return { next: () => n++ };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('Agent', () => {
  it('raises agent_started once and diagnosis_changed when the verdict changes', async () => {
    const t = setup([round(true), round(true), round(false), round(true)]);
    t.connect();
    t.agent.start();
    for (let i = 0; i < 3; i++) {
      await settle();
      t.checkNow();
    }
    await settle();
    expect(t.probes()).toBe(4);
    const done = t.events().filter((e) => e.kind === 'command_done');
    expect(done).toHaveLength(3);
    const changes = t.events().filter((e) => e.kind !== 'command_done');
    expect(changes.map((e) => [e.kind, e.data.from, e.data.to, e.data.cause])).toEqual([
      ['agent_started', undefined, undefined, undefined],
      ['diagnosis_changed', 'up', 'down', 'router_unreachable'],
      ['diagnosis_changed', 'down', 'up', null],
    ]);
    expect(t.measurements().map((m) => m.diagnosis.status)).toEqual(['up', 'up', 'down', 'up']);
    await t.agent.stop();
  });

  it('runs a re-sent command once and confirms it again', async () => {
    const t = setup([round(true)]);
    t.connect();
    t.agent.start();
    await settle();
    const command = {
      v: 1,
      type: 'command',
      id: crypto.randomUUID(),
      name: 'check_now',
      issuedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    };
    t.send(command);
    await settle();
    t.send(command);
    await settle();
    expect(t.probes()).toBe(2);
    const done = t.events().filter((e) => e.kind === 'command_done');
    expect(done.map((e) => [e.data.id, e.data.again ?? false])).toEqual([
      [command.id, false],
      [command.id, true],
    ]);
    await t.agent.stop();
  });

  it('numbers measurements and events from one sequence', async () => {
    const t = setup([round(true)]);
    t.connect();
    t.agent.start();
    await settle();
    const seqs = [...t.events(), ...t.measurements()].map((s) => s.seq).sort();
    expect(seqs).toEqual([0, 1]);
    await t.agent.stop();
  });

  it('measures while disconnected and reports the samples dropped for room', async () => {
    const t = setup([round(true)], new MemoryOutbox(2));
    t.agent.start();
    for (let i = 0; i < 3; i++) {
      await settle();
      t.checkNow();
    }
    await settle();
    expect(t.published).toEqual([]);
    t.connect();
    await settle();
    // Seqs 0 (agent_started) to 5 fell out while offline (each check_now adds
    // a command_done event); the report itself (seq 8) then pushes out seq 6,
    // to be counted in the next report.
    expect(t.measurements().map((m) => m.seq)).toEqual([7]);
    expect(t.events().map((e) => [e.kind, e.seq, e.data.count])).toEqual([['outbox_dropped', 8, 6]]);
    await t.agent.stop();
  });

  it('keeps what failed to send for the next connection', async () => {
    const t = setup([round(true)]);
    t.transport.failing = true;
    t.connect();
    t.agent.start();
    await settle();
    expect(t.agent.pending).toBe(2);
    t.transport.failing = false;
    t.connect();
    await settle();
    expect(t.measurements()).toHaveLength(1);
    expect(t.events()).toHaveLength(1);
    await t.agent.stop();
  });

  it('ignores commands that are not valid', async () => {
    const t = setup([round(true)]);
    t.connect();
    t.agent.start();
    await settle();
    const before = t.probes();
    const now = new Date().toISOString();
    t.send({ v: 2, type: 'command', name: 'check_now' });
    t.send({ v: 1, type: 'command', id: crypto.randomUUID(), name: 'reboot', issuedAt: now, expiresAt: now });
    t.send('garbage');
    t.send({ v: 1, type: 'ack', bootId, seqs: [] });
    await settle();
    expect(t.probes()).toBe(before);
    expect(t.agent.pending).toBe(2);
    await t.agent.stop();
  });
});
