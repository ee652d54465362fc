import type { TcpProbeResult } from '../messages.js';
import type { IcmpProbeResult } from '../probes.js';
import { lossPct, median, roundMs } from './stats.js';

/** The line's figures of one round, summed up over the internet targets. */
export interface LineFigures {
  /** Loss over all attempts to all targets, in percent (as the API's `lossPct`). */
  lossPct: number | null;
  /** Median over the targets that answered of their median connect time (as the API's `latencyMs`). */
  latencyMs: number | null;
  /** Median over the targets of their jitter. */
  jitterMs: number | null;
}

/**
 * Sums up the internet targets of a round. Latency and jitter take the median
 * across targets so that one far-away or sick target does not make the whole
 * line look slow; loss is pooled because every lost attempt is a lost packet
 * of this line.
 *
 * @example
 * lineFigures([]) // { lossPct: null, latencyMs: null, jitterMs: null }
 */
export function lineFigures(targets: readonly TcpProbeResult[]): LineFigures {
  const sent = targets.reduce((n, t) => n + t.sent, 0);
  const received = targets.reduce((n, t) => n + t.received, 0);
  const medians = targets.flatMap((t) => (t.rttMs ? [t.rttMs.median] : []));
  const jitters = targets.flatMap((t) => (t.jitterMs === null ? [] : [t.jitterMs]));
  const latency = median(medians);
  const jitter = median(jitters);
  return {
    lossPct: sent === 0 ? null : lossPct(sent, received),
    latencyMs: latency === null ? null : roundMs(latency),
    jitterMs: jitter === null ? null : roundMs(jitter),
  };
}

/**
 * The same figures from ICMP echo rounds, or null when ICMP tells nothing:
 * no round ran, or every echo was lost while TCP targets answer (ICMP is
 * filtered on the way, which is not the line's fault).
 *
 * @example
 * icmpFigures([], 3) // null
 */
export function icmpFigures(
  icmp: readonly IcmpProbeResult[],
  tcpAnswering: number,
): (LineFigures & { source: 'icmp' }) | null {
  const ran = icmp.filter((r) => r.error === null && r.sent > 0);
  if (ran.length === 0) return null;
  const sent = ran.reduce((n, r) => n + r.sent, 0);
  const received = ran.reduce((n, r) => n + r.received, 0);
  if (received === 0 && tcpAnswering > 0) return null;
  const latency = median(ran.flatMap((r) => (r.rttMs ? [r.rttMs.median] : [])));
  const jit = median(ran.flatMap((r) => (r.jitterMs === null ? [] : [r.jitterMs])));
  return {
    source: 'icmp',
    lossPct: lossPct(sent, received),
    latencyMs: latency === null ? null : roundMs(latency),
    jitterMs: jit === null ? null : roundMs(jit),
  };
}
