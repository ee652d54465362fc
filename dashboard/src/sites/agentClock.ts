import type { AgentFacts } from '@linewatch/shared';
import { formatDuration } from '../i18n/time';

/** How the box's clock compares with the server's: within tolerance, or ahead or behind by `offMs`. */
export interface ClockVerdict {
  kind: 'synced' | 'ahead' | 'behind';
  offMs: number;
}

/**
 * The server's verdict on the box's clock (from its newest sample), or null
 * before anything was measured.
 *
 * @example clockVerdict({ clockSkewMs: -259_200_000, clockSynced: false }) // { kind: 'behind', offMs: 259_200_000 }
 */
export function clockVerdict(agent: Pick<AgentFacts, 'clockSkewMs' | 'clockSynced'>): ClockVerdict | null {
  if (agent.clockSkewMs === null || agent.clockSynced === null) return null;
  const offMs = Math.abs(agent.clockSkewMs);
  if (agent.clockSynced) return { kind: 'synced', offMs };
  return { kind: agent.clockSkewMs > 0 ? 'ahead' : 'behind', offMs };
}

/**
 * A clock offset: seconds with one decimal under a minute, else as a duration.
 *
 * @example formatOffset(1234, (n) => n.toFixed(1)) // '1.2 s'
 * @example formatOffset(3 * 86_400_000, String) // '3 d 0 h'
 */
export function formatOffset(ms: number, formatSeconds: (seconds: number) => string): string {
  return ms < 60_000 ? `${formatSeconds(Math.round(ms / 100) / 10)} s` : formatDuration(ms);
}
