import type { ServerConfig } from '../config/schema.js';
import { defaultGroupingConfig, type GroupingConfig } from './area-grouping.js';
import { defaultFlapConfig, defaultStableMs, type FlapConfig } from './flapping.js';

/** The incident rules' thresholds. */
export interface IncidentConfig {
  grouping: GroupingConfig;
  flap: FlapConfig;
  /** The line must stay back this long before its incident resolves itself, ms. */
  stableMs: number;
  /** A line degraded this long opens an incident, ms. */
  degradedSustainMs: number;
}

export const defaultIncidentConfig: IncidentConfig = {
  grouping: defaultGroupingConfig,
  flap: defaultFlapConfig,
  stableMs: defaultStableMs,
  degradedSustainMs: 15 * 60_000, // 15 min
};

/**
 * The thresholds from the server's configuration (`LINEWATCH_AREA_*`,
 * `LINEWATCH_FLAP_*`, …; see the README).
 *
 * @example
 * createIncidentProcessor({ …, config: incidentConfigFrom(config) });
 */
export function incidentConfigFrom(config: ServerConfig): IncidentConfig {
  return {
    grouping: {
      windowMs: config.areaWindowSeconds * 1000,
      minSites: config.areaMinSites,
      powerMinSites: config.powerCutMinSites,
      powerMinCarriers: 2,
    },
    flap: { minDowns: config.flapDowns, windowMs: config.flapWindowMinutes * 60_000 },
    stableMs: config.recoveryStableSeconds * 1000,
    degradedSustainMs: config.degradedIncidentMinutes * 60_000,
  };
}
