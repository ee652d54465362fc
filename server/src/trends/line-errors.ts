import type { TrendFinding } from '@linewatch/shared';
import { dayMs, hourMs, type TrendConfig } from './config.js';
import type { LineStep } from './counters.js';
import { bilingual } from './format.js';
import { round } from './stats.js';

/** CRC errors per hour over the steps ending in (from, to], or null when they span less than `minHours`. */
function crcPerHour(steps: readonly LineStep[], from: number, to: number, minHours: number): number | null {
  let errors = 0;
  let spanMs = 0;
  for (const s of steps) {
    if (s.t <= from || s.t > to || s.crc === null) continue;
    errors += s.crc.increase;
    spanMs += s.crc.overMs;
  }
  return spanMs >= minHours * hourMs ? errors / (spanMs / hourMs) : null;
}

/**
 * CRC errors are blocks the modem could not correct: lost packets. A line
 * whose error rate climbs is degrading (moisture, a loose joint, new
 * crosstalk) before it drops.
 *
 * 1. Recent rate (last `recentHours`) ≥ `warningPerHour` → warning.
 * 2. Else recent rate ≥ `riseFactor` × the rate of the `baselineDays`
 *    before, and ≥ `riseMinPerHour` (so 0 → 2 per hour is no alarm) → info.
 * Rates come from counter increases (see `lineSteps`), so router reboots
 * and resyncs resetting the counters are no false spikes.
 *
 * @example
 * crcFindings(lineSteps(readings, 2), Date.now(), defaultTrendConfig.crc)
 */
export function crcFindings(steps: readonly LineStep[], now: number, c: TrendConfig['crc']): TrendFinding[] {
  const recentFrom = now - c.recentHours * hourMs;
  const recent = crcPerHour(steps, recentFrom, now, c.minCoverageHours);
  if (recent === null) return [];
  const baseline = crcPerHour(steps, recentFrom - c.baselineDays * dayMs, recentFrom, c.minCoverageHours);
  const high = recent >= c.warningPerHour;
  const rising = baseline !== null && recent >= c.riseMinPerHour && recent >= c.riseFactor * baseline;
  if (!high && !rising) return [];

  /** The baseline in words, when there is one. */
  const before = (text: (b: number) => string) => (baseline === null ? '' : ` (${text(baseline)})`);
  return [
    {
      kind: 'crc_errors_rising',
      severity: high ? 'warning' : 'info',
      message: bilingual(
        (n) =>
          `${n(recent)} CRC-Fehler pro Stunde in den letzten ${n(c.recentHours)} h` +
          `${before((b) => `in den ${n(c.baselineDays)} Tagen davor ${n(b)}`)}: die Leitung verliert Pakete.`,
        (n) =>
          `${n(recent)} CRC errors per hour over the last ${n(c.recentHours)} h` +
          `${before((b) => `${n(b)} in the ${n(c.baselineDays)} days before`)}: the line is losing packets.`,
      ),
      evidence: {
        recentPerHour: round(recent),
        ...(baseline === null ? {} : { baselinePerHour: round(baseline) }),
        thresholdPerHour: high ? c.warningPerHour : c.riseMinPerHour,
      },
    },
  ];
}

/**
 * Every resync cuts the connection for 30 s to a few minutes and usually
 * lowers the rate; several a day mean the line is at its limit.
 * More than `maxPerWindow` resyncs within the last `windowHours` → warning.
 * Router reboots are left out: they are power or device matters.
 *
 * @example
 * resyncFindings(lineSteps(readings, 2), Date.now(), defaultTrendConfig.resyncs)
 */
export function resyncFindings(
  steps: readonly LineStep[],
  now: number,
  c: TrendConfig['resyncs'],
): TrendFinding[] {
  const from = now - c.windowHours * hourMs;
  let resyncs = 0;
  let reboots = 0;
  for (const s of steps) {
    if (s.t <= from || s.t > now) continue;
    resyncs += s.resyncs;
    if (s.routerRebooted) reboots++;
  }
  if (resyncs <= c.maxPerWindow) return [];
  return [
    {
      kind: 'resyncs_frequent',
      severity: 'warning',
      message: bilingual(
        (n) =>
          `Die Leitung hat sich in den letzten ${n(c.windowHours)} h ${n(resyncs)}-mal neu synchronisiert.`,
        (n) => `The line resynced ${n(resyncs)} times in the last ${n(c.windowHours)} h.`,
      ),
      evidence: { resyncs, windowHours: c.windowHours, routerReboots: reboots, threshold: c.maxPerWindow },
    },
  ];
}
