import { performance } from 'node:perf_hooks';
import { type AgentStatusMessage, agentTopic } from '@linewatch/shared';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { errorText } from '../errors.js';
import { Backoff } from './backoff.js';

/** What the status topic can say; the message is built fresh each time (`at`). */
export type StatusFactory = (
  state: AgentStatusMessage['state'],
  reason: AgentStatusMessage['reason'],
) => AgentStatusMessage;

export interface MqttTransportOptions {
  url: string;
  agentId: string;
  username: string;
  password: string;
  keepaliveSeconds: number;
  status: StatusFactory;
  logger: Logger;
  /** Called once per connection, after the commands subscription and the `online` status. */
  onConnect?: (connection: number) => void;
  /** Every message on the agent's commands topic, unparsed. */
  onCommand?: (payload: Buffer) => void;
  backoff?: Backoff;
  /** Monotonic ms. */
  now?: () => number;
  /** A connection that lasted this long resets the backoff; a flapping one does not. */
  stableAfterMs?: number;
  /** Time allowed from TCP connect to CONNACK. */
  connectTimeoutMs?: number;
}

type Deferred = { promise: Promise<never>; reject: (error: Error) => void };

function lostSignal(): Deferred {
  let reject!: (error: Error) => void;
  const promise = new Promise<never>((_, r) => {
    reject = r;
  });
  // Only publishes in flight listen; nobody else must see an unhandled rejection.
  promise.catch(() => {});
  return { promise, reject };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The agent's MQTT connection (mqtt.js, MQTT 3.1.1: the embedded aedes
 * broker refuses v5).
 *
 * - Client id and username are the agent's; its last will is the retained
 *   status `offline`/`connection_lost`, so the broker announces a dead
 *   connection [MQTT-3.1.2-8].
 * - After each CONNACK: subscribe to the commands topic (QoS 1), then publish
 *   the retained status `online`, then tell `onConnect`.
 * - Reconnects itself with full-jitter backoff growing with the time waited (`Backoff`; mqtt.js's own
 *   reconnect has only a fixed period). Clean sessions: what the server sent
 *   while the agent was away is re-obtained by re-sending unacknowledged samples.
 *
 * @example
 * const transport = new MqttTransport({ url, agentId, username, password, keepaliveSeconds: 15, status, logger });
 * transport.start();
 */
export class MqttTransport {
  readonly #options: MqttTransportOptions;
  readonly #backoff: Backoff;
  readonly #now: () => number;
  #client: MqttClient | null = null;
  #connection = 0;
  #ready = false;
  #connectedAtMs: number | null = null;
  #lost = lostSignal();
  #reconnectTimer: NodeJS.Timeout | null = null;
  #stopping = false;
  /** The set-up of the current connection (subscribe, `online`). */
  #setup: Promise<void> = Promise.resolve();

  constructor(options: MqttTransportOptions) {
    this.#options = options;
    this.#backoff = options.backoff ?? new Backoff();
    this.#now = options.now ?? (() => performance.now());
  }

  /** Counts successful connections: 1 for the first, 2 after a reconnect, … */
  get connection(): number {
    return this.#connection;
  }

  /** Connected, subscribed and announced: samples may be published. */
  get ready(): boolean {
    return this.#ready;
  }

  /** Connects, and keeps reconnecting until {@link stop}. */
  start(): void {
    if (this.#client) return;
    const o = this.#options;
    const clientOptions: IClientOptions = {
      protocolVersion: 4,
      clientId: o.agentId,
      username: o.username,
      password: o.password,
      keepalive: o.keepaliveSeconds,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: o.connectTimeoutMs ?? 10_000,
      will: this.#will(),
      // mqtt-packet would otherwise pre-build a 2-byte Buffer for each of the
      // 65,536 packet ids on the first write: ~6 MB of heap, a tenth of the
      // agent's RSS budget, to save an allocation per packet.
      writeCache: false,
    };
    const client = mqtt.connect(o.url, clientOptions);
    this.#client = client;
    client.on('connect', () => {
      this.#setup = this.#onConnect(client);
    });
    client.on('close', () => this.#onClose(client));
    client.on('error', (error) => o.logger.warn({ err: errorText(error) }, 'mqtt error'));
    client.on('message', (topic, payload) => {
      if (topic === agentTopic(o.agentId, 'commands')) o.onCommand?.(payload);
    });
  }

  /**
   * Publishes QoS 1 under the agent's prefix; resolves on PUBACK.
   * Rejects when not ready or when the connection is lost first (mqtt.js
   * would keep the callback of a QoS 1 message pending forever).
   */
  publish(kind: 'status' | 'measurements' | 'events', payload: string, retain = false): Promise<void> {
    if (!this.#ready) return Promise.reject(new Error('not connected'));
    return this.#publish(kind, payload, retain);
  }

  /**
   * Says goodbye: the retained status `offline`/`shutdown`, then DISCONNECT,
   * which makes the broker discard the will [MQTT-3.1.2-10]. Gives up on a
   * dead connection when `timeoutMs` (for all of it) are over and closes it hard.
   */
  async stop(timeoutMs = 3000): Promise<void> {
    this.#stopping = true;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    const client = this.#client;
    if (!client) return;
    const deadline = this.#now() + timeoutMs;
    const left = () => Math.max(0, deadline - this.#now());
    // The goodbye must follow an `online` still in flight, or the retained
    // status would end up `online`.
    await withTimeout(this.#setup, left()).catch(() => {});
    if (client.connected) {
      const goodbye = JSON.stringify(this.#options.status('offline', 'shutdown'));
      await withTimeout(this.#publish('status', goodbye, true), left()).catch((error) =>
        this.#options.logger.warn({ err: errorText(error) }, 'offline status not sent'),
      );
    }
    this.#ready = false;
    if (client.connected) {
      await withTimeout(client.endAsync(false), left()).catch(() => client.end(true));
    } else {
      client.end(true);
    }
  }

  #publish(kind: 'status' | 'measurements' | 'events', payload: string, retain: boolean): Promise<void> {
    const client = this.#client;
    if (!client) return Promise.reject(new Error('not started'));
    const topic = agentTopic(this.#options.agentId, kind);
    const sent = client.publishAsync(topic, payload, { qos: 1, retain }).then(() => undefined);
    return Promise.race([sent, this.#lost.promise]);
  }

  #will(): IClientOptions['will'] {
    const payload = JSON.stringify(this.#options.status('offline', 'connection_lost'));
    return {
      topic: agentTopic(this.#options.agentId, 'status'),
      payload: Buffer.from(payload),
      qos: 1,
      retain: true,
    };
  }

  async #onConnect(client: MqttClient): Promise<void> {
    const o = this.#options;
    const connection = ++this.#connection;
    this.#connectedAtMs = this.#now();
    this.#lost = lostSignal();
    o.logger.info({ url: o.url, connection }, 'mqtt connected');
    try {
      const subscribed = client.subscribeAsync(agentTopic(o.agentId, 'commands'), { qos: 1 });
      const [grant] = await Promise.race([subscribed, this.#lost.promise]);
      if (grant && grant.qos === 128) o.logger.error('the broker refused the commands subscription');
      if (this.#stopping) return;
      const online = JSON.stringify(o.status('online', 'connected'));
      await this.#publish('status', online, true);
    } catch (error) {
      // The connection went away meanwhile; #onClose takes it from here.
      o.logger.warn({ err: errorText(error) }, 'mqtt connection set-up failed');
      return;
    }
    if (connection !== this.#connection || !client.connected || this.#stopping) return;
    this.#ready = true;
    o.onConnect?.(connection);
  }

  #onClose(client: MqttClient): void {
    const o = this.#options;
    const wasConnected = this.#connectedAtMs !== null;
    this.#ready = false;
    this.#lost.reject(new Error('connection lost'));
    if (this.#stopping || this.#reconnectTimer) return;
    if (wasConnected && this.#now() - (this.#connectedAtMs ?? 0) >= (o.stableAfterMs ?? 30_000)) {
      this.#backoff.reset();
    }
    this.#connectedAtMs = null;
    const delayMs = this.#backoff.next();
    o.logger[wasConnected ? 'warn' : 'info'](
      { delayMs },
      wasConnected ? 'mqtt connection lost' : 'mqtt retry',
    );
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      if (this.#stopping) return;
      // The will's `at` is refreshed with every CONNECT.
      client.options.will = this.#will();
      client.reconnect();
    }, delayMs);
  }
}
