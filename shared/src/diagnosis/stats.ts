/** Figures are rounded to 0.01 ms: finer digits are timer noise and bloat every message. */
export function roundMs(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The median of some numbers (the mean of the middle two for an even count),
 * null for none.
 *
 * @example
 * median([3, 1, 2]) // 2
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/**
 * Lost attempts in percent of those sent; 0 when nothing was sent.
 *
 * @example
 * lossPct(3, 2) // 33.33
 */
export function lossPct(sent: number, received: number): number {
  if (sent <= 0) return 0;
  return roundMs(((sent - received) * 100) / sent);
}
