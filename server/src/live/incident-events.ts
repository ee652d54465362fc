import { EventEmitter } from 'node:events';
import type { IncidentChange, LiveIncident } from '@linewatch/shared';
import { incidentView } from '../incidents/views.js';
import type { Store } from '../store/index.js';

/**
 * In-process fan-out of incident changes to the dashboard's live feeds
 * (`event: incident`), beside the site changes of `site-events.ts`.
 *
 * @example
 * const hub = createIncidentEvents(store);
 * const off = hub.subscribe(orgId, (e) => send(e));
 * hub.changed(incidentId, true); // after the processor opened it
 */
export function createIncidentEvents(store: Store) {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    /**
     * An incident was opened (`opened`) or changed and committed: tells the
     * feeds of its org, as `resolved` once it is.
     */
    changed(incidentId: string, opened = false): void {
      const row = store.incidents.get(incidentId);
      if (!row || emitter.listenerCount(row.org_id) === 0) return;
      const change: IncidentChange = row.resolved_at !== null ? 'resolved' : opened ? 'opened' : 'changed';
      const event: LiveIncident = { change, incident: incidentView(store, row) };
      emitter.emit(row.org_id, event);
    },
    /** Returns the unsubscribe function. */
    subscribe(orgId: string, listener: (event: LiveIncident) => void): () => void {
      emitter.on(orgId, listener);
      return () => emitter.off(orgId, listener);
    },
  };
}
export type IncidentEvents = ReturnType<typeof createIncidentEvents>;
