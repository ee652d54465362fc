import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { Logger } from 'pino';
import { createWebSocketStream, WebSocketServer } from 'ws';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/index.js';
import { checkConnect, mayPublish, maySubscribe } from './access.js';
import { indexRetained, isRetainedStore } from './retained-index.js';
import type { Broker, BrokerEvents } from './types.js';

export interface EmbeddedBrokerOptions {
  host: string;
  /** 0 = any free port. */
  port: number;
  store: Store;
  events: BrokerEvents;
  metrics: Metrics;
  log: Logger;
}

/** A port that is taken, told in one sentence by the caller. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is in use`);
  }
}

/** Broker settings; units in the comments. */
const defaultOptions = {
  /** CONNECT must arrive within this many ms of the TCP connection. */
  connectTimeout: 10_000,
  /** Agent ids are UUIDs (36 characters); MQTT 3.1.0 limited ids to 23 [MQTT-3.1.3-5]. */
  maxClientsIdLength: 64,
  /** A client whose socket does not drain within this many ms is dropped. */
  drainTimeout: 30_000,
  /** Our topics have 5 levels. */
  maxTopicLevels: 8,
  /**
   * Deliveries in flight before aedes' emitter (mqemitter) queues further
   * messages. That queue drains recursively and overflows the stack past a
   * few thousand entries — a burst of commit acks to 10,000 agents under
   * load got there (RangeError in callPublished). This high it never queues;
   * each delivery in flight holds one packet.
   */
  concurrency: 100_000,
} as const;

/**
 * Starts the embedded aedes broker on TCP (and, through
 * {@link Broker.handleUpgrade}, on WebSocket) with per-agent credentials.
 *
 * @example
 * const broker = await startEmbeddedBroker({ host: '127.0.0.1', port: 0, store, events, metrics, log });
 */
export async function startEmbeddedBroker(opts: EmbeddedBrokerOptions): Promise<Broker> {
  const { store, events, metrics, log } = opts;
  /** Connections of agents whose credentials were revoked while connected (see `disconnect`). */
  const revoked = new WeakSet<Client>();
  const aedes = await Aedes.createBroker({
    ...defaultOptions,
    authenticate(client, username, password, done) {
      const verdict = checkConnect(store, client.id, username, password);
      if (verdict.ok) return done(null, true);
      metrics.mqttRefused.inc({ reason: verdict.reason });
      log.warn({ clientId: client.id, reason: verdict.reason }, 'MQTT connection refused');
      const err = new Error(verdict.reason) as AuthenticateError;
      err.returnCode = verdict.code;
      done(err, false);
    },
    authorizePublish(client, packet, done) {
      // A revoked agent's last will (and anything still in flight) is not published: it is no one's now.
      if (client && revoked.has(client)) return done(new Error('credentials revoked'));
      // The broker's own publishes (acks, wills) have no client.
      if (!client || mayPublish(client.id, packet.topic)) return done(null);
      metrics.mqttRefused.inc({ reason: 'publish_denied' });
      log.warn({ agentId: client.id, topic: packet.topic }, 'publish outside own topics refused');
      done(new Error('publish not authorised'));
    },
    authorizeSubscribe(client, sub, done) {
      if (maySubscribe(client.id, sub.topic)) return done(null, sub);
      metrics.mqttRefused.inc({ reason: 'subscribe_denied' });
      log.warn({ agentId: client.id, topic: sub.topic }, 'subscription refused');
      // A null subscription is refused with return code 0x80 [MQTT-3.9.3], without a disconnect.
      done(null, null);
    },
  });

  const persistence = (aedes as unknown as { persistence: unknown }).persistence;
  if (isRetainedStore(persistence)) indexRetained(persistence);
  else log.warn('aedes persistence has an unknown shape: retained lookups stay O(retained) per SUBSCRIBE');

  // Keyed by client object, not only id: when an agent reconnects over a
  // half-open connection, aedes closes the old session [MQTT-3.1.4-2], and
  // that old session's disconnect must not mark the new one as lost.
  const connected = new Map<string, Client>();
  const keepaliveExpired = new WeakSet<Client>();
  aedes.on('client', (client) => {
    connected.set(client.id, client);
    metrics.connectedAgents.set(connected.size);
    events.connected(client.id);
  });
  aedes.on('keepaliveTimeout', (client) => keepaliveExpired.add(client));
  aedes.on('clientDisconnect', (client) => {
    if (connected.get(client.id) !== client) return;
    connected.delete(client.id);
    metrics.connectedAgents.set(connected.size);
    events.disconnected(client.id, keepaliveExpired.has(client));
  });
  const listeningClients = new WeakSet<Client>();
  aedes.on('subscribe', (subscriptions, client) => {
    if (!subscriptions.some((s) => maySubscribe(client.id, s.topic))) return;
    listeningClients.add(client);
    events.listening(client.id);
  });
  aedes.on('ping', (_packet, client) => events.pinged(client.id));
  aedes.on('publish', (packet, _client) => {
    if (packet.topic.startsWith('$SYS/')) return;
    events.message(
      packet.topic,
      Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload),
    );
  });
  aedes.on('clientError', (client, err) =>
    log.debug({ clientId: client.id, err: err.message }, 'MQTT client error'),
  );

  // No Nagle: the broker's PUBACK and the server's CommitAck are small writes in quick succession, and
  // Nagle would hold the second until the agent's delayed ACK (40 ms on Linux) comes back.
  const tcp = createServer({ noDelay: true }, aedes.handle);
  const port = await listen(tcp, opts.port, opts.host);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  log.info({ port }, 'embedded MQTT broker listening');

  return {
    mqttPort: port,
    publish: (topic, payload, o) =>
      new Promise((resolve, reject) =>
        aedes.publish(
          {
            cmd: 'publish',
            topic,
            payload: Buffer.from(payload),
            qos: o.qos,
            retain: o.retain ?? false,
            dup: false,
          },
          (err) => (err ? reject(err) : resolve()),
        ),
      ),
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => aedes.handle(createWebSocketStream(ws), req));
    },
    connectedAgents: () => connected.size,
    disconnect(agentId) {
      const client = connected.get(agentId);
      if (!client) return false;
      revoked.add(client);
      log.info({ agentId }, 'agent disconnected: its credentials were revoked');
      client.close();
      return true;
    },
    isListening(agentId) {
      const client = connected.get(agentId);
      return client !== undefined && listeningClients.has(client);
    },
    async close() {
      // aedes ends every client connection; only then can the listener close.
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(port) : err),
    );
    server.listen(port, host, () => {
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}
