import { z } from 'zod';
import { maxBatchItems } from './messages.js';
import { agentIdPattern } from './topics.js';

/**
 * The agent's configuration file (JSON, written by `linewatch-agent enroll`,
 * mode 0600 because it holds the MQTT secret). Units are in the field names.
 *
 * Two schemas share one shape: {@link AgentConfigFile} is what may lie on
 * disk (a box that was never enrolled has no `server`, `agentId` or `mqtt`;
 * `check` works with it), {@link AgentConfig} is what `run` needs.
 */

/** Port of an internet target given without one (`1.1.1.1` → `1.1.1.1:443`). */
export const defaultTargetPort = 443;

/** A host and a TCP port. */
export interface HostPort {
  host: string;
  port: number;
}

const hostnamePattern =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const ipv6Address = z.ipv6();
/** An IPv6 address, with an optional zone (`fe80::1%eth0`, for link-local routers). */
const isIpv6 = (text: string) => {
  const [address = '', zone, extra] = text.split('%');
  return (
    extra === undefined &&
    ipv6Address.safeParse(address).success &&
    (zone === undefined || /^[\w.-]+$/.test(zone))
  );
};

/**
 * Parses `host`, `host:port`, `[v6]` or `[v6]:port`; a bare IPv6 address
 * (two or more colons) is taken whole. Returns null for anything else.
 *
 * @example
 * parseHostPort('1.1.1.1:443', 443) // { host: '1.1.1.1', port: 443 }
 * parseHostPort('fritz.box', 49000) // { host: 'fritz.box', port: 49000 }
 * parseHostPort('[2606:4700::1111]:53', 443) // { host: '2606:4700::1111', port: 53 }
 */
export function parseHostPort(text: string, defaultPort: number): HostPort | null {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return withPort(bracketed[1] ?? '', bracketed[2], defaultPort, true);
  const colons = text.split(':').length - 1;
  if (colons >= 2) return withPort(text, undefined, defaultPort, true);
  const [host = '', port] = text.split(':');
  return withPort(host, port, defaultPort, false);
}

function withPort(host: string, port: string | undefined, defaultPort: number, v6: boolean): HostPort | null {
  if (v6 ? !isIpv6(host) : !hostnamePattern.test(host)) return null;
  if (port === undefined) return { host, port: defaultPort };
  if (!/^\d{1,5}$/.test(port)) return null;
  const n = Number(port);
  return n >= 1 && n <= 65_535 ? { host, port: n } : null;
}

/**
 * Formats a host and port the way {@link parseHostPort} reads them back.
 *
 * @example
 * formatHostPort({ host: '::1', port: 80 }) // '[::1]:80'
 */
export function formatHostPort({ host, port }: HostPort): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A target text for the config: `host` or `host:port` (IPv6 in brackets when a port is given). */
const hostPortText = z
  .string({ error: 'must be a text like "1.1.1.1:443"' })
  .refine((s) => parseHostPort(s, defaultTargetPort) !== null, {
    error: 'must be a host with an optional port, like "1.1.1.1:443"',
  });

const ipLiteral = /^(\d{1,3}(\.\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)$/;

/**
 * Whether a text names a DNS resolver: an IP address, optionally with a port
 * (`1.1.1.1`, `127.0.0.1:5353`, `[::1]:5353`); never a name, which would
 * need DNS to find DNS.
 */
export function isResolverAddress(text: string): boolean {
  const hp = parseHostPort(text, 53);
  return (
    hp !== null &&
    ipLiteral.test(hp.host) &&
    (hp.host.includes(':') || hp.host.split('.').every((o) => Number(o) <= 255))
  );
}

const ipAddress = z
  .string({ error: 'must be an IP address, like "1.1.1.1"' })
  .refine(isResolverAddress, { error: 'must be an IP address, like "1.1.1.1"' });

const wholeNumber = (min: number, max: number, what: string) => {
  const error = `must be a whole number of ${what} from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

export const defaultProbeSettings = {
  targets: ['1.1.1.1:443', '8.8.8.8:443', '9.9.9.9:443'],
  resolvers: ['1.1.1.1', '9.9.9.9'],
  dnsNames: ['example.com'],
  httpUrls: [] as string[],
  timeoutMs: 2000,
  attempts: 3,
} as const;

/**
 * The customer's router. `address: null` means the default gateway; an
 * address without a port is probed on 80, then 49000.
 */
export const RouterSettings = z.strictObject({
  address: z
    .string({ error: 'must be a host name or address, or null for the default gateway' })
    .min(1, { error: 'must not be empty; use null for the default gateway' })
    .max(64, { error: 'must be at most 64 characters' })
    .refine((s) => parseHostPort(s, 0) !== null, {
      error: 'must be a host name or address with an optional port, like "192.168.178.1"',
    })
    .nullable()
    .default(null),
  /** TR-064 login; `LINEWATCH_ROUTER_USER` / `LINEWATCH_ROUTER_PASSWORD` override both. */
  user: z.string({ error: 'must be a text' }).max(200).optional(),
  password: z.string({ error: 'must be a text' }).max(200).optional(),
});
export type RouterSettings = z.infer<typeof RouterSettings>;

export const ProbeSettings = z.strictObject({
  /** Internet targets for the TCP-connect probe, `host[:port]` (port 443 when omitted). */
  targets: z
    .array(hostPortText, { error: 'must be a list of targets like ["1.1.1.1:443"]' })
    .min(1, { error: 'must name at least one target' })
    .max(32, { error: 'must name at most 32 targets' })
    .default([...defaultProbeSettings.targets]),
  /** DNS resolvers to test name resolution against (IP addresses, not names). */
  resolvers: z
    .array(ipAddress, { error: 'must be a list of IP addresses like ["1.1.1.1"]' })
    .max(8, { error: 'must name at most 8 resolvers' })
    .default([...defaultProbeSettings.resolvers]),
  /** Names resolved through the system resolver and each resolver every round. */
  dnsNames: z
    .array(
      z
        .string({ error: 'must be a host name' })
        .regex(hostnamePattern, { error: 'must be a host name like "example.com"' }),
      {
        error: 'must be a list of names like ["example.com"]',
      },
    )
    .min(1, { error: 'must name at least one name' })
    .max(4, { error: 'must name at most 4 names' })
    .default([...defaultProbeSettings.dnsNames]),
  /**
   * Whether to test the system resolver (normally the router's DNS) besides
   * `resolvers`: the comparison tells "the router's DNS is broken" apart
   * from "no internet".
   */
  systemResolver: z.boolean({ error: 'must be true or false' }).default(true),
  /** URLs fetched every round with phase timings (DNS, connect, TLS, first byte); [] (the default) turns the HTTP probe off. */
  httpUrls: z
    .array(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }), {
      error: 'must be a list of URLs',
    })
    .max(4, { error: 'must name at most 4 URLs' })
    .default([...defaultProbeSettings.httpUrls]),
  /** ICMP echo (the system ping) to the router and to each target's host. */
  icmp: z.boolean({ error: 'must be true or false' }).default(true),
  router: RouterSettings.prefault({}),
  /** Time allowed for one probe attempt. */
  timeoutMs: wholeNumber(100, 60_000, 'milliseconds').default(defaultProbeSettings.timeoutMs),
  /** Connection attempts per target and round. */
  attempts: wholeNumber(1, 20, 'attempts').default(defaultProbeSettings.attempts),
});
export type ProbeSettings = z.infer<typeof ProbeSettings>;

/** Above these figures a line is `degraded`. */
export const Thresholds = z.strictObject({
  lossPct: z
    .number({ error: 'must be a percentage from 0 to 100' })
    .min(0, { error: 'must be a percentage from 0 to 100' })
    .max(100, { error: 'must be a percentage from 0 to 100' })
    .default(5),
  latencyMs: wholeNumber(1, 60_000, 'milliseconds').default(150),
  jitterMs: wholeNumber(1, 60_000, 'milliseconds').default(30),
  /** Name resolution slower than this (median over resolvers that answered) is `slow_dns`. */
  dnsMs: wholeNumber(1, 60_000, 'milliseconds').default(300),
  /** DSL downstream sync below this share of the contracted speed is `low_sync_rate`. */
  syncRatePct: z
    .number({ error: 'must be a percentage from 1 to 100' })
    .min(1, { error: 'must be a percentage from 1 to 100' })
    .max(100, { error: 'must be a percentage from 1 to 100' })
    .default(70),
  /** More uncorrected (CRC) errors than this per minute, or any resync, is `line_errors`. */
  crcErrorsPerMinute: wholeNumber(0, 1_000_000, 'errors').default(50),
});
export type Thresholds = z.infer<typeof Thresholds>;

const ServerSettings = z.strictObject({
  /** Base URL of the linewatch server, e.g. `https://linewatch.example`. */
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, like "https://linewatch.example"' }),
});

const MqttSettings = z.strictObject({
  url: z.url({
    protocol: /^(mqtts?|tcp|tls|wss?)$/,
    error: 'must be an MQTT URL, like "mqtt://linewatch.example:1883"',
  }),
  username: z.string({ error: 'must be a text' }).min(1, { error: 'must not be empty' }),
  password: z.string({ error: 'must be a text' }).min(1, { error: 'must not be empty' }),
});

const agentId = z
  .string({ error: 'must be a text' })
  .regex(agentIdPattern, { error: 'must be lower-case letters, digits and dashes (3 to 64)' });

/** The customer's contracted speed, handed over at enrollment (for `low_sync_rate`). */
export const ContractSettings = z.strictObject({
  downMbps: z.number({ error: 'must be a number of Mbit/s' }).positive({ error: 'must be positive' }),
  upMbps: z.number({ error: 'must be a number of Mbit/s' }).positive({ error: 'must be positive' }),
});

/** The defaults of {@link OutboxSettings}. */
export const defaultOutboxSettings = {
  /** 50 MB of sample JSON: ~21,000 measurements of ~2.4 KB, about 2.5 days at the default interval. */
  maxBytes: 50_000_000,
  /** 2 batches of up to 100 samples: a day of backlog (8,640 samples) in about 45 s. */
  replayBatchesPerSecond: 2,
  replayBatchSize: 100,
} as const;

/**
 * The agent's on-disk outbox: every sample waits there until the server has
 * committed it, across restarts and outages.
 */
export const OutboxSettings = z.strictObject({
  /**
   * Sample JSON kept at most. When more is waiting, the oldest measurements
   * are dropped (and counted, and reported as an `outbox_dropped` event);
   * events are kept. The file itself is somewhat larger (indexes, free pages).
   * Values far below the default are for tests: 10 kB hold a few samples.
   */
  maxBytes: wholeNumber(10_000, 10_000_000_000, 'bytes').default(defaultOutboxSettings.maxBytes),
  /**
   * Backlog batches sent per second after reconnecting, oldest first; new
   * samples go out at once, ahead of the backlog. Keeps a days-long backlog
   * from crowding out live data on a slow line.
   */
  replayBatchesPerSecond: z
    .number({ error: 'must be a number of batches per second from 0.1 to 100' })
    .min(0.1, { error: 'must be a number of batches per second from 0.1 to 100' })
    .max(100, { error: 'must be a number of batches per second from 0.1 to 100' })
    .default(defaultOutboxSettings.replayBatchesPerSecond),
  /** Samples per backlog batch (also bounded by the server's payload limit, 256 KiB). */
  replayBatchSize: wholeNumber(1, maxBatchItems, 'samples').default(defaultOutboxSettings.replayBatchSize),
});
export type OutboxSettings = z.infer<typeof OutboxSettings>;

const common = {
  contract: ContractSettings.optional(),
  /** MQTT keepalive; the server declares an agent silent after about 1.5 × this. */
  keepaliveSeconds: wholeNumber(1, 3600, 'seconds').default(15),
  /** Time between the starts of two probe rounds. */
  intervalSeconds: wholeNumber(1, 3600, 'seconds').default(10),
  probes: ProbeSettings.prefault({}),
  thresholds: Thresholds.prefault({}),
  outbox: OutboxSettings.prefault({}),
};

/**
 * What may lie on disk: enrollment fields are optional so that `check` runs
 * on a box that was never enrolled.
 *
 * @example
 * AgentConfigFile.parse({}).probes.targets // ['1.1.1.1:443', '8.8.8.8:443', '9.9.9.9:443']
 */
export const AgentConfigFile = z.strictObject({
  server: ServerSettings.optional(),
  agentId: agentId.optional(),
  mqtt: MqttSettings.optional(),
  ...common,
});
export type AgentConfigFile = z.infer<typeof AgentConfigFile>;

/** An enrolled agent's configuration: what `run` needs. */
export const AgentConfig = z.strictObject({
  server: ServerSettings,
  agentId,
  mqtt: MqttSettings,
  ...common,
});
export type AgentConfig = z.infer<typeof AgentConfig>;
