import { describe, expect, it } from 'vitest';
import { createUplinkGuard, defaultUplinkGuardConfig, type Silence } from './uplink-guard.js';

const { lookMs, judgeMs, recoveryGraceMs, maxRecoveryGraceMs } = defaultUplinkGuardConfig;
const carriers = ['Telekom', 'Vodafone', 'O2', '1&1'];

/** One agent falling silent: when the broker noticed (`at`) and when its down would be due. */
interface Lost extends Silence {
  dueAt: number;
}

/** Keepalive expiries (due at once, `look`) of `n` sites spread evenly over `overMs` from `from`. */
function expiries(n: number, from: number, overMs: number, site = (i: number) => spreadSite(i)): Lost[] {
  return Array.from({ length: n }, (_, i) => {
    const at = from + Math.floor((i * overMs) / n);
    return { ...site(i), at, dueAt: at, look: true };
  });
}

/** Sites across four carriers and seven areas. */
const spreadSite = (i: number) => ({
  siteId: `s${i}`,
  carrier: carriers[i % 4] as string,
  area: `0${40 + (i % 7)}`,
});

/**
 * Plays silences through the guard the way the detector does: each site is
 * asked about when its down is due and again whenever the guard says, and
 * goes down when not held. Returns each site's down time, ms after it was
 * due (absent: still held at `endMs`).
 */
function play(lost: Lost[], fleet: number, endMs = 300_000): Map<string, number> {
  const guard = createUplinkGuard();
  const sorted = [...lost].sort((a, b) => a.at - b.at);
  const ask = new Map<string, number>();
  const delays = new Map<string, number>();
  let connected = fleet;
  let i = 0;
  for (;;) {
    const nextSilence = sorted[i]?.at ?? Number.POSITIVE_INFINITY;
    const [askId, askAt] = [...ask].reduce<[string, number]>(
      (best, e) => (e[1] < best[1] ? e : best),
      ['', Number.POSITIVE_INFINITY],
    );
    const now = Math.min(nextSilence, askAt);
    if (now === Number.POSITIVE_INFINITY || now > endMs) return delays;
    if (nextSilence <= askAt) {
      const s = sorted[i++] as Lost;
      guard.silent(s, --connected);
      ask.set(s.siteId, s.dueAt);
      continue;
    }
    const hold = guard.hold(now, [askId]);
    if (hold) ask.set(askId, hold.until);
    else {
      ask.delete(askId);
      const s = lost.find((x) => x.siteId === askId) as Lost;
      delays.set(askId, now - s.dueAt);
    }
  }
}

describe('the uplink guard: when silence counts', () => {
  it.each<[string, Lost[], number, { downs: number; maxDelayMs?: number }]>([
    [
      'a single keepalive expiry waits only the look (contract: 1.5 × keepalive + 2 s)',
      expiries(1, 10_000, 0),
      300,
      { downs: 1, maxDelayMs: lookMs },
    ],
    [
      'a single dropped connection, confirmed later, is not held at all',
      [{ ...spreadSite(0), at: 10_000, dueAt: 15_000 }],
      300,
      { downs: 1, maxDelayMs: 0 },
    ],
    [
      'a silent server-side cut (keepalive 15 s: expiries over 15 s, every carrier and area): nobody down',
      expiries(300, 10_000, 15_000),
      300,
      { downs: 0 },
    ],
    ['the same at keepalive 30 s', expiries(300, 10_000, 30_000), 300, { downs: 0 }],
    ['a silent cut of a 60-site fleet at keepalive 4 s', expiries(60, 10_000, 4000), 60, { downs: 0 }],
    [
      'every connection dropped at once (a reset on the server’s side): nobody down',
      Array.from({ length: 60 }, (_, i) => ({ ...spreadSite(i), at: 10_000 + i, dueAt: 15_000 + i })),
      60,
      { downs: 0 },
    ],
    [
      'deadlines of a whole fleet passing together after a restart: nobody down',
      Array.from({ length: 60 }, (_, i) => ({ ...spreadSite(i), at: 90_000, dueAt: 90_000 })),
      60,
      { downs: 0 },
    ],
    [
      "a carrier's area outage of 40 lines, silent, goes down on time",
      expiries(40, 10_000, 15_000, (i) => ({ siteId: `a${i}`, carrier: 'Telekom', area: '041' })),
      300,
      { downs: 40, maxDelayMs: lookMs },
    ],
    [
      'an area outage and an unrelated line at the same moment go down on time',
      [
        ...expiries(12, 10_000, 15_000, (i) => ({ siteId: `a${i}`, carrier: 'Telekom', area: '041' })),
        ...expiries(1, 10_100, 0, () => ({ siteId: 'y', carrier: 'Vodafone', area: '104' })),
      ],
      50,
      { downs: 13, maxDelayMs: lookMs },
    ],
    [
      'scattered single cuts in a large fleet (one every 600 ms) are not a burst',
      expiries(100, 10_000, 60_000),
      2000,
      { downs: 100, maxDelayMs: lookMs },
    ],
    [
      'three carriers in three areas failing within a second: judged, then released',
      expiries(3, 10_000, 900),
      300,
      { downs: 3, maxDelayMs: judgeMs },
    ],
    [
      'a fleet too small to tell a mass silence from bad luck is never held beyond the look',
      expiries(8, 10_000, 100),
      8,
      { downs: 8, maxDelayMs: lookMs },
    ],
  ])('%s', (_name, lost, fleet, expected) => {
    const delays = play(lost, fleet);
    expect(delays.size).toBe(expected.downs);
    if (expected.maxDelayMs !== undefined) {
      expect(Math.max(0, ...delays.values())).toBeLessThanOrEqual(expected.maxDelayMs);
    }
  });

  it('a judged burst holds until it is judged, not longer', () => {
    const delays = play(expiries(3, 10_000, 900), 300);
    // Judged `judgeMs` after its first silence.
    expect([...delays.values()]).toEqual([judgeMs, judgeMs - 300, judgeMs - 600]);
  });

  it.each([
    ['10 s', 10_000, recoveryGraceMs],
    ['60 s', 60_000, 60_000],
    ['5 min', 300_000, maxRecoveryGraceMs],
  ])(
    'holds a mass silence of %s until agents return, then as long again (30–90 s)',
    (_n, lastedMs, graceMs) => {
      const guard = createUplinkGuard();
      for (const s of expiries(40, 1000, 2000)) guard.silent(s, 60 - Number(s.siteId.slice(1)) - 1);
      expect(guard.hold(5000, ['s0'])?.why).toBe('mass_silence');
      const back = 1000 + lastedMs;
      expect(guard.hold(back - 1, ['s0'])?.why).toBe('mass_silence');
      guard.heard(back);
      expect(guard.hold(back + graceMs - 1, ['s0'])).toMatchObject({
        why: 'mass_silence',
        until: back + graceMs,
      });
      expect(guard.hold(back + graceMs, ['s0'])).toBeNull();
    },
  );

  it.each([
    ['10 s', 10_000, recoveryGraceMs],
    ['2 min', 120_000, maxRecoveryGraceMs],
  ])(
    'holds while the server’s own probes all fail (%s), and as long again after',
    (_n, lastedMs, graceMs) => {
      const guard = createUplinkGuard();
      guard.probes(false, 0);
      guard.probes(true, 1000);
      expect(guard.hold(1000 + lastedMs - 1, ['s1'])?.why).toBe('uplink_probes_failing');
      guard.probes(false, 1000 + lastedMs);
      const back = 1000 + lastedMs;
      expect(guard.hold(back + graceMs - 1, ['s1'])?.why).toBe('mass_silence');
      expect(guard.hold(back + graceMs, ['s1'])).toBeNull();
    },
  );

  it('knows which sites it was told of', () => {
    const guard = createUplinkGuard();
    guard.silent({ ...spreadSite(1), at: 0 }, 10);
    expect([guard.knows('s1'), guard.knows('s2')]).toEqual([true, false]);
  });
});
