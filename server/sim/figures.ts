import type {
  DnsProbeResult,
  GatewayProbeResult,
  IcmpProbeResult,
  RouterStatus,
  TcpProbeResult,
} from '@linewatch/shared';
import { eveningLoad } from './clock-text.js';
import type { Round } from './diagnosis.js';
import type { LineProfile } from './fleet-plan.js';
import type { LineCondition } from './line.js';
import { between, binomial, gauss, type Random } from './random.js';

/** The real agent's default probe targets and resolvers (shared/src/agent-config.ts). */
const targets = [
  { host: '1.1.1.1', extraMs: 0 },
  { host: '8.8.8.8', extraMs: 1.2 },
  { host: '9.9.9.9', extraMs: 2.6 },
] as const;
const resolvers = ['system', '1.1.1.1', '9.9.9.9'] as const;
/** The agent's probe timeout, ms. */
const timeoutMs = 2000;

/** How strongly the evening peak shows on each kind of line (shared cable segments most). */
const peakSensitivity = { cable: 1, dsl: 0.45, fibre: 0.15 } as const;

/** Line quality for one round: what every probe's figures are drawn from. */
interface Quality {
  reachable: boolean;
  rttMs: number;
  /** Standard deviation of single RTTs, ms. */
  spreadMs: number;
  lossPct: number;
}

/**
 * The figures of one probe round as the real agent would take them on this
 * line now: TCP connect and ICMP echo to the three default targets, DNS
 * through the router and two public resolvers, the default gateway, and the
 * router's own view (taken separately, see `routerView`).
 *
 * Latency is the line's base RTT plus the evening peak (up to +22 ms on
 * cable), jitter grows with it; loss is rare unless the line is degraded
 * (a degraded DSL line shows as its low sync rate, others as loss).
 */
export function probeRound(
  profile: LineProfile,
  cond: LineCondition,
  router: RouterStatus,
  meta: Pick<Round, 'bootId' | 'seq' | 't' | 'monoMs' | 'clockSynced'>,
  rng: Random,
): Round {
  const load = eveningLoad(Date.parse(meta.t)) * peakSensitivity[profile.accessType];
  const severity = cond.kind === 'degraded' ? cond.severity : 0;
  const dslDegraded = profile.accessType === 'dsl';
  const q: Quality = {
    reachable: cond.kind === 'ok' || cond.kind === 'degraded',
    rttMs: profile.baseRttMs + 22 * load * between(rng, 0.7, 1.1) + severity * (dslDegraded ? 6 : 25),
    spreadMs: 0.6 + 5 * load + severity * (dslDegraded ? 3 : 10),
    // The agent pings 3 × 5 times: one lost echo is 6.7 %, over the 5 % threshold. So healthy
    // lines lose very little here (a lost echo is a one-round `high_loss`, as with a real agent),
    // and the evening peak shows in latency and jitter more than in loss.
    lossPct: 0.003 + 0.05 * load + severity * (dslDegraded ? 0.03 : 8),
  };
  const gatewayRtt = round2(between(rng, 0.3, 1.1));
  const gateway: GatewayProbeResult = {
    address: '192.168.178.1',
    interface: 'eth0',
    reachable: true,
    rttMs: gatewayRtt,
    error: null,
    arp: 'complete',
    icmp: icmp('192.168.178.1', { reachable: true, rttMs: gatewayRtt, spreadMs: 0.15, lossPct: 0 }, 3, rng),
  };
  return {
    ...meta,
    gateway,
    targets: targets.map((t) => tcp(`${t.host}:443`, { ...q, rttMs: q.rttMs + t.extraMs }, rng)),
    icmp: targets.map((t) => icmp(t.host, { ...q, rttMs: q.rttMs + t.extraMs }, 5, rng)),
    dns: resolvers.map((r) => dns(r, q, rng)),
    router,
    systemUptimeSeconds: Math.round(meta.monoMs / 1000),
  };
}

/** `n` single RTTs, or null for each one lost. */
function samples(q: Quality, n: number, rng: Random): (number | null)[] {
  return Array.from({ length: n }, () =>
    q.reachable && rng.next() * 100 >= q.lossPct ? Math.max(0.1, gauss(rng, q.rttMs, q.spreadMs)) : null,
  );
}

/** min / median / avg / max / p90 and the mean |Δ| of consecutive answers (the agent's figures). */
function stats(rtts: number[]) {
  const s = [...rtts].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] as number;
  const avg = s.reduce((a, b) => a + b, 0) / s.length;
  const diffs = rtts.slice(1).map((r, i) => Math.abs(r - (rtts[i] as number)));
  const mid = Math.floor(s.length / 2);
  return {
    rtt: {
      min: round2(s[0] as number),
      median: round2(s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2),
      avg: round2(avg),
      max: round2(s[s.length - 1] as number),
      p90: round2(at(0.9)),
    },
    mdev: round2(Math.sqrt(s.reduce((a, r) => a + (r - avg) ** 2, 0) / s.length)),
    jitter: diffs.length ? round2(diffs.reduce((a, b) => a + b, 0) / diffs.length) : null,
  };
}

function tcp(target: string, q: Quality, rng: Random): TcpProbeResult {
  const rtts = samples(q, 3, rng).filter((r): r is number => r !== null);
  const received = rtts.length;
  const st = received ? stats(rtts) : null;
  return {
    kind: 'tcp',
    target,
    sent: 3,
    received,
    lossPct: round2(((3 - received) * 100) / 3),
    rttMs: st ? { min: st.rtt.min, median: st.rtt.median, avg: st.rtt.avg, max: st.rtt.max } : null,
    jitterMs: st?.jitter ?? null,
    error: received ? null : `no answer within ${timeoutMs} ms`,
  };
}

function icmp(target: string, q: Quality, sent: number, rng: Random): IcmpProbeResult {
  const rtts = samples(q, sent, rng).filter((r): r is number => r !== null);
  const st = rtts.length ? stats(rtts) : null;
  return {
    kind: 'icmp',
    target,
    sent,
    received: rtts.length,
    duplicates: 0,
    errors: 0,
    lossPct: round2(((sent - rtts.length) * 100) / sent),
    rttMs: st?.rtt ?? null,
    mdevMs: st?.mdev ?? null,
    jitterMs: st?.jitter ?? null,
    error: null,
  };
}

function dns(resolver: string, q: Quality, rng: Random): DnsProbeResult {
  // The router's resolver answers from its cache most of the time; public ones cost a round trip.
  const cached = resolver === 'system' && rng.next() < 0.6;
  const ok = q.reachable && (cached || binomial(rng, 1, 1 - q.lossPct / 100) === 1);
  const timeMs = cached ? between(rng, 0.8, 3) : q.rttMs + between(rng, 2, 18);
  return {
    kind: 'dns',
    resolver,
    name: 'example.com',
    ok,
    timeMs: ok ? round2(timeMs) : null,
    answers: ok ? 1 : 0,
    error: ok ? null : 'ETIMEOUT',
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
