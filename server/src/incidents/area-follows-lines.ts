import type { Cause } from '@linewatch/shared';
import type { IncidentRow } from '../store/incidents.js';

/**
 * What an area incident says about itself follows what its lines found.
 * Pure: the caller reads the rows and stores the answer.
 *
 * 1. Cause: an area incident opened while its boxes were silent says
 *    `agent_silent`; once the lines' own records arrive (reconciliation),
 *    the cause most of them recorded replaces it (e.g. `line_sync_lost`:
 *    the carrier's equipment in the area). A suspected power cut keeps its
 *    cause; so does an area whose lines are all still silent.
 * 2. Recovery: the area is back when every line is back, at the moment the
 *    last one came back; a line failing again makes it down again.
 *
 * @example
 * areaFollowsLines(area, [{ cause: 'line_sync_lost', recovered_at: 5 }, { cause: 'agent_silent', recovered_at: 7 }])
 * // { cause: 'line_sync_lost', recoveredAt: 7 }
 */
export function areaFollowsLines(
  area: Pick<IncidentRow, 'cause' | 'power_cut' | 'recovered_at'>,
  lines: readonly Pick<IncidentRow, 'cause' | 'recovered_at'>[],
): { cause: Cause | null; recoveredAt: number | null } {
  const recoveredAt =
    lines.length > 0 && lines.every((l) => l.recovered_at !== null)
      ? Math.max(...lines.map((l) => l.recovered_at as number))
      : null;
  if (area.power_cut === 1 || area.cause !== 'agent_silent') return { cause: area.cause, recoveredAt };
  const votes = new Map<Cause, number>();
  for (const l of lines) {
    if (l.cause !== null && l.cause !== 'agent_silent') votes.set(l.cause, (votes.get(l.cause) ?? 0) + 1);
  }
  let best: Cause | null = null;
  for (const [cause, n] of votes) if (best === null || n > (votes.get(best) ?? 0)) best = cause;
  return { cause: best ?? area.cause, recoveredAt };
}
