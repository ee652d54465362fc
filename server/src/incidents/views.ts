import type { Incident, IncidentDetail, RepairClockView } from '@linewatch/shared';
import { type IncidentRow, toIncident } from '../store/incidents.js';
import type { Store } from '../store/index.js';
import { repairClock } from './repair-clock.js';

/** The API shape of an incident: a site incident's site, or an area incident's sites. */
export function incidentView(store: Store, row: IncidentRow): Incident {
  const siteIds =
    row.kind === 'site'
      ? row.site_id
        ? [row.site_id]
        : []
      : store.incidents
          .children(row.id)
          .map((c) => c.site_id)
          .filter((id): id is string => id !== null);
  return toIncident(row, siteIds);
}

/**
 * The § 58 TKG clock of an incident with a carrier ticket: consumer sites
 * only; for an area incident, its first consumer site's.
 */
export function repairClockView(store: Store, row: IncidentRow, now: number): RepairClockView | null {
  if (row.reported_at === null) return null;
  const siteIds =
    row.kind === 'site' ? [row.site_id] : store.incidents.children(row.id).map((c) => c.site_id);
  const sites = siteIds.flatMap((id) => (id ? [store.sites.getById(id)] : [])).filter((s) => s !== undefined);
  const site = sites.find((s) => s.business === 0) ?? sites[0];
  if (!site) return null;
  const clock = repairClock({
    reportedAt: row.reported_at,
    now,
    business: site.business === 1,
    monthlyFeeCents: site.monthly_fee_cents,
    fixedAt: row.recovered_at,
  });
  if (!clock.applicable) return clock;
  return {
    applicable: true,
    reportDate: clock.reportDate,
    lastRepairDate: clock.lastRepairDate,
    deadlineAt: new Date(clock.deadlineAt).toISOString(),
    overdue: clock.overdue,
    updateOwed: clock.updateOwed,
    daysOwed: clock.daysOwed,
    accruedCents: clock.accruedCents,
    currentCentsPerDay: clock.currentCentsPerDay,
    rates: clock.rates.map((r) => ({ fromDay: r.fromDay, fromDate: r.fromDate, centsPerDay: r.centsPerDay })),
  };
}

/** An incident with its timeline, its children and its repair clock. */
export function incidentDetail(store: Store, row: IncidentRow, now: number): IncidentDetail {
  return {
    ...incidentView(store, row),
    timeline: store.incidents.events(row.id),
    children: store.incidents.children(row.id).map((c) => incidentView(store, c)),
    repairClock: repairClockView(store, row, now),
  };
}
