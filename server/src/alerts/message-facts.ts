import { channelCatalogue, type NotificationKind } from '@linewatch/shared';
import { hotlineReport } from '../incidents/hotline-report.js';
import { hotlineReportInput } from '../incidents/report-input.js';
import type { IncidentRow } from '../store/incidents.js';
import type { Store } from '../store/index.js';
import type { SiteRow } from '../store/sites.js';
import { ackToken } from './ack-token.js';
import type { AlertConfig } from './config.js';
import type { StoredChannel } from './store/channels.js';
import type { AlertStore } from './store/index.js';
import type { NotificationRow } from './store/notifications.js';
import type { MessageFacts } from './templates.js';

/** Gathers what a notification's message says, at the moment it is sent. */

export interface FactsDeps {
  store: Store;
  alertStore: AlertStore;
  config: AlertConfig;
  /** The acknowledge links' HMAC key. */
  ackKey(): Buffer;
}

/** Kinds whose e-mail carries the hotline report. */
const withReport: ReadonlySet<NotificationKind> = new Set(['alert', 'escalation']);
/** Kinds whose message carries the acknowledge link. */
const withAck: ReadonlySet<NotificationKind> = new Set(['alert', 'reminder', 'escalation', 'update']);

/** The sites of an incident: its own, or an area incident's children's (in the order they failed). */
export function incidentSites(store: Store, incident: IncidentRow | undefined): SiteRow[] {
  if (!incident) return [];
  const ids =
    incident.kind === 'site'
      ? [incident.site_id]
      : store.incidents.children(incident.id).map((c) => c.site_id);
  return ids.flatMap((id) => {
    const site = id ? store.sites.getById(id) : undefined;
    return site ? [site] : [];
  });
}

function report(deps: FactsDeps, row: NotificationRow, incident: IncidentRow, now: number): string | null {
  // An area incident is reported through its first site, with the others counted (as the API does).
  const subject = incident.kind === 'area' ? deps.store.incidents.children(incident.id)[0] : incident;
  const site = subject?.site_id ? deps.store.sites.getById(subject.site_id) : undefined;
  if (!subject || !site) return null;
  const input = hotlineReportInput(deps.store, site, subject, {
    lang: row.language,
    now,
    timeZone: deps.config.timeZone,
  });
  return hotlineReport(input).text;
}

/**
 * The facts of a row's message.
 *
 * @example
 * renderMessage(messageFacts(deps, row, channel, incident, sites, now))
 */
export function messageFacts(
  deps: FactsDeps,
  row: NotificationRow,
  channel: StoredChannel,
  incident: IncidentRow | undefined,
  sites: SiteRow[],
  now: number,
): MessageFacts {
  const { config } = deps;
  const email = channelCatalogue[channel.kind].medium === 'email';
  const ack =
    incident && withAck.has(row.kind)
      ? `${config.publicUrl}/ack/${ackToken(deps.ackKey(), { id: row.id, incidentId: incident.id }, row.created_at + config.ackTtlMs)}`
      : null;
  return {
    kind: row.kind,
    lang: row.language,
    timeZone: config.timeZone,
    now,
    orgName: deps.alertStore.orgName(row.org_id),
    channelName: channel.name,
    incident: incident ?? null,
    sites,
    links: { incident: incident ? `${config.publicUrl}/incidents/${incident.id}` : null, ack },
    report: incident && email && withReport.has(row.kind) ? report(deps, row, incident, now) : null,
  };
}
