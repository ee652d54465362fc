import { describe, expect, it } from 'vitest';
import { createUplinkGuard, defaultUplinkGuardConfig } from './uplink-guard.js';

const carriers = ['Telekom', 'Vodafone', 'O2', '1&1'];

describe('the uplink guard', () => {
  it('holds silence back when agents of many carriers and areas fall silent at once', () => {
    const guard = createUplinkGuard();
    for (let i = 0; i < 40; i++) {
      guard.silent(
        { siteId: `s${i}`, carrier: carriers[i % 4] as string, area: `${100 + (i % 7)}`, at: 1000 + i * 50 },
        60,
      );
    }
    expect(guard.holding(5000)).toBe('mass_silence');
    // Agents come back: silence counts again after the recovery grace.
    guard.heard(20_000);
    expect(guard.holding(20_000 + defaultUplinkGuardConfig.recoveryGraceMs - 1)).toBe('mass_silence');
    expect(guard.holding(20_000 + defaultUplinkGuardConfig.recoveryGraceMs)).toBeNull();
  });

  it('does not hold an area outage of one carrier back, however large', () => {
    const guard = createUplinkGuard();
    for (let i = 0; i < 40; i++)
      guard.silent({ siteId: `s${i}`, carrier: 'Telekom', area: '041', at: 1000 + i }, 60);
    expect(guard.holding(5000)).toBeNull();
  });

  it('does not hold a few silences in a large fleet back', () => {
    const guard = createUplinkGuard();
    for (let i = 0; i < 12; i++) {
      guard.silent({ siteId: `s${i}`, carrier: carriers[i % 4] as string, area: `${i}`, at: 1000 }, 1000);
    }
    expect(guard.holding(2000)).toBeNull();
  });

  it('holds while the server’s own probes all fail, and a little after', () => {
    const guard = createUplinkGuard();
    guard.probes(true, 0);
    expect(guard.holding(100_000)).toBe('uplink_probes_failing');
    guard.probes(false, 100_000);
    expect(guard.holding(100_001)).not.toBeNull();
    expect(guard.holding(100_000 + defaultUplinkGuardConfig.recoveryGraceMs)).toBeNull();
  });
});
