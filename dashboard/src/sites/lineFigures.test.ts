import type { Measurement } from '@linewatch/shared';
import { describe, expect, it } from 'vitest';
import { lineFigures } from './lineFigures';

const base = {
  gateway: { address: '192.168.178.1', interface: 'eth0', reachable: true, rttMs: 1.5, error: null },
  dns: [
    { kind: 'dns', resolver: 'system', name: 'example.com', ok: true, timeMs: 12, answers: 1, error: null },
  ],
} as unknown as Measurement;

describe('lineFigures', () => {
  it('compares the DSL sync rate with the contract', () => {
    const measurement = {
      ...base,
      router: { dsl: { downCurrentKbps: 92_000, upCurrentKbps: 20_000, downSnrMarginDb: 6.1, crcErrors: 3 } },
    } as unknown as Measurement;
    const figures = lineFigures(measurement, { downMbps: 100, upMbps: 40 });
    expect(figures.syncDownMbps).toBe(92);
    expect(figures.syncDownShare).toBeCloseTo(0.92);
    expect(figures.syncUpShare).toBeCloseTo(0.5);
    expect(figures.snrDownDb).toBe(6.1);
    expect(figures.crcErrors).toBe(3);
  });

  it('leaves DSL figures empty without a router view, and keeps DNS and the gateway', () => {
    const figures = lineFigures(base, { downMbps: 100, upMbps: 40 });
    expect(figures.syncDownMbps).toBeNull();
    expect(figures.snrDownDb).toBeNull();
    expect(figures.dns).toEqual([{ resolver: 'system', ok: true, timeMs: 12, error: null }]);
    expect(figures.gatewayRttMs).toBe(1.5);
  });
});
