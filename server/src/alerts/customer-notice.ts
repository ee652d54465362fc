import type { IncidentRow } from '../store/incidents.js';
import type { AlertConfig } from './config.js';
import type { AlertStore } from './store/index.js';
import type { NewNotification } from './store/notifications.js';

/**
 * The customer notice of a site incident (off by default, per site): an SMS
 * through the org's first SMS channel and/or an e-mail through its first
 * e-mail channel, to the customer's own number or address, `customerNoticeDelayMs`
 * after the line failed. Only for a line that is down and not under
 * maintenance; each site's customer is told, also when the site is part of
 * an area outage.
 *
 * @example
 * for (const n of customerNotices(alertStore, config, incident, at)) notifications.insert(n, now);
 */
export function customerNotices(
  alertStore: AlertStore,
  config: AlertConfig,
  incident: IncidentRow,
  at: number,
): NewNotification[] {
  if (incident.kind !== 'site' || !incident.site_id || incident.maintenance === 1) return [];
  if (incident.status !== 'down') return [];
  const s = alertStore.siteSettings.get(incident.site_id);
  if (!s.customerNotice) return [];
  const routes = [
    { medium: 'sms', target: s.customerPhone },
    { medium: 'email', target: s.customerEmail },
  ] as const;
  return routes.flatMap(({ medium, target }) => {
    const ch = target ? alertStore.channels.firstOfMedium(incident.org_id, medium) : undefined;
    if (!ch || !target) return [];
    return [
      {
        orgId: incident.org_id,
        incidentId: incident.id,
        policyId: null,
        channelId: ch.id,
        target,
        kind: 'customer' as const,
        language: s.language,
        key: `${incident.id}:customer:${ch.id}:${target}:0`,
        dueAt: at + config.customerNoticeDelayMs,
      },
    ];
  });
}
