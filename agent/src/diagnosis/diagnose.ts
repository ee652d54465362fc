import type {
  AgentDiagnosis,
  DegradedCause,
  GatewayProbeResult,
  TcpProbeResult,
  Thresholds,
} from '@linewatch/shared';
import { type LineFigures, lineFigures } from './line-figures.js';

/** The agent's verdict plus the facts behind it, in plain English for logs and `check --json`. */
export interface Diagnosis extends AgentDiagnosis {
  evidence: string[];
}

/** What a diagnosis looks at: the gateway and the internet targets of one round. */
export interface RoundFindings {
  gateway: GatewayProbeResult;
  targets: readonly TcpProbeResult[];
}

/** Degraded causes in order of precedence: the first one over its threshold is the cause. */
const degradedChecks: ReadonlyArray<{
  cause: DegradedCause;
  figure: keyof LineFigures;
  threshold: keyof Thresholds;
  what: string;
  unit: string;
}> = [
  { cause: 'high_loss', figure: 'lossPct', threshold: 'lossPct', what: 'loss', unit: ' %' },
  { cause: 'high_latency', figure: 'latencyMs', threshold: 'latencyMs', what: 'latency', unit: ' ms' },
  { cause: 'high_jitter', figure: 'jitterMs', threshold: 'jitterMs', what: 'jitter', unit: ' ms' },
];

/**
 * Diagnoses one probe round. Pure.
 *
 * 1. Nothing on the internet answers and there is no default route or the
 *    router does not answer → down, `router_unreachable`.
 * 2. Nothing on the internet answers, the router does → down, `internet_unreachable`.
 * 3. Loss, latency or jitter over their thresholds → degraded, the first of
 *    those (in that order) as the cause.
 * 4. Otherwise up.
 *
 * A router that does not answer on port 80/49000 while internet targets do
 * is evidently forwarding traffic (some boxes firewall their LAN ports), so
 * it alone does not make the line down: the evidence notes it.
 *
 * @example
 * diagnose(round, { lossPct: 5, latencyMs: 150, jitterMs: 30 })
 * // { status: 'down', cause: 'router_unreachable', evidence: ['no default route'] }
 */
export function diagnose(round: RoundFindings, thresholds: Thresholds): Diagnosis {
  const { gateway, targets } = round;
  const evidence: string[] = [];
  const answering = targets.filter((t) => t.received > 0).length;
  const router = gateway.address ?? 'router';
  if (!gateway.reachable) {
    evidence.push(
      gateway.address === null
        ? (gateway.error ?? 'no default route')
        : `router ${router} does not answer (${gateway.error ?? 'no answer'})`,
    );
  }
  if (answering === 0) {
    evidence.push(`none of ${targets.length} internet targets answers`);
    const cause = gateway.reachable ? 'internet_unreachable' : 'router_unreachable';
    if (gateway.reachable) evidence.unshift(`router ${router} answers`);
    return { status: 'down', cause, evidence };
  }
  if (!gateway.reachable) evidence.push(`${answering} of ${targets.length} internet targets answer`);

  const figures = lineFigures(targets);
  let cause: DegradedCause | null = null;
  for (const check of degradedChecks) {
    const value = figures[check.figure];
    const limit = thresholds[check.threshold];
    if (value === null || value <= limit) continue;
    evidence.push(`${check.what} ${value}${check.unit} is over ${limit}${check.unit}`);
    cause ??= check.cause;
  }
  return cause ? { status: 'degraded', cause, evidence } : { status: 'up', cause: null, evidence };
}
