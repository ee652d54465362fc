import type { IncidentEventKind } from '@linewatch/shared';
import type { IncidentRow } from '../store/incidents.js';
import type { Store } from '../store/index.js';
import type { SiteRow } from '../store/sites.js';
import { areaKey, powerKey } from './area-grouping.js';
import { siteArea } from './site-area.js';

export interface RegroupDeps {
  store: Store;
  /** Told of every timeline event recorded, inside the caller's transaction (for alerts). */
  onEvent(event: { incidentId: string; kind: IncidentEventKind; at: number }): void;
}

/** Whether an area incident's group (`area:<carrier>|<area>` or `power:<area>`) takes in this site. */
export function groupFits(
  group: Pick<IncidentRow, 'group_key'>,
  site: Pick<SiteRow, 'carrier' | 'area' | 'address'>,
) {
  const area = siteArea(site);
  if (area === null || group.group_key === null) return false;
  return group.group_key === powerKey(area) || group.group_key === areaKey(site.carrier, area);
}

/**
 * Takes a site's open incident out of its area incident (a `site_left`
 * event on the area incident). An area incident left without an open site
 * is resolved: nothing it grouped is still failing. Returns the incidents
 * changed. Call inside a transaction.
 */
export function leaveArea(deps: RegroupDeps, siteId: string, actor: string, now: number): string[] {
  const { store } = deps;
  const child = store.incidents.openForSite(siteId);
  const parent = child?.parent_id ? store.incidents.get(child.parent_id) : undefined;
  if (!child || !parent) return [];
  store.incidents.update(child.id, { parent_id: null }, now);
  const name = store.sites.getById(siteId)?.name;
  record(deps, parent.id, now, 'site_left', actor, { siteId, ...(name ? { name } : {}) });
  const changed = [child.id, parent.id];
  if (parent.resolved_at !== null) return changed;
  const rest = store.incidents.children(parent.id);
  if (rest.some((c) => c.resolved_at === null)) return changed;
  const recoveredAt = rest.length > 0 ? Math.max(...rest.map((c) => c.recovered_at ?? now)) : now;
  store.incidents.update(parent.id, { recovered_at: recoveredAt, resolved_at: now, resolved_by: actor }, now);
  record(deps, parent.id, now, 'resolved', actor, { sites: rest.length, why: 'no failing line left in it' });
  return changed;
}

/**
 * Keeps area grouping right after a person changed a site's carrier or
 * area (the incident processor groups by what a site says when it fails):
 * 1. the site's open incident leaves an area incident that no longer fits
 *    it ({@link leaveArea});
 * 2. if the site is down and now in no area incident, an open area incident
 *    of its new area (a power cut) or new carrier and area takes it in,
 *    like the processor's fast path for a site failing into an open outage.
 * Returns the incidents changed. Call inside the transaction of the change.
 *
 * @example
 * store.tx(() => regroupSite({ store, onEvent }, store.sites.getById(id)!, 'anna@shop.de', now));
 */
export function regroupSite(deps: RegroupDeps, site: SiteRow, actor: string, now: number): string[] {
  const { store } = deps;
  const own = store.incidents.openForSite(site.id);
  if (!own) return [];
  const parent = own.parent_id ? store.incidents.get(own.parent_id) : undefined;
  if (parent && parent.resolved_at === null && groupFits(parent, site)) return [];
  const changed = parent ? leaveArea(deps, site.id, actor, now) : [];
  const area = siteArea(site);
  if (own.status !== 'down' || own.recovered_at !== null || area === null) return changed;
  const group =
    store.incidents.openGroup(site.org_id, powerKey(area)) ??
    store.incidents.openGroup(site.org_id, areaKey(site.carrier, area));
  if (!group || group.recovered_at !== null) return changed;
  store.incidents.update(own.id, { parent_id: group.id }, now);
  record(deps, group.id, own.started_at, 'site_joined', actor, { siteId: site.id, cause: own.cause });
  if (own.started_at < group.started_at)
    store.incidents.update(group.id, { started_at: own.started_at }, now);
  return [...changed, own.id, group.id];
}

function record(
  deps: RegroupDeps,
  id: string,
  at: number,
  kind: IncidentEventKind,
  actor: string,
  data: Record<string, unknown>,
): void {
  deps.store.incidents.addEvent(id, at, kind, actor, data);
  deps.onEvent({ incidentId: id, kind, at });
}
