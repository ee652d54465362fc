import { AgentConfig, type AgentEvent, EventBatch, MeasurementBatch } from '@linewatch/shared';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Outbox } from '../outbox/outbox.js';
import { SqliteOutbox } from '../outbox/sqlite-outbox.js';
import { measurement, otherBootId } from '../outbox/testing/samples.js';
import type { GatewayCheck } from '../probes/gateway.js';
import type { ProbeRound } from '../probes/round.js';
import type { MqttTransportOptions } from '../transport/mqtt.js';
import { Agent, type Transport } from './agent.js';

/**
 * The agent's logic with a fake transport and scripted probe rounds: which
 * events it raises and what it publishes when. The real broker is in agent.test.ts.
 */

const bootId = '3f1c2b9a-1111-4222-8333-444455556666';
/** The backlog is not paced unless a test asks for it (then at most 100 batches/s, as the schema allows). */
const configWith = (replayBatchesPerSecond = 1e6): AgentConfig => {
  const config = AgentConfig.parse({
    server: { url: 'http://127.0.0.1:9' },
    agentId: 'agent-fake',
    mqtt: { url: 'mqtt://127.0.0.1:9', username: 'agent-fake', password: 'x' },
    intervalSeconds: 3600,
  });
  return { ...config, outbox: { ...config.outbox, replayBatchesPerSecond } };
};
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

const outboxes: Outbox[] = [];
afterEach(() => {
  for (const outbox of outboxes.splice(0)) outbox.close();
  vi.useRealTimers();
});

/** An outbox in memory (SQLite's `:memory:`), closed after the test. */
function memoryOutbox(maxBytes?: number): SqliteOutbox {
  const outbox = SqliteOutbox.open(':memory:', { maxBytes });
  outboxes.push(outbox);
  return outbox;
}

function setup(rounds: ProbeRound[], options: { outbox?: Outbox; replayBatchesPerSecond?: number } = {}) {
  const outbox = options.outbox ?? memoryOutbox();
  const config = configWith(options.replayBatchesPerSecond);
  /** Each message with the (monotonic) time it was published. */
  const published: { topic: string; payload: string; atMs: number }[] = [];
  let handlers!: Pick<MqttTransportOptions, 'onConnect' | 'onCommand'>;
  const transport: Transport & { ready: boolean; connection: number; failing: boolean } = {
    ready: false,
    connection: 0,
    failing: false,
    start: () => {},
    stop: async () => {},
    publish: async (topic, payload) => {
      if (transport.failing) throw new Error('connection lost');
      published.push({ topic, payload, atMs: performance.now() });
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

  it('measures while disconnected, keeps events over measurements when full, reports the drops', async () => {
    // Room for the five events and two or three measurements.
    const t = setup([round(true)], { outbox: memoryOutbox(3000) });
    t.agent.start();
    for (let i = 0; i < 3; i++) {
      await settle();
      t.checkNow();
    }
    await settle();
    expect(t.published).toEqual([]);
    t.connect();
    await settle();
    // Each check_now adds a command_done event before its round: measurements are seqs 1, 3, 5, 7.
    const taken = [1, 3, 5, 7];
    const sent = t.measurements().map((m) => m.seq);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThan(taken.length);
    expect(sent).toEqual(taken.slice(taken.length - sent.length));
    const events = t.events();
    expect(events.map((e) => e.kind).sort()).toEqual([
      'agent_started',
      'command_done',
      'command_done',
      'command_done',
      'outbox_dropped',
    ]);
    // The report (seq 8) counts what fell out before it; what it pushed out itself counts next time.
    const report = events.find((e) => e.kind === 'outbox_dropped');
    expect(report?.seq).toBe(8);
    expect(taken.length - sent.length - Number(report?.data.count)).toBeOneOf([0, 1]);
    await t.agent.stop();
  });

  it('forgets samples of an earlier boot when the server acknowledges them', async () => {
    const outbox = memoryOutbox();
    outbox.add(measurement(41, { boot: otherBootId }));
    outbox.add(measurement(42, { boot: otherBootId }));
    const t = setup([round(true)], { outbox });
    t.connect();
    await settle();
    expect(t.measurements().map((m) => [m.bootId, m.seq])).toEqual([
      [otherBootId, 41],
      [otherBootId, 42],
    ]);
    t.send({ v: 1, type: 'ack', bootId: otherBootId, seqs: [41, 42] });
    expect(t.agent.pending).toBe(0);
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

  describe('after a reconnect with a backlog', () => {
    /** 10,000 measurements of an earlier run, then the agent connects (fake time). */
    async function withBacklog() {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
      const outbox = memoryOutbox();
      for (let seq = 0; seq < 10_000; seq++) outbox.add(measurement(seq, { boot: otherBootId }));
      const t = setup([round(true)], { outbox, replayBatchesPerSecond: 2 });
      t.agent.start(); // agent_started and a measurement, taken offline: backlog too
      await vi.advanceTimersByTimeAsync(0);
      t.connect();
      await vi.advanceTimersByTimeAsync(0);
      const backlogBatches = () => t.published.filter((p) => !p.payload.includes(bootId));
      return { ...t, backlogBatches };
    }

    it('sends live samples at once, ahead of the backlog', async () => {
      const t = await withBacklog();
      expect(t.published).toHaveLength(1); // the first backlog batch
      await vi.advanceTimersByTimeAsync(5_200);
      const before = t.published.length;
      const asked = performance.now();
      t.checkNow();
      await vi.advanceTimersByTimeAsync(0);
      // The command_done event and the new measurement, in the same instant.
      const live = t.published.slice(before);
      expect(live.map((p) => [p.topic, p.atMs])).toEqual([
        ['events', asked],
        ['measurements', asked],
      ]);
      expect(t.measurements().at(-1)).toMatchObject({ bootId, seq: 3 });
      // Most of the backlog is still waiting.
      expect(t.agent.pending).toBeGreaterThan(9_000);
      await t.agent.stop();
    });

    it('sends the backlog oldest first at the configured pace, each sample once', async () => {
      const t = await withBacklog();
      await vi.advanceTimersByTimeAsync(10_000);
      // One batch at once, then one every 500 ms.
      expect(t.backlogBatches()).toHaveLength(21);
      const gaps = t.backlogBatches().map((p, i, all) => p.atMs - (all[i - 1]?.atMs ?? p.atMs));
      expect(Math.min(...gaps.slice(1))).toBeGreaterThanOrEqual(500);
      // The rest: 10,000 + agent_started + the first measurement, in 102 batches, in about 51 s.
      await vi.advanceTimersByTimeAsync(45_000);
      const seqs = t.measurements().map((m) => `${m.bootId === bootId ? 'now' : 'old'}/${m.seq}`);
      expect(seqs).toHaveLength(10_001);
      expect(new Set(seqs).size).toBe(10_001);
      expect(seqs.slice(0, 3)).toEqual(['old/0', 'old/1', 'old/2']);
      expect(seqs.at(-1)).toBe('now/1');
      expect(t.published.at(-1)?.atMs).toBeLessThanOrEqual(51_000);
      await t.agent.stop();
    });
  });
});
