import type { IncidentEventKind } from '@linewatch/shared';
import type { IncidentRow } from '../store/incidents.js';
import type { Store } from '../store/index.js';
import type { SiteRow } from '../store/sites.js';
import type { TransitionRow } from '../store/transitions.js';
import { areaFollowsLines } from './area-follows-lines.js';
import { areaKey, classifyFailure, type GroupingConfig, powerKey } from './area-grouping.js';

const system = 'system';

export interface AreaIncidentsDeps {
  store: Store;
  config: { grouping: GroupingConfig };
  record(
    id: string,
    at: number,
    kind: IncidentEventKind,
    actor: string,
    data?: Record<string, unknown>,
  ): void;
  touch(id: string): void;
  inMaintenance(site: SiteRow, at: number): boolean;
  areaOf(site: SiteRow): string | null;
}

/**
 * Area incidents, part of the incident processor: sites of one carrier and
 * area (or of several carriers: a power cut) failing together become the
 * children of one area incident, whose cause and recovery follow its lines.
 */
export function createAreaIncidents(deps: AreaIncidentsDeps) {
  const { store, config, record, touch, inMaintenance, areaOf } = deps;

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

  return { joinArea, followLines };
}
