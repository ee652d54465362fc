import type { Measurement, RouterDsl } from '@linewatch/shared';
import { type Figures, measurementAt } from '../testing/store.js';
import type { DslReading, HourSummary } from './readings.js';

/**
 * Synthetic series for the trend tests and the bench: a healthy VDSL line
 * unless a test says otherwise.
 */

export const minuteMs = 60_000;

/** A healthy reading at `t`: 10 dB margin, 100 Mbit/s, no errors; router up since well before. */
export function reading(t: number, over: Partial<DslReading> = {}): DslReading {
  return {
    t,
    routerUptimeSeconds: Math.floor(t / 1000),
    downSnrMarginDb: 10,
    downCurrentKbps: 100_000,
    crcErrors: 0,
    linkRetrains: 0,
    ...over,
  };
}

/** Readings every `stepMs` in [from, to); `at` returns the changes from healthy, or null for no reading (a gap). */
export function readings(
  from: number,
  to: number,
  stepMs: number,
  at: (t: number, i: number) => Partial<DslReading> | null = () => ({}),
): DslReading[] {
  const out: DslReading[] = [];
  for (let t = from, i = 0; t < to; t += stepMs, i++) {
    const over = at(t, i);
    if (over) out.push(reading(t, over));
  }
  return out;
}

/** Hourly rollups in [from, to); `at` returns the hour's p90 and loss, or null for an hour without data. */
export function hourSeries(
  from: number,
  to: number,
  at: (t: number) => { latencyP90Ms: number; lossPct?: number } | null,
): HourSummary[] {
  const out: HourSummary[] = [];
  for (let t = from; t < to; t += 3_600_000) {
    const h = at(t);
    if (h) out.push({ bucketStart: t, samples: 360, latencyP90Ms: h.latencyP90Ms, lossPct: h.lossPct ?? 0 });
  }
  return out;
}

/** A full `router.dsl` object: the healthy figures with `over` laid over them. */
export function routerDsl(over: Partial<RouterDsl> = {}): RouterDsl {
  return {
    status: 'Up',
    downCurrentKbps: 100_000,
    upCurrentKbps: 40_000,
    downMaxKbps: 120_000,
    upMaxKbps: 45_000,
    downSnrMarginDb: 10,
    upSnrMarginDb: 8,
    downAttenuationDb: 14,
    upAttenuationDb: 8,
    crcErrors: 0,
    fecErrors: 0,
    linkRetrains: 0,
    erroredSeconds: 0,
    severelyErroredSeconds: 0,
    ...over,
  };
}

/** A probe round at `t` carrying the router's DSL figures, as an agent behind a FRITZ!Box sends it. */
export function dslMeasurementAt(
  bootId: string,
  seq: number,
  t: number,
  dsl: Partial<RouterDsl>,
  routerUptimeSeconds: number,
  figures: Figures = {},
): Measurement {
  return {
    ...measurementAt(bootId, seq, t, figures),
    router: {
      address: '192.168.178.1',
      protocol: 'tr064',
      model: 'FRITZ!Box 7590',
      firmware: '7.57',
      uptimeSeconds: routerUptimeSeconds,
      wan: null,
      dsl: routerDsl(dsl),
      log: [],
      findings: [],
    },
  };
}
