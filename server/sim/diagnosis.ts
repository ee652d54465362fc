import {
  type AgentDiagnosis,
  type Contract,
  type DegradedCause,
  type Measurement,
  type RouterDsl,
  Thresholds,
} from '@linewatch/shared';

/** A probe round without its verdict. */
export type Round = Omit<Measurement, 'diagnosis'>;

/** The DSL counters of the previous round, for the rate of CRC errors and resyncs. */
export interface PreviousDsl {
  dsl: RouterDsl;
  atMs: number;
}

const defaults = Thresholds.parse({});

/**
 * The simulated agent's verdict on its own round, following the real
 * agent's rules (agent/src/diagnosis) in a compact form, so the fleet
 * reports what a real agent would:
 * 1. nothing on the internet answers → down; the cause from the most local
 *    fault outwards: router silent, link down, session down, beyond;
 * 2. no resolver answers → down, `dns_failure`;
 * 3. degraded by the first of loss, latency, jitter, slow DNS, low sync
 *    rate, line errors that holds; else up.
 *
 * @example
 * diagnoseRound(round, { downMbps: 100, upMbps: 40 }, null) // { status: 'up', cause: null, evidence: […] }
 */
export function diagnoseRound(
  round: Round,
  contract: Contract,
  previous: PreviousDsl | null,
  thresholds: Thresholds = defaults,
): AgentDiagnosis {
  const evidence: string[] = [];
  const answering = [...round.targets, ...(round.icmp ?? [])].filter((t) => t.received > 0).length;
  const total = round.targets.length + (round.icmp?.length ?? 0);
  const router = round.router ?? null;
  if (answering === 0) {
    const cause = downCause(round, evidence);
    evidence.push(`none of ${total} internet checks answers`);
    return { status: 'down', cause, evidence };
  }
  evidence.push(`${answering} of ${total} internet checks answer`);
  const dns = round.dns ?? [];
  if (dns.length > 0 && dns.every((d) => !d.ok)) {
    evidence.push('no resolver answers');
    return { status: 'down', cause: 'dns_failure', evidence };
  }
  const found: DegradedCause[] = [];
  const icmp = (round.icmp ?? []).filter((r) => r.error === null);
  const sent = icmp.reduce((s, r) => s + r.sent, 0);
  const lossPct = sent ? round1((100 * (sent - icmp.reduce((s, r) => s + r.received, 0))) / sent) : 0;
  const latencyMs = median(icmp.flatMap((r) => (r.rttMs ? [r.rttMs.median] : [])));
  const jitterMs = median(icmp.flatMap((r) => (r.jitterMs !== null ? [r.jitterMs] : [])));
  const check = (cause: DegradedCause, what: string, value: number | null, limit: number, unit: string) => {
    if (value === null || value <= limit) return;
    evidence.push(`${what} ${value}${unit} is over ${limit}${unit}`);
    found.push(cause);
  };
  check('high_loss', 'loss', lossPct, thresholds.lossPct, ' %');
  check('high_latency', 'latency', latencyMs, thresholds.latencyMs, ' ms');
  check('high_jitter', 'jitter', jitterMs, thresholds.jitterMs, ' ms');
  const dnsMs = median(dns.flatMap((d) => (d.ok && d.timeMs !== null ? [d.timeMs] : [])));
  if (dnsMs !== null && dnsMs > thresholds.dnsMs) {
    evidence.push(`name resolution takes ${Math.round(dnsMs)} ms (over ${thresholds.dnsMs} ms)`);
    found.push('slow_dns');
  }
  const dsl = router?.dsl ?? null;
  if (dsl?.status === 'Up' && dsl.downCurrentKbps !== null) {
    const pct = (100 * dsl.downCurrentKbps) / (contract.downMbps * 1000);
    if (pct < thresholds.syncRatePct) {
      evidence.push(
        `DSL syncs at ${(dsl.downCurrentKbps / 1000).toFixed(1)} Mbit/s, ${Math.round(pct)} % of the contracted ${contract.downMbps} Mbit/s`,
      );
      found.push('low_sync_rate');
    }
  }
  if (dsl && previous && lineErrors(dsl, previous, Date.parse(round.t), thresholds, evidence))
    found.push('line_errors');
  const first = found[0];
  return first ? { status: 'degraded', cause: first, evidence } : { status: 'up', cause: null, evidence };
}

function downCause(round: Round, evidence: string[]): AgentDiagnosis['cause'] {
  const { gateway } = round;
  const router = round.router ?? null;
  if (!gateway.reachable && router === null) {
    evidence.push(`router ${gateway.address ?? ''} does not answer (${gateway.error ?? 'no answer'})`);
    return 'router_unreachable';
  }
  const physical = router?.wan?.physicalLinkStatus ?? null;
  const dsl = router?.dsl?.status ?? null;
  if ((physical !== null && physical !== 'Up') || (dsl !== null && dsl !== 'Up')) {
    if (physical !== null && physical !== 'Up')
      evidence.push(`the router reports its WAN link "${physical}"`);
    if (dsl !== null && dsl !== 'Up') evidence.push(`DSL status "${dsl}" (not synchronised)`);
    const line = router?.log.find((l) => /Keine DSL-Synchronisierung/.test(l.text));
    if (line) evidence.push(`router log: ${line.at ?? ''} ${line.text}`.trim());
    return 'line_sync_lost';
  }
  const status = router?.wan?.connectionStatus ?? null;
  if (status !== null && status !== 'Connected') {
    evidence.push(`internet session "${status}"`);
    return 'isp_session_down';
  }
  evidence.push(`router ${gateway.address ?? ''} answers`);
  if (status === 'Connected') evidence.push('the router reports its internet connection up');
  return 'internet_unreachable';
}

function lineErrors(
  now: RouterDsl,
  before: PreviousDsl,
  nowMs: number,
  thresholds: Thresholds,
  evidence: string[],
): boolean {
  const minutes = (nowMs - before.atMs) / 60_000;
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
  if (now.crcErrors !== null && before.dsl.crcErrors !== null && now.crcErrors >= before.dsl.crcErrors) {
    const perMinute = (now.crcErrors - before.dsl.crcErrors) / minutes;
    if (perMinute > thresholds.crcErrorsPerMinute) {
      evidence.push(`${Math.round(perMinute)} CRC errors per minute (over ${thresholds.crcErrorsPerMinute})`);
      bad = true;
    }
  }
  return bad;
}

/** Median of a list, null when empty. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
