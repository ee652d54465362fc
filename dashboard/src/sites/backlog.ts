/**
 * Samples that may be in flight on a working line: the batch being sent
 * and the round or two taken while the server's acknowledgement is on its
 * way (a busy server, a 1 s interval). Only more than this is a backlog.
 */
export const inFlightSamples = 3;

/**
 * How many samples wait in the box's outbox beyond those in flight, from
 * the backlog it reported with its last batch (that batch included); null
 * when it never reported one.
 *
 * @example waitingSamples(1) // 0 — steady state
 * @example waitingSamples(240) // 237 — replaying after an outage
 */
export function waitingSamples(backlog: number | null): number | null {
  if (backlog === null) return null;
  return backlog <= inFlightSamples ? 0 : backlog - inFlightSamples;
}
