import type { AlertSeverity, SiteStatus } from '@linewatch/shared';
import type { IncidentRow } from '../store/incidents.js';
import type { SiteRow } from '../store/sites.js';
import { quietUntil } from './quiet-hours.js';
import type { Policy } from './store/policies.js';

/** Pure rules of a policy: whether it covers an incident, and whether now is quiet for it. */

const severityRank: Record<AlertSeverity, number> = { degraded: 1, down: 2 };

function rankOf(status: SiteStatus): number {
  return status === 'down' ? 2 : status === 'degraded' ? 1 : 0;
}

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

/** Whether the incident touches the policy's scope: a site, a carrier or an area among its sites. */
function inScope(p: Policy, incident: IncidentRow, sites: readonly SiteRow[]): boolean {
  const value = norm(p.scopeValue);
  switch (p.scope) {
    case 'all':
      return true;
    case 'site':
      return incident.site_id === p.scopeValue || sites.some((s) => s.id === p.scopeValue);
    case 'carrier':
      return norm(incident.carrier) === value || sites.some((s) => norm(s.carrier) === value);
    case 'area':
      return norm(incident.area) === value || sites.some((s) => norm(s.area) === value);
  }
}

/**
 * Whether a policy alerts on an incident: enabled, in scope, severe enough,
 * and of a cause it asks for.
 *
 * @example
 * policyMatches(policy, incident, [site]) // true for a down line when the policy's minSeverity is 'down'
 */
export function policyMatches(p: Policy, incident: IncidentRow, sites: readonly SiteRow[]): boolean {
  if (!p.enabled) return false;
  if (rankOf(incident.status) < severityRank[p.minSeverity]) return false;
  if (p.causes !== null && (incident.cause === null || !p.causes.includes(incident.cause))) return false;
  return inScope(p, incident, sites);
}

/**
 * When a policy's quiet hours that `at` falls in end, or null when its
 * messages may go now. Business customers' incidents go at once where the
 * policy allows them (`allowBusiness`).
 */
export function policyQuietUntil(p: Policy | undefined, at: number, business: boolean): number | null {
  const q = p?.quietHours;
  if (!q) return null;
  if (business && q.allowBusiness) return null;
  return quietUntil(q, at);
}
