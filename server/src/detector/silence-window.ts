import type { Silence } from './uplink-guard.js';

/**
 * The silences of a sliding time window with running counts of their
 * sites, carriers and areas, so judging a mass event of thousands of sites
 * costs O(1) per silence instead of a pass over all of them.
 * Silences are expected in time order (they are stamped on arrival); a
 * site that falls silent again moves to the end.
 *
 * @example
 * const w = new SilenceWindow();
 * w.add({ siteId: 's1', carrier: 'Telekom', area: '041', at: 1000 });
 * w.prune(500); // drops silences before 500
 * w.spread(); // { sites: 1, carriers: 1, areas: 1 }
 */
export class SilenceWindow {
  /** By site, in the order they fell silent (a Map keeps insertion order). */
  readonly #bySite = new Map<string, Silence>();
  readonly #carriers = new Map<string, number>();
  readonly #areas = new Map<string, number>();

  add(s: Silence): void {
    this.#remove(s.siteId);
    this.#bySite.set(s.siteId, s);
    count(this.#carriers, carrierKey(s), 1);
    count(this.#areas, areaKey(s), 1);
  }

  /** Drops every silence before `before` (ms). */
  prune(before: number): void {
    for (const s of this.#bySite.values()) {
      if (s.at >= before) break;
      this.#remove(s.siteId);
    }
  }

  clear(): void {
    this.#bySite.clear();
    this.#carriers.clear();
    this.#areas.clear();
  }

  get(siteId: string): Silence | undefined {
    return this.#bySite.get(siteId);
  }

  /** The earliest silence still in the window, ms. */
  first(): number | null {
    for (const s of this.#bySite.values()) return s.at;
    return null;
  }

  spread(): { sites: number; carriers: number; areas: number } {
    return { sites: this.#bySite.size, carriers: this.#carriers.size, areas: this.#areas.size };
  }

  #remove(siteId: string): void {
    const old = this.#bySite.get(siteId);
    if (!old) return;
    this.#bySite.delete(siteId);
    count(this.#carriers, carrierKey(old), -1);
    count(this.#areas, areaKey(old), -1);
  }
}

const carrierKey = (s: Silence) => s.carrier.trim().toLowerCase();
/** A site without an area is an area of its own: it cannot be told apart from any other. */
const areaKey = (s: Silence) => s.area ?? `?${s.siteId}`;

function count(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}
