import type { GatewayProbeResult, TcpProbeResult } from '../messages.js';
import type { DnsProbeResult, HttpProbeResult, IcmpProbeResult, RouterDsl, RouterStatus } from '../probes.js';

/** What a diagnosis looks at: everything one probe round found. Only gateway and targets are required. */
export interface RoundFindings {
  gateway: GatewayProbeResult;
  targets: readonly TcpProbeResult[];
  icmp?: readonly IcmpProbeResult[] | undefined;
  dns?: readonly DnsProbeResult[] | undefined;
  http?: readonly HttpProbeResult[] | undefined;
  router?: RouterStatus | null | undefined;
}

/** The short history a diagnosis may compare with: the DSL counters of an earlier round. */
export interface DiagnosisContext {
  /** The contracted speed, for `low_sync_rate`. */
  contract?: { downMbps: number; upMbps: number } | undefined;
  /** DSL counters seen earlier, and when (ms, monotonic or wall — only the difference counts). */
  previous?: { atMs: number; dsl: RouterDsl } | undefined;
  /** Time of this round on the same clock as `previous.atMs`. */
  nowMs?: number | undefined;
}
