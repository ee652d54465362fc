import type { DslReading } from './readings.js';

/**
 * How much a counter grew between two readings, with Prometheus
 * `increase()` semantics: a reading below the one before means the counter
 * started again from 0 (router reboot, or a resync: TR-064
 * `GetStatisticsTotal` counts since the last sync), so all it shows now is
 * new. Errors between the last reading and the reset are not seen.
 *
 * @example
 * counterIncrease(100, 130) // { increase: 30, reset: false }
 * counterIncrease(100, 7)   // { increase: 7, reset: true }
 */
export function counterIncrease(
  before: number | null,
  after: number | null,
): { increase: number; reset: boolean } | null {
  if (before === null || after === null) return null;
  return after >= before ? { increase: after - before, reset: false } : { increase: after, reset: true };
}

/** What changed on the line up to one reading, since the last reading that had each figure. */
export interface LineStep {
  t: number;
  /** CRC errors since the last CRC reading, and over how long (ms); null without two readings. */
  crc: { increase: number; overMs: number } | null;
  /** Resyncs seen (at least); 0 when the router rebooted, which is a power or device matter, not the line's. */
  resyncs: number;
  routerRebooted: boolean;
}

/**
 * Turns readings (oldest first) into steps. Each figure is compared with
 * its own last non-null value, so a round where the router could not be
 * read (null) just lengthens the next step, and a gap in the data is one
 * long step whose counter increase is still exact.
 *
 * A resync is counted when, without a router reboot:
 * 1. `linkRetrains` grew (by as much as it grew), or
 * 2. `linkRetrains` or `crcErrors` fell back (counters since the last sync), or
 * 3. the downstream sync rate changed by ≥ `syncRateChangeMinPct` (a new
 *    rate is only negotiated in training).
 * The largest of these counts, so one resync seen three ways counts once.
 * Several resyncs between two readings whose counters restart at each
 * sync count as one: a lower bound.
 */
export function lineSteps(readings: readonly DslReading[], syncRateChangeMinPct: number): LineStep[] {
  const steps: LineStep[] = [];
  let uptime: number | null = null;
  let crc: { t: number; value: number } | null = null;
  let retrains: number | null = null;
  let rate: number | null = null;
  for (const r of readings) {
    const rebooted = uptime !== null && r.routerUptimeSeconds !== null && r.routerUptimeSeconds < uptime;
    const crcStep = counterIncrease(crc?.value ?? null, r.crcErrors);
    const retrainStep = counterIncrease(retrains, r.linkRetrains);
    const rateChanged =
      rate !== null &&
      r.downCurrentKbps !== null &&
      rate > 0 &&
      (Math.abs(r.downCurrentKbps - rate) * 100) / rate >= syncRateChangeMinPct;
    const restarted = retrainStep?.reset || crcStep?.reset || rateChanged ? 1 : 0;
    steps.push({
      t: r.t,
      crc: crcStep && crc ? { increase: crcStep.increase, overMs: r.t - crc.t } : null,
      resyncs: rebooted ? 0 : Math.max(retrainStep?.increase ?? 0, restarted),
      routerRebooted: rebooted,
    });
    if (r.routerUptimeSeconds !== null) uptime = r.routerUptimeSeconds;
    if (r.crcErrors !== null) crc = { t: r.t, value: r.crcErrors };
    if (r.linkRetrains !== null) retrains = r.linkRetrains;
    if (r.downCurrentKbps !== null) rate = r.downCurrentKbps;
  }
  return steps;
}
