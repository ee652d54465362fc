import type { TrendFinding } from '@linewatch/shared';
import { dayMs, type TrendConfig } from './config.js';
import { bilingual } from './format.js';
import { type LocalHour, localHours } from './local-time.js';
import type { HourSummary } from './readings.js';
import { median, round, weightedMean } from './stats.js';

type Config = TrendConfig['congestion'];

interface Evening {
  date: string;
  latencyP90Ms: number | null;
  lossPct: number | null;
  latencyHigh: boolean;
  lossHigh: boolean;
}

const inHours = (h: number, from: number, to: number) => h >= from && h < to;

/** Hourly p90 latencies and sample-weighted losses of some hours. */
function summarise(hours: readonly HourSummary[]) {
  return {
    latencyP90Ms: median(hours.flatMap((h) => (h.latencyP90Ms === null ? [] : [h.latencyP90Ms]))),
    latencyHours: hours.filter((h) => h.latencyP90Ms !== null).length,
    lossPct: weightedMean(
      hours.flatMap((h) => (h.lossPct === null ? [] : [{ value: h.lossPct, weight: h.samples }])),
    ),
    lossHours: hours.filter((h) => h.lossPct !== null).length,
  };
}

/** Judges each evening with enough data against the quiet hours' reference. */
function evenings(
  hours: readonly HourSummary[],
  local: (t: number) => LocalHour,
  c: Config,
): { judged: Evening[]; refLatency: number | null; refLoss: number | null } {
  const quiet: HourSummary[] = [];
  const byDate = new Map<string, HourSummary[]>();
  for (const h of hours) {
    if (h.samples === 0) continue;
    const { date, hour } = local(h.bucketStart);
    if (inHours(hour, c.baselineFromHour, c.baselineToHour)) quiet.push(h);
    else if (inHours(hour, c.eveningFromHour, c.eveningToHour)) {
      const evening = byDate.get(date) ?? [];
      evening.push(h);
      byDate.set(date, evening);
    }
  }
  const ref = summarise(quiet);
  const refLatency = ref.latencyHours >= c.minBaselineHours ? ref.latencyP90Ms : null;
  const refLoss = ref.lossHours >= c.minBaselineHours ? ref.lossPct : null;
  const judged: Evening[] = [];
  for (const [date, list] of byDate) {
    if (list.length < c.minEveningHours) continue;
    const e = summarise(list);
    judged.push({
      date,
      latencyP90Ms: e.latencyP90Ms,
      lossPct: e.lossPct,
      latencyHigh:
        refLatency !== null &&
        e.latencyP90Ms !== null &&
        e.latencyP90Ms >= c.latencyFactor * refLatency &&
        e.latencyP90Ms - refLatency >= c.latencyMinExtraMs,
      lossHigh:
        refLoss !== null &&
        refLoss <= c.baselineLossMaxPct &&
        e.lossPct !== null &&
        e.lossPct >= c.eveningLossMinPct,
    });
  }
  return { judged, refLatency, refLoss };
}

/**
 * Congestion: the carrier's network (DSLAM uplink, BNG, peering) fills up
 * at peak time, so latency or loss rise every evening while the line
 * itself is fine. One bad evening is chance; a pattern is a case for the
 * carrier.
 *
 * 1. Reference: the `baselineFromHour`–`baselineToHour` local hours of the
 *    last `days` days: median of the hourly p90 latencies, mean loss.
 * 2. Each evening (`eveningFromHour`–`eveningToHour` local time, DST
 *    followed) with ≥ `minEveningHours` hours of data is congested when its
 *    median hourly p90 is ≥ `latencyFactor` × the reference and ≥ the
 *    reference + `latencyMinExtraMs`, or its loss is ≥ `eveningLossMinPct`
 *    while the reference's is ≤ `baselineLossMaxPct`.
 * 3. ≥ `warningDays` congested evenings → warning, ≥ `infoDays` → info.
 *
 * @example
 * congestionFindings(hours, Date.now(), defaultTrendConfig.congestion)
 */
export function congestionFindings(
  hours: readonly HourSummary[],
  now: number,
  c: Config,
  local: (t: number) => LocalHour = localHours(c.timeZone),
): TrendFinding[] {
  const from = now - c.days * dayMs;
  const { judged, refLatency, refLoss } = evenings(
    hours.filter((h) => h.bucketStart >= from && h.bucketStart < now),
    local,
    c,
  );
  const bad = judged.filter((e) => e.latencyHigh || e.lossHigh);
  if (bad.length < c.infoDays) return [];

  const latencyMs = median(
    bad.flatMap((e) => (e.latencyHigh && e.latencyP90Ms !== null ? [e.latencyP90Ms] : [])),
  );
  const lossPct = median(bad.flatMap((e) => (e.lossHigh && e.lossPct !== null ? [e.lossPct] : [])));
  /** What rose in the evening, in the reader's language. */
  const what = (n: (v: number) => string, de: boolean) => {
    const parts: string[] = [];
    if (latencyMs !== null && refLatency !== null)
      parts.push(
        `${de ? 'Latenz' : 'latency'} (p90) ${n(latencyMs)} ms ${de ? 'statt' : 'instead of'} ${n(refLatency)} ms`,
      );
    if (lossPct !== null) parts.push(`${n(lossPct)} % ${de ? 'Paketverlust' : 'packet loss'}`);
    return parts.join(de ? ' und ' : ' and ');
  };
  return [
    {
      kind: 'evening_congestion',
      severity: bad.length >= c.warningDays ? 'warning' : 'info',
      message: bilingual(
        (n) =>
          `An ${n(bad.length)} von ${n(judged.length)} Abenden (${c.eveningFromHour}–${c.eveningToHour} Uhr) ${what(n, true)}: ` +
          'Überlast im Netz des Anbieters zur Hauptnutzungszeit.',
        (n) =>
          `On ${n(bad.length)} of ${n(judged.length)} evenings (${c.eveningFromHour}–${c.eveningToHour} h) ${what(n, false)}: ` +
          "the carrier's network is congested at peak time.",
      ),
      evidence: {
        congestedEvenings: bad.length,
        eveningsJudged: judged.length,
        ...(refLatency === null ? {} : { baselineLatencyP90Ms: round(refLatency) }),
        ...(latencyMs === null ? {} : { eveningLatencyP90Ms: round(latencyMs) }),
        ...(refLoss === null ? {} : { baselineLossPct: round(refLoss, 2) }),
        ...(lossPct === null ? {} : { eveningLossPct: round(lossPct, 2) }),
      },
    },
  ];
}
