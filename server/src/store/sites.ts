import { randomUUID } from 'node:crypto';
import type { AccessType, Cause, Site, SiteCreate, SiteStatus, SiteUpdate } from '@linewatch/shared';
import { siteArea } from '../incidents/site-area.js';
import type { Db } from './db.js';

export interface SiteRow {
  id: string;
  org_id: string;
  name: string;
  customer: string;
  address: string;
  carrier: string;
  access_type: AccessType;
  contract_down_mbps: number;
  contract_up_mbps: number;
  business: number;
  status: SiteStatus;
  cause: Cause | null;
  status_since: number;
  last_seen_at: number | null;
  down_after: number | null;
  created_at: number;
  /** The grouping area: configured, else the address's postcode prefix (see `incidents/site-area.ts`). */
  area: string | null;
  monthly_fee_cents: number | null;
  agent_id: string | null;
  /** The agent's version and outbox backlog as it last reported them (null before it did). */
  agent_version: string | null;
  outbox_backlog: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The API shape of a site row. */
export function toSite(r: SiteRow): Site {
  return {
    id: r.id,
    name: r.name,
    customer: r.customer,
    address: r.address,
    carrier: r.carrier,
    accessType: r.access_type,
    contract: { downMbps: r.contract_down_mbps, upMbps: r.contract_up_mbps },
    business: r.business === 1,
    area: r.area,
    monthlyFeeCents: r.monthly_fee_cents,
    status: r.status,
    cause: r.cause,
    since: iso(r.status_since),
    agentId: r.agent_id,
    agentVersion: r.agent_version,
    outboxBacklog: r.outbox_backlog,
    lastSeenAt: r.last_seen_at === null ? null : iso(r.last_seen_at),
    createdAt: iso(r.created_at),
  };
}

const selectSite = `SELECT s.*, a.id AS agent_id, a.agent_version, a.outbox_backlog
  FROM sites s LEFT JOIN agents a ON a.site_id = s.id`;

/** Customer sites (lines) and their current status. */
export function sitesRepo(db: Db) {
  const q = {
    insert: db.prepare(`INSERT INTO sites (id, org_id, name, customer, address, carrier, access_type,
      contract_down_mbps, contract_up_mbps, business, area, monthly_fee_cents, status, status_since, created_at)
      VALUES (@id, @orgId, @name, @customer, @address, @carrier, @accessType, @down, @up, @business, @area,
      @monthlyFeeCents, 'unknown', @now, @now)`),
    update:
      db.prepare(`UPDATE sites SET name = @name, customer = @customer, address = @address, carrier = @carrier,
      access_type = @accessType, contract_down_mbps = @down, contract_up_mbps = @up, business = @business,
      area = @area, monthly_fee_cents = @monthlyFeeCents WHERE org_id = @orgId AND id = @id`),
    remove: db.prepare<[string, string]>('DELETE FROM sites WHERE org_id = ? AND id = ?'),
    list: db.prepare<[string], SiteRow>(`${selectSite} WHERE s.org_id = ? ORDER BY s.name`),
    get: db.prepare<[string, string], SiteRow>(`${selectSite} WHERE s.org_id = ? AND s.id = ?`),
    getById: db.prepare<[string], SiteRow>(`${selectSite} WHERE s.id = ?`),
    all: db.prepare<[], SiteRow>(selectSite),
    setStatus: db.prepare(
      'UPDATE sites SET status = ?, cause = ?, status_since = ?, last_seen_at = ?, down_after = ? WHERE id = ?',
    ),
    setSeen: db.prepare('UPDATE sites SET last_seen_at = ?, down_after = ? WHERE id = ?'),
    earliestDeadline: db.prepare<[], { t: number | null }>(
      'SELECT MIN(down_after) AS t FROM sites WHERE down_after IS NOT NULL',
    ),
    degradedSince: db.prepare<[number], SiteRow>(
      `${selectSite} WHERE s.status = 'degraded' AND s.status_since <= ?`,
    ),
    due: db.prepare<[number], { id: string }>(
      'SELECT id FROM sites WHERE down_after IS NOT NULL AND down_after <= ?',
    ),
  };
  return {
    create(orgId: string, body: SiteCreate, now: number): SiteRow {
      const id = randomUUID();
      q.insert.run({
        id,
        orgId,
        name: body.name,
        customer: body.customer,
        address: body.address,
        carrier: body.carrier,
        accessType: body.accessType,
        down: body.contract.downMbps,
        up: body.contract.upMbps,
        business: body.business ? 1 : 0,
        area: body.area ?? siteArea({ area: null, address: body.address }),
        monthlyFeeCents: body.monthlyFeeCents ?? null,
        now,
      });
      return q.getById.get(id) as SiteRow;
    },
    /**
     * Changes a site's own fields; what is not in `u` stays. An address
     * change moves the postcode area along unless an area was set by hand.
     */
    update(orgId: string, id: string, u: SiteUpdate): SiteRow | undefined {
      const old = q.get.get(orgId, id);
      if (!old) return undefined;
      const address = u.address ?? old.address;
      const derivedBefore = siteArea({ area: null, address: old.address });
      const handSet = old.area !== null && old.area !== derivedBefore;
      const area =
        u.area !== undefined
          ? (u.area ?? siteArea({ area: null, address }))
          : handSet
            ? old.area
            : siteArea({ area: null, address });
      q.update.run({
        id,
        orgId,
        name: u.name ?? old.name,
        customer: u.customer ?? old.customer,
        address,
        carrier: u.carrier ?? old.carrier,
        accessType: u.accessType ?? old.access_type,
        down: u.contract?.downMbps ?? old.contract_down_mbps,
        up: u.contract?.upMbps ?? old.contract_up_mbps,
        business: (u.business ?? old.business === 1) ? 1 : 0,
        area,
        monthlyFeeCents: u.monthlyFeeCents !== undefined ? u.monthlyFeeCents : old.monthly_fee_cents,
      });
      return q.get.get(orgId, id);
    },
    /** Deletes a site with everything recorded for it (its agent, measurements, incidents…). */
    remove: (orgId: string, id: string) => q.remove.run(orgId, id).changes > 0,
    list: (orgId: string) => q.list.all(orgId),
    get: (orgId: string, id: string) => q.get.get(orgId, id),
    getById: (id: string) => q.getById.get(id),
    all: () => q.all.all(),
    setStatus(
      id: string,
      s: {
        status: SiteStatus;
        cause: Cause | null;
        since: number;
        lastSeenAt: number | null;
        downAfter: number | null;
      },
    ): void {
      q.setStatus.run(s.status, s.cause, s.since, s.lastSeenAt, s.downAfter, id);
    },
    setSeen: (id: string, lastSeenAt: number | null, downAfter: number | null) =>
      void q.setSeen.run(lastSeenAt, downAfter, id),
    /** Earliest stored silence deadline (indexed), or null. */
    earliestDeadline: () => q.earliestDeadline.get()?.t ?? null,
    /** Sites degraded since `before` or earlier (indexed). */
    degradedSince: (before: number) => q.degradedSince.all(before),
    /** Sites whose silence deadline has passed (indexed). */
    due: (now: number) => q.due.all(now).map((r) => r.id),
  };
}
export type SitesRepo = ReturnType<typeof sitesRepo>;
