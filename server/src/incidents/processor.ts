import type { IncidentEventKind } from '@linewatch/shared';
import type { Logger } from 'pino';
import type { IncidentRow } from '../store/incidents.js';
import type { Store } from '../store/index.js';
import type { SiteRow } from '../store/sites.js';
import type { TransitionRow } from '../store/transitions.js';
import { areaFollowsLines } from './area-follows-lines.js';
import {
  areaKey,
  classifyFailure,
  defaultGroupingConfig,
  type GroupingConfig,
  powerKey,
} from './area-grouping.js';
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

  /** 2. Sites of one carrier and area failing together share one area incident. */
  function joinArea(site: SiteRow, t: TransitionRow, now: number): void {
    const area = areaOf(site);
    if (area === null || inMaintenance(site, t.at)) return;
    // An area incident already open for this site's area (a power cut) or carrier and area takes
    // it in at once: one indexed lookup, so a large outage costs O(1) per further site.
    const open =
      store.incidents.openGroup(site.org_id, powerKey(area)) ??
      store.incidents.openGroup(site.org_id, areaKey(site.carrier, area));
    if (open && open.recovered_at === null && t.at - open.started_at <= config.grouping.windowMs * 30) {
      attach(open, site.id, now);
      return;
    }
    const window = config.grouping.windowMs;
    const recent = store.incidents
      .recentDown(site.org_id, t.at - window)
      .filter((f) => f.site_id !== site.id)
      .map((f) => ({ siteId: f.site_id, carrier: f.carrier, area: f.area, at: f.at }));
    const verdict = classifyFailure(
      recent,
      { siteId: site.id, carrier: site.carrier, area, at: t.at },
      config.grouping,
    );
    if (verdict.kind === 'site') return;
    let parent = store.incidents.openGroup(site.org_id, verdict.key);
    if (!parent && verdict.kind === 'power') parent = promoteToPowerCut(site.org_id, verdict.key, area, now);
    if (!parent) {
      const id = store.incidents.create(
        {
          orgId: site.org_id,
          kind: 'area',
          siteId: null,
          groupKey: verdict.key,
          carrier: verdict.kind === 'area' ? verdict.carrier : null,
          area,
          powerCut: verdict.kind === 'power',
          status: 'down',
          cause: verdict.kind === 'power' ? 'power_or_device' : t.cause,
          maintenance: false,
          startedAt: t.at,
        },
        now,
      );
      record(id, t.at, 'opened', system, { kind: verdict.kind, area, sites: verdict.siteIds.length });
      parent = store.incidents.get(id) as IncidentRow;
    }
    for (const siteId of verdict.siteIds) attach(parent, siteId, now);
  }

  /** Makes a site's open incident a child of an area incident (started no later than its sites). */
  function attach(parent: IncidentRow, siteId: string, now: number): void {
    const child = store.incidents.openForSite(siteId);
    if (!child || child.parent_id === parent.id) return;
    store.incidents.update(child.id, { parent_id: parent.id }, now);
    record(parent.id, child.started_at, 'site_joined', system, { siteId, cause: child.cause });
    if (child.started_at < parent.started_at) {
      store.incidents.update(parent.id, { started_at: child.started_at }, now);
      parent.started_at = child.started_at;
    }
    touch(child.id);
    touch(parent.id);
    followLines(parent.id, now);
  }

  /** A carrier's area incident turns out to be every carrier's: it looks like a power cut. */
  function promoteToPowerCut(orgId: string, key: string, area: string, now: number): IncidentRow | undefined {
    const carrierIncident = store.incidents
      .list(orgId, { state: 'open', limit: 50 })
      .find((i) => i.kind === 'area' && i.area === area && i.power_cut === 0);
    if (!carrierIncident) return undefined;
    store.incidents.update(
      carrierIncident.id,
      { group_key: key, power_cut: 1, carrier: null, cause: 'power_or_device' },
      now,
    );
    record(carrierIncident.id, now, 'cause_corrected', system, {
      from: carrierIncident.cause,
      to: 'power_or_device',
      why: 'several carriers failed in the area at once',
    });
    return store.incidents.get(carrierIncident.id);
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

  /** An area incident's cause and recovery follow its lines' (see `area-follows-lines.ts`). */
  function followLines(parentId: string | null, now: number): void {
    const area = parentId ? store.incidents.get(parentId) : undefined;
    if (!area || area.resolved_at !== null) return;
    const next = areaFollowsLines(area, store.incidents.children(area.id));
    if (next.cause !== area.cause) {
      record(area.id, now, 'cause_corrected', system, {
        from: area.cause,
        to: next.cause,
        why: 'what its lines recorded',
      });
    }
    if (next.recoveredAt !== area.recovered_at && next.recoveredAt !== null)
      record(area.id, next.recoveredAt, 'recovered', system, {
        sites: store.incidents.children(area.id).length,
      });
    if (next.cause !== area.cause || next.recoveredAt !== area.recovered_at) {
      store.incidents.update(area.id, { cause: next.cause, recovered_at: next.recoveredAt }, now);
      touch(area.id);
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
