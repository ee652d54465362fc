import {
  type AgentDiagnosis,
  type Contract,
  diagnose,
  type Measurement,
  type RouterDsl,
  Thresholds,
} from '@linewatch/shared';

/** A probe round without its verdict. */
export type Round = Omit<Measurement, 'diagnosis'>;

/** The DSL counters of the previous round, for the rate of CRC errors and resyncs. */
export interface PreviousDsl {
  dsl: RouterDsl;
  atMs: number;
}

const defaults = Thresholds.parse({});

/**
 * The simulated agent's verdict on its own round: the real agent's rules
 * (`diagnose` in shared), so the fleet reports what a real agent would.
 *
 * @example
 * diagnoseRound(round, { downMbps: 100, upMbps: 40 }, null) // { status: 'up', cause: null, evidence: […] }
 */
export function diagnoseRound(
  round: Round,
  contract: Contract,
  previous: PreviousDsl | null,
  thresholds: Thresholds = defaults,
): AgentDiagnosis {
  return diagnose(round, thresholds, {
    contract,
    previous: previous ?? undefined,
    nowMs: Date.parse(round.t),
  });
}
