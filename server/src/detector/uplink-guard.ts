/**
 * Guards against false mass outages when the fault is the server's own: if
 * its uplink fails, every agent falls silent at once, and declaring every
 * site down would wake every shop for nothing (and bury the real faults).
 *
 * Two signals, either one holds silence-based `down`s back:
 * 1. The server's own probes (`LINEWATCH_UPLINK_TARGETS`, TCP connects to a
 *    few well-known hosts) all fail.
 * 2. Silence is too widespread to be a line fault: within `windowMs`, at
 *    least `minAgents` agents and `minShare` of the recently heard fleet
 *    fell silent, across at least `minCarriers` carriers and `minAreas`
 *    areas. A carrier's area outage or a local power cut touches one area
 *    (or one carrier); only the server's side touches all of them.
 *
 * Pure: time and observations come in; the detector asks {@link holding}.
 */
export interface UplinkGuardConfig {
  windowMs: number;
  minAgents: number;
  /** Share of the recently heard fleet, 0–1. */
  minShare: number;
  minCarriers: number;
  minAreas: number;
  /** After the hold ends, keep holding this long so agents can reconnect, ms. */
  recoveryGraceMs: number;
}

export const defaultUplinkGuardConfig: UplinkGuardConfig = {
  windowMs: 60_000,
  minAgents: 10,
  minShare: 0.5,
  minCarriers: 3,
  minAreas: 3,
  recoveryGraceMs: 30_000,
};

interface Silence {
  siteId: string;
  carrier: string;
  area: string | null;
  at: number;
}

export function createUplinkGuard(config: UplinkGuardConfig = defaultUplinkGuardConfig) {
  let silences: Silence[] = [];
  let probesFailing = false;
  let holdUntil = 0;
  let massSilence = false;

  const prune = (now: number) => {
    silences = silences.filter((s) => now - s.at <= config.windowMs);
  };

  function evaluate(now: number, fleetSize: number): void {
    prune(now);
    const sites = new Set(silences.map((s) => s.siteId));
    const carriers = new Set(silences.map((s) => s.carrier.trim().toLowerCase()));
    const areas = new Set(silences.map((s) => s.area ?? `?${s.siteId}`));
    const wide =
      sites.size >= config.minAgents &&
      sites.size >= config.minShare * Math.max(1, fleetSize) &&
      carriers.size >= config.minCarriers &&
      areas.size >= config.minAreas;
    if (wide) massSilence = true;
    if (wide || probesFailing) holdUntil = now + config.recoveryGraceMs;
  }

  return {
    /** A site's agent fell silent (connection lost or deadline passed). */
    silent(s: Silence, fleetSize: number): void {
      silences.push(s);
      evaluate(s.at, fleetSize);
    },
    /** The server's own uplink probes: all failed (true) or at least one answered (false). */
    probes(allFailed: boolean, now: number): void {
      // While failing and just after: agents need a moment to reconnect once the uplink is back.
      if (allFailed || probesFailing) holdUntil = now + config.recoveryGraceMs;
      probesFailing = allFailed;
    },
    /** An agent was heard again: a mass silence ends once agents come back. */
    heard(now: number): void {
      if (massSilence && !probesFailing) {
        massSilence = false;
        silences = [];
        holdUntil = now + config.recoveryGraceMs;
      }
    },
    /** Whether silence-based downs are held back at `now`, and why. */
    holding(now: number): 'uplink_probes_failing' | 'mass_silence' | null {
      if (probesFailing) return 'uplink_probes_failing';
      if (massSilence) return 'mass_silence';
      return now < holdUntil ? 'mass_silence' : null;
    },
  };
}
export type UplinkGuard = ReturnType<typeof createUplinkGuard>;
