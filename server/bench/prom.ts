/**
 * Reading the server's /metrics in benchmarks: a snapshot is a map from
 * `name{labels}` to value; two snapshots give what happened in between.
 */
export type Snapshot = Map<string, number>;

/** Fetches and parses the Prometheus text format. */
export async function scrape(url: string): Promise<Snapshot> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const map: Snapshot = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    map.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return map;
}

/** `after − before` of one series (a counter, or a histogram bucket). */
export const delta = (before: Snapshot, after: Snapshot, key: string) =>
  (after.get(key) ?? 0) - (before.get(key) ?? 0);

/**
 * A quantile of a histogram over the window between two snapshots, as the
 * upper bound of the bucket it falls in (in the histogram's unit); NaN
 * when nothing was observed.
 *
 * @example
 * histogramQuantile(before, after, 'linewatch_ingest_flush_seconds', 0.99) // 0.005
 */
export function histogramQuantile(before: Snapshot, after: Snapshot, name: string, q: number): number {
  const buckets = [...after.keys()]
    .filter((k) => k.startsWith(`${name}_bucket{`))
    .map((k) => ({ le: Number(/le="([^"]+)"/.exec(k)?.[1]), n: delta(before, after, k) }))
    .sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.n ?? 0;
  if (total === 0) return Number.NaN;
  return buckets.find((b) => b.n >= q * total)?.le ?? Number.NaN;
}
