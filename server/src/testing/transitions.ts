import type { Cause, SiteStatus } from '@linewatch/shared';
import type { Store } from '../store/index.js';

/**
 * A consumer line for incident tests, in `postcode`'s area.
 *
 * @example const id = addLine(store, orgId, 'Bäckerei', 'Telekom', '10115');
 */
export function addLine(
  store: Store,
  orgId: string,
  name: string,
  carrier = 'Telekom',
  postcode = '10115',
  business = false,
): string {
  return store.sites.create(
    orgId,
    {
      name,
      customer: name,
      address: `Hauptstraße 1, ${postcode} Berlin`,
      carrier,
      accessType: 'dsl',
      contract: { downMbps: 100, upMbps: 40 },
      business,
    },
    0,
  ).id;
}

/**
 * Records a status change the way the detector does (the site's status and
 * a transition row, in one transaction), for the incident processor to
 * pick up.
 */
export function recordTransition(
  store: Store,
  siteId: string,
  change: { to: SiteStatus; cause: Cause | null; at: number; now: number },
): void {
  const row = store.sites.getById(siteId);
  if (!row) throw new Error('no site');
  const { to, cause, at, now } = change;
  store.tx(() => {
    store.sites.setStatus(siteId, { status: to, cause, since: at, lastSeenAt: at, downAfter: null });
    store.transitions.insert(
      { siteId, orgId: row.org_id, from: row.status, to, fromCause: row.cause, cause, reason: 'test', at },
      now,
    );
  });
}
