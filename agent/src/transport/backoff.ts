/** Reconnect delays: 1 s doubling to 60 s. */
export const defaultBackoff = { baseMs: 1000, capMs: 60_000 } as const;

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  /** [0, 1); injectable so tests are exact. */
  random?: () => number;
}

/**
 * Exponential backoff with full jitter: the n-th delay is uniform in
 * [0, min(cap, base·2ⁿ)). The jitter keeps a fleet of agents behind one cut
 * from reconnecting in lockstep when the line or the server comes back.
 *
 * @example
 * const backoff = new Backoff({ random: () => 0.5 });
 * backoff.next() // 500, then 1000, 2000, … up to 30000
 */
export class Backoff {
  readonly #baseMs: number;
  readonly #capMs: number;
  readonly #random: () => number;
  #attempt = 0;

  constructor(options: BackoffOptions = {}) {
    this.#baseMs = options.baseMs ?? defaultBackoff.baseMs;
    this.#capMs = options.capMs ?? defaultBackoff.capMs;
    this.#random = options.random ?? Math.random;
  }

  /** The delay before the next attempt, in ms. */
  next(): number {
    const ceiling = Math.min(this.#capMs, this.#baseMs * 2 ** this.#attempt);
    // Stop counting once at the cap, so 2ⁿ never overflows.
    if (ceiling < this.#capMs) this.#attempt++;
    return Math.floor(this.#random() * ceiling);
  }

  /** Starts again from the base delay (after a connection that lasted). */
  reset(): void {
    this.#attempt = 0;
  }
}
