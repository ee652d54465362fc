import { describe, expect, it } from 'vitest';
import {
  type DnsProbeResult,
  type GatewayProbeResult,
  type IcmpProbeResult,
  type RouterDsl,
  type RouterStatus,
  type TcpProbeResult,
  Thresholds,
} from '../index.js';
import { type DiagnosisContext, diagnose, type RoundFindings } from './diagnose.js';

const thresholds = Thresholds.parse({});

const gateway = (
  reachable: boolean,
  arp: GatewayProbeResult['arp'] = reachable ? 'complete' : 'incomplete',
) => ({
  address: '192.168.178.1',
  interface: 'eth0',
  reachable,
  rttMs: reachable ? 0.6 : null,
  error: reachable ? null : 'timeout',
  arp,
});

const tcp = (received: number, rtt = 20): TcpProbeResult => ({
  kind: 'tcp',
  target: '1.1.1.1:443',
  sent: 3,
  received,
  lossPct: ((3 - received) * 100) / 3,
  rttMs: received ? { min: rtt, median: rtt, avg: rtt, max: rtt } : null,
  jitterMs: received > 1 ? 1 : null,
  error: null,
});

const icmp = (received: number, rtt = 18, sent = 5): IcmpProbeResult => ({
  kind: 'icmp',
  target: '1.1.1.1',
  sent,
  received,
  duplicates: 0,
  errors: 0,
  lossPct: ((sent - received) * 100) / sent,
  rttMs: received ? { min: rtt, median: rtt, avg: rtt, max: rtt, p90: rtt } : null,
  mdevMs: received ? 0.5 : null,
  jitterMs: received > 1 ? 0.8 : null,
  error: null,
});

const dns = (resolver: string, ok: boolean, timeMs = 25): DnsProbeResult => ({
  kind: 'dns',
  resolver,
  name: 'example.com',
  ok,
  timeMs: ok ? timeMs : null,
  answers: ok ? 1 : 0,
  error: ok ? null : 'ETIMEOUT',
});

const dslUp: RouterDsl = {
  status: 'Up',
  downCurrentKbps: 236_716,
  upCurrentKbps: 46_719,
  downMaxKbps: 240_893,
  upMaxKbps: 49_741,
  downSnrMarginDb: 11,
  upSnrMarginDb: 8,
  downAttenuationDb: 14,
  upAttenuationDb: 8,
  crcErrors: 6,
  fecErrors: 100,
  linkRetrains: 1,
  erroredSeconds: 4,
  severelyErroredSeconds: 0,
};

function router(
  over: {
    dsl?: Partial<RouterDsl> | null;
    wan?: Partial<NonNullable<RouterStatus['wan']>>;
    log?: string[];
  } = {},
): RouterStatus {
  return {
    address: '192.168.178.1',
    protocol: 'tr064',
    model: 'FRITZ!Box 7590',
    firmware: '154.07.57',
    uptimeSeconds: 86_446,
    wan: {
      accessType: 'DSL',
      physicalLinkStatus: 'Up',
      connectionStatus: 'Connected',
      lastConnectionError: 'ERROR_NONE',
      externalIp: '203.0.113.77',
      uptimeSeconds: 755_581,
      layer1DownBps: 240_893_000,
      layer1UpBps: 49_741_000,
      bytesReceived: 1,
      bytesSent: 1,
      ...over.wan,
    },
    dsl: over.dsl === null ? null : { ...dslUp, ...over.dsl },
    log: (over.log ?? []).map((text) => ({ at: '2026-11-25T03:12:09.000Z', text })),
    findings: [],
  };
}

const healthyInternet = { targets: [tcp(3), tcp(3)], icmp: [icmp(5), icmp(5)] };
const deadInternet = { targets: [tcp(0), tcp(0)], icmp: [icmp(0), icmp(0)] };
const contract = { downMbps: 250, upMbps: 40 };

describe('diagnose with router, ICMP and DNS findings', () => {
  it.each<[string, RoundFindings, DiagnosisContext, string, string | null]>([
    [
      'all well',
      { gateway: gateway(true), ...healthyInternet, router: router(), dns: [dns('system', true)] },
      { contract },
      'up',
      null,
    ],
    [
      'router gone, ARP incomplete',
      { gateway: gateway(false), ...deadInternet, router: null },
      {},
      'down',
      'router_unreachable',
    ],
    [
      'router silent on TCP but answers ICMP: not the router',
      { gateway: { ...gateway(false, 'complete'), icmp: icmp(5, 0.5) }, ...deadInternet, router: null },
      {},
      'down',
      'internet_unreachable',
    ],
    [
      'DSL no signal',
      {
        gateway: gateway(true),
        ...deadInternet,
        router: router({
          dsl: { status: 'NoSignal' },
          wan: { physicalLinkStatus: 'Down', connectionStatus: 'Disconnected' },
        }),
      },
      {},
      'down',
      'line_sync_lost',
    ],
    [
      'DSL training',
      {
        gateway: gateway(true),
        ...deadInternet,
        router: router({ dsl: { status: 'Initializing' }, wan: { physicalLinkStatus: 'Initializing' } }),
      },
      {},
      'down',
      'line_sync_lost',
    ],
    [
      'router answers only through its API',
      {
        gateway: gateway(false, 'complete'),
        ...deadInternet,
        router: router({ wan: { physicalLinkStatus: 'Down' }, dsl: null }),
      },
      {},
      'down',
      'line_sync_lost',
    ],
    [
      'PPP authentication failure',
      {
        gateway: gateway(true),
        ...deadInternet,
        router: router({
          wan: {
            connectionStatus: 'Disconnected',
            lastConnectionError: 'ERROR_AUTHENTICATION_FAILURE',
            externalIp: '0.0.0.0',
          },
        }),
      },
      {},
      'down',
      'isp_session_down',
    ],
    [
      'connected without an address',
      { gateway: gateway(true), ...deadInternet, router: router({ wan: { externalIp: '0.0.0.0' } }) },
      {},
      'down',
      'isp_session_down',
    ],
    [
      'everything up at the router, nothing beyond',
      { gateway: gateway(true), ...deadInternet, router: router() },
      {},
      'down',
      'internet_unreachable',
    ],
    [
      'no resolver answers',
      {
        gateway: gateway(true),
        ...healthyInternet,
        router: router(),
        dns: [dns('system', false), dns('1.1.1.1', false)],
      },
      {},
      'down',
      'dns_failure',
    ],
    [
      "the router's DNS fails, public DNS works",
      { gateway: gateway(true), ...healthyInternet, dns: [dns('system', false), dns('1.1.1.1', true)] },
      {},
      'down',
      'dns_failure',
    ],
    [
      'a public resolver fails, the system one works',
      { gateway: gateway(true), ...healthyInternet, dns: [dns('system', true), dns('9.9.9.9', false)] },
      {},
      'up',
      null,
    ],
    [
      'slow DNS',
      {
        gateway: gateway(true),
        ...healthyInternet,
        dns: [dns('system', true, 900), dns('1.1.1.1', true, 800)],
      },
      {},
      'degraded',
      'slow_dns',
    ],
    [
      'ICMP loss',
      { gateway: gateway(true), targets: [tcp(3)], icmp: [icmp(3), icmp(4)] },
      {},
      'degraded',
      'high_loss',
    ],
    [
      'ICMP filtered, TCP fine',
      { gateway: gateway(true), targets: [tcp(3), tcp(3)], icmp: [icmp(0), icmp(0)] },
      {},
      'up',
      null,
    ],
    [
      'sync far below contract',
      { gateway: gateway(true), ...healthyInternet, router: router({ dsl: { downCurrentKbps: 50_000 } }) },
      { contract },
      'degraded',
      'low_sync_rate',
    ],
    [
      'sync rate without a contract',
      { gateway: gateway(true), ...healthyInternet, router: router({ dsl: { downCurrentKbps: 50_000 } }) },
      {},
      'up',
      null,
    ],
    [
      'CRC errors rising fast',
      { gateway: gateway(true), ...healthyInternet, router: router({ dsl: { crcErrors: 10_006 } }) },
      { previous: { atMs: 0, dsl: dslUp }, nowMs: 60_000 },
      'degraded',
      'line_errors',
    ],
    [
      'a resync since the last round',
      { gateway: gateway(true), ...healthyInternet, router: router({ dsl: { linkRetrains: 2 } }) },
      { previous: { atMs: 0, dsl: dslUp }, nowMs: 60_000 },
      'degraded',
      'line_errors',
    ],
    [
      'counters reset by a router reboot are no error rate',
      {
        gateway: gateway(true),
        ...healthyInternet,
        router: router({ dsl: { crcErrors: 0, linkRetrains: 0 } }),
      },
      { previous: { atMs: 0, dsl: { ...dslUp, crcErrors: 50_000 } }, nowMs: 60_000 },
      'up',
      null,
    ],
    [
      'contradiction: router says DSL down, internet answers (LTE backup)',
      {
        gateway: gateway(true),
        ...healthyInternet,
        router: router({ dsl: { status: 'NoSignal' }, wan: { physicalLinkStatus: 'Down' } }),
      },
      {},
      'up',
      null,
    ],
    [
      'contradiction: router says PPP down, internet answers',
      {
        gateway: gateway(true),
        ...healthyInternet,
        router: router({ wan: { connectionStatus: 'Disconnected' } }),
      },
      {},
      'up',
      null,
    ],
    [
      'loss outranks slow DNS',
      { gateway: gateway(true), targets: [tcp(1)], icmp: [icmp(1)], dns: [dns('system', true, 900)] },
      {},
      'degraded',
      'high_loss',
    ],
  ])('%s → %s/%s', (_name, round, context, status, cause) => {
    const result = diagnose(round, thresholds, context);
    expect({ status: result.status, cause: result.cause }).toEqual({ status, cause });
    expect(result.evidence.length).toBeGreaterThan(0);
  });

  it('cites the router log for a lost sync', () => {
    const result = diagnose(
      {
        gateway: gateway(true),
        ...deadInternet,
        router: router({
          dsl: { status: 'NoSignal' },
          log: ['DSL antwortet nicht (Keine DSL-Synchronisierung).'],
        }),
      },
      thresholds,
    );
    expect(result.evidence).toContain(
      'router log: 2026-11-25T03:12:09.000Z DSL antwortet nicht (Keine DSL-Synchronisierung).',
    );
  });

  it('names the PPP error', () => {
    const result = diagnose(
      {
        gateway: gateway(true),
        ...deadInternet,
        router: router({
          wan: { connectionStatus: 'Disconnected', lastConnectionError: 'ERROR_AUTHENTICATION_FAILURE' },
        }),
      },
      thresholds,
    );
    expect(result.evidence[0]).toBe('internet session "Disconnected" (ERROR_AUTHENTICATION_FAILURE)');
  });
});
