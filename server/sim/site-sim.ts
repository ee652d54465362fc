import type { Measurement, SampleMeta } from '@linewatch/shared';
import { diagnoseRound, type PreviousDsl } from './diagnosis.js';
import { probeRound } from './figures.js';
import type { LineProfile } from './fleet-plan.js';
import { advanceLine, type LineCondition, type LineState, newLine, routerView } from './line.js';
import type { Random } from './random.js';

/**
 * One customer's line, router and probe rounds: what a simulated agent
 * measures. The scenario sets the condition; each round advances the
 * line to the round's time and diagnoses it as the real agent would.
 *
 * @example
 * const site = createSiteSim(profile, unseeded, Date.now(), 12 * 86_400_000);
 * site.setCondition({ kind: 'sync_lost' }, Date.now());
 * site.measure(meta).diagnosis // { status: 'down', cause: 'line_sync_lost', … }
 */
export function createSiteSim(profile: LineProfile, rng: Random, now: number, routerUptimeMs: number) {
  let line: LineState = newLine(profile, rng, now, routerUptimeMs);
  let cond: LineCondition = { kind: 'ok' };
  let previous: PreviousDsl | null = null;
  return {
    get condition(): LineCondition {
      return cond;
    },
    /** The line changes now: a lost sync or a retrain is logged by the router at `at`. */
    setCondition(next: LineCondition, at: number): void {
      cond = next;
      line = advanceLine(profile, line, next, at, rng);
    },
    /** The router lost power and booted at `bootedAt`: counters and log start over. */
    rebootRouter(bootedAt: number, at: number): void {
      line = newLine(profile, rng, at, at - bootedAt);
      previous = null;
    },
    measure(meta: SampleMeta): Measurement {
      const at = Date.parse(meta.t);
      line = advanceLine(profile, line, cond, at, rng);
      const router = routerView(profile, line, cond, at, rng);
      const round = probeRound(profile, cond, router, meta, rng);
      const diagnosis = diagnoseRound(round, profile.contract, previous);
      if (router.dsl) previous = { dsl: router.dsl, atMs: at };
      return { ...round, diagnosis };
    },
  };
}
export type SiteSim = ReturnType<typeof createSiteSim>;
