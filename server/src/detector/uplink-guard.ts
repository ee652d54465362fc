import { SilenceWindow } from './silence-window.js';

/**
 * Guards against false mass outages when the fault is the server's own: if
 * its uplink fails, every agent falls silent, and declaring every site down
 * would wake every shop for nothing (and bury the real faults).
 *
 * Silence-based `down`s (a lost connection, a keepalive expiry, a passed
 * deadline) are held back:
 * 1. while the server's own probes (`LINEWATCH_UPLINK_TARGETS`) all fail;
 * 2. during a **mass silence**: within `windowMs`, at least `minAgents`
 *    agents and `minShare` of the recently heard fleet fell silent, across
 *    at least `minCarriers` carriers and `minAreas` areas. A carrier's area
 *    outage or a local power cut touches one area (or one carrier); only the
 *    server's side touches all of them. It ends when agents come back, plus
 *    a grace for the rest to reconnect: as long as the silence lasted (an
 *    agent waits at most as long again as it has waited, see
 *    `reconnectDelayMs`), at least `recoveryGraceMs`, at most
 *    `maxRecoveryGraceMs` (the agents' backoff is capped at 60 s);
 * 3. while a **burst** is judged. When the server is cut off silently, the
 *    broker's keepalive timers expire one by one over a keepalive period, so
 *    a mass silence shows only after a while. A burst of expiries — within
 *    `burstWindowMs`, at least `burstShare` of the fleet (and `minCarriers`
 *    agents) across `minCarriers` carriers and `minAreas` areas — is how one
 *    begins: silence is held until `judgeMs` after the burst began, then it
 *    is a mass silence (held on) or the held sites go down;
 * 4. for `lookMs` after a keepalive expiry, so the first expiries of a
 *    silent cut do not go down before the burst can be seen. A single cut
 *    line waits only this long: the broker notices at 1.5 × keepalive, the
 *    contract allows 1.5 × keepalive + 2 s.
 *
 * Pure: time and observations come in; the detector asks {@link hold}.
 */
export interface UplinkGuardConfig {
  windowMs: number;
  minAgents: number;
  /** Share of the recently heard fleet, 0–1. */
  minShare: number;
  minCarriers: number;
  minAreas: number;
  /** After a mass silence or failing probes end, keep holding at least this long so agents can reconnect, ms. */
  recoveryGraceMs: number;
  /** … and at most this long, however long they lasted, ms. */
  maxRecoveryGraceMs: number;
  /** A keepalive expiry waits this long before it counts, ms. */
  lookMs: number;
  /** Silences this close together can form a burst, ms. */
  burstWindowMs: number;
  /** Share of the fleet that falling silent within `burstWindowMs` is a burst, 0–1. */
  burstShare: number;
  /** A burst holds silence this long from its first silence, then it is judged, ms. */
  judgeMs: number;
  /** While a mass silence or failing probes hold, the detector looks again this often, ms. */
  recheckMs: number;
}

export const defaultUplinkGuardConfig: UplinkGuardConfig = {
  windowMs: 60_000, // 60 s
  minAgents: 10,
  minShare: 0.5,
  minCarriers: 3,
  minAreas: 3,
  recoveryGraceMs: 30_000, // 30 s
  maxRecoveryGraceMs: 90_000, // 90 s, like the reconnect grace after a server start
  lookMs: 1000, // 1 s
  burstWindowMs: 3000, // 3 s
  // A silent cut of N agents at keepalive k expires N/k agents a second, so 1 % of the fleet falls silent
  // within the look for any keepalive under 100 s; 1 % of a large fleet failing within 3 s by chance is rare.
  burstShare: 0.01,
  // Keepalive expiries of a silent cut spread over one keepalive (default 15 s): half the fleet has
  // expired half a keepalive after the first, so 20 s covers keepalives up to 40 s.
  judgeMs: 20_000,
  recheckMs: 10_000, // 10 s
};

/** A site whose agent fell silent at `at`. */
export interface Silence {
  siteId: string;
  carrier: string;
  area: string | null;
  at: number;
  /** A keepalive expiry: the first of a silent cut, so it waits `lookMs` (default false). */
  look?: boolean;
}

export type HoldReason = 'uplink_probes_failing' | 'mass_silence' | 'judging_burst' | 'looking';

export interface Hold {
  why: HoldReason;
  /** Look again at this time (ms). */
  until: number;
}

/**
 * @example
 * const guard = createUplinkGuard();
 * guard.silent({ siteId, carrier: 'Telekom', area: '041', at: now, look: true }, connected);
 * guard.hold(now, [siteId]); // { why: 'looking', until: now + 1000 }
 */
export function createUplinkGuard(config: UplinkGuardConfig = defaultUplinkGuardConfig) {
  /** Silences of the last `windowMs`. */
  const recent = new SilenceWindow();
  /** Silences of the last `burstWindowMs` not yet judged. */
  const burst = new SilenceWindow();
  let probesFailing = false;
  let holdUntil = 0;
  let massSilence = false;
  /** When the mass silence, or the probes' failure, began (ms). */
  let massSince = 0;
  let probesFailingSince = 0;
  /** When the burst being judged is judged (ms); null: none. */
  let judgeAt: number | null = null;
  /** Silences before this moment were judged: they never start a burst again. */
  let judgedUntil = Number.NEGATIVE_INFINITY;
  /** Agents connected, as last told (the fleet is these and the silent ones). */
  let connected = 0;

  /** How long to hold after a mass silence (or failing probes) of `lastedMs` ended. */
  const recoveryGrace = (lastedMs: number) =>
    Math.min(config.maxRecoveryGraceMs, Math.max(config.recoveryGraceMs, lastedMs));

  /** Whether the silences of the last `windowMs` are a mass silence. */
  function wide(now: number): boolean {
    recent.prune(now - config.windowMs);
    const { sites, carriers, areas } = recent.spread();
    return (
      sites >= config.minAgents &&
      sites >= config.minShare * (connected + sites) &&
      carriers >= config.minCarriers &&
      areas >= config.minAreas
    );
  }

  /** Whether the silences just before `now`, not yet judged, begin a mass silence. */
  function bursting(now: number): boolean {
    burst.prune(Math.max(now - config.burstWindowMs, judgedUntil));
    const { sites, carriers, areas } = burst.spread();
    const fleet = connected + recent.spread().sites;
    return (
      fleet >= config.minAgents &&
      sites >= Math.max(config.minCarriers, config.burstShare * fleet) &&
      carriers >= config.minCarriers &&
      areas >= config.minAreas
    );
  }

  function evaluate(now: number): void {
    if (wide(now)) {
      if (!massSilence) massSince = recent.first() ?? now;
      massSilence = true;
      judgeAt = null;
      holdUntil = Math.max(holdUntil, now + config.recoveryGraceMs);
    } else if (judgeAt === null && bursting(now)) {
      judgeAt = (burst.first() ?? now) + config.judgeMs;
    }
  }

  /** A burst whose time has come is judged: a mass silence by now, or over. */
  function judge(now: number): void {
    if (judgeAt === null || now < judgeAt) return;
    judgeAt = null;
    judgedUntil = now;
    burst.clear();
    evaluate(now);
  }

  return {
    /**
     * A site's agent fell silent (connection lost, keepalive expired or
     * deadline passed); `connectedAgents`: agents still connected.
     */
    silent(s: Silence, connectedAgents: number): void {
      connected = connectedAgents;
      judge(s.at);
      recent.add(s);
      // Only keepalive expiries spread out over time; silences found together are judged at once.
      if (s.look) burst.add(s);
      evaluate(s.at);
    },
    /** Whether a silence of this site within the last `windowMs` is on record. */
    knows(siteId: string): boolean {
      return recent.get(siteId) !== undefined;
    },
    /** The server's own uplink probes: all failed (true) or at least one answered (false). */
    probes(allFailed: boolean, now: number): void {
      // While failing and just after: agents need a moment to reconnect once the uplink is back.
      if (allFailed && !probesFailing) probesFailingSince = now;
      if (probesFailing && !allFailed)
        holdUntil = Math.max(holdUntil, now + recoveryGrace(now - probesFailingSince));
      probesFailing = allFailed;
    },
    /** An agent connected: a mass silence ends once agents come back. */
    heard(now: number): void {
      if (massSilence && !probesFailing) {
        massSilence = false;
        recent.clear();
        burst.clear();
        judgedUntil = now;
        holdUntil = now + recoveryGrace(now - massSince);
      }
    },
    /**
     * Whether the server looks cut off now — its probes fail, or a mass
     * silence lasts — and since when; null: silence counts as usual (a grace
     * after either may still hold a few silences back).
     */
    cutOff(now: number): { why: 'uplink_probes_failing' | 'mass_silence'; since: number } | null {
      judge(now);
      if (probesFailing) return { why: 'uplink_probes_failing', since: probesFailingSince };
      if (massSilence) return { why: 'mass_silence', since: massSince };
      return null;
    },
    /**
     * Whether the silence of `siteIds`, due at `now`, is held back, why,
     * and until when; null: it counts.
     */
    hold(now: number, siteIds: readonly string[]): Hold | null {
      judge(now);
      if (probesFailing) return { why: 'uplink_probes_failing', until: now + config.recheckMs };
      if (massSilence) return { why: 'mass_silence', until: now + config.recheckMs };
      if (now < holdUntil) return { why: 'mass_silence', until: holdUntil };
      if (judgeAt !== null) return { why: 'judging_burst', until: judgeAt };
      let until = Number.NEGATIVE_INFINITY;
      for (const id of siteIds) {
        const s = recent.get(id);
        if (s?.look) until = Math.max(until, s.at + config.lookMs);
      }
      return until > now ? { why: 'looking', until } : null;
    },
  };
}
export type UplinkGuard = ReturnType<typeof createUplinkGuard>;
