import type { Cause, IncidentEventKind } from '@linewatch/shared';
import type { Store } from '../store/index.js';

const system = 'system';

export interface ReconcilerDeps {
  store: Store;
  now(): number;
  /** The processor's timeline writer (tells alerts inside the transaction). */
  record(
    id: string,
    at: number,
    kind: IncidentEventKind,
    actor: string,
    data?: Record<string, unknown>,
  ): void;
  touch(id: string): void;
  flush(): void;
  /** Lets an area incident follow its lines after one of them changed. */
  followLines(parentId: string | null, now: number): void;
}

/**
 * Reconciliation: a silent agent's incident (`agent_silent`) is corrected
 * from what the agent recorded while cut off, once its backlog arrives,
 * and from a new boot (the box was off). Part of the incident processor.
 */
export function createReconciler(deps: ReconcilerDeps) {
  const { store, record, touch, flush, followLines } = deps;

  /** Whether an incident's cause was already corrected from `agent_silent` (so later backlog may refine it). */
  function correctedFromSilence(incidentId: string): boolean {
    return store.incidents
      .events(incidentId)
      .some(
        (e) => e.kind === 'cause_corrected' && e.data.from === 'agent_silent' && e.data.why !== undefined,
      );
  }

  return {
    /**
     * Corrects a silent site's incident from what its agent recorded while
     * cut off, as that arrives (backlog batches, oldest first; call after
     * each): the cause it saw and when the line really failed (first
     * pass), and when it really came back (as soon as that sample is in).
     * Reads the site's stored verdicts around the incident, on the server's
     * clock.
     */
    reconcile(siteId: string): void {
      const incident = store.incidents.latestForSite(siteId);
      if (!incident) return;
      const corrected = incident.cause !== 'agent_silent';
      if (corrected && !correctedFromSilence(incident.id)) return;
      const until = incident.recovered_at ?? deps.now();
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
      if (
        cause === incident.cause &&
        startedAt === incident.started_at &&
        recoveredAt === incident.recovered_at
      )
        return;
      store.tx(() => {
        const now = deps.now();
        store.incidents.update(incident.id, { cause, started_at: startedAt, recovered_at: recoveredAt }, now);
        record(incident.id, now, 'cause_corrected', system, {
          from: corrected ? incident.cause : 'agent_silent',
          to: cause,
          startedAt: new Date(startedAt).toISOString(),
          recoveredAt: recoveredAt === null ? null : new Date(recoveredAt).toISOString(),
          why: 'recorded by the agent while cut off',
        });
        touch(incident.id);
        followLines(incident.parent_id, now);
      });
      flush();
    },
    /**
     * The agent came back with a new boot: if it booted after the site fell
     * silent, the box was off — a power cut or someone unplugged it.
     */
    agentRebooted(siteId: string, bootedAt: number): void {
      const incident = store.incidents.latestForSite(siteId);
      if (incident?.cause !== 'agent_silent' || bootedAt < incident.started_at) return;
      store.tx(() => {
        const now = deps.now();
        store.incidents.update(incident.id, { cause: 'power_or_device' }, now);
        record(incident.id, now, 'cause_corrected', system, {
          from: 'agent_silent',
          to: 'power_or_device',
          bootedAt: new Date(bootedAt).toISOString(),
          why: 'the agent restarted during the silence',
        });
        touch(incident.id);
        followLines(incident.parent_id, now);
      });
      flush();
    },
  };
}
