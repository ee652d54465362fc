import type { Language } from '@linewatch/shared';
import type { IncidentRow } from '../store/incidents.js';
import type { Store } from '../store/index.js';
import { readAckToken, verifyAckToken } from './ack-token.js';
import type { AlertStore } from './store/index.js';

/**
 * The acknowledge link's two steps: look (GET, changes nothing: mail
 * scanners follow links) and acknowledge (POST).
 */

export type AckLookup =
  | { status: 'invalid' }
  | {
      status: 'expired' | 'resolved' | 'acknowledged' | 'ready';
      incident: IncidentRow;
      lang: Language;
      by: string;
    };

export interface AckDeps {
  store: Store;
  alertStore: AlertStore;
  ackKey(): Buffer;
  now(): number;
}

/**
 * What a token refers to and whether it may acknowledge now. `by` is how the
 * acknowledgement is recorded: `via link (<channel> / <target>)`.
 */
export function lookUpAck(deps: AckDeps, token: string): AckLookup {
  const claim = readAckToken(token);
  const row = claim && deps.alertStore.notifications.get(claim.notificationId);
  const incident = row?.incident_id ? deps.store.incidents.get(row.incident_id) : undefined;
  if (!row || !incident) return { status: 'invalid' };
  const verdict = verifyAckToken(deps.ackKey(), token, incident.id, deps.now());
  if (verdict === 'invalid') return { status: 'invalid' };
  const channel = deps.alertStore.channels.get(null, row.channel_id);
  const by = `via link (${channel?.name ?? row.channel_id} / ${row.target})`;
  const base = { incident, lang: row.language, by };
  if (verdict === 'expired') return { status: 'expired', ...base };
  if (incident.resolved_at !== null) return { status: 'resolved', ...base };
  if (incident.acknowledged_at !== null) return { status: 'acknowledged', ...base };
  return { status: 'ready', ...base };
}

/**
 * Acknowledges the token's incident (and an area incident's open sites, as
 * the API does) in one transaction, with a timeline entry. Returns the
 * lookup as it was before; only `ready` changed anything.
 */
export function acknowledgeByLink(deps: AckDeps, token: string): AckLookup {
  const found = lookUpAck(deps, token);
  if (found.status !== 'ready') return found;
  const now = deps.now();
  const { store } = deps;
  store.tx(() => {
    const targets = [
      found.incident,
      ...(found.incident.kind === 'area' ? store.incidents.children(found.incident.id) : []),
    ];
    for (const i of targets) {
      const fresh = store.incidents.get(i.id);
      if (!fresh || fresh.acknowledged_at !== null || fresh.resolved_at !== null) continue;
      store.incidents.update(i.id, { acknowledged_at: now, acknowledged_by: found.by }, now);
      store.incidents.addEvent(i.id, now, 'acknowledged', found.by, { via: 'link' });
    }
  });
  return found;
}
