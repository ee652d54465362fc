import { describe, expect, it } from 'vitest';
import { type CounterSample, unwrapCounter } from './byte-counters.js';

const wrap = 2 ** 32;

/** Feeds readings through unwrapCounter and returns the unwrapped values. */
function run(readings: [raw: number, uptime: number | null][], bits: 32 | 64 = 32): number[] {
  let previous: CounterSample | null = null;
  return readings.map(([raw, uptime]) => {
    previous = unwrapCounter(previous, raw, uptime, bits);
    return previous.unwrapped;
  });
}

describe('unwrapCounter', () => {
  it('adds differences while the counter grows', () => {
    expect(
      run([
        [100, 10],
        [250, 70],
        [250, 130],
      ]),
    ).toEqual([100, 250, 250]);
  });

  it('adds 2^32 when the counter wraps while uptime grows', () => {
    expect(
      run([
        [wrap - 1000, 100],
        [500, 160],
        [9_500, 220],
      ]),
    ).toEqual([wrap - 1000, wrap + 500, wrap + 9_500]);
  });

  it('survives several wraps in a row', () => {
    expect(
      run([
        [wrap - 10, 1],
        [wrap - 20, 2],
        [5, 3],
      ]),
    ).toEqual([wrap - 10, 2 * wrap - 20, 2 * wrap + 5]);
  });

  it('starts over when the uptime drops (reboot), even if the value did not', () => {
    expect(
      run([
        [wrap - 1000, 100_000],
        [200, 30],
      ]),
    ).toEqual([wrap - 1000, 200]);
    expect(
      run([
        [1000, 100_000],
        [5000, 30],
        [6000, 90],
      ]),
    ).toEqual([1000, 5000, 6000]);
  });

  it('without uptime, takes the shorter way: a wrap near the top, a reset otherwise', () => {
    expect(
      run([
        [wrap - 1000, null],
        [500, null],
      ]),
    ).toEqual([wrap - 1000, wrap + 500]);
    expect(
      run([
        [3_000_000, null],
        [1_000, null],
      ]),
    ).toEqual([3_000_000, 1_000]);
  });

  it('passes 64-bit counters through and restarts when the width changes', () => {
    expect(
      run(
        [
          [197_786_211_361, 1],
          [100, 2],
        ],
        64,
      ),
    ).toEqual([197_786_211_361, 100]);
    const a = unwrapCounter(null, 5, 1, 64);
    expect(unwrapCounter(a, 3, 2, 32).unwrapped).toBe(3);
  });
});
