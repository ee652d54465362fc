import type { Cause } from '@linewatch/shared';
import { followLines } from './area-joining.js';
import { type IncidentContext, system } from './context.js';

/** Whether an incident's cause was already corrected from `agent_silent` (so later backlog may refine it). */
function correctedFromSilence(ctx: IncidentContext, incidentId: string): boolean {
  return ctx.store.incidents
    .events(incidentId)
    .some((e) => e.kind === 'cause_corrected' && e.data.from === 'agent_silent' && e.data.why !== undefined);
}

/**
 * Corrects a silent site's incident from what its agent recorded while cut
 * off, as that arrives (backlog batches, oldest first; call after each):
 * the cause it saw and when the line really failed (first pass), and when
 * it really came back (as soon as that sample is in). Reads the site's
 * stored verdicts around the incident, on the server's clock.
 *
 * @example
 * reconcile(ctx, siteId, Date.now()); // agent_silent → line_sync_lost, started 14:00:30
 */
export function reconcile(ctx: IncidentContext, siteId: string, now: number): void {
  const { store } = ctx;
  const incident = store.incidents.latestForSite(siteId);
  if (!incident) return;
  const corrected = incident.cause !== 'agent_silent';
  if (corrected && !correctedFromSilence(ctx, incident.id)) return;
  const until = incident.recovered_at ?? now;
  const samples = store.siteHistory.verdictsBetween(siteId, incident.started_at - 120_000, until);
  const firstDown = corrected
    ? samples.find((s) => s.t >= incident.started_at && s.status === 'down')
    : samples.find((s) => s.status === 'down');
  if (!firstDown || firstDown.cause === null) return;
  const backAfter = samples.find((s) => s.t > firstDown.t && s.status !== 'down');
  const cause = corrected ? incident.cause : (firstDown.cause as Cause);
  const startedAt = corrected ? incident.started_at : firstDown.t;
  const recoveredAt =
    incident.recovered_at !== null && backAfter && backAfter.t < incident.recovered_at
      ? backAfter.t
      : incident.recovered_at;
  if (cause === incident.cause && startedAt === incident.started_at && recoveredAt === incident.recovered_at)
    return;
  store.incidents.update(incident.id, { cause, started_at: startedAt, recovered_at: recoveredAt }, now);
  ctx.record(incident.id, now, 'cause_corrected', system, {
    from: corrected ? incident.cause : 'agent_silent',
    to: cause,
    startedAt: new Date(startedAt).toISOString(),
    recoveredAt: recoveredAt === null ? null : new Date(recoveredAt).toISOString(),
    why: 'recorded by the agent while cut off',
  });
  ctx.touch(incident.id);
  followLines(ctx, incident.parent_id, now);
}

/**
 * The agent came back with a new boot: if it booted after the site fell
 * silent, the box was off — a power cut or someone unplugged it.
 */
export function agentRebooted(ctx: IncidentContext, siteId: string, bootedAt: number, now: number): void {
  const { store } = ctx;
  const incident = store.incidents.latestForSite(siteId);
  if (incident?.cause !== 'agent_silent' || bootedAt < incident.started_at) return;
  store.incidents.update(incident.id, { cause: 'power_or_device' }, now);
  ctx.record(incident.id, now, 'cause_corrected', system, {
    from: 'agent_silent',
    to: 'power_or_device',
    bootedAt: new Date(bootedAt).toISOString(),
    why: 'the agent restarted during the silence',
  });
  ctx.touch(incident.id);
  followLines(ctx, incident.parent_id, now);
}
