import { randomUUID } from 'node:crypto';
import type {
  Cause,
  Incident,
  IncidentEvent,
  IncidentEventKind,
  IncidentKind,
  IncidentState,
  SiteStatus,
} from '@linewatch/shared';
import type { Db } from './db.js';

export interface IncidentRow {
  id: string;
  org_id: string;
  kind: IncidentKind;
  site_id: string | null;
  parent_id: string | null;
  group_key: string | null;
  carrier: string | null;
  area: string | null;
  power_cut: number;
  state: IncidentState;
  status: SiteStatus;
  cause: Cause | null;
  flapping: number;
  maintenance: number;
  started_at: number;
  recovered_at: number | null;
  resolved_at: number | null;
  resolved_by: string | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  ticket_carrier: string | null;
  ticket_number: string | null;
  reported_at: number | null;
  reported_by: string | null;
  created_at: number;
  updated_at: number;
}

/** The columns an update may set. */
type Writable = Omit<IncidentRow, 'id' | 'org_id' | 'kind' | 'created_at' | 'updated_at'>;
const writable: ReadonlySet<string> = new Set<keyof Writable>([
  'site_id',
  'parent_id',
  'group_key',
  'carrier',
  'area',
  'power_cut',
  'state',
  'status',
  'cause',
  'flapping',
  'maintenance',
  'started_at',
  'recovered_at',
  'resolved_at',
  'resolved_by',
  'acknowledged_at',
  'acknowledged_by',
  'ticket_carrier',
  'ticket_number',
  'reported_at',
  'reported_by',
]);

interface EventRow {
  id: number;
  incident_id: string;
  at: number;
  kind: IncidentEventKind;
  actor: string;
  data: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** The state that follows from the facts: resolved, else reported, else acknowledged, else open. */
export function stateOf(
  r: Pick<IncidentRow, 'resolved_at' | 'reported_at' | 'acknowledged_at'>,
): IncidentState {
  if (r.resolved_at !== null) return 'resolved';
  if (r.reported_at !== null) return 'reported';
  if (r.acknowledged_at !== null) return 'acknowledged';
  return 'open';
}

/** The API shape of an incident row; `siteIds` from the caller (children of an area incident). */
export function toIncident(r: IncidentRow, siteIds: string[]): Incident {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state,
    status: r.status,
    cause: r.cause,
    siteIds,
    parentId: r.parent_id,
    carrier: r.carrier,
    area: r.area,
    powerCutSuspected: r.power_cut === 1,
    flapping: r.flapping === 1,
    maintenance: r.maintenance === 1,
    startedAt: iso(r.started_at),
    recoveredAt: isoOrNull(r.recovered_at),
    resolvedAt: isoOrNull(r.resolved_at),
    resolvedBy: r.resolved_by,
    acknowledgedAt: isoOrNull(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by,
    ticket:
      r.ticket_number !== null && r.reported_at !== null
        ? {
            carrier: r.ticket_carrier ?? '',
            number: r.ticket_number,
            reportedAt: iso(r.reported_at),
            reportedBy: r.reported_by ?? '',
          }
        : null,
  };
}

export function toIncidentEvent(r: EventRow): IncidentEvent {
  return {
    id: r.id,
    at: iso(r.at),
    kind: r.kind,
    actor: r.actor,
    data: JSON.parse(r.data) as Record<string, unknown>,
  };
}

/** Incidents and their timelines. Every change goes with a timeline event (who, when, what). */
export function incidentsRepo(db: Db) {
  const q = {
    insert:
      db.prepare(`INSERT INTO incidents (id, org_id, kind, site_id, parent_id, group_key, carrier, area, power_cut,
      state, status, cause, flapping, maintenance, started_at, created_at, updated_at)
      VALUES (@id, @orgId, @kind, @siteId, @parentId, @groupKey, @carrier, @area, @powerCut, 'open', @status, @cause, 0,
      @maintenance, @startedAt, @now, @now)`),
    get: db.prepare<[string], IncidentRow>('SELECT * FROM incidents WHERE id = ?'),
    openForSite: db.prepare<[string], IncidentRow>(
      "SELECT * FROM incidents WHERE site_id = ? AND kind = 'site' AND state != 'resolved'",
    ),
    latestForSite: db.prepare<[string], IncidentRow>(
      "SELECT * FROM incidents WHERE site_id = ? AND kind = 'site' ORDER BY started_at DESC LIMIT 1",
    ),
    openGroup: db.prepare<[string, string], IncidentRow>(
      "SELECT * FROM incidents WHERE org_id = ? AND group_key = ? AND kind = 'area' AND state != 'resolved'",
    ),
    children: db.prepare<[string], IncidentRow>(
      'SELECT * FROM incidents WHERE parent_id = ? ORDER BY started_at',
    ),
    recentDown: db.prepare<
      [string, string, number],
      { site_id: string; carrier: string; area: string | null; at: number }
    >(`SELECT i.site_id, s.carrier, s.area, i.started_at AS at
      FROM sites s JOIN incidents i ON i.site_id = s.id
      WHERE s.org_id = ? AND lower(trim(s.area)) = lower(trim(?))
        AND i.kind = 'site' AND i.state != 'resolved' AND i.status = 'down'
        AND i.maintenance = 0 AND i.started_at >= ?`),
    recovering: db.prepare<[], IncidentRow>(
      "SELECT * FROM incidents WHERE recovered_at IS NOT NULL AND state != 'resolved' ORDER BY recovered_at",
    ),
    list: db.prepare<
      [{ orgId: string; open: number; closed: number; siteId: string | null; limit: number }],
      IncidentRow
    >(
      `SELECT * FROM incidents WHERE org_id = @orgId
        AND ((@open = 1 AND state != 'resolved') OR (@closed = 1 AND state = 'resolved'))
        AND (@siteId IS NULL OR site_id = @siteId OR id IN (SELECT parent_id FROM incidents WHERE site_id = @siteId))
        ORDER BY started_at DESC LIMIT @limit`,
    ),
    addEvent: db.prepare(
      'INSERT INTO incident_events (incident_id, at, kind, actor, data) VALUES (?, ?, ?, ?, ?)',
    ),
    events: db.prepare<[string], EventRow>(
      'SELECT * FROM incident_events WHERE incident_id = ? ORDER BY at, id',
    ),
  };
  const updates = new Map<string, ReturnType<Db['prepare']>>();

  const repo = {
    get: (id: string) => q.get.get(id),
    openForSite: (siteId: string) => q.openForSite.get(siteId),
    latestForSite: (siteId: string) => q.latestForSite.get(siteId),
    openGroup: (orgId: string, key: string) => q.openGroup.get(orgId, key),
    children: (id: string) => q.children.all(id),
    /**
     * Open site incidents of one area (compared trimmed and case-folded) that are down, not in
     * maintenance, started since `since`: the area picture (index `sites_area`).
     */
    recentDown: (orgId: string, area: string, since: number) => q.recentDown.all(orgId, area, since),
    /** Incidents whose line is back, waiting to be stable long enough to resolve. */
    recovering: () => q.recovering.all(),
    list(orgId: string, opts: { state: 'open' | 'closed' | 'all'; siteId?: string; limit: number }) {
      const open = opts.state !== 'closed' ? 1 : 0;
      const closed = opts.state !== 'open' ? 1 : 0;
      return q.list.all({ orgId, open, closed, siteId: opts.siteId ?? null, limit: opts.limit });
    },
    create(
      fields: {
        orgId: string;
        kind: IncidentKind;
        siteId: string | null;
        parentId?: string | null;
        groupKey?: string | null;
        carrier?: string | null;
        area?: string | null;
        powerCut?: boolean;
        status: SiteStatus;
        cause: Cause | null;
        maintenance: boolean;
        startedAt: number;
      },
      now: number,
    ): string {
      const id = randomUUID();
      q.insert.run({
        id,
        orgId: fields.orgId,
        kind: fields.kind,
        siteId: fields.siteId,
        parentId: fields.parentId ?? null,
        groupKey: fields.groupKey ?? null,
        carrier: fields.carrier ?? null,
        area: fields.area ?? null,
        powerCut: fields.powerCut ? 1 : 0,
        status: fields.status,
        cause: fields.cause,
        maintenance: fields.maintenance ? 1 : 0,
        startedAt: fields.startedAt,
        now,
      });
      return id;
    },
    /** Sets columns (a fixed whitelist) and keeps `state` in step with the facts. */
    update(id: string, fields: Partial<Writable>, now: number): void {
      const keys = Object.keys(fields).filter((k) => writable.has(k));
      if (keys.length === 0) return;
      const sql = `UPDATE incidents SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @now WHERE id = @id`;
      let stmt = updates.get(sql);
      if (!stmt) {
        stmt = db.prepare(sql);
        updates.set(sql, stmt);
      }
      stmt.run({ ...fields, now, id });
      const row = q.get.get(id);
      if (row && row.state !== stateOf(row)) {
        db.prepare('UPDATE incidents SET state = ? WHERE id = ?').run(stateOf(row), id);
      }
    },
    addEvent(
      id: string,
      at: number,
      kind: IncidentEventKind,
      actor: string,
      data: Record<string, unknown> = {},
    ) {
      q.addEvent.run(id, at, kind, actor, JSON.stringify(data));
    },
    events: (id: string) => q.events.all(id).map(toIncidentEvent),
  };
  return repo;
}
export type IncidentsRepo = ReturnType<typeof incidentsRepo>;
