import { describe, expect, it } from 'vitest';
import { type FlapVerdict, flapState, type Recovery, recovery, type UpDown, upSince } from './flapping.js';

const min = 60_000;
/** Alternating down/up pairs: `down(at)` then up 30 s later. */
const blips = (...downsAtMin: number[]): UpDown[] =>
  downsAtMin.flatMap((m) => [
    { to: 'down' as const, at: m * min },
    { to: 'up' as const, at: m * min + 30_000 },
  ]);

describe('flapState (≥ 3 downs within 15 min)', () => {
  it.each<[string, UpDown[], number, FlapVerdict]>([
    ['no transitions', [], 0, { flapping: false, downs: 0 }],
    ['two downs are not flapping', blips(0, 5), 6 * min, { flapping: false, downs: 2 }],
    ['three downs in 10 min are', blips(0, 5, 10), 11 * min, { flapping: true, downs: 3, until: 15 * min }],
    [
      'just before the first leaves the window',
      blips(0, 5, 10),
      15 * min - 1,
      { flapping: true, downs: 3, until: 15 * min },
    ],
    ['at `until` the first has left the window', blips(0, 5, 10), 15 * min, { flapping: false, downs: 2 }],
    ['three downs spread over 20 min are not', blips(0, 10, 20), 21 * min, { flapping: false, downs: 2 }],
    [
      'a fourth down pushes `until` out',
      blips(0, 5, 10, 12),
      13 * min,
      { flapping: true, downs: 4, until: 20 * min },
    ],
    ['downs after now are ignored', blips(0, 5, 10), 6 * min, { flapping: false, downs: 2 }],
    [
      'order of input does not matter',
      [...blips(10, 0, 5)].reverse(),
      11 * min,
      { flapping: true, downs: 3, until: 15 * min },
    ],
  ])('%s', (_name, transitions, now, want) => {
    expect(flapState(transitions, now)).toEqual(want);
  });

  it('takes its thresholds from the config', () => {
    expect(flapState(blips(0, 1), 2 * min, { minDowns: 2, windowMs: 5 * min })).toEqual({
      flapping: true,
      downs: 2,
      until: 5 * min,
    });
  });
});

describe('upSince', () => {
  it.each<[string, UpDown[], number, number | null]>([
    ['nothing known', [], 0, null],
    ['down now', blips(0).slice(0, 1), min, null],
    ['up since the last up', blips(0, 5), 10 * min, 5 * min + 30_000],
    ['an up after now does not count yet', blips(0), 10_000, null],
    ['unsorted input', [...blips(0, 5)].reverse(), 10 * min, 5 * min + 30_000],
  ])('%s', (_name, transitions, now, want) => {
    expect(upSince(transitions, now)).toBe(want);
  });
});

describe('recovery hysteresis (stable for 120 s)', () => {
  it.each<[string, number | null, number, Recovery]>([
    ['still down', null, 1000, { state: 'down' }],
    ['just came back', 100_000, 100_000, { state: 'recovering', upSince: 100_000, recoveredAt: 220_000 }],
    ['up 119.999 s', 100_000, 219_999, { state: 'recovering', upSince: 100_000, recoveredAt: 220_000 }],
    [
      'up 120 s: recovered, dated from when it came back',
      100_000,
      220_000,
      { state: 'recovered', upSince: 100_000 },
    ],
  ])('%s', (_name, since, now, want) => {
    expect(recovery(since, now)).toEqual(want);
  });

  it('a line dropping every minute recovers only once it holds for 2 min', () => {
    const transitions = blips(0, 1, 2, 3); // down for 30 s every minute
    const states = [0.5, 1.5, 2.5, 3.5, 5.6].map(
      (m) => recovery(upSince(transitions, m * min), m * min).state,
    );
    expect(states).toEqual(['recovering', 'recovering', 'recovering', 'recovering', 'recovered']);
  });
});
