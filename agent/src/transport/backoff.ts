import { reconnectBackoff, reconnectDelayMs } from '@linewatch/shared';

/** Reconnect delays: from 1 s, growing with the time waited, to 60 s. */
export const defaultBackoff = reconnectBackoff;

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  /** [0, 1); injectable so tests are exact. */
  random?: () => number;
}

/**
 * Reconnect delays with full jitter below a ceiling that grows with the
 * time waited since the last reset (the sum of the delays handed out; a
 * refused attempt takes no time): see `reconnectDelayMs` in `shared`.
 *
 * @example
 * const backoff = new Backoff({ random: () => 0.5 });
 * backoff.next() // 500, then 500, 500, 750, 1125, … up to 30000
 */
export class Backoff {
  readonly #opts: { baseMs: number; capMs: number };
  readonly #random: () => number;
  #waitedMs = 0;

  constructor(options: BackoffOptions = {}) {
    this.#opts = {
      baseMs: options.baseMs ?? defaultBackoff.baseMs,
      capMs: options.capMs ?? defaultBackoff.capMs,
    };
    this.#random = options.random ?? Math.random;
  }

  /** The delay before the next attempt, in ms. */
  next(): number {
    const delay = reconnectDelayMs(this.#waitedMs, this.#random(), this.#opts);
    // Stop counting at the cap, so the sum stays small.
    this.#waitedMs = Math.min(this.#opts.capMs, this.#waitedMs + delay);
    return delay;
  }

  /** Starts again from the base delay (after a connection that lasted). */
  reset(): void {
    this.#waitedMs = 0;
  }
}
