import { type IncidentContext, system } from './context.js';

/**
 * The incident steps that follow from time passing, not from a status
 * change: run by the processor's `tick`, inside one transaction. Both are
 * indexed queries over recovering incidents and degraded sites.
 */

/** Resolves what has been back for `stableMs`; then area incidents whose sites are all resolved. */
export function resolveStable(ctx: IncidentContext, now: number): void {
  const { store, config } = ctx;
  // Each area incident is looked at once, after its sites (thousands may resolve in one tick).
  const parents = new Set<string>();
  for (const i of store.incidents.recovering()) {
    if (i.kind !== 'site' || i.recovered_at === null || now - i.recovered_at < config.stableMs) continue;
    const site = i.site_id ? store.sites.getById(i.site_id) : undefined;
    if (site && site.status === 'down') continue;
    store.incidents.update(i.id, { resolved_at: now, resolved_by: system }, now);
    ctx.record(i.id, now, 'resolved', system, { stableMs: config.stableMs });
    ctx.touch(i.id);
    if (i.parent_id) parents.add(i.parent_id);
  }
  for (const parentId of parents) resolveParentIfDone(ctx, parentId, now);
}

function resolveParentIfDone(ctx: IncidentContext, parentId: string, now: number): void {
  const { store } = ctx;
  const parent = store.incidents.get(parentId);
  if (!parent || parent.resolved_at !== null) return;
  const children = store.incidents.children(parentId);
  if (children.some((c) => c.resolved_at === null)) return;
  const recoveredAt = Math.max(...children.map((c) => c.recovered_at ?? now));
  store.incidents.update(parentId, { recovered_at: recoveredAt, resolved_at: now, resolved_by: system }, now);
  ctx.record(parentId, now, 'resolved', system, { sites: children.length });
  ctx.touch(parentId);
}

/** Opens incidents for lines degraded for longer than `degradedSustainMs`. */
export function openSustainedDegraded(ctx: IncidentContext, now: number): void {
  const { store, config } = ctx;
  for (const site of store.sites.degradedSince(now - config.degradedSustainMs)) {
    if (store.incidents.openForSite(site.id)) continue;
    const id = store.incidents.create(
      {
        orgId: site.org_id,
        kind: 'site',
        siteId: site.id,
        status: 'degraded',
        cause: site.cause,
        maintenance: ctx.inMaintenance(site, site.status_since),
        startedAt: site.status_since,
      },
      now,
    );
    ctx.record(id, now, 'opened', system, { status: 'degraded', cause: site.cause });
    ctx.touch(id, true);
  }
}
