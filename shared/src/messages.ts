import { z } from 'zod';
import { Cause } from './catalogue.js';
import { ArpState, DnsProbeResult, HttpProbeResult, IcmpProbeResult, RouterStatus } from './probes.js';

/**
 * MQTT message schemas (protocol version 1). Every payload is UTF-8 JSON.
 * Field units are in the names (`rttMs`, `lossPct`, `keepaliveSeconds`).
 */
export const protocolVersion = 1;

/** Largest payload the server accepts on any agent topic, in bytes. */
export const maxPayloadBytes = 256 * 1024;

/** Largest number of items in one measurement or event batch. */
export const maxBatchItems = 500;

const isoTime = z.iso.datetime({ offset: true });
const count = z.number().int().min(0);
const ms = z.number().min(0).max(3_600_000);

/**
 * What every measurement and event carries so that ingest is idempotent and
 * time can be corrected: (agent, bootId, seq) is unique.
 */
export const SampleMeta = z.object({
  /** The system boot id (`/proc/sys/kernel/random/boot_id`): a new one means the box was restarted. */
  bootId: z.uuid(),
  /** Sequence number within this boot, shared by measurements and events, never reused. */
  seq: count,
  /** Wall-clock time of the sample on the agent (may be wrong before NTP sync). */
  t: isoTime,
  /** Monotonic milliseconds since the agent's boot. */
  monoMs: z.number().min(0),
  /** Whether the agent's clock was synchronised (NTP) when the sample was taken. */
  clockSynced: z.boolean(),
});
export type SampleMeta = z.infer<typeof SampleMeta>;

/** Round-trip time figures over the replies of one probe round, in ms. */
export const RttStats = z.object({
  min: ms,
  median: ms,
  avg: ms,
  max: ms,
});
export type RttStats = z.infer<typeof RttStats>;

/**
 * One TCP-connect probe round to a target: `sent` connection attempts,
 * `received` of them answered (a refused connection counts as an answer: an
 * RST came back). Jitter is the mean |rttᵢ − rttᵢ₋₁| over consecutive answers
 * (IPDV-like, RFC 3393), null with fewer than two answers.
 */
export const TcpProbeResult = z.object({
  kind: z.literal('tcp'),
  target: z.string().min(1).max(300),
  sent: count,
  received: count,
  lossPct: z.number().min(0).max(100),
  rttMs: RttStats.nullable(),
  jitterMs: ms.nullable(),
  error: z.string().max(500).nullable(),
});
export type TcpProbeResult = z.infer<typeof TcpProbeResult>;

/** The default gateway (the customer's router) as the agent sees it. */
export const GatewayProbeResult = z.object({
  /** IPv4 address of the default route's gateway; null when there is no default route. */
  address: z.string().max(64).nullable(),
  interface: z.string().max(64).nullable(),
  /** Answered by TCP (a connection or a refusal) or by ICMP. */
  reachable: z.boolean(),
  /** TCP-connect time to the router. */
  rttMs: ms.nullable(),
  error: z.string().max(500).nullable(),
  /** Kernel ARP state of the gateway: `incomplete` means nothing answers on the LAN at that address. */
  arp: ArpState.nullable().optional(),
  /** ICMP echo to the gateway. */
  icmp: IcmpProbeResult.nullable().optional(),
});
export type GatewayProbeResult = z.infer<typeof GatewayProbeResult>;

/** The agent's own verdict on the line after a probe round. */
export const AgentDiagnosis = z.object({
  status: z.enum(['up', 'degraded', 'down']),
  cause: Cause.nullable(),
  /** The facts behind the verdict, in plain English (shown to technicians). */
  evidence: z.array(z.string().max(300)).max(20).optional(),
});
export type AgentDiagnosis = z.infer<typeof AgentDiagnosis>;

/** One probe round. */
export const Measurement = SampleMeta.extend({
  gateway: GatewayProbeResult,
  targets: z.array(TcpProbeResult).max(32),
  /** ICMP echo rounds to the internet targets' hosts. */
  icmp: z.array(IcmpProbeResult).max(32).optional(),
  /** Name resolution through the system resolver and each configured resolver. */
  dns: z.array(DnsProbeResult).max(16).optional(),
  http: z.array(HttpProbeResult).max(8).optional(),
  /** The router's own view (UPnP IGD / TR-064); null when it could not be read at all. */
  router: RouterStatus.nullable().optional(),
  /** Seconds since the agent's machine booted: small after a power cut. */
  systemUptimeSeconds: z.number().min(0).optional(),
  diagnosis: AgentDiagnosis,
});
export type Measurement = z.infer<typeof Measurement>;

/** Published QoS 1 on `…/<agentId>/measurements`. */
/**
 * `replay: true` marks a batch from the agent's backlog — samples recorded
 * before this connection, e.g. while the line was down. Their verdicts are
 * history: they date the outage, but never set a site's current status.
 */
const replay = z.boolean().optional();

/** Samples waiting in the agent's outbox when it sent the batch, the batch included (agents since 0.2). */
const backlog = count.optional();

export const MeasurementBatch = z.object({
  v: z.literal(protocolVersion),
  type: z.literal('measurements'),
  replay,
  backlog,
  items: z.array(Measurement).min(1).max(maxBatchItems),
});
export type MeasurementBatch = z.infer<typeof MeasurementBatch>;

/**
 * `command_done` (data `{ id, name }`) tells the server a command ran, so it
 * stops re-delivering it on reconnect.
 */
export const agentEventKinds = [
  'agent_started',
  'diagnosis_changed',
  'outbox_dropped',
  'command_done',
] as const;
export const AgentEventKind = z.enum(agentEventKinds);
export type AgentEventKind = z.infer<typeof AgentEventKind>;

/** Something that happened on the agent, e.g. its diagnosis changed. */
export const AgentEvent = SampleMeta.extend({
  kind: AgentEventKind,
  data: z.record(z.string(), z.unknown()),
});
export type AgentEvent = z.infer<typeof AgentEvent>;

/** Published QoS 1 on `…/<agentId>/events`. */
export const EventBatch = z.object({
  v: z.literal(protocolVersion),
  type: z.literal('events'),
  replay,
  backlog,
  items: z.array(AgentEvent).min(1).max(maxBatchItems),
});
export type EventBatch = z.infer<typeof EventBatch>;

/**
 * Retained on `…/<agentId>/status`. The agent publishes `online` after
 * connecting; its last will (set at CONNECT) is the same message with
 * `state: 'offline', reason: 'connection_lost'`.
 */
export const AgentStatusMessage = z.object({
  v: z.literal(protocolVersion),
  type: z.literal('status'),
  state: z.enum(['online', 'offline']),
  reason: z.enum(['connected', 'shutdown', 'connection_lost']),
  at: isoTime,
  bootId: z.uuid(),
  agentVersion: z.string().max(50),
  /** When the agent's machine booted (wall clock, as the agent knows it). */
  bootedAt: isoTime,
  keepaliveSeconds: z.number().int().min(1).max(3600),
  intervalSeconds: z.number().int().min(1).max(3600),
});
export type AgentStatusMessage = z.infer<typeof AgentStatusMessage>;

/**
 * The server's confirmation that it has committed these samples to its
 * store. Only after it may the agent forget them (the MQTT PUBACK is not
 * enough: the broker sends it before the server has stored anything).
 */
export const CommitAck = z.object({
  v: z.literal(protocolVersion),
  type: z.literal('ack'),
  bootId: z.uuid(),
  seqs: z
    .array(count)
    .min(1)
    .max(maxBatchItems * 2),
});
export type CommitAck = z.infer<typeof CommitAck>;

export const commandNames = ['check_now'] as const;
export const CommandName = z.enum(commandNames);
export type CommandName = z.infer<typeof CommandName>;

/** A request from the server; the agent ignores it after `expiresAt`. */
export const AgentCommand = z.object({
  v: z.literal(protocolVersion),
  type: z.literal('command'),
  id: z.uuid(),
  name: CommandName,
  issuedAt: isoTime,
  expiresAt: isoTime,
});
export type AgentCommand = z.infer<typeof AgentCommand>;

/** Everything the server publishes on `…/<agentId>/commands`. */
export const ServerToAgent = z.discriminatedUnion('type', [CommitAck, AgentCommand]);
export type ServerToAgent = z.infer<typeof ServerToAgent>;

/** Everything an agent may publish, keyed by topic kind. */
export const agentMessageSchemas = {
  status: AgentStatusMessage,
  measurements: MeasurementBatch,
  events: EventBatch,
} as const;
