import {
  type AgentEvent,
  type AgentEventKind,
  type AgentStatusMessage,
  type Diagnosis,
  type Measurement,
  protocolVersion,
  type SampleMeta,
} from '@linewatch/shared';
import type { ProbeRound } from '../probes/round.js';

/** When a sample was taken, on both clocks. */
export interface SampleTime {
  wallMs: number;
  monoMs: number;
  clockSynced: boolean;
}

/** The metadata every measurement and event carries. */
export function sampleMeta(bootId: string, seq: number, time: SampleTime): SampleMeta {
  return {
    bootId,
    seq,
    t: new Date(time.wallMs).toISOString(),
    monoMs: Math.round(time.monoMs * 1000) / 1000,
    clockSynced: time.clockSynced,
  };
}

/**
 * A probe round as the shared `Measurement`: only the schema's fields, so
 * what the agent knows beyond it (which port answered, where the router
 * address came from) stays out of the wire format.
 */
export function measurement(
  meta: SampleMeta,
  round: ProbeRound,
  diagnosis: Diagnosis,
  systemUptimeSeconds?: number,
): Measurement {
  const g = round.gateway;
  return {
    ...meta,
    gateway: {
      address: g.address,
      interface: g.interface,
      reachable: g.reachable,
      rttMs: g.rttMs,
      error: g.error,
      arp: g.arp ?? null,
      icmp: g.icmp ?? null,
    },
    targets: round.targets,
    icmp: round.icmp,
    dns: round.dns,
    http: round.http,
    router: round.router,
    ...(systemUptimeSeconds === undefined ? {} : { systemUptimeSeconds }),
    diagnosis: {
      status: diagnosis.status,
      cause: diagnosis.cause,
      // The schema bounds each line and the list; evidence beyond that is for the local log.
      evidence: diagnosis.evidence.slice(0, 20).map((e) => e.slice(0, 300)),
    },
  };
}

/** An agent event. */
export function agentEvent(
  meta: SampleMeta,
  kind: AgentEventKind,
  data: Record<string, unknown>,
): AgentEvent {
  return { ...meta, kind, data };
}

/** What the retained status message says about this agent besides state and reason. */
export interface StatusFacts {
  bootId: string;
  bootedAt: Date;
  agentVersion: string;
  keepaliveSeconds: number;
  intervalSeconds: number;
}

/** A retained status message (`online`, or `offline` as a will or at shutdown). */
export function statusMessage(
  facts: StatusFacts,
  state: AgentStatusMessage['state'],
  reason: AgentStatusMessage['reason'],
  wallMs: number,
): AgentStatusMessage {
  return {
    v: protocolVersion,
    type: 'status',
    state,
    reason,
    at: new Date(wallMs).toISOString(),
    bootId: facts.bootId,
    agentVersion: facts.agentVersion,
    bootedAt: facts.bootedAt.toISOString(),
    keepaliveSeconds: facts.keepaliveSeconds,
    intervalSeconds: facts.intervalSeconds,
  };
}
