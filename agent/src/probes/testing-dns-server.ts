import { createSocket, type RemoteInfo } from 'node:dgram';
import { once } from 'node:events';
import { isIPv6 } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import dnsPacket from 'dns-packet';

/**
 * A tiny UDP DNS server for tests (dev dependency `dns-packet`; never part of
 * the agent's runtime). It answers every A query with one address, or fails
 * in the ways a resolver does:
 * - `answer`: NOERROR with the A record (other types: NOERROR, no data);
 * - `servfail` / `nxdomain` / `refused`: that RCODE (RFC 1035 §4.1.1), no records;
 * - `silent`: never answers, so clients time out;
 * - `slow`: answers after `delayMs`.
 */
export const dnsServerModes = ['answer', 'servfail', 'nxdomain', 'refused', 'silent', 'slow'] as const;
export type DnsServerMode = (typeof dnsServerModes)[number];

const rcodes = { servfail: 2, nxdomain: 3, refused: 5 } as const;
/** Header bits (RFC 1035 §4.1.1): RD is copied from the query, RA is set. */
const RECURSION_DESIRED = 0x100;
const RECURSION_AVAILABLE = 0x80;

/** Where and how the server answers. */
export interface TestingDnsServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default `answer`. */
  mode?: DnsServerMode;
  /** The address of every A answer; default 10.9.9.9. */
  answer?: string;
  /** Delay of the `slow` mode in ms; default 1000. */
  delayMs?: number;
}

/** A running server. Change `mode` or `delayMs` at any time. */
export interface TestingDnsServer {
  host: string;
  port: number;
  /** `host:port` (`[host]:port` for IPv6), as the DNS probe and `Resolver.setServers` take it. */
  address: string;
  mode: DnsServerMode;
  delayMs: number;
  /** Names asked for, in order. */
  queries: string[];
  close(): Promise<void>;
}

/**
 * Starts the server and resolves once it listens.
 *
 * @example
 * const dns = await startTestingDnsServer({ mode: 'servfail' });
 * await probeDns('example.com', dns.address, { timeoutMs: 500 }) // { ok: false, error: 'ESERVFAIL', … }
 * await dns.close();
 */
export async function startTestingDnsServer(
  options: TestingDnsServerOptions = {},
): Promise<TestingDnsServer> {
  const host = options.host ?? '127.0.0.1';
  const answer = options.answer ?? '10.9.9.9';
  const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  const timers = new Set<NodeJS.Timeout>();
  const send = (reply: Buffer, to: RemoteInfo) => socket.send(reply, to.port, to.address, () => {});

  socket.on('message', (message, from) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // Not DNS: drop it, as a real server would.
    }
    server.queries.push(query.questions?.[0]?.name ?? '');
    if (server.mode === 'silent') return;
    const reply = dnsPacket.encode(respond(query, server.mode, answer));
    if (server.mode !== 'slow') return send(reply, from);
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(reply, from);
    }, server.delayMs);
    timers.add(timer);
  });
  socket.bind(options.port ?? 0, host);
  await once(socket, 'listening');
  const port = socket.address().port;

  const server: TestingDnsServer = {
    host,
    port,
    address: isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`,
    mode: options.mode ?? 'answer',
    delayMs: options.delayMs ?? 1000,
    queries: [],
    async close() {
      for (const t of timers) clearTimeout(t);
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
  return server;
}

function respond(query: dnsPacket.Packet, mode: DnsServerMode, answer: string): dnsPacket.Packet {
  const questions = query.questions ?? [];
  const rd = (query.flags ?? 0) & RECURSION_DESIRED;
  const rcode = mode === 'servfail' || mode === 'nxdomain' || mode === 'refused' ? rcodes[mode] : 0;
  const answers: dnsPacket.Answer[] =
    rcode === 0
      ? questions
          .filter((q) => q.type === 'A')
          .map((q) => ({ type: 'A', class: 'IN', name: q.name, ttl: 60, data: answer }))
      : [];
  return {
    type: 'response',
    id: query.id ?? 0,
    flags: rd | RECURSION_AVAILABLE | rcode,
    questions,
    answers,
  };
}

/**
 * `node --import tsx agent/src/probes/testing-dns-server.ts --host 10.0.0.1 --port 53 --answer 10.9.9.9
 * [--mode answer|servfail|nxdomain|refused|silent|slow] [--delay-ms 1000]`: serves until SIGINT/SIGTERM
 * and prints `listening on <host:port>` once ready.
 */
async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '53' },
      answer: { type: 'string', default: '10.9.9.9' },
      mode: { type: 'string', default: 'answer' },
      'delay-ms': { type: 'string', default: '1000' },
    },
  });
  const mode = values.mode as DnsServerMode;
  if (!dnsServerModes.includes(mode)) throw new Error(`--mode must be one of ${dnsServerModes.join(', ')}`);
  const server = await startTestingDnsServer({
    host: values.host,
    port: Number(values.port),
    answer: values.answer,
    mode,
    delayMs: Number(values['delay-ms']),
  });
  console.log(`listening on ${server.address}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
