import { IcmpProbeResult } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { icmpResultFromPing, type PingRun, parsePing, pingRtt } from './ping-parse.js';

// Output of iputils 20221126 `LC_ALL=C ping -n …` and BusyBox 1.36 `ping`, as printed;
// the summary figures are what iputils computes from the reply times (with duplicates).
const fixtures = {
  allReplies: `PING 192.168.178.1 (192.168.178.1) 56(84) bytes of data.
64 bytes from 192.168.178.1: icmp_seq=1 ttl=64 time=0.512 ms
64 bytes from 192.168.178.1: icmp_seq=2 ttl=64 time=0.431 ms
64 bytes from 192.168.178.1: icmp_seq=3 ttl=64 time=0.468 ms
64 bytes from 192.168.178.1: icmp_seq=4 ttl=64 time=0.455 ms
64 bytes from 192.168.178.1: icmp_seq=5 ttl=64 time=0.420 ms

--- 192.168.178.1 ping statistics ---
5 packets transmitted, 5 received, 0% packet loss, time 812ms
rtt min/avg/max/mdev = 0.420/0.457/0.512/0.032 ms
`,
  partialLoss: `PING 1.1.1.1 (1.1.1.1) 56(84) bytes of data.
64 bytes from 1.1.1.1: icmp_seq=1 ttl=57 time=8.31 ms
64 bytes from 1.1.1.1: icmp_seq=2 ttl=57 time=9.02 ms
64 bytes from 1.1.1.1: icmp_seq=4 ttl=57 time=8.77 ms
64 bytes from 1.1.1.1: icmp_seq=5 ttl=57 time=25.6 ms

--- 1.1.1.1 ping statistics ---
5 packets transmitted, 4 received, 20% packet loss, time 4006ms
rtt min/avg/max/mdev = 8.310/12.925/25.600/7.322 ms
`,
  totalLoss: `PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.

--- 192.0.2.1 ping statistics ---
5 packets transmitted, 0 received, 100% packet loss, time 4097ms

`,
  duplicates: `PING 192.168.178.1 (192.168.178.1) 56(84) bytes of data.
64 bytes from 192.168.178.1: icmp_seq=1 ttl=64 time=0.512 ms
64 bytes from 192.168.178.1: icmp_seq=1 ttl=64 time=0.601 ms (DUP!)
64 bytes from 192.168.178.1: icmp_seq=2 ttl=64 time=0.498 ms
64 bytes from 192.168.178.1: icmp_seq=2 ttl=64 time=0.744 ms (DUP!)
64 bytes from 192.168.178.1: icmp_seq=3 ttl=64 time=0.530 ms

--- 192.168.178.1 ping statistics ---
3 packets transmitted, 3 received, +2 duplicates, 0% packet loss, time 402ms
rtt min/avg/max/mdev = 0.498/0.577/0.744/0.090 ms
`,
  errors: `PING 192.168.178.99 (192.168.178.99) 56(84) bytes of data.
From 192.168.178.20 icmp_seq=1 Destination Host Unreachable
From 192.168.178.20 icmp_seq=2 Destination Host Unreachable
From 192.168.178.20 icmp_seq=3 Destination Host Unreachable

--- 192.168.178.99 ping statistics ---
5 packets transmitted, 0 received, +3 errors, 100% packet loss, time 4086ms
pipe 3
`,
  fractionalLoss: `PING 9.9.9.9 (9.9.9.9) 56(84) bytes of data.
64 bytes from 9.9.9.9: icmp_seq=1 ttl=58 time=12.4 ms
64 bytes from 9.9.9.9: icmp_seq=3 ttl=58 time=15.9 ms
64 bytes from 9.9.9.9: icmp_seq=4 ttl=58 time=13.1 ms
From 10.0.0.1 icmp_seq=5 Time to live exceeded

--- 9.9.9.9 ping statistics ---
6 packets transmitted, 3 received, +1 errors, 50% packet loss, time 1007ms
rtt min/avg/max/mdev = 12.400/13.800/15.900/1.512 ms
`,
  busybox: `PING 192.168.178.1 (192.168.178.1): 56 data bytes
64 bytes from 192.168.178.1: seq=0 ttl=64 time=21.700 ms
64 bytes from 192.168.178.1: seq=1 ttl=64 time=22.300 ms

--- 192.168.178.1 ping statistics ---
3 packets transmitted, 2 packets received, 33% packet loss
round-trip min/avg/max = 21.700/22.000/22.300 ms
`,
  ipv6: `PING ::1(::1) 56 data bytes
64 bytes from ::1: icmp_seq=1 ttl=64 time=0.061 ms
64 bytes from ::1: icmp_seq=2 ttl=64 time=0.056 ms

--- ::1 ping statistics ---
2 packets transmitted, 2 received, 0% packet loss, time 206ms
rtt min/avg/max/mdev = 0.056/0.058/0.061/0.002 ms
`,
  cutOff: `PING 192.168.178.1 (192.168.178.1) 56(84) bytes of data.
64 bytes from 192.168.178.1: icmp_seq=1 ttl=64 time=0.512 ms
64 bytes from 192.168.178.1: icmp_seq=2 ttl=64 time=0.431 ms
`,
};

const run = (stdout: string, exitCode: number | null = 0, extra: Partial<PingRun> = {}): PingRun => ({
  stdout,
  exitCode,
  ...extra,
});

describe('icmpResultFromPing', () => {
  it.each([
    [
      'all replies',
      run(fixtures.allReplies),
      { sent: 5, received: 5, duplicates: 0, errors: 0, lossPct: 0, mdevMs: 0.03, jitterMs: 0.04 },
      { min: 0.42, median: 0.46, avg: 0.46, max: 0.51, p90: 0.51 },
    ],
    [
      'partial loss',
      run(fixtures.partialLoss, 1),
      { sent: 5, received: 4, lossPct: 20, mdevMs: 7.32, jitterMs: 5.93 },
      { min: 8.31, median: 8.9, avg: 12.93, max: 25.6, p90: 25.6 },
    ],
    [
      '100 % loss, no rtt line',
      run(fixtures.totalLoss, 1),
      { sent: 5, received: 0, lossPct: 100, mdevMs: null, jitterMs: null, error: null },
      null,
    ],
    [
      'duplicates left out of the figures, counted apart',
      run(fixtures.duplicates),
      { sent: 3, received: 3, duplicates: 2, lossPct: 0, mdevMs: 0.09, jitterMs: 0.02 },
      { min: 0.5, median: 0.51, avg: 0.51, max: 0.53, p90: 0.53 },
    ],
    [
      'ICMP errors',
      run(fixtures.errors, 1),
      { sent: 5, received: 0, errors: 3, lossPct: 100, error: null },
      null,
    ],
    [
      'fractional loss (%g) recomputed from the counts',
      run(fixtures.fractionalLoss, 1),
      { sent: 6, received: 3, errors: 1, lossPct: 50, mdevMs: 1.51 },
      { min: 12.4, median: 13.1, avg: 13.8, max: 15.9, p90: 15.9 },
    ],
    [
      'BusyBox: no mdev printed, computed',
      run(fixtures.busybox, 1),
      { sent: 3, received: 2, lossPct: 33.33, mdevMs: 0.3, jitterMs: 0.6 },
      { min: 21.7, median: 22, avg: 22, max: 22.3, p90: 22.3 },
    ],
    [
      'IPv6',
      run(fixtures.ipv6),
      { sent: 2, received: 2, lossPct: 0, mdevMs: 0 },
      { min: 0.06, median: 0.06, avg: 0.06, max: 0.06, p90: 0.06 },
    ],
  ])('%s', (_name, pingRun, expected, rtt) => {
    const result = icmpResultFromPing('target', pingRun);
    expect(IcmpProbeResult.parse(result)).toEqual(result);
    expect(result).toMatchObject({ kind: 'icmp', target: 'target', error: null, ...expected });
    expect(result.rttMs).toEqual(rtt);
  });

  it.each([
    ['iputils before 2016', 'ping: unknown host nosuch.invalid', 'unknown host nosuch.invalid'],
    [
      'iputils 2016 and later',
      'ping: nosuch.invalid: Name or service not known',
      'nosuch.invalid: Name or service not known',
    ],
    ['BusyBox', "ping: bad address 'nosuch.invalid'", "bad address 'nosuch.invalid'"],
  ])('reports an unknown host (%s) as an error, nothing sent', (_name, stderr, error) => {
    const result = icmpResultFromPing('nosuch.invalid', run('', 2, { stderr, count: 5 }));
    expect(result).toMatchObject({ sent: 0, received: 0, lossPct: 100, rttMs: null, error });
  });

  it('reports a permission problem', () => {
    const stderr = 'ping: socktype: SOCK_RAW\nping: socket: Operation not permitted\n';
    expect(icmpResultFromPing('10.0.0.1', run('', 2, { stderr })).error).toBe(
      'socktype: SOCK_RAW; socket: Operation not permitted',
    );
  });

  it('uses the replies of a run cut off before its summary, with the packets asked for as sent', () => {
    const result = icmpResultFromPing('192.168.178.1', run(fixtures.cutOff, null, { count: 5 }));
    expect(result).toMatchObject({
      sent: 5,
      received: 2,
      lossPct: 60,
      error: 'ping ended before its summary',
    });
    expect(result.rttMs?.max).toBe(0.51);
  });

  it.each([
    ['garbage', 'Segmentation fault\n\x00\xff', 0],
    ['nothing at all', '', 2],
    ['a summary-like line in other words', 'sent 5 packets, got 5 back', 0],
  ])('turns %s into an error without throwing', (_name, stdout, exitCode) => {
    const result = icmpResultFromPing('10.0.0.1', run(stdout, exitCode));
    expect(result).toMatchObject({ sent: 0, received: 0, rttMs: null, mdevMs: null, jitterMs: null });
    expect(result.error).toMatch(/^(unparsable ping output|ping failed)/);
    expect(IcmpProbeResult.safeParse(result).success).toBe(true);
  });

  it('computes mdev as iputils does when no summary is printed (replies and duplicates, divided by n)', () => {
    const withoutRttLine = fixtures.duplicates.replace(/^rtt .*$/m, '');
    const printed = icmpResultFromPing('x', run(fixtures.duplicates)).mdevMs;
    expect(icmpResultFromPing('x', run(withoutRttLine)).mdevMs).toBeCloseTo(printed as number, 2);
  });

  it('takes jitter in sequence order, not arrival order', () => {
    const reordered = fixtures.allReplies.replace(
      /^(64 .*icmp_seq=2 .*)\n(64 .*icmp_seq=3 .*)$/m,
      (_all, two: string, three: string) => `${three}\n${two}`,
    );
    expect(icmpResultFromPing('x', run(reordered)).jitterMs).toBe(
      icmpResultFromPing('x', run(fixtures.allReplies)).jitterMs,
    );
  });
});

describe('parsePing', () => {
  it('takes apart replies, duplicates, errors and the summary', () => {
    const t = parsePing(fixtures.duplicates + fixtures.errors);
    expect(t.replies.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(t.duplicates).toEqual([
      { seq: 1, rttMs: 0.601 },
      { seq: 2, rttMs: 0.744 },
    ]);
    expect(t.errorLines).toHaveLength(3);
    expect(t.summary).toEqual({ sent: 5, received: 0, duplicates: 0, errors: 3 });
  });

  it('reads the BusyBox round-trip line without mdev', () => {
    expect(parsePing(fixtures.busybox).rtt).toEqual({ min: 21.7, avg: 22, max: 22.3, mdev: null });
  });

  it('reads the BusyBox summary wording with duplicates', () => {
    const line = '4 packets transmitted, 4 packets received, 2 duplicates, 0% packet loss';
    expect(parsePing(line).summary).toEqual({ sent: 4, received: 4, duplicates: 2, errors: 0 });
  });
});

describe('pingRtt', () => {
  it('adds the 90th percentile by nearest rank', () => {
    const rtts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    expect(pingRtt(rtts)).toEqual({ min: 1, median: 6, avg: 6, max: 11, p90: 10 });
    expect(pingRtt([])).toBeNull();
  });
});
