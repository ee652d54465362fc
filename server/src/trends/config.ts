/**
 * Thresholds of the early-warning analyses, one section per trend, units
 * in the names. They are starting points to tune against real fleets, not
 * standards: no norm says when a DSL line "will fail soon".
 *
 * Why these numbers:
 * - DSL lines train to a target SNR margin of typically 6 dB and lose sync
 *   when the margin reaches about 0 dB. A line sitting at its 6 dB target is
 *   healthy, so "below 6 dB" alone is only `info`; below 3 dB errors and
 *   resyncs become likely (`warning`). A drop of 3 dB against its own past
 *   (new crosstalk, wet joint, bad in-house wiring) is a `warning` at any
 *   level. TR-064 reports the margin in 0.1 dB (DOMAIN.md §2); the agent
 *   already converts it to dB.
 * - CRC errors are uncorrected blocks, i.e. lost packets (DOMAIN.md,
 *   fritzconnection PR #117); FEC errors were corrected and are ignored.
 * - Evening congestion: 19–23 h local time is peak use in Germany; the
 *   early morning is the line's quiet reference.
 */
export interface TrendConfig {
  snr: {
    /** The recent window whose median is compared with the baseline. */
    recentHours: number;
    /** The baseline: this many days right before the recent window. */
    baselineDays: number;
    /** Recent median this much below the baseline median → warning. */
    dropDb: number;
    /** "Current" margin = the median over this many last hours (one low reading is noise). */
    currentHours: number;
    /** Current margin below this → info. */
    lowInfoDb: number;
    /** Current margin below this → warning. */
    lowWarningDb: number;
    /** Fewer readings than this in a window: not enough to judge it. */
    minSamples: number;
  };
  crc: {
    recentHours: number;
    baselineDays: number;
    /** Recent CRC errors per hour at or above this → warning, whatever the baseline. */
    warningPerHour: number;
    /** Recent rate at least this many times the baseline rate (and ≥ riseMinPerHour) → info. */
    riseFactor: number;
    riseMinPerHour: number;
    /** Hours a window's readings must span before its rate counts. */
    minCoverageHours: number;
  };
  resyncs: {
    windowHours: number;
    /** More resyncs than this within the window → warning. */
    maxPerWindow: number;
    /** A downstream sync rate changing by at least this much between readings counts as a resync. */
    syncRateChangeMinPct: number;
  };
  congestion: {
    /** IANA zone the evening is defined in; DST is followed. */
    timeZone: string;
    days: number;
    /** Local hours [from, to) of the evening and of the quiet reference. */
    eveningFromHour: number;
    eveningToHour: number;
    baselineFromHour: number;
    baselineToHour: number;
    /** A congested evening: hourly p90 latency ≥ factor × baseline and ≥ baseline + extra … */
    latencyFactor: number;
    latencyMinExtraMs: number;
    /** … or loss ≥ this while the baseline's loss is at most baselineLossMaxPct. */
    eveningLossMinPct: number;
    baselineLossMaxPct: number;
    /** Hours with data needed for an evening / for the baseline to count. */
    minEveningHours: number;
    minBaselineHours: number;
    /** Congested evenings among the last `days` for info / warning. */
    infoDays: number;
    warningDays: number;
  };
  job: {
    runEveryMinutes: number;
    /** The first run after start(), so a restart does not wait an hour but does not slow start-up either. */
    firstRunDelaySeconds: number;
    /** A finding that stops holding is cleared once it was last seen this long ago (hysteresis). */
    clearAfterMinutes: number;
    /** One raw reading per this many minutes over the recent DSL window … */
    recentSampleMinutes: number;
    /** … and per this many minutes over the older baseline. */
    baselineSampleMinutes: number;
    /** Sites read per page of the site list. */
    sitesPerPage: number;
    /** Work this long at most before yielding to the event loop (wall-clock ms). */
    sliceBudgetMs: number;
  };
}

export const defaultTrendConfig: TrendConfig = {
  snr: {
    recentHours: 24,
    baselineDays: 7,
    dropDb: 3,
    currentHours: 3,
    lowInfoDb: 6,
    lowWarningDb: 3,
    minSamples: 6,
  },
  crc: {
    recentHours: 24,
    baselineDays: 7,
    warningPerHour: 200,
    riseFactor: 4,
    riseMinPerHour: 20,
    minCoverageHours: 6,
  },
  resyncs: { windowHours: 24, maxPerWindow: 3, syncRateChangeMinPct: 2 },
  congestion: {
    timeZone: 'Europe/Berlin',
    days: 7,
    eveningFromHour: 19,
    eveningToHour: 23,
    baselineFromHour: 2,
    baselineToHour: 12,
    latencyFactor: 2,
    latencyMinExtraMs: 20,
    eveningLossMinPct: 1,
    baselineLossMaxPct: 0.2,
    minEveningHours: 2,
    minBaselineHours: 12,
    infoDays: 3,
    warningDays: 5,
  },
  job: {
    runEveryMinutes: 60,
    firstRunDelaySeconds: 60,
    clearAfterMinutes: 180,
    recentSampleMinutes: 10,
    baselineSampleMinutes: 60,
    sitesPerPage: 100,
    sliceBudgetMs: 20,
  },
};

/** Overrides per section, e.g. `{ snr: { dropDb: 4 } }`. */
export type TrendConfigOverrides = { [K in keyof TrendConfig]?: Partial<TrendConfig[K]> };

/**
 * The defaults with `overrides` laid over them, section by section.
 *
 * @example
 * const config = trendConfig({ congestion: { timeZone: 'Europe/Vienna' } });
 */
export function trendConfig(overrides: TrendConfigOverrides = {}): TrendConfig {
  const d = defaultTrendConfig;
  return {
    snr: { ...d.snr, ...overrides.snr },
    crc: { ...d.crc, ...overrides.crc },
    resyncs: { ...d.resyncs, ...overrides.resyncs },
    congestion: { ...d.congestion, ...overrides.congestion },
    job: { ...d.job, ...overrides.job },
  };
}

export const hourMs = 3_600_000;
export const dayMs = 86_400_000;
