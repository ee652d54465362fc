import type { Store } from '../store/index.js';

const carriers = ['Telekom', 'Vodafone', '1&1', 'O2', 'Deutsche Glasfaser'];

/**
 * A small seeded generator (mulberry32), so every run replays the same sequence.
 *
 * @example
 * const rng = seeded(7);
 * rng(); // the same number on every run, in [0, 1)
 */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Creates `n` sites in the default org across five carriers and twenty
 * postcode areas (site i: carrier i mod 5, area i mod 20); returns their ids.
 */
export function fleet(store: Store, n: number): string[] {
  const orgId = store.users.defaultOrgId(0);
  return Array.from({ length: n }, (_, i) => {
    const postcode = String(10_000 + (i % 20) * 1000 + (i % 1000)).padStart(5, '0');
    const site = store.sites.create(
      orgId,
      {
        name: `Kunde ${i}`,
        customer: `Kunde ${i}`,
        address: `Hauptstraße ${i + 1}, ${postcode} Ort`,
        carrier: carriers[i % carriers.length] as string,
        accessType: 'dsl',
        contract: { downMbps: 100, upMbps: 40 },
        business: false,
      },
      0,
    );
    return site.id;
  });
}
