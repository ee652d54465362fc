import { type Diagnosis, Thresholds } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import type { ProbeRound } from '../probes/round.js';
import { checkReport, formatVerdict, verdictExitCodes } from './verdict.js';

const thresholds = Thresholds.parse({});

const round: ProbeRound = {
  icmp: [],
  dns: [],
  http: [],
  router: null,
  gateway: {
    address: '192.168.178.1',
    interface: 'eth0',
    reachable: false,
    rttMs: null,
    error: 'port 49000: timeout',
    port: 49000,
    source: 'default_route',
  },
  targets: [
    {
      kind: 'tcp',
      target: '1.1.1.1:443',
      sent: 3,
      received: 0,
      lossPct: 100,
      rttMs: null,
      jitterMs: null,
      error: 'EHOSTUNREACH',
    },
    {
      kind: 'tcp',
      target: '9.9.9.9:443',
      sent: 3,
      received: 2,
      lossPct: 33.33,
      rttMs: { min: 11.04, median: 12.5, avg: 12.5, max: 13.96 },
      jitterMs: 2.92,
      error: 'timeout',
    },
  ],
};
const down: Diagnosis = { status: 'down', cause: 'router_unreachable', evidence: ['router does not answer'] };

describe('checkReport', () => {
  it('lists the gateway and every target as checks', () => {
    const report = checkReport(round, down);
    expect(report.status).toBe('down');
    expect(report.cause).toBe('router_unreachable');
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ['gateway', false],
      ['tcp', false],
      ['tcp', true],
    ]);
    expect(report.router).toMatchObject({
      address: '192.168.178.1',
      reachable: false,
      source: 'default_route',
    });
    expect(report.figures).toEqual({ lossPct: 66.67, latencyMs: 12.5, jitterMs: 2.92 });
  });

  it('maps the verdict to exit codes', () => {
    expect(verdictExitCodes).toEqual({ up: 0, degraded: 1, down: 2 });
  });
});

describe('formatVerdict', () => {
  it('tells a person in English', () => {
    expect(formatVerdict(checkReport(round, down), thresholds, 'en')).toBe(
      [
        '✖ Line: Down — Router unreachable',
        'The monitoring box runs, but the router (default gateway) does not answer.',
        'What to do: Router off or broken: bring a spare router.',
        '',
        'Checks:',
        '  ✖ Router 192.168.178.1 (eth0, default gateway): no answer (port 49000: timeout)',
        '  ✖ Internet 1.1.1.1:443: 0 of 3 answered (EHOSTUNREACH)',
        '  ▲ Internet 9.9.9.9:443: 2 of 3 answered, median 12.5 ms (11–14), jitter 2.9 ms (timeout)',
        '',
        'Evidence:',
        '  – router does not answer',
        '',
        'Figures: loss 66.7 %, latency 12.5 ms, jitter 2.9 ms (limits 5 %, 150 ms, 30 ms)',
        '',
      ].join('\n'),
    );
  });

  it('tells a person in German, with decimal commas', () => {
    const text = formatVerdict(checkReport(round, down), thresholds, 'de');
    expect(text).toMatch(/^✖ Leitung: Gestört — Router nicht erreichbar\n/);
    expect(text).toContain('Zu tun: Router aus oder defekt: Ersatzrouter bereitstellen.');
    expect(text).toContain(
      '  ▲ Internet 9.9.9.9:443: 2 von 3 beantwortet, Median 12,5 ms (11–14), Jitter 2,9 ms',
    );
    expect(text).toContain('Messwerte: Verlust 66,7 %');
  });

  it('says there is nothing to do when the line is up', () => {
    const up = {
      ...round,
      gateway: { ...round.gateway, reachable: true, rttMs: 0.51, error: null, port: 80 },
    };
    const text = formatVerdict(
      checkReport(up, { status: 'up', cause: null, evidence: [] }),
      thresholds,
      'en',
    );
    expect(text).toMatch(/^✔ Line: Up\nNothing to do\.\n/);
    expect(text).toContain('  ✔ Router 192.168.178.1 (eth0, default gateway): answers on port 80, 0.5 ms');
  });
});
