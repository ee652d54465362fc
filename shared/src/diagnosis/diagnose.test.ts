import { describe, expect, it } from 'vitest';
import { type GatewayProbeResult, type TcpProbeResult, Thresholds } from '../index.js';
import { diagnose } from './diagnose.js';

const thresholds: Thresholds = Thresholds.parse({});

const gw = (reachable: boolean, address: string | null = '192.168.178.1'): GatewayProbeResult => ({
  address,
  interface: address ? 'eth0' : null,
  reachable,
  rttMs: reachable ? 0.5 : null,
  error: reachable ? null : address ? 'port 49000: timeout' : 'no default route',
});

/** A target with `received` of `sent` answers, each `rtt` ms, consecutive answers `jitter` apart. */
function target(received: number, rtt = 20, jitter = 1, sent = 3): TcpProbeResult {
  return {
    kind: 'tcp',
    target: '1.1.1.1:443',
    sent,
    received,
    lossPct: ((sent - received) * 100) / sent,
    rttMs: received > 0 ? { min: rtt, median: rtt, avg: rtt, max: rtt } : null,
    jitterMs: received > 1 ? jitter : null,
    error: received < sent ? 'timeout' : null,
  };
}
const healthy = () => [target(3), target(3), target(3)];

describe('diagnose', () => {
  it.each([
    ['all well', gw(true), healthy(), 'up', null],
    ['no default route', gw(false, null), [target(0), target(0)], 'down', 'router_unreachable'],
    ['router silent, nothing answers', gw(false), [target(0), target(0)], 'down', 'router_unreachable'],
    [
      'router answers, internet does not',
      gw(true),
      [target(0), target(0), target(0)],
      'down',
      'internet_unreachable',
    ],
    ['one target of three answers', gw(true), [target(0), target(0), target(3)], 'degraded', 'high_loss'],
    ['one lost attempt in nine', gw(true), [target(2), target(3), target(3)], 'degraded', 'high_loss'],
    ['slow line', gw(true), [target(3, 200), target(3, 180), target(3, 20)], 'degraded', 'high_latency'],
    ['one slow target only', gw(true), [target(3, 400), target(3, 20), target(3, 25)], 'up', null],
    ['latency at the threshold', gw(true), [target(3, 150), target(3, 150)], 'up', null],
    ['jittery line', gw(true), [target(3, 20, 45), target(3, 20, 40)], 'degraded', 'high_jitter'],
    ['loss wins over latency', gw(true), [target(1, 300), target(1, 300)], 'degraded', 'high_loss'],
    ['router firewalled but forwarding', gw(false), healthy(), 'up', null],
    ['no default route yet internet answers', gw(false, null), healthy(), 'up', null],
  ] as const)('%s → %s / %s', (_, gateway, targets, status, cause) => {
    const result = diagnose({ gateway, targets }, thresholds);
    expect(result.status).toBe(status);
    expect(result.cause).toBe(cause);
  });

  it('explains a dead router', () => {
    expect(diagnose({ gateway: gw(false), targets: [target(0)] }, thresholds).evidence).toEqual([
      'router 192.168.178.1 does not answer (port 49000: timeout)',
      'none of 1 internet checks answers',
    ]);
  });

  it('explains a dead internet', () => {
    expect(diagnose({ gateway: gw(true), targets: [target(0), target(0)] }, thresholds).evidence).toEqual([
      'router 192.168.178.1 answers',
      'none of 2 internet checks answers',
    ]);
  });

  it('names every figure over its threshold', () => {
    const result = diagnose(
      { gateway: gw(true), targets: [target(2, 300, 50), target(2, 300, 50)] },
      thresholds,
    );
    expect(result.evidence).toEqual([
      '2 of 2 internet checks answer',
      'loss 33.33 % is over 5 %',
      'latency 300 ms is over 150 ms',
      'jitter 50 ms is over 30 ms',
    ]);
  });

  it('notes a router that is silent but forwards', () => {
    expect(diagnose({ gateway: gw(false), targets: healthy() }, thresholds).evidence).toEqual([
      '3 of 3 internet checks answer',
      'router 192.168.178.1 does not answer on its LAN ports, yet forwards traffic',
    ]);
  });
});
