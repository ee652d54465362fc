import type { Thresholds } from '../agent-config.js';
import type { DegradedCause } from '../catalogue.js';
import type { DiagnosisContext, RoundFindings } from './findings.js';
import { icmpFigures, type LineFigures, lineFigures } from './line-figures.js';
import { median } from './stats.js';

/** Loss, latency and jitter, in order of precedence. */
const figureChecks: ReadonlyArray<{
  cause: DegradedCause;
  figure: keyof LineFigures;
  threshold: 'lossPct' | 'latencyMs' | 'jitterMs';
  what: string;
  unit: string;
}> = [
  { cause: 'high_loss', figure: 'lossPct', threshold: 'lossPct', what: 'loss', unit: ' %' },
  { cause: 'high_latency', figure: 'latencyMs', threshold: 'latencyMs', what: 'latency', unit: ' ms' },
  { cause: 'high_jitter', figure: 'jitterMs', threshold: 'jitterMs', what: 'jitter', unit: ' ms' },
];

/**
 * Every degraded cause that holds, most serious first: loss, latency,
 * jitter (from ICMP when it tells something, else TCP-connect times), slow
 * DNS, a DSL sync rate far below the contract, rising CRC errors or resyncs.
 */
export function degradedCauses(
  round: RoundFindings,
  thresholds: Thresholds,
  context: DiagnosisContext,
  evidence: string[],
): DegradedCause[] {
  const found: DegradedCause[] = [];
  const tcpAnswering = round.targets.filter((t) => t.received > 0).length;
  const figures = icmpFigures(round.icmp ?? [], tcpAnswering) ?? lineFigures(round.targets);
  for (const check of figureChecks) {
    const value = figures[check.figure];
    const limit = thresholds[check.threshold];
    if (value === null || value <= limit) continue;
    evidence.push(`${check.what} ${value}${check.unit} is over ${limit}${check.unit}`);
    found.push(check.cause);
  }
  const dnsTimes = (round.dns ?? []).flatMap((d) => (d.ok && d.timeMs !== null ? [d.timeMs] : []));
  const dnsMedian = median(dnsTimes);
  if (dnsMedian !== null && dnsMedian > thresholds.dnsMs) {
    evidence.push(`name resolution takes ${Math.round(dnsMedian)} ms (over ${thresholds.dnsMs} ms)`);
    found.push('slow_dns');
  }
  const dsl = round.router?.dsl ?? null;
  if (dsl?.downCurrentKbps != null && context.contract && dsl.status === 'Up') {
    const expectedKbps = context.contract.downMbps * 1000;
    const pct = (100 * dsl.downCurrentKbps) / expectedKbps;
    if (pct < thresholds.syncRatePct) {
      evidence.push(
        `DSL syncs at ${(dsl.downCurrentKbps / 1000).toFixed(1)} Mbit/s, ${Math.round(pct)} % of the contracted ${context.contract.downMbps} Mbit/s`,
      );
      found.push('low_sync_rate');
    }
  }
  if (lineErrors(round, thresholds, context, evidence)) found.push('line_errors');
  return found;
}

/** CRC errors rising faster than the threshold, or a resync, since the previous round. */
function lineErrors(
  round: RoundFindings,
  thresholds: Thresholds,
  context: DiagnosisContext,
  evidence: string[],
) {
  const now = round.router?.dsl;
  const before = context.previous;
  if (!now || !before || context.nowMs === undefined) return false;
  const minutes = (context.nowMs - before.atMs) / 60_000;
  if (minutes <= 0) return false;
  let bad = false;
  if (
    now.linkRetrains !== null &&
    before.dsl.linkRetrains !== null &&
    now.linkRetrains > before.dsl.linkRetrains
  ) {
    evidence.push(
      `the line resynchronised ${now.linkRetrains - before.dsl.linkRetrains} time(s) since the last check`,
    );
    bad = true;
  }
  // A falling counter means the router rebooted or resynced and started over: no rate from that pair.
  if (now.crcErrors !== null && before.dsl.crcErrors !== null && now.crcErrors >= before.dsl.crcErrors) {
    const perMinute = (now.crcErrors - before.dsl.crcErrors) / minutes;
    if (perMinute > thresholds.crcErrorsPerMinute) {
      evidence.push(`${Math.round(perMinute)} CRC errors per minute (over ${thresholds.crcErrorsPerMinute})`);
      bad = true;
    }
  }
  return bad;
}
