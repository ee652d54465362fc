import { randomUUID } from 'node:crypto';
import type { MaintenanceWindow, MaintenanceWindowCreate } from '@linewatch/shared';
import type { Db } from './db.js';

interface WindowRow {
  id: string;
  org_id: string;
  scope: 'site' | 'carrier' | 'area';
  value: string;
  starts_at: number;
  ends_at: number;
  reason: string | null;
  created_by: string;
  created_at: number;
}

const toWindow = (r: WindowRow): MaintenanceWindow => ({
  id: r.id,
  scope: r.scope,
  value: r.value,
  startsAt: new Date(r.starts_at).toISOString(),
  endsAt: new Date(r.ends_at).toISOString(),
  reason: r.reason,
  createdBy: r.created_by,
});

/**
 * Maintenance windows per site, carrier or area: outages inside one are
 * recorded and marked, and nothing alerts.
 */
export function maintenanceRepo(db: Db) {
  const q = {
    insert: db.prepare(`INSERT INTO maintenance_windows (id, org_id, scope, value, starts_at, ends_at, reason,
      created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    list: db.prepare<[string, number], WindowRow>(
      'SELECT * FROM maintenance_windows WHERE org_id = ? AND ends_at >= ? ORDER BY starts_at',
    ),
    remove: db.prepare('DELETE FROM maintenance_windows WHERE org_id = ? AND id = ?'),
    active: db.prepare<
      { orgId: string; at: number; siteId: string; carrier: string; area: string | null },
      WindowRow
    >(`SELECT * FROM maintenance_windows WHERE org_id = @orgId AND starts_at <= @at AND ends_at > @at
      AND ((scope = 'site' AND value = @siteId) OR (scope = 'carrier' AND lower(value) = lower(@carrier))
        OR (scope = 'area' AND value = @area)) LIMIT 1`),
  };
  return {
    create(orgId: string, w: MaintenanceWindowCreate, by: string, now: number): MaintenanceWindow {
      const id = randomUUID();
      const row: WindowRow = {
        id,
        org_id: orgId,
        scope: w.scope,
        value: w.value,
        starts_at: Date.parse(w.startsAt),
        ends_at: Date.parse(w.endsAt),
        reason: w.reason ?? null,
        created_by: by,
        created_at: now,
      };
      q.insert.run(id, orgId, row.scope, row.value, row.starts_at, row.ends_at, row.reason, by, now);
      return toWindow(row);
    },
    /** Windows not yet over at `now`. */
    list: (orgId: string, now: number) => q.list.all(orgId, now).map(toWindow),
    remove: (orgId: string, id: string) => q.remove.run(orgId, id).changes > 0,
    /** The window covering a site at `at`, if any. */
    activeFor(site: { orgId: string; siteId: string; carrier: string; area: string | null }, at: number) {
      const row = q.active.get({ ...site, at });
      return row ? toWindow(row) : undefined;
    },
  };
}
export type MaintenanceRepo = ReturnType<typeof maintenanceRepo>;
