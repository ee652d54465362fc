import { type AlertChannel, type AlertNotification, redactChannel } from '@linewatch/shared';
import { createChannel } from './channel.js';
import { monthStart } from './quiet-hours.js';
import type { StoredChannel } from './store/channels.js';
import type { AlertStore } from './store/index.js';
import type { NotificationRow } from './store/notifications.js';

/** API shapes of alert rows: secrets masked, times as ISO strings. */

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/**
 * A channel as the API shows it: settings redacted, its targets, and what
 * it spent this calendar month.
 */
export function toAlertChannel(
  alertStore: AlertStore,
  c: StoredChannel,
  now: number,
  timeZone: string,
): AlertChannel {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    enabled: c.enabled,
    builtin: c.builtin,
    settings: redactChannel(c.settings) as Record<string, unknown>,
    targets: [...createChannel(c.settings).targets],
    rateLimitPerHour: c.rateLimitPerHour,
    monthlyBudget: c.monthlyBudget,
    usedThisMonth: alertStore.notifications.spent(c.id, monthStart(now, timeZone)).cost,
    lastError: c.lastError,
    lastErrorAt: isoOrNull(c.lastErrorAt),
    createdAt: isoOrNull(c.createdAt),
  };
}

/** A notification with every attempt. */
export function toAlertNotification(alertStore: AlertStore, r: NotificationRow): AlertNotification {
  return {
    id: r.id,
    incidentId: r.incident_id,
    channelId: r.channel_id,
    channelName: alertStore.channels.get(null, r.channel_id)?.name ?? null,
    target: r.target,
    kind: r.kind,
    state: r.state,
    dueAt: iso(r.due_at),
    attempts: r.attempts,
    sentAt: isoOrNull(r.sent_at),
    providerId: r.provider_id,
    lastError: r.last_error,
    createdAt: iso(r.created_at),
    history: alertStore.notifications.attempts(r.id).map((a) => ({
      at: iso(a.at),
      result: a.result,
      providerId: a.provider_id,
      error: a.error,
      response: a.response,
    })),
  };
}
