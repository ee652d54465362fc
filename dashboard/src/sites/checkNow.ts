import type { Command, LatestMeasurement } from '@linewatch/shared';

/**
 * Where a "check now" stands, from the command's state and the newest probe
 * round: the verdict counts only once a round arrived after the command
 * was done (the agent reports `command_done` when its extra round ran; the
 * round's measurement may land a moment later).
 */
export type CheckPhase =
  | { phase: 'waiting'; sent: boolean }
  | { phase: 'expired' }
  | { phase: 'done'; latest: LatestMeasurement }
  | { phase: 'finishing' };

/**
 * @example checkPhase({ state: 'sent', … }, null) // { phase: 'waiting', sent: true }
 */
export function checkPhase(command: Command, latest: LatestMeasurement | null | undefined): CheckPhase {
  if (command.state === 'expired') return { phase: 'expired' };
  if (command.state !== 'done') return { phase: 'waiting', sent: command.state === 'sent' };
  const doneAt = Date.parse(command.doneAt ?? command.issuedAt);
  // A second of slack: the round may be stamped just before the command's done report.
  if (latest && Date.parse(latest.receivedAt) >= doneAt - 1_000) return { phase: 'done', latest };
  return { phase: 'finishing' };
}
