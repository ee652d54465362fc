import type { TrendFinding } from '@linewatch/shared';
import { dayMs, hourMs, type TrendConfig } from './config.js';
import { bilingual } from './format.js';
import type { DslReading } from './readings.js';
import { median, round } from './stats.js';

/** Downstream SNR margins with time, readings without one left out. */
function margins(readings: readonly DslReading[], from: number, to: number): number[] {
  const out: number[] = [];
  for (const r of readings)
    if (r.t >= from && r.t < to && r.downSnrMarginDb !== null) out.push(r.downSnrMarginDb);
  return out;
}

/**
 * The downstream SNR margin: how far the signal stands above the noise the
 * modem needs. A line loses sync near 0 dB, so a margin that falls or
 * stays low comes before errors, resyncs and outages.
 *
 * 1. Falling: the median of the last `recentHours` is ≥ `dropDb` below the
 *    median of the `baselineDays` before it → warning. Medians, not a
 *    least-squares slope, because margins swing with the time of day
 *    (evening crosstalk) and jump at every resync; comparing a whole day
 *    with the week before cancels the daily swing.
 * 2. Low: the median of the last `currentHours` is below `lowWarningDb`
 *    → warning, below `lowInfoDb` → info.
 * A window with fewer than `minSamples` readings is not judged.
 *
 * @example
 * snrFindings(readings, Date.now(), defaultTrendConfig.snr) // [] for a healthy line
 */
export function snrFindings(
  readings: readonly DslReading[],
  now: number,
  c: TrendConfig['snr'],
): TrendFinding[] {
  const findings: TrendFinding[] = [];
  const recentFrom = now - c.recentHours * hourMs;
  const recent = margins(readings, recentFrom, now + 1);
  const baseline = margins(readings, recentFrom - c.baselineDays * dayMs, recentFrom);

  const recentDb = recent.length >= c.minSamples ? median(recent) : null;
  const baselineDb = baseline.length >= c.minSamples ? median(baseline) : null;
  if (recentDb !== null && baselineDb !== null && baselineDb - recentDb >= c.dropDb) {
    const dropDb = baselineDb - recentDb;
    findings.push({
      kind: 'snr_margin_falling',
      severity: 'warning',
      message: bilingual(
        (n) =>
          `Die SNR-Reserve (Downstream) ist in den letzten ${n(c.recentHours)} h um ${n(dropDb)} dB gefallen: ` +
          `Median ${n(recentDb)} dB, in den ${n(c.baselineDays)} Tagen davor ${n(baselineDb)} dB.`,
        (n) =>
          `The downstream SNR margin fell by ${n(dropDb)} dB over the last ${n(c.recentHours)} h: ` +
          `median ${n(recentDb)} dB, ${n(baselineDb)} dB in the ${n(c.baselineDays)} days before.`,
      ),
      evidence: {
        recentMedianDb: round(recentDb),
        baselineMedianDb: round(baselineDb),
        dropDb: round(dropDb),
        recentReadings: recent.length,
        baselineReadings: baseline.length,
      },
    });
  }

  const current = margins(readings, now - c.currentHours * hourMs, now + 1);
  const currentDb = current.length >= c.minSamples ? median(current) : null;
  if (currentDb !== null && currentDb < c.lowInfoDb) {
    const severity = currentDb < c.lowWarningDb ? 'warning' : 'info';
    findings.push({
      kind: 'snr_margin_low',
      severity,
      message: bilingual(
        (n) =>
          `Die SNR-Reserve (Downstream) liegt bei nur ${n(currentDb)} dB (Median der letzten ${n(c.currentHours)} h); ` +
          'nahe 0 dB verliert die Leitung die Synchronisation.',
        (n) =>
          `The downstream SNR margin is only ${n(currentDb)} dB (median of the last ${n(c.currentHours)} h); ` +
          'near 0 dB the line loses sync.',
      ),
      evidence: {
        currentMedianDb: round(currentDb),
        thresholdDb: severity === 'warning' ? c.lowWarningDb : c.lowInfoDb,
        readings: current.length,
      },
    });
  }
  return findings;
}
