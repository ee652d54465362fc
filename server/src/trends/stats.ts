/** Median of `values` (null when empty): robust against the single odd reading a probe round can give. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Mean of `value` weighted by `weight` (null when the weights sum to 0). */
export function weightedMean(items: readonly { value: number; weight: number }[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const i of items) {
    sum += i.value * i.weight;
    weights += i.weight;
  }
  return weights > 0 ? sum / weights : null;
}

/** Rounds to `digits` decimals, so evidence stays readable in JSON. */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
