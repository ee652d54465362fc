import { lossPct, median, type RttStats, roundMs } from '@linewatch/shared';

// The figures the diagnosis rules (in `shared`) need too live there; the probes use them from here.
export { lossPct, median, roundMs };

/**
 * min/median/avg/max over the round-trip times of the answers of a round;
 * null when nothing answered.
 *
 * @example
 * rttStats([10, 30, 20]) // { min: 10, median: 20, avg: 20, max: 30 }
 */
export function rttStats(rtts: readonly number[]): RttStats | null {
  if (rtts.length === 0) return null;
  const sum = rtts.reduce((a, b) => a + b, 0);
  return {
    min: roundMs(Math.min(...rtts)),
    median: roundMs(median(rtts) as number),
    avg: roundMs(sum / rtts.length),
    max: roundMs(Math.max(...rtts)),
  };
}

/**
 * Jitter as the shared schema defines it: the mean |rttᵢ − rttᵢ₋₁| over
 * consecutive answers, in the order they were taken (IPDV-like, RFC 3393).
 * Null with fewer than two answers: one figure has no variation to speak of.
 *
 * @example
 * jitter([10, 14, 12]) // 3
 */
export function jitter(rtts: readonly number[]): number | null {
  if (rtts.length < 2) return null;
  let sum = 0;
  for (let i = 1; i < rtts.length; i++) sum += Math.abs((rtts[i] as number) - (rtts[i - 1] as number));
  return roundMs(sum / (rtts.length - 1));
}

/**
 * The p-th percentile by nearest rank: the smallest value with at least p %
 * of the values at or below it (rank ⌈p/100 × n⌉), null for none. Nearest
 * rank returns a measured value, never an interpolation between two.
 *
 * @example
 * percentile([10, 20, 30, 40, 50], 90) // 50
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/**
 * The population standard deviation, which is what iputils prints as `mdev`
 * (`ping_common.c` finish: `sqrt(tsum2/n − (tsum/n)²)`); null for none.
 * Computed in two passes so that near-equal values do not cancel out.
 *
 * @example
 * stdDevPopulation([2, 4, 4, 4, 5, 5, 7, 9]) // 2
 */
export function stdDevPopulation(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const squares = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return Math.sqrt(squares / values.length);
}
