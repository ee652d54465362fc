/**
 * What the analyses read: sampled DSL figures from raw measurements and
 * hourly latency/loss rollups. Plain data, so the analyses stay pure and
 * their tests build series by hand.
 */

/** One raw probe round's DSL figures (`router.dsl`) at server-corrected time `t` (ms). Null = not read. */
export interface DslReading {
  t: number;
  /** Seconds since the router booted: a smaller value than before means it rebooted. */
  routerUptimeSeconds: number | null;
  downSnrMarginDb: number | null;
  downCurrentKbps: number | null;
  /** Counters as the router reports them: since its boot or its last sync, so they may fall back. */
  crcErrors: number | null;
  linkRetrains: number | null;
}

/** One hour of a site's rollup (`measurements_1h`). */
export interface HourSummary {
  /** Start of the UTC hour, ms. */
  bucketStart: number;
  /** Probe rounds in the hour. */
  samples: number;
  latencyP90Ms: number | null;
  /** Sample-weighted mean loss over the hour. */
  lossPct: number | null;
}

/** Everything the analyses of one site need. */
export interface SiteReadings {
  dsl: readonly DslReading[];
  hours: readonly HourSummary[];
}
