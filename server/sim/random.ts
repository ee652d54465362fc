/**
 * A small seeded random source, so a simulated fleet is the same fleet on
 * every run (names, addresses, line lengths) while its noise still varies.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
}

/**
 * mulberry32: 32-bit state, fast, good enough for simulation (not for secrets).
 *
 * @example
 * const rng = seeded(42);
 * between(rng, 8, 40); // the same number on every run
 */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** `Math.random` as a {@link Random}, for noise that need not repeat. */
export const unseeded: Random = { next: () => Math.random() };

/** Uniform in [min, max). */
export const between = (rng: Random, min: number, max: number): number => min + (max - min) * rng.next();

/** A whole number in [min, max]. */
export const intBetween = (rng: Random, min: number, max: number): number =>
  Math.floor(between(rng, min, max + 1));

/** One element of a non-empty list. */
export function pick<T>(rng: Random, list: readonly T[]): T {
  const item = list[Math.floor(rng.next() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** One key of `weights`, with probability proportional to its weight. */
export function weighted<K extends string>(rng: Random, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  let r = rng.next() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of entries) {
    r -= w;
    if (r < 0) return k;
  }
  return (entries[entries.length - 1] as [K, number])[0];
}

/** Normally distributed (Box–Muller), mean `mean`, standard deviation `sd`. */
export function gauss(rng: Random, mean: number, sd: number): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** How many of `n` tries succeed, each with probability `p`. */
export function binomial(rng: Random, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.next() < p) k++;
  return k;
}
