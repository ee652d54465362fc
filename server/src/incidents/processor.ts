import type { IncidentEventKind } from '@linewatch/shared';
import type { Logger } from 'pino';
import type { IncidentRow } from '../store/incidents.js';
import type { Store } from '../store/index.js';
import type { SiteRow } from '../store/sites.js';
import type { TransitionRow } from '../store/transitions.js';
import { defaultGroupingConfig, type GroupingConfig } from './area-grouping.js';
import { createAreaIncidents } from './area-incidents.js';
import { defaultFlapConfig, defaultStableMs, type FlapConfig, flapState } from './flapping.js';
import { createReconciler } from './reconcile.js';
import { siteArea } from './site-area.js';

export interface IncidentConfig {
  grouping: GroupingConfig;
  flap: FlapConfig;
  /** The line must stay back this long before its incident resolves itself, ms. */
  stableMs: number;
  /** A line degraded this long opens an incident, ms. */
  degradedSustainMs: number;
}

export const defaultIncidentConfig: IncidentConfig = {
  grouping: defaultGroupingConfig,
  flap: defaultFlapConfig,
  stableMs: defaultStableMs,
  degradedSustainMs: 15 * 60_000, // 15 min
};

export interface IncidentProcessorDeps {
  store: Store;
  now(): number;
  config: IncidentConfig;
  log: Logger;
  /** Told after an incident was opened or changed and committed (for the live feed). */
  onChange(incidentId: string): void;
  /** Told of every timeline event the processor records, inside its transaction (for alerts). */
  onEvent?(event: { incidentId: string; kind: IncidentEventKind; at: number }): void;
}

const system = 'system';

/**
 * Turns status changes (`transitions` rows) into incidents. Each row is
 * handled and marked processed in one transaction, so a crash neither loses
 * nor repeats one (Healthchecks' Flip). Time-based steps — resolving a line
 * that stayed back, opening an incident for a line degraded too long — run
 * in {@link tick}.
 *
 * @example
 * const incidents = createIncidentProcessor(deps);
 * incidents.process();          // after each stored transition
 * setInterval(incidents.tick, 5000);
 */
export function createIncidentProcessor(deps: IncidentProcessorDeps) {
  const { store, config, log } = deps;
  const changed = new Set<string>();

  const touch = (id: string) => changed.add(id);

  /**
   * Adds a timeline event and tells `onEvent` inside the same transaction,
   * so what follows from it (a notification row) commits with it or not at all.
   */
  function record(
    id: string,
    at: number,
    kind: IncidentEventKind,
    actor: string,
    data: Record<string, unknown> = {},
  ): void {
    store.incidents.addEvent(id, at, kind, actor, data);
    deps.onEvent?.({ incidentId: id, kind, at });
  }

  function areaOf(site: SiteRow): string | null {
    return siteArea(site);
  }

  function inMaintenance(site: SiteRow, at: number): boolean {
    return (
      store.maintenance.activeFor(
        { orgId: site.org_id, siteId: site.id, carrier: site.carrier, area: areaOf(site) },
        at,
      ) !== undefined
    );
  }

  /** 1. A site went down: open its incident (or reopen a recovering one), then look at the area. */
  function siteDown(t: TransitionRow, site: SiteRow, open: IncidentRow | undefined, now: number): void {
    if (open) {
      if (open.recovered_at !== null) {
        store.incidents.update(open.id, { recovered_at: null }, now);
        record(open.id, t.at, 'relapsed', system, { cause: t.cause });
        markFlapping(open, site, now);
        followLines(open.parent_id, now);
      }
      if (open.status !== 'down' || open.cause !== t.cause) {
        store.incidents.update(open.id, { status: 'down', cause: t.cause }, now);
      }
      touch(open.id);
      return;
    }
    const id = store.incidents.create(
      {
        orgId: site.org_id,
        kind: 'site',
        siteId: site.id,
        status: 'down',
        cause: t.cause,
        maintenance: inMaintenance(site, t.at),
        startedAt: t.at,
      },
      now,
    );
    record(id, t.at, 'opened', system, { status: 'down', cause: t.cause, reason: t.reason });
    touch(id);
    joinArea(site, t, now);
  }

  function markFlapping(incident: IncidentRow, site: SiteRow, now: number): void {
    if (incident.flapping === 1) return;
    const history = store.transitions
      .forSite(site.id, 200)
      .filter((r) => r.new_status === 'down' || r.new_status === 'up')
      .map((r) => ({ to: r.new_status as 'down' | 'up', at: r.at }))
      .reverse();
    const flap = flapState(history, now, config.flap);
    if (!flap.flapping) return;
    store.incidents.update(incident.id, { flapping: 1 }, now);
    record(incident.id, now, 'flapping', system, { downs: flap.downs });
  }

  /** 3. The line is back (or only degraded now): the incident waits to see it stay. */
  function siteBack(t: TransitionRow, open: IncidentRow, now: number): void {
    if (open.status === 'down' && open.recovered_at === null) {
      store.incidents.update(open.id, { recovered_at: t.at }, now);
      record(open.id, t.at, 'recovered', system, { status: t.new_status, cause: t.cause });
      touch(open.id);
      followLines(open.parent_id, now);
    }
  }

  function handle(t: TransitionRow, now: number): void {
    const site = store.sites.getById(t.site_id);
    if (!site) return;
    const open = store.incidents.openForSite(site.id);
    if (open) {
      record(open.id, t.at, 'status_changed', system, {
        from: t.old_status,
        to: t.new_status,
        cause: t.cause,
        reason: t.reason,
      });
      touch(open.id);
    }
    if (t.new_status === 'down') siteDown(t, site, open, now);
    else if (open && (t.new_status === 'up' || t.new_status === 'degraded')) siteBack(t, open, now);
  }

  /** Resolves what has been back for `stableMs`; then area incidents whose sites are all resolved. */
  function resolveStable(now: number): void {
    for (const i of store.incidents.recovering()) {
      if (i.kind !== 'site' || i.recovered_at === null || now - i.recovered_at < config.stableMs) continue;
      const site = i.site_id ? store.sites.getById(i.site_id) : undefined;
      if (site && site.status === 'down') continue;
      store.incidents.update(i.id, { resolved_at: now, resolved_by: system }, now);
      record(i.id, now, 'resolved', system, { stableMs: config.stableMs });
      touch(i.id);
      if (i.parent_id) resolveParentIfDone(i.parent_id, now);
    }
  }

  function resolveParentIfDone(parentId: string, now: number): void {
    const parent = store.incidents.get(parentId);
    if (!parent || parent.resolved_at !== null) return;
    const children = store.incidents.children(parentId);
    if (children.some((c) => c.resolved_at === null)) return;
    const recoveredAt = Math.max(...children.map((c) => c.recovered_at ?? now));
    store.incidents.update(
      parentId,
      { recovered_at: recoveredAt, resolved_at: now, resolved_by: system },
      now,
    );
    record(parentId, now, 'resolved', system, { sites: children.length });
    touch(parentId);
  }

  /** Opens incidents for lines degraded for longer than `degradedSustainMs`. */
  function openSustainedDegraded(now: number): void {
    for (const site of store.sites.degradedSince(now - config.degradedSustainMs)) {
      if (store.incidents.openForSite(site.id)) continue;
      const id = store.incidents.create(
        {
          orgId: site.org_id,
          kind: 'site',
          siteId: site.id,
          status: 'degraded',
          cause: site.cause,
          maintenance: inMaintenance(site, site.status_since),
          startedAt: site.status_since,
        },
        now,
      );
      record(id, now, 'opened', system, { status: 'degraded', cause: site.cause });
      touch(id);
    }
  }

  function flush(): void {
    const ids = [...changed];
    changed.clear();
    for (const id of ids) deps.onChange(id);
  }

  const { joinArea, followLines } = createAreaIncidents({
    store,
    config,
    record,
    touch,
    inMaintenance,
    areaOf,
  });
  const reconciler = createReconciler({ store, now: deps.now, record, touch, flush, followLines });

  return {
    /** Handles every unprocessed transition, oldest first, each in its own transaction. */
    process(): void {
      for (;;) {
        const batch = store.transitions.unprocessed(100);
        if (batch.length === 0) break;
        for (const t of batch) {
          try {
            store.tx(() => {
              const now = deps.now();
              handle(t, now);
              store.transitions.markProcessed(t.id, now);
            });
          } catch (err) {
            log.error({ err, transitionId: t.id }, 'transition not turned into an incident');
            store.transitions.markProcessed(t.id, deps.now());
          }
        }
      }
      flush();
    },
    /** Time-based steps; cheap (indexed queries over recovering incidents and degraded sites). */
    tick(): void {
      store.tx(() => {
        const now = deps.now();
        resolveStable(now);
        openSustainedDegraded(now);
      });
      flush();
    },
    /** See `reconcile.ts`. */
    reconcile: reconciler.reconcile,
    agentRebooted: reconciler.agentRebooted,
  };
}
export type IncidentProcessor = ReturnType<typeof createIncidentProcessor>;
