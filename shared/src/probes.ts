import { z } from 'zod';

/**
 * Result schemas of the agent's deeper probes (ICMP, DNS, HTTP, the
 * router's own view). Units are in the names.
 *
 * Figures follow established tools so they can be compared:
 * - loss % = (sent − received) × 100 / sent (iputils, RIPE Atlas);
 * - rtt min / median / avg / max over the replies only (RIPE Atlas, SmokePing's median);
 * - `mdevMs` = iputils' mdev, the population standard deviation of the RTTs;
 * - `jitterMs` = mean |rttᵢ − rttᵢ₋₁| over consecutive replies (IPDV-like, RFC 3393).
 */

const ms = z.number().min(0).max(3_600_000);
const count = z.number().int().min(0);
const text = (max: number) => z.string().max(max);

export const PingRtt = z.object({
  min: ms,
  median: ms,
  avg: ms,
  max: ms,
  /** 90th percentile (nearest rank). */
  p90: ms,
});
export type PingRtt = z.infer<typeof PingRtt>;

/** One `ping` round to a target (iputils, run with `LC_ALL=C`, parsed). */
export const IcmpProbeResult = z.object({
  kind: z.literal('icmp'),
  target: text(300),
  sent: count,
  received: count,
  /** Duplicate replies (`+N duplicates`): a sign of a loop or a broken link layer. */
  duplicates: count,
  /** ICMP errors such as "Destination Host Unreachable" (`+N errors`). */
  errors: count,
  lossPct: z.number().min(0).max(100),
  rttMs: PingRtt.nullable(),
  mdevMs: ms.nullable(),
  jitterMs: ms.nullable(),
  /** Why no figures could be taken (ping missing, unknown host, …); null when ping ran. */
  error: text(500).nullable(),
});
export type IcmpProbeResult = z.infer<typeof IcmpProbeResult>;

/** Kernel ARP state of the gateway (`/proc/net/arp`): complete (flags 0x2), incomplete, or no entry. */
export const ArpState = z.enum(['complete', 'incomplete', 'absent']);
export type ArpState = z.infer<typeof ArpState>;

/** Name resolution through one resolver: `system` (the OS's resolver, i.e. usually the router) or an IP. */
export const DnsProbeResult = z.object({
  kind: z.literal('dns'),
  resolver: text(64),
  name: text(253),
  ok: z.boolean(),
  timeMs: ms.nullable(),
  /** Number of addresses returned. */
  answers: count,
  /** The resolver's error code (`ETIMEOUT`, `ESERVFAIL`, `ENOTFOUND`, `ECONNREFUSED`, …), null on success. */
  error: text(200).nullable(),
});
export type DnsProbeResult = z.infer<typeof DnsProbeResult>;

/** One HTTP(S) fetch with phase timings taken from socket events. */
export const HttpProbeResult = z.object({
  kind: z.literal('http'),
  url: text(500),
  ok: z.boolean(),
  status: z.number().int().nullable(),
  phasesMs: z.object({
    dns: ms.nullable(),
    connect: ms.nullable(),
    tls: ms.nullable(),
    firstByte: ms.nullable(),
    total: ms.nullable(),
  }),
  error: text(500).nullable(),
});
export type HttpProbeResult = z.infer<typeof HttpProbeResult>;

/** What went wrong talking to the router, in words a technician can act on. */
export const routerFindingCodes = [
  'no_router_api',
  'upnp_disabled',
  'tr064_disabled',
  'auth_required',
  'auth_failed',
  'auth_blocked',
  'permission_denied',
  'timeout',
  'invalid_response',
  'action_not_supported',
] as const;
export const RouterFindingCode = z.enum(routerFindingCodes);
export type RouterFindingCode = z.infer<typeof RouterFindingCode>;

export const RouterFinding = z.object({
  code: RouterFindingCode,
  /** Which protocol or action it concerns, e.g. `TR-064 WANDSLInterfaceConfig:GetInfo`. */
  subject: text(200),
  detail: text(500),
});
export type RouterFinding = z.infer<typeof RouterFinding>;

/** The router's WAN side (UPnP IGD or TR-064). Unknown fields are null. */
export const RouterWan = z.object({
  /** `DSL`, `Ethernet`, `X_AVM-DE_Fiber`, `X_AVM-DE_Cable`, … */
  accessType: text(50).nullable(),
  /** `Up`, `Down`, `Initializing`, `Unavailable`. */
  physicalLinkStatus: text(50).nullable(),
  /** `Connected`, `Connecting`, `Disconnected`, … */
  connectionStatus: text(50).nullable(),
  /** `ERROR_NONE`, `ERROR_AUTHENTICATION_FAILURE`, … */
  lastConnectionError: text(100).nullable(),
  externalIp: text(64).nullable(),
  /** Seconds the WAN connection has been up. */
  uptimeSeconds: count.nullable(),
  /** Line capacity from GetCommonLinkProperties, bit/s. */
  layer1DownBps: count.nullable(),
  layer1UpBps: count.nullable(),
  /** Byte counters since the router's boot; the 32-bit IGD counters are unwrapped by the agent. */
  bytesReceived: count.nullable(),
  bytesSent: count.nullable(),
});
export type RouterWan = z.infer<typeof RouterWan>;

/** DSL line figures (TR-064 WANDSLInterfaceConfig). Rates in kbit/s, margins and attenuation in dB. */
export const RouterDsl = z.object({
  /** `Up` = synchronised; anything else is not. */
  status: text(50).nullable(),
  downCurrentKbps: count.nullable(),
  upCurrentKbps: count.nullable(),
  downMaxKbps: count.nullable(),
  upMaxKbps: count.nullable(),
  downSnrMarginDb: z.number().nullable(),
  upSnrMarginDb: z.number().nullable(),
  downAttenuationDb: z.number().nullable(),
  upAttenuationDb: z.number().nullable(),
  /** Counters since the last sync (GetStatisticsTotal). */
  crcErrors: count.nullable(),
  fecErrors: count.nullable(),
  linkRetrains: count.nullable(),
  erroredSeconds: count.nullable(),
  severelyErroredSeconds: count.nullable(),
});
export type RouterDsl = z.infer<typeof RouterDsl>;

/** A line of the router's event log (FRITZ!Box: German, `dd.mm.yy HH:MM:SS text`). */
export const RouterLogEntry = z.object({
  /** ISO time as the router's clock and the agent's time zone give it; null when unparsable. */
  at: z.string().max(40).nullable(),
  text: text(500),
});
export type RouterLogEntry = z.infer<typeof RouterLogEntry>;

/** The router as seen through its own management interfaces. */
export const RouterStatus = z.object({
  address: text(64).nullable(),
  /** Which interface answered: TR-064 (with login), UPnP IGD (no login), or none. */
  protocol: z.enum(['tr064', 'igd']).nullable(),
  model: text(100).nullable(),
  firmware: text(100).nullable(),
  /** Seconds since the router booted (TR-064 DeviceInfo:GetInfo NewUpTime). */
  uptimeSeconds: count.nullable(),
  wan: RouterWan.nullable(),
  dsl: RouterDsl.nullable(),
  /** The newest event-log lines, newest first (at most 20). */
  log: z.array(RouterLogEntry).max(20),
  findings: z.array(RouterFinding).max(20),
});
export type RouterStatus = z.infer<typeof RouterStatus>;
