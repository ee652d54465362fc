/**
 * Flapping and recovery hysteresis for one site. Pure and time-injected: the
 * answers carry the next moment they can change (`until`, `recoveredAt`), so
 * the caller sets one timer instead of re-checking (STYLE.md: deadlines, not
 * scans).
 *
 * Why: a line that drops and comes back every few minutes would otherwise
 * open and close an incident (and alert) each time; the shop wants one
 * incident saying "unstable line" and a close only once it really holds.
 */

/** A status change of the site, as stored in the transition rows. */
export interface UpDown {
  to: 'down' | 'up';
  /** ms */
  at: number;
}

export interface FlapConfig {
  /** Downs within the window that make a site flapping. */
  minDowns: number;
  /** How far back downs count, ms. */
  windowMs: number;
}

export const defaultFlapConfig: FlapConfig = {
  minDowns: 3,
  windowMs: 15 * 60_000, // 15 min
};

/** How long a site must stay up before it counts as recovered, ms. */
export const defaultStableMs = 120_000; // 2 min

export type FlapVerdict =
  | { flapping: false; downs: number }
  /** `until`: when, without a further down, the count falls below the threshold, ms. */
  | { flapping: true; downs: number; until: number };

/**
 * Whether the site went down at least `minDowns` times in the window ending
 * at `now`. The window is half-open, (now − windowMs, now], so at `until`
 * the site is no longer flapping.
 *
 * @example
 * flapState([{ to: 'down', at: 0 }, { to: 'down', at: 60_000 }, { to: 'down', at: 120_000 }], 130_000)
 * // { flapping: true, downs: 3, until: 900_000 }
 */
export function flapState(
  transitions: readonly UpDown[],
  now: number,
  config: FlapConfig = defaultFlapConfig,
): FlapVerdict {
  const downs = transitions
    .filter((t) => t.to === 'down' && t.at <= now && now - t.at < config.windowMs)
    .map((t) => t.at)
    .sort((a, b) => a - b);
  const first = downs[downs.length - config.minDowns];
  if (downs.length < config.minDowns || first === undefined) return { flapping: false, downs: downs.length };
  // The newest `minDowns` downs keep it flapping; it ends when the oldest of them leaves the window.
  return { flapping: true, downs: downs.length, until: first + config.windowMs };
}

/**
 * Since when the site has been up without interruption, or null while it is
 * down (or nothing is known). The latest transition at or before `now` decides.
 */
export function upSince(transitions: readonly UpDown[], now: number): number | null {
  let latest: UpDown | undefined;
  for (const t of transitions) if (t.at <= now && (!latest || t.at >= latest.at)) latest = t;
  return latest?.to === 'up' ? latest.at : null;
}

export type Recovery =
  | { state: 'down' }
  /** Up, but not yet for `stableMs`; it counts as recovered at `recoveredAt` if it stays up. */
  | { state: 'recovering'; upSince: number; recoveredAt: number }
  /** Up long enough. The incident ends at `upSince`, when service came back, not when it was confirmed. */
  | { state: 'recovered'; upSince: number };

/**
 * Recovery hysteresis: a site counts as recovered only after being up for
 * `stableMs`.
 *
 * @example
 * recovery(100_000, 150_000) // { state: 'recovering', upSince: 100_000, recoveredAt: 220_000 }
 * recovery(100_000, 220_000) // { state: 'recovered', upSince: 100_000 }
 */
export function recovery(since: number | null, now: number, stableMs: number = defaultStableMs): Recovery {
  if (since === null) return { state: 'down' };
  const recoveredAt = since + stableMs;
  return now >= recoveredAt
    ? { state: 'recovered', upSince: since }
    : { state: 'recovering', upSince: since, recoveredAt };
}
