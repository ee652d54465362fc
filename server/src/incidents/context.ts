import type { IncidentEventKind } from '@linewatch/shared';
import type { Store } from '../store/index.js';
import type { SiteRow } from '../store/sites.js';
import type { IncidentConfig } from './config.js';
import { siteArea } from './site-area.js';

/** The actor of what the processor does by itself. */
export const system = 'system';

/**
 * What the parts of the incident processor (`processor.ts`,
 * `area-joining.ts`, `reconciliation.ts`, `timed-steps.ts`) share: the
 * store, the thresholds, and the two effects of every change — a timeline
 * event, and a note that the incident changed (told after the commit).
 */
export interface IncidentContext {
  store: Store;
  config: IncidentConfig;
  /**
   * Adds a timeline event and tells `onEvent` inside the same transaction,
   * so what follows from it (a notification row) commits with it or not at all.
   */
  record(
    id: string,
    at: number,
    kind: IncidentEventKind,
    actor: string,
    data?: Record<string, unknown>,
  ): void;
  /** Notes that an incident changed (or was opened) in this transaction. */
  touch(id: string, opened?: boolean): void;
  /** Whether a maintenance window covers the site (or its carrier or area) at `at`. */
  inMaintenance(site: SiteRow, at: number): boolean;
}

export interface ContextDeps {
  store: Store;
  config: IncidentConfig;
  onEvent?(event: { incidentId: string; kind: IncidentEventKind; at: number }): void;
  onChange(incidentId: string, opened: boolean): void;
}

/**
 * @example
 * const { ctx, flush } = createIncidentContext(deps);
 * store.tx(() => ctx.touch(id, true));
 * flush(); // tells onChange of every touched incident
 */
export function createIncidentContext(deps: ContextDeps): { ctx: IncidentContext; flush(): void } {
  const { store } = deps;
  /** Incidents changed since the last flush; true: opened. */
  const changed = new Map<string, boolean>();
  const ctx: IncidentContext = {
    store,
    config: deps.config,
    record(id, at, kind, actor, data = {}) {
      store.incidents.addEvent(id, at, kind, actor, data);
      deps.onEvent?.({ incidentId: id, kind, at });
    },
    touch(id, opened = false) {
      changed.set(id, opened || changed.get(id) === true);
    },
    inMaintenance(site, at) {
      const scope = { orgId: site.org_id, siteId: site.id, carrier: site.carrier, area: siteArea(site) };
      return store.maintenance.activeFor(scope, at) !== undefined;
    },
  };
  return {
    ctx,
    flush() {
      const entries = [...changed];
      changed.clear();
      for (const [id, opened] of entries) deps.onChange(id, opened);
    },
  };
}
