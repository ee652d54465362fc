import { randomUUID } from 'node:crypto';
import {
  type AgentEvent,
  type AgentEventKind,
  type AgentStatusMessage,
  agentTopic,
  type Measurement,
  protocolVersion,
  reconnectDelayMs,
  type SampleMeta,
  ServerToAgent,
} from '@linewatch/shared';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';

export interface SimAgentOptions {
  agentId: string;
  password: string;
  /** The broker, or a {@link Link} in front of it. */
  url: string;
  keepaliveSeconds: number;
  intervalSeconds: number;
  /** When the box booted (wall clock, ms); its monotonic time counts from here. */
  bootedAt: number;
  /** One probe round with its verdict, taken now. */
  measure(meta: SampleMeta): Measurement;
  log: Logger;
  /** Reconnect delays, as the real agent's (`reconnectDelayMs` in shared), ms. */
  backoff: { baseMs: number; capMs: number };
  connectTimeoutMs: number;
  /** After each CONNACK (before the `online` status is out). */
  onConnect?(): void;
  /** First round at a random moment of the first interval (a fleet spreads out); default true. */
  spreadStart?: boolean;
  agentVersion?: string;
}

type OutboxEntry = { kind: 'measurements'; item: Measurement } | { kind: 'events'; item: AgentEvent };

/** Samples per published batch: a few kB each, so batches stay far below the 256 kB limit. */
const batchSize = 50;
/** A box's outbox holds days of samples; the simulator keeps this many and drops the oldest. */
const outboxLimit = 5000;

/**
 * One simulated agent, speaking to the server as the real one does
 * (agent/src/transport, agent/src/daemon):
 * - MQTT 3.1.1, client id = username = agent id, clean session, keepalive;
 *   last will = retained `offline`/`connection_lost` [MQTT-3.1.2-8];
 * - after CONNACK: subscribe to its commands (QoS 1), retained `online`
 *   status, then (if anything waited) a fresh round, then everything
 *   unacknowledged in its outbox, oldest first, marked `replay`; every
 *   batch says how many samples wait (`backlog`);
 * - one round per interval, QoS 1, each sample with boot id, sequence
 *   number and monotonic time; it forgets a sample only on the server's
 *   CommitAck, so what it measured while cut off arrives when the line is back;
 * - reconnects with the real agent's backoff (`reconnectDelayMs`).
 *
 * `powerOff` / `powerOn` simulate a power cut: the socket dies without
 * DISCONNECT, and the box comes back with a new boot id and boot time.
 *
 * @example
 * const agent = new SimAgent({ agentId, password, url, keepaliveSeconds: 15, intervalSeconds: 10, … });
 * agent.start();
 */
export class SimAgent {
  readonly #o: SimAgentOptions;
  #bootId = randomUUID();
  #bootedAt: number;
  #seq = 0;
  readonly #outbox = new Map<string, OutboxEntry>();
  #client: MqttClient | null = null;
  #ready = false;
  #powered = false;
  #stopping = false;
  #waitedMs = 0; // waited to reconnect since the last connection
  #roundTimer: NodeJS.Timeout | null = null;
  #reconnectTimer: NodeJS.Timeout | null = null;
  #last: Pick<Measurement['diagnosis'], 'status' | 'cause'> | null = null;

  constructor(options: SimAgentOptions) {
    this.#o = options;
    this.#bootedAt = options.bootedAt;
  }

  get bootId(): string {
    return this.#bootId;
  }
  /** Connected, subscribed and announced. */
  get connected(): boolean {
    return this.#ready;
  }
  /** Samples not yet acknowledged by the server. */
  get pending(): number {
    return this.#outbox.size;
  }

  /** Starts the running box: measures and connects. */
  start(): void {
    this.#powered = true;
    this.#event('agent_started', {
      agentVersion: this.#version,
      bootedAt: new Date(this.#bootedAt).toISOString(),
    });
    this.#startRounds(this.#o.spreadStart ?? true);
    this.#connect();
  }

  /** Power cut: everything stops, the socket dies without DISCONNECT (the will fires). */
  powerOff(): void {
    this.#powered = false;
    this.#clearTimers();
    this.#ready = false;
    const client = this.#client;
    this.#client = null;
    client?.end(true);
  }

  /** Power is back: the box has booted at `bootedAt` (a new boot id, sequence from 0) and starts again. */
  powerOn(bootedAt: number): void {
    this.#bootId = randomUUID();
    this.#bootedAt = bootedAt;
    this.#seq = 0;
    this.#last = null;
    this.#o.log.info({ bootId: this.#bootId }, 'box booted');
    this.start();
  }

  /** Clean shutdown: `offline`/`shutdown`, then DISCONNECT (the broker discards the will [MQTT-3.1.2-10]). */
  async stop(timeoutMs = 3000): Promise<void> {
    this.#stopping = true;
    this.#powered = false;
    this.#clearTimers();
    const client = this.#client;
    if (!client) return;
    const timeout = new Promise<void>((r) => setTimeout(r, timeoutMs).unref());
    if (this.#ready) {
      const goodbye = JSON.stringify(this.#status('offline', 'shutdown'));
      await Promise.race([
        client.publishAsync(this.#topic('status'), goodbye, { qos: 1, retain: true }),
        timeout,
      ]).catch(() => {});
    }
    this.#ready = false;
    await Promise.race([client.endAsync(false), timeout]).catch(() => {});
    client.end(true);
  }

  get #version(): string {
    return this.#o.agentVersion ?? '0.1.0';
  }

  #topic(kind: 'status' | 'measurements' | 'events' | 'commands'): string {
    return agentTopic(this.#o.agentId, kind);
  }

  #status(state: AgentStatusMessage['state'], reason: AgentStatusMessage['reason']): AgentStatusMessage {
    return {
      v: protocolVersion,
      type: 'status',
      state,
      reason,
      at: new Date().toISOString(),
      bootId: this.#bootId,
      agentVersion: this.#version,
      bootedAt: new Date(this.#bootedAt).toISOString(),
      keepaliveSeconds: this.#o.keepaliveSeconds,
      intervalSeconds: this.#o.intervalSeconds,
    };
  }

  #meta(): SampleMeta {
    const now = Date.now();
    return {
      bootId: this.#bootId,
      seq: this.#seq++,
      t: new Date(now).toISOString(),
      monoMs: Math.max(0, now - this.#bootedAt),
      clockSynced: true,
    };
  }

  #startRounds(spread: boolean): void {
    const intervalMs = this.#o.intervalSeconds * 1000;
    this.#roundTimer = setTimeout(
      () => {
        this.#round();
        this.#roundTimer = setInterval(() => this.#round(), intervalMs);
      },
      spread ? Math.random() * intervalMs : 0,
    );
  }

  /** One probe round; a changed verdict is also an event, as with the real agent. */
  #round(): void {
    const m = this.#o.measure(this.#meta());
    const fresh: OutboxEntry[] = [{ kind: 'measurements', item: m }];
    const last = this.#last;
    this.#last = m.diagnosis;
    if (last && (last.status !== m.diagnosis.status || last.cause !== m.diagnosis.cause)) {
      const { status: to, cause, evidence } = m.diagnosis;
      const data = { from: last.status, to, cause, previousCause: last.cause, evidence: evidence ?? [] };
      fresh.push({ kind: 'events', item: { ...this.#meta(), kind: 'diagnosis_changed', data } });
    }
    this.#queue(fresh);
  }

  #event(kind: AgentEventKind, data: Record<string, unknown>): void {
    this.#queue([{ kind: 'events', item: { ...this.#meta(), kind, data } }]);
  }

  #queue(entries: OutboxEntry[]): void {
    for (const e of entries) this.#outbox.set(`${e.item.bootId}/${e.item.seq}`, e);
    while (this.#outbox.size > outboxLimit) {
      const oldest = this.#outbox.keys().next().value as string;
      this.#outbox.delete(oldest);
      this.#o.log.warn({ dropped: oldest }, 'outbox full: oldest sample dropped');
    }
    if (this.#ready) this.#publish(entries);
  }

  /**
   * Publishes entries in order, each run of one kind in batches, with the
   * outbox's size as the real agent reports it; `replay`: recorded before
   * this connection (their verdicts date the outage, they are not live).
   */
  #publish(entries: OutboxEntry[], replay = false): void {
    const client = this.#client;
    if (!client) return;
    for (let i = 0; i < entries.length; ) {
      const kind = entries[i]?.kind as OutboxEntry['kind'];
      const items: unknown[] = [];
      for (; i < entries.length && entries[i]?.kind === kind && items.length < batchSize; i++)
        items.push(entries[i]?.item);
      const payload = JSON.stringify({
        v: protocolVersion,
        type: kind,
        ...(replay ? { replay: true } : {}),
        backlog: Math.max(this.#outbox.size, items.length),
        items,
      });
      client.publish(this.#topic(kind), payload, { qos: 1 }, (err) => {
        if (err) this.#o.log.debug({ err: err.message }, 'publish failed; sent again after reconnecting');
      });
    }
  }

  #connect(): void {
    if (!this.#powered || this.#stopping) return;
    const o = this.#o;
    const will = JSON.stringify(this.#status('offline', 'connection_lost'));
    const client = mqtt.connect(o.url, {
      protocolVersion: 4,
      clientId: o.agentId,
      username: o.agentId,
      password: o.password,
      keepalive: o.keepaliveSeconds,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: o.connectTimeoutMs,
      will: { topic: this.#topic('status'), payload: Buffer.from(will), qos: 1, retain: true },
    });
    this.#client = client;
    client.on('connect', () => void this.#onConnect(client));
    client.on('message', (_topic, payload) => this.#onMessage(payload));
    client.on('error', (err) => o.log.debug({ err: err.message }, 'mqtt error'));
    client.on('close', () => {
      if (this.#client !== client) return;
      this.#client = null;
      if (this.#ready) o.log.info('connection lost');
      this.#ready = false;
      client.end(true);
      this.#scheduleReconnect();
    });
  }

  #scheduleReconnect(): void {
    if (!this.#powered || this.#stopping || this.#reconnectTimer) return;
    const delay = reconnectDelayMs(this.#waitedMs, Math.random(), this.#o.backoff);
    this.#waitedMs = Math.min(this.#o.backoff.capMs, this.#waitedMs + delay);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      this.#connect();
    }, delay);
  }

  async #onConnect(client: MqttClient): Promise<void> {
    this.#waitedMs = 0;
    this.#o.onConnect?.();
    try {
      await client.subscribeAsync(this.#topic('commands'), { qos: 1 });
      await client.publishAsync(this.#topic('status'), JSON.stringify(this.#status('online', 'connected')), {
        qos: 1,
        retain: true,
      });
    } catch {
      return; // the connection is gone again; `close` reconnects
    }
    if (this.#client !== client || !this.#powered) return;
    this.#ready = true;
    const backlog = [...this.#outbox.values()];
    this.#o.log.info({ backlog: backlog.length }, 'connected');
    // As the real agent: a fresh round goes out first, live (the line evidently works again);
    // what was recorded while cut off follows, marked as replay.
    if (backlog.length > 0) this.#round();
    this.#publish(backlog, true);
  }

  #onMessage(payload: Buffer): void {
    let json: unknown;
    try {
      json = JSON.parse(payload.toString('utf8'));
    } catch {
      return;
    }
    const msg = ServerToAgent.safeParse(json);
    if (!msg.success) return;
    if (msg.data.type === 'ack') {
      for (const seq of msg.data.seqs) this.#outbox.delete(`${msg.data.bootId}/${seq}`);
    } else if (msg.data.name === 'check_now' && Date.parse(msg.data.expiresAt) > Date.now()) {
      this.#round();
      this.#event('command_done', { id: msg.data.id, name: msg.data.name });
    }
  }

  #clearTimers(): void {
    if (this.#roundTimer) clearTimeout(this.#roundTimer);
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#roundTimer = null;
    this.#reconnectTimer = null;
  }
}
