import { type DetectionState, normalDetection } from '@linewatch/shared';
import type { Logger } from 'pino';
import { siteArea } from '../incidents/site-area.js';
import type { Store } from '../store/index.js';
import { createUplinkGuard, type HoldReason, type UplinkGuardConfig } from './uplink-guard.js';
import { startUplinkProbes, type UplinkProbe } from './uplink-probes.js';

/** How often the server probes its own uplink, and how long one probe may take, ms. */
const uplinkProbeEveryMs = 15_000;
const uplinkProbeTimeoutMs = 5000;

/**
 * Connects the uplink guard (pure, `uplink-guard.ts`) to the server: the
 * broker tells it which agents connect and drop, the detector asks it
 * before a silence counts, and the server's own probes run beside it.
 *
 * @example
 * const hold = createSilenceHold({ store, log, now: () => Date.now(), uplinkTargets: [] });
 * createDetector({ …, holdSilence: hold.holdSilence });
 */
export function createSilenceHold(deps: {
  store: Store;
  log: Logger;
  now(): number;
  uplinkTargets: readonly string[];
  config?: UplinkGuardConfig;
  /** How one round of uplink probes is taken (tests); TCP connects by default. */
  probe?: UplinkProbe;
  /** The server began or stopped looking cut off (for the dashboards). */
  onDetectionChange?(state: DetectionState): void;
}) {
  const { store, log } = deps;
  const guard = createUplinkGuard(deps.config);
  const connected = new Set<string>();
  let holding: HoldReason | null = null;
  let detection: DetectionState = normalDetection;

  /** Tells of a change between counting silence and looking cut off. */
  function report(): void {
    const cut = guard.cutOff(deps.now());
    const next: DetectionState = cut
      ? { state: 'cut_off', reason: cut.why, since: new Date(cut.since).toISOString() }
      : normalDetection;
    if (next.state === detection.state && next.reason === detection.reason) return;
    detection = next;
    if (next.state === 'cut_off')
      log.warn(
        { reason: next.reason, since: next.since },
        'the server looks cut off: silent boxes are held back',
      );
    else log.info('the server no longer looks cut off: silent boxes count as down again');
    deps.onDetectionChange?.(next);
  }

  const probes = startUplinkProbes({
    targets: deps.uplinkTargets,
    everyMs: uplinkProbeEveryMs,
    timeoutMs: uplinkProbeTimeoutMs,
    ...(deps.probe ? { probe: deps.probe } : {}),
    onResult: (allFailed) => {
      guard.probes(allFailed, deps.now());
      report();
    },
  });

  /** Tells the guard that a site fell silent now. */
  function silent(siteId: string, look: boolean): void {
    const site = store.sites.getById(siteId);
    if (!site) return;
    guard.silent(
      { siteId, carrier: site.carrier, area: siteArea(site), at: deps.now(), look },
      connected.size,
    );
  }

  function logChange(why: HoldReason | null, sites: number): void {
    if (why === holding) return;
    if (why === 'mass_silence' || why === 'uplink_probes_failing')
      log.warn({ why, sites }, 'the server itself looks cut off: silent agents are not declared down');
    else if (why === 'judging_burst')
      log.info({ sites }, 'many agents fell silent together: holding their downs while judging');
    else if (holding !== 'looking' && holding !== null) log.info('silence counts again');
    holding = why;
  }

  return {
    /** The broker accepted an agent's connection. */
    agentConnected(agentId: string): void {
      connected.add(agentId);
      guard.heard(deps.now());
      report();
    },
    /** The broker lost an agent's connection; `keepaliveExpired`: found by its keepalive timer. */
    agentLost(agentId: string, siteId: string, keepaliveExpired: boolean): void {
      connected.delete(agentId);
      silent(siteId, keepaliveExpired);
      report();
    },
    /** For the detector: whether the silence of `siteIds`, due now, is held back, and until when. */
    holdSilence(now: number, siteIds: readonly string[]): number | null {
      // Deadlines passed without a broker event (e.g. agents that never came back after a restart).
      for (const id of siteIds) if (!guard.knows(id)) silent(id, false);
      const hold = guard.hold(now, siteIds);
      logChange(hold?.why ?? null, siteIds.length);
      report();
      return hold ? hold.until : null;
    },
    /** Whether silent boxes count as down now, or the server looks cut off. */
    detection: (): DetectionState => detection,
    stop(): void {
      probes.stop();
    },
  };
}
export type SilenceHold = ReturnType<typeof createSilenceHold>;
