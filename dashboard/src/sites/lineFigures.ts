import type { Contract, Measurement } from '@linewatch/shared';

/** The current DSL/DNS figures of a probe round, ready to show; null where the round has none. */
export interface LineFigures {
  /** Sync rates in Mbit/s and as a share of the contracted speed (0…1+). */
  syncDownMbps: number | null;
  syncUpMbps: number | null;
  syncDownShare: number | null;
  syncUpShare: number | null;
  snrDownDb: number | null;
  snrUpDb: number | null;
  crcErrors: number | null;
  linkRetrains: number | null;
  /** Name resolution per resolver: time in ms, or null when it failed. */
  dns: { resolver: string; ok: boolean; timeMs: number | null; error: string | null }[];
  gatewayRttMs: number | null;
}

/**
 * @example lineFigures(measurement, { downMbps: 100, upMbps: 40 }).syncDownShare // 0.92
 */
export function lineFigures(measurement: Measurement, contract: Contract): LineFigures {
  const dsl = measurement.router?.dsl ?? null;
  const down = dsl?.downCurrentKbps != null ? dsl.downCurrentKbps / 1000 : null;
  const up = dsl?.upCurrentKbps != null ? dsl.upCurrentKbps / 1000 : null;
  return {
    syncDownMbps: down,
    syncUpMbps: up,
    syncDownShare: down === null ? null : down / contract.downMbps,
    syncUpShare: up === null ? null : up / contract.upMbps,
    snrDownDb: dsl?.downSnrMarginDb ?? null,
    snrUpDb: dsl?.upSnrMarginDb ?? null,
    crcErrors: dsl?.crcErrors ?? null,
    linkRetrains: dsl?.linkRetrains ?? null,
    dns: (measurement.dns ?? []).map((d) => ({
      resolver: d.resolver,
      ok: d.ok,
      timeMs: d.timeMs,
      error: d.error,
    })),
    gatewayRttMs: measurement.gateway.rttMs,
  };
}
