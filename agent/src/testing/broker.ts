import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { Aedes, type Client } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';

/** A message an observer saw. */
export interface Seen {
  topic: string;
  json: Record<string, unknown>;
  retain: boolean;
}

/**
 * An in-process aedes broker on 127.0.0.1 (MQTT 3.1.1, as the server's
 * embedded broker), with a password per client id, the server-side sockets
 * at hand to cut connections without a DISCONNECT, and an observer client
 * that records everything under `linewatch/v1/agents/`.
 */
export async function startBroker(logins: Record<string, string>) {
  const broker = await Aedes.createBroker();
  broker.authenticate = (client, username, password, done) => {
    const ok =
      username === client.id && logins[client.id] !== undefined && password?.toString() === logins[client.id];
    done(null, ok);
  };
  const clients = new Map<string, Client>();
  broker.on('client', (client) => clients.set(client.id, client));
  broker.on('clientDisconnect', (client) => {
    if (clients.get(client.id) === client) clients.delete(client.id);
  });
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `mqtt://127.0.0.1:${(server.address() as { port: number }).port}`;

  const seen: Seen[] = [];
  const observerId = 'observer';
  logins[observerId] = 'observer-secret';
  const observer: MqttClient = await mqtt.connectAsync(url, {
    protocolVersion: 4,
    clientId: observerId,
    username: observerId,
    password: logins[observerId],
    reconnectPeriod: 0,
  });
  observer.on('message', (topic, payload, packet) => {
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(payload.toString()) as Record<string, unknown>;
    } catch {
      // Tests also send garbage to agents; the observer sees that too.
    }
    seen.push({ topic, json, retain: packet.retain });
  });
  await observer.subscribeAsync('linewatch/v1/agents/#', { qos: 1 });

  return {
    url,
    broker,
    seen,
    observer,
    /** Cuts every connection but the observer's, as a dead line would: no DISCONNECT, so wills fire. */
    cutAgents(): void {
      for (const [id, client] of clients) {
        if (id !== observerId) client.conn.destroy();
      }
    },
    /** Whether a client is connected. */
    connected: (clientId: string) => clients.has(clientId),
    async close(): Promise<void> {
      await observer.endAsync(true);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}

/** Polls until `probe` returns a value other than null/undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => T | null | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
