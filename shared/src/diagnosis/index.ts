/**
 * The agent's diagnosis of a probe round: the rules that turn what a round
 * found into up / degraded / down and a cause. Pure, so the agent and the
 * fleet simulator (server/sim) reach their verdicts by the same rules.
 */
export { type Diagnosis, diagnose } from './diagnose.js';
export { downCause, linkState, routerAnswers, sessionState } from './down-cause.js';
export type { DiagnosisContext, RoundFindings } from './findings.js';
export { icmpFigures, type LineFigures, lineFigures } from './line-figures.js';
export { lossPct, median, roundMs } from './stats.js';
