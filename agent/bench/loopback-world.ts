import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import {
  agentTopic,
  type CommitAck,
  MeasurementBatch,
  parseAgentTopic,
  protocolVersion,
} from '@linewatch/shared';
import { Aedes, type PublishPacket } from 'aedes';
import { startTestingDnsServer, type TestingDnsServer } from '../src/probes/testing-dns-server.js';

/**
 * What the benchmarked agent talks to, all on 127.0.0.0/8 (every address in
 * it is loopback on Linux, so each role gets its own address and the
 * agent's per-host probes stay apart):
 *
 *   127.0.0.1      the "router" (TCP), the MQTT broker, the system resolver (DNS :53, in a netns)
 *   127.0.0.2-…    the "internet" targets (TCP), as many as the default targets
 *   127.0.0.20-…   the DNS resolvers (any port), as many as the default resolvers
 *   127.0.0.30     the HTTP check URL (answers 204, like generate_204)
 */
export const addresses = {
  router: '127.0.0.1',
  broker: '127.0.0.1',
  systemResolver: '127.0.0.1',
  target: (i: number) => `127.0.0.${2 + i}`,
  resolver: (i: number) => `127.0.0.${20 + i}`,
  http: '127.0.0.30',
} as const;

type Closer = () => Promise<void>;

/** A TCP server that accepts and drops connections, as a target or the router's web port does. */
async function tcpListener(host: string): Promise<{ port: number; close: Closer }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.end();
  });
  server.listen(0, host);
  await once(server, 'listening');
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An HTTP server that answers every request with 204, like connectivitycheck's generate_204. */
async function http204(host: string): Promise<{ url: string; close: Closer }> {
  const server = createHttpServer((_req, res) => {
    res.writeHead(204).end();
  });
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `http://${host}:${port}/generate_204`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What the broker saw of the agent. */
export interface BrokerCounts {
  measurementBatches: number;
  measurements: number;
  /** Bytes of measurement JSON received (what the agent's outbox counts against its cap). */
  measurementBytes: number;
  eventBatches: number;
  acks: number;
  /** Diagnoses of the measurements received, e.g. `{ 'up': 58 }` or `{ 'down/dns_failure': 2 }`. */
  diagnoses: Record<string, number>;
  /** The last retained status the agent published (`online`, `offline/shutdown`). */
  status: string | null;
}

/**
 * An aedes broker (MQTT 3.1.1, like the server's embedded one) that lets in
 * one agent and acknowledges what it publishes the way the server's ingest
 * does: a `CommitAck` per boot id on the agent's commands topic, so the
 * agent's outbox stays empty as in production (unless `ack` is false).
 */
async function ackingBroker(host: string, options: { agentId: string; password: string; ack: boolean }) {
  const { agentId, password } = options;
  const broker = await Aedes.createBroker();
  broker.authenticate = (client, username, pass, done) => {
    done(null, client.id === agentId && username === agentId && pass?.toString() === password);
  };
  const counts: BrokerCounts = {
    measurementBatches: 0,
    measurements: 0,
    measurementBytes: 0,
    eventBatches: 0,
    acks: 0,
    diagnoses: {},
    status: null,
  };
  const acknowledge = (items: { bootId: string; seq: number }[]) => {
    if (!options.ack) return;
    const byBoot = new Map<string, number[]>();
    for (const i of items) byBoot.set(i.bootId, [...(byBoot.get(i.bootId) ?? []), i.seq]);
    for (const [bootId, seqs] of byBoot) {
      const ack: CommitAck = { v: protocolVersion, type: 'ack', bootId, seqs };
      const packet = {
        cmd: 'publish',
        topic: agentTopic(agentId, 'commands'),
        payload: Buffer.from(JSON.stringify(ack)),
        qos: 1,
        retain: false,
        dup: false,
      } as PublishPacket;
      broker.publish(packet, () => {});
      counts.acks++;
    }
  };
  broker.on('publish', (packet, client) => {
    if (!client) return;
    const topic = parseAgentTopic(packet.topic);
    if (!topic || topic.agentId !== agentId) return;
    let json: { type?: string; state?: string; reason?: string; items?: { bootId: string; seq: number }[] };
    try {
      json = JSON.parse(packet.payload.toString()) as typeof json;
    } catch {
      return;
    }
    if (topic.kind === 'status') counts.status = `${json.state}/${json.reason}`;
    if (topic.kind === 'events' && json.items) {
      counts.eventBatches++;
      acknowledge(json.items);
    }
    if (topic.kind === 'measurements') {
      const batch = MeasurementBatch.safeParse(json);
      if (!batch.success) {
        counts.diagnoses.invalid = (counts.diagnoses.invalid ?? 0) + 1;
        return;
      }
      counts.measurementBatches++;
      counts.measurements += batch.data.items.length;
      for (const item of batch.data.items) {
        counts.measurementBytes += Buffer.byteLength(JSON.stringify(item));
        const { status, cause } = item.diagnosis;
        const key = cause ? `${status}/${cause}` : status;
        counts.diagnoses[key] = (counts.diagnoses[key] ?? 0) + 1;
      }
      acknowledge(batch.data.items);
    }
  });
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  server.listen(0, host);
  await once(server, 'listening');
  return {
    url: `mqtt://${host}:${(server.address() as { port: number }).port}`,
    counts,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}

/** The running world; `close()` stops all of it. */
export interface LoopbackWorld {
  mqttUrl: string;
  counts: BrokerCounts;
  /** `host:port` of each internet target. */
  targets: string[];
  /** `host:port` of the router. */
  router: string;
  /** `ip:port` of each DNS resolver. */
  resolvers: string[];
  /** Whether a DNS server answers on 127.0.0.1:53, where the netns's /etc/resolv.conf points. */
  systemResolver: boolean;
  httpUrl: string;
  close: Closer;
}

async function dnsServer(host: string, port: number): Promise<TestingDnsServer> {
  return startTestingDnsServer({ host, port, answer: addresses.http });
}

/**
 * Starts every server the agent probes or reports to: `targets` TCP
 * targets, `resolvers` DNS resolvers, the router, an HTTP URL and the
 * broker. With `systemResolver` (inside the benchmark's own network
 * namespace, where port 53 is free to bind and /etc/resolv.conf names
 * 127.0.0.1) it also answers DNS as the system resolver.
 */
export async function startLoopbackWorld(options: {
  agentId: string;
  password: string;
  targets: number;
  resolvers: number;
  systemResolver: boolean;
  /** false: acknowledge nothing, as a server that is down (the agent's outbox grows). */
  ack: boolean;
}): Promise<LoopbackWorld> {
  const closers: Closer[] = [];
  const started = <T extends { close: () => Promise<void> }>(server: T): T => {
    closers.push(() => server.close());
    return server;
  };
  try {
    const broker = started(await ackingBroker(addresses.broker, options));
    const router = started(await tcpListener(addresses.router));
    const targets: string[] = [];
    for (let i = 0; i < options.targets; i++) {
      const t = started(await tcpListener(addresses.target(i)));
      targets.push(`${addresses.target(i)}:${t.port}`);
    }
    const resolvers: string[] = [];
    for (let i = 0; i < options.resolvers; i++) {
      resolvers.push(started(await dnsServer(addresses.resolver(i), 0)).address);
    }
    if (options.systemResolver) started(await dnsServer(addresses.systemResolver, 53));
    const http = started(await http204(addresses.http));
    return {
      mqttUrl: broker.url,
      counts: broker.counts,
      targets,
      router: `${addresses.router}:${router.port}`,
      resolvers,
      systemResolver: options.systemResolver,
      httpUrl: http.url,
      close: async () => {
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => {});
    throw error;
  }
}
