import type { Incident, MeasurementPoint } from '@linewatch/shared';

/** The ranges a chart offers, from one hour to ninety days. */
export const chartRanges = ['1h', '6h', '24h', '7d', '30d', '90d'] as const;
export type ChartRange = (typeof chartRanges)[number];

const hourMs = 3_600_000;
export const rangeMs: Record<ChartRange, number> = {
  '1h': hourMs,
  '6h': 6 * hourMs,
  '24h': 24 * hourMs,
  '7d': 7 * 24 * hourMs,
  '30d': 30 * 24 * hourMs,
  '90d': 90 * 24 * hourMs,
};

/** Fewest and most points asked for (the API's `step` allows 1…10,000). */
const minPoints = 20;
const maxPoints = 10_000;

export interface RangeQuery {
  from: string;
  to: string;
  /** Most points wanted: one per pixel of plot width, never more. */
  step: number;
}

/**
 * The measurements query for a range and a plot width: the server then
 * picks raw samples or its 1-minute/1-hour rollups so that no more points
 * come back than there are pixels to draw them on. `now` is rounded down to
 * the next whole minute (so the newest samples are in) and repeated renders reuse one cached query.
 *
 * @example rangeQuery('1h', 600, Date.parse('2025-01-01T10:00:30Z'))
 * // { from: '2025-01-01T09:01:00.000Z', to: '2025-01-01T10:01:00.000Z', step: 600 }
 */
export function rangeQuery(range: ChartRange, plotWidthPx: number, nowMs: number): RangeQuery {
  const to = Math.ceil(nowMs / 60_000) * 60_000;
  const step = Math.min(maxPoints, Math.max(minPoints, Math.floor(plotWidthPx)));
  return { from: new Date(to - rangeMs[range]).toISOString(), to: new Date(to).toISOString(), step };
}

/** A chart point: `t` in ms since the epoch (recharts needs numbers on a time axis). */
/** A point as charted: time in ms, DSL sync rates in Mbit/s (as contracts are written). */
export type ChartPoint = Omit<MeasurementPoint, 't'> & {
  t: number;
  syncDownMbps: number | null;
  syncUpMbps: number | null;
};

export function toChartPoints(points: readonly MeasurementPoint[]): ChartPoint[] {
  const mbps = (kbps: number | null | undefined) =>
    kbps === null || kbps === undefined ? null : kbps / 1000;
  return points.map((point) => ({
    ...point,
    t: Date.parse(point.t),
    syncDownMbps: mbps(point.syncDownKbps),
    syncUpMbps: mbps(point.syncUpKbps),
  }));
}

/** An outage drawn as a band across a chart, in ms. */
export interface OutageBand {
  id: string;
  from: number;
  to: number;
  status: string;
}

/**
 * The site's incidents that overlap the chart's range, clipped to it; a
 * still-open one runs to the range's end.
 *
 * @example outageBands([{ id: 'a', startedAt: '…T10:00Z', recoveredAt: null, resolvedAt: null, status: 'down' }], from, to)
 */
export function outageBands(
  incidents: readonly Pick<Incident, 'id' | 'startedAt' | 'recoveredAt' | 'resolvedAt' | 'status'>[],
  fromMs: number,
  toMs: number,
): OutageBand[] {
  const bands: OutageBand[] = [];
  for (const incident of incidents) {
    const start = Date.parse(incident.startedAt);
    const endIso = incident.recoveredAt ?? incident.resolvedAt;
    const end = endIso ? Date.parse(endIso) : toMs;
    if (Number.isNaN(start) || end <= fromMs || start >= toMs) continue;
    bands.push({
      id: incident.id,
      from: Math.max(start, fromMs),
      to: Math.min(end, toMs),
      status: incident.status,
    });
  }
  return bands.sort((a, b) => a.from - b.from);
}
