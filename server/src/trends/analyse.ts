import type { TrendFinding } from '@linewatch/shared';
import type { TrendConfig } from './config.js';
import { congestionFindings } from './congestion.js';
import { lineSteps } from './counters.js';
import { crcFindings, resyncFindings } from './line-errors.js';
import type { LocalHour } from './local-time.js';
import { localHours } from './local-time.js';
import type { SiteReadings } from './readings.js';
import { snrFindings } from './snr.js';

/**
 * Every early-warning analysis of one site at `now`. Pure: same readings,
 * same time, same findings; the job decides what to store.
 *
 * @example
 * analyseSite({ dsl, hours }, Date.now(), defaultTrendConfig) // [{ kind: 'snr_margin_low', … }]
 */
export function analyseSite(
  readings: SiteReadings,
  now: number,
  config: TrendConfig,
  local: (t: number) => LocalHour = localHours(config.congestion.timeZone),
): TrendFinding[] {
  const steps = lineSteps(readings.dsl, config.resyncs.syncRateChangeMinPct);
  return [
    ...snrFindings(readings.dsl, now, config.snr),
    ...crcFindings(steps, now, config.crc),
    ...resyncFindings(steps, now, config.resyncs),
    ...congestionFindings(readings.hours, now, config.congestion, local),
  ];
}
