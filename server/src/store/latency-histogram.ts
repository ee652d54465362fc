/**
 * A fixed log-spaced latency histogram: 24 buckets, six per decade, from
 * 0.5 ms to 5 s. Bucket `i` counts values in [edge(i), edge(i + 1)) with
 * edge(k) = 0.5 ms · 10^(k/6), i.e. 0.5, 0.73, 1.08, 1.58, 2.32, 3.41,
 * 5, 7.3 … 3406, 5000 ms; each bucket is ×1.468 wider than the one
 * before. Values under 0.5 ms count in bucket 0, values of 5 s and more
 * in bucket 23. Fixed edges make histograms mergeable by adding counts,
 * so an hour's percentiles come from its minutes without the raw rows.
 */
export const histogramBuckets = 24;
const perDecade = 6;
const lowestMs = 0.5;

/** Lower edge of bucket `k` (k = 24 is the upper edge of the last bucket), in ms. */
export const edgeMs = (k: number): number => lowestMs * 10 ** (k / perDecade);

/** The bucket a latency falls in. */
export function bucketOf(ms: number): number {
  if (!(ms >= edgeMs(1))) return 0;
  return Math.min(histogramBuckets - 1, Math.floor(perDecade * Math.log10(ms / lowestMs)));
}

/** An empty histogram. */
export const emptyHistogram = (): number[] => new Array<number>(histogramBuckets).fill(0);

/** Adds `b` into `a` and returns `a`. */
export function mergeInto(a: number[], b: readonly number[]): number[] {
  for (let i = 0; i < b.length; i++) a[i] = (a[i] ?? 0) + (b[i] ?? 0);
  return a;
}

/** JSON with trailing zeros dropped: a one-minute bucket usually fills one or two buckets. */
export function encodeHistogram(h: readonly number[]): string {
  let end = h.length;
  while (end > 0 && !h[end - 1]) end--;
  return JSON.stringify(h.slice(0, end));
}

export const decodeHistogram = (s: string): number[] =>
  mergeInto(emptyHistogram(), JSON.parse(s) as number[]);

/**
 * The nearest-rank `p` quantile (0 < p ≤ 1) estimated from a histogram:
 * 1. find the bucket holding rank ⌈p·n⌉; 2. narrow its edges to the
 * observed [min, max]; 3. interpolate geometrically by the rank's position
 * inside the bucket. The answer lies in the same bucket as the true value.
 *
 * @example
 * percentile(hist, 0.9, 11, 14) // ≈ 13.2
 */
export function percentile(h: readonly number[], p: number, minMs: number, maxMs: number): number | null {
  const n = h.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let before = 0;
  for (let i = 0; i < h.length; i++) {
    const count = h[i] ?? 0;
    if (before + count < rank) {
      before += count;
      continue;
    }
    const lo = Math.max(i === 0 ? minMs : edgeMs(i), minMs);
    const hi = Math.min(i === histogramBuckets - 1 ? maxMs : edgeMs(i + 1), maxMs);
    const f = (rank - before - 0.5) / count;
    return lo > 0 && hi > lo ? lo * (hi / lo) ** f : lo + (hi - lo) * f;
  }
  return maxMs;
}
