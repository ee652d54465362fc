import { describe, expect, it } from 'vitest';
import { crcIncreases, crcLookbackMs } from './crc-increases.js';

const r = (t: number, crc_errors: number | null) => ({ t, crc_errors });

describe('crcIncreases', () => {
  it('counts from the reading before, a restarted counter from 0, skipping rounds without one', () => {
    expect(crcIncreases([r(10, 7), r(20, null), r(30, 2), r(40, 2)], r(0, 5))).toEqual([2, null, 2, 0]);
  });

  it('knows nothing for the first reading, nor after a reading older than the look-back', () => {
    expect(crcIncreases([r(0, 5), r(10, 9)], null)).toEqual([null, 4]);
    expect(crcIncreases([r(crcLookbackMs + 1, 9)], r(0, 5))).toEqual([null]);
    expect(crcIncreases([r(crcLookbackMs, 9)], r(0, 5))).toEqual([4]);
  });
});
