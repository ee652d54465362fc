import type { IncidentRow } from '../store/incidents.js';
import type { SiteRow } from '../store/sites.js';
import type { TransitionRow } from '../store/transitions.js';
import { areaFollowsLines } from './area-follows-lines.js';
import { areaKey, classifyFailure, powerKey } from './area-grouping.js';
import { type IncidentContext, system } from './context.js';
import { siteArea } from './site-area.js';

/**
 * Sites of one carrier and area failing together share one area incident
 * (their site incidents become its children); several carriers failing in
 * one area make it a suspected power cut. Called after a site's incident
 * opened, inside that transaction.
 *
 * 1. An area incident already open for the site's area (a power cut) or
 *    carrier and area takes it in at once: one indexed lookup, so a large
 *    outage costs O(1) per further site.
 * 2. Else the site's failure is classified against the other failures of
 *    its area in the window (`area-grouping.ts`; one indexed lookup of the
 *    area's sites); a group opens its area incident (or turns the carrier's
 *    into a power cut) and takes in every site of it.
 */
export function joinArea(ctx: IncidentContext, site: SiteRow, t: TransitionRow, now: number): void {
  const { store, config } = ctx;
  const area = siteArea(site);
  if (area === null || ctx.inMaintenance(site, t.at)) return;
  const open =
    store.incidents.openGroup(site.org_id, powerKey(area)) ??
    store.incidents.openGroup(site.org_id, areaKey(site.carrier, area));
  if (open && open.recovered_at === null && t.at - open.started_at <= config.grouping.windowMs * 30) {
    attach(ctx, open, site.id, now);
    return;
  }
  const recent = store.incidents
    .recentDown(site.org_id, area, t.at - config.grouping.windowMs)
    .filter((f) => f.site_id !== site.id)
    .map((f) => ({ siteId: f.site_id, carrier: f.carrier, area: f.area, at: f.at }));
  const verdict = classifyFailure(
    recent,
    { siteId: site.id, carrier: site.carrier, area, at: t.at },
    config.grouping,
  );
  if (verdict.kind === 'site') return;
  let parent = store.incidents.openGroup(site.org_id, verdict.key);
  if (!parent && verdict.kind === 'power')
    parent = promoteToPowerCut(ctx, site.org_id, verdict.key, area, now);
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
    ctx.record(id, t.at, 'opened', system, { kind: verdict.kind, area, sites: verdict.siteIds.length });
    ctx.touch(id, true);
    parent = store.incidents.get(id) as IncidentRow;
  }
  for (const siteId of verdict.siteIds) attach(ctx, parent, siteId, now);
}

/** Makes a site's open incident a child of an area incident (started no later than its sites). */
function attach(ctx: IncidentContext, parent: IncidentRow, siteId: string, now: number): void {
  const { store } = ctx;
  const child = store.incidents.openForSite(siteId);
  if (!child || child.parent_id === parent.id) return;
  store.incidents.update(child.id, { parent_id: parent.id }, now);
  ctx.record(parent.id, child.started_at, 'site_joined', system, { siteId, cause: child.cause });
  if (child.started_at < parent.started_at) {
    store.incidents.update(parent.id, { started_at: child.started_at }, now);
    parent.started_at = child.started_at;
  }
  ctx.touch(child.id);
  ctx.touch(parent.id);
  followLines(ctx, parent.id, now);
}

/**
 * An area incident's cause and recovery follow its lines' (see
 * `area-follows-lines.ts`); call after one of its lines changed.
 */
export function followLines(ctx: IncidentContext, parentId: string | null, now: number): void {
  const { store } = ctx;
  const area = parentId ? store.incidents.get(parentId) : undefined;
  if (!area || area.resolved_at !== null) return;
  const lines = store.incidents.children(area.id);
  const next = areaFollowsLines(area, lines);
  if (next.cause !== area.cause) {
    ctx.record(area.id, now, 'cause_corrected', system, {
      from: area.cause,
      to: next.cause,
      why: 'what its lines recorded',
    });
  }
  // Once per recovery: a line's end corrected from its records moves the time, not the event.
  if (next.recoveredAt !== null && area.recovered_at === null)
    ctx.record(area.id, next.recoveredAt, 'recovered', system, { sites: lines.length });
  if (next.cause !== area.cause || next.recoveredAt !== area.recovered_at) {
    store.incidents.update(area.id, { cause: next.cause, recovered_at: next.recoveredAt }, now);
    ctx.touch(area.id);
  }
}

/** A carrier's area incident turns out to be every carrier's: it looks like a power cut. */
function promoteToPowerCut(
  ctx: IncidentContext,
  orgId: string,
  key: string,
  area: string,
  now: number,
): IncidentRow | undefined {
  const { store } = ctx;
  const carrierIncident = store.incidents
    .list(orgId, { state: 'open', limit: 50 })
    .find((i) => i.kind === 'area' && i.area === area && i.power_cut === 0);
  if (!carrierIncident) return undefined;
  store.incidents.update(
    carrierIncident.id,
    { group_key: key, power_cut: 1, carrier: null, cause: 'power_or_device' },
    now,
  );
  ctx.record(carrierIncident.id, now, 'cause_corrected', system, {
    from: carrierIncident.cause,
    to: 'power_or_device',
    why: 'several carriers failed in the area at once',
  });
  return store.incidents.get(carrierIncident.id);
}
